/**
 * How long must a warm-up be before the optimizing tier has taken over? A tiny suite (one loop of
 * 1,000 integer steps) is run REP times in each of K fresh pages with WARM ms of warm-up; a session
 * whose first column is 5-15x the rest was sampled before tier-up. docs/statistics.md quotes it.
 *
 *   for w in 100 300 600; do WARM=$w K=10 REP=2 node --import tsx scripts/measure/warmup.ts; done
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { median } from 'simple-statistics';
import { bundleSuite } from '../../src/browser/bundle.ts';
import { startServer } from '../../src/browser/server.ts';
import { launchBrowser } from '../../src/browser/launch.ts';
import { discoverBrowser } from '../../src/browser/discover.ts';
import { openSuitePage } from '../../src/browser/page-session.ts';

const K = Number(process.env.K ?? 8);
const REP = Number(process.env.REP ?? 3);
const WARM = Number(process.env.WARM ?? 100);
const dir = mkdtempSync(join(tmpdir(), 'jepsh-warmup-'));
const api = JSON.stringify(resolve('src/suite/api.ts'));
writeFileSync(
  join(dir, 'tiny.ts'),
  `import { defineSuite } from ${api};\n` +
    'function work(seed: number): number { let x = seed | 0; for (let i = 0; i < 1000; i++) x = (x * 31 + i) | 0; ' +
    'return x; }\n' +
    "export default defineSuite({ name: 'tiny', benchmarks: [{ name: 'work', setup: () => ({ x: 0 }), " +
    'run(ctx) { ctx.state.x = work(ctx.state.x); } }] });\n',
);
const code = await bundleSuite({ name: 'tiny', path: join(dir, 'tiny.ts') }, 'page');
const server = await startServer();
server.set('/s/', { contentType: 'text/html', body: `<!doctype html><script src="/s/bundle.js"></script>` });
server.set('/s/bundle.js', { contentType: 'text/javascript', body: code });
const browser = await launchBrowser(discoverBrowser().path);
const sampling = {
  minSamples: 5,
  minTimeMs: 100,
  warmupMs: WARM,
  minSampleMs: 1,
  samplesOnly: true,
  innerFor: {} as Record<string, number>,
};
console.log(`${new Date().toISOString()} ${browser.version} warm-up ${WARM} ms (ns per op, one row per page)`);
for (let k = 0; k < K; k++) {
  const ctx = await browser.browser.createBrowserContext();
  const page = await openSuitePage(ctx, `${server.origin}/s/`, server.origin, () => undefined);
  const line: string[] = [];
  for (let r = 0; r < REP; r++) {
    const o = await page.run('tiny/work', sampling);
    const t = o.metrics.find((m) => m.metric === 'time')!;
    sampling.innerFor['tiny/work'] ??= t.innerIterations;
    line.push((median(t.samples) * 1e6).toFixed(0));
  }
  console.log(line.join(' '));
  await page.close();
  await ctx.close();
}
await browser.close();
await server.close();
