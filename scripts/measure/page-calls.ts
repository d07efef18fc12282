// Usage: S=1 node --import tsx scripts/measure/page-calls.ts (docs/statistics.md §6 quotes it)
// One interleaved two-side session of the default suites: where the wall time goes, per page call.
import { bundleSuites, Session } from '../../src/browser/session.ts';
import { findSuites, selectSuites } from '../../src/browser/bundle.ts';
import { listBenchmarks, perRound, DEFAULT_SAMPLING, controlsFile } from '../../src/core/run.ts';
import { measureSessions } from '../../src/core/sessions.ts';
const suites = ['reactivity', 'diffing', 'scheduler', 'pools', 'memo'];
const S = Number(process.env.S ?? 1);
const bundles = await bundleSuites([...selectSuites(findSuites('suites'), suites), controlsFile()]);
const { plan } = await listBenchmarks(bundles, {} as any);
const acc = new Map<string, { ms: number; n: number }>();
const add = (k: string, ms: number) => {
  const e = acc.get(k) ?? { ms: 0, n: 0 };
  e.ms += ms;
  e.n++;
  acc.set(k, e);
};
const orig = Session.prototype.openPage;
Session.prototype.openPage = async function (this: Session, ...a: [string, string?]) {
  const t = performance.now();
  const p: any = await orig.apply(this, a);
  add('open', performance.now() - t);
  for (const m of ['prepare', 'sample', 'finish', 'close', 'release', 'run']) {
    const f = p[m];
    p[m] = async (...args: any[]) => {
      const t1 = performance.now();
      const r = await f(...args);
      const dom = typeof args[0] === 'string' && /mode=dom/.test(args[0]) ? ' dom' : '';
      add(m + dom, performance.now() - t1);
      return r;
    };
  }
  return p;
};
const t0 = performance.now();
let inPage = 0;
await measureSessions({
  sides: [
    { key: 'A', bundles },
    { key: 'B', bundles },
  ],
  plan,
  sessions: S,
  firstSession: 1,
  sampling: perRound(DEFAULT_SAMPLING, 16),
  innerFor: {},
  onProgress: (p) => {
    if (p.phase === 'done') inPage += p.outcome!.durationMs;
  },
});
const wall = performance.now() - t0;
console.log(`wall ${(wall / 1000).toFixed(1)} s, in-page ${(inPage / 1000).toFixed(1)} s`);
for (const [k, v] of [...acc].sort((a, b) => b[1].ms - a[1].ms))
  console.log(k.padEnd(12), (v.ms / 1000).toFixed(2), 's', v.n, 'calls', (v.ms / v.n).toFixed(1), 'ms/call');
