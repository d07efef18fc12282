/**
 * Is a fresh browser context (a new renderer process) as independent a "session" as a fresh
 * browser? Alternates K sessions of each kind and prints the session medians (µs) of the chosen
 * reactivity benchmarks and the SD of their logs. docs/statistics.md quotes its output.
 *
 *   IDS='reactivity/effect-fan-out,reactivity/triangle,reactivity/deep-propagation' K=10 \
 *     node --import tsx scripts/measure/context-vs-browser.ts
 */
import { median } from 'simple-statistics';
import { bundleSuites } from '../../src/browser/session.ts';
import { findSuites, selectSuites } from '../../src/browser/bundle.ts';
import { startServer } from '../../src/browser/server.ts';
import { launchBrowser } from '../../src/browser/launch.ts';
import { discoverBrowser } from '../../src/browser/discover.ts';
import { openSuitePage } from '../../src/browser/page-session.ts';

const ids = (process.env.IDS ?? 'reactivity/effect-fan-out').split(',');
const K = Number(process.env.K ?? 8);
const chromium = discoverBrowser().path;
const [bundle] = await bundleSuites(selectSuites(findSuites('suites'), ['reactivity']));
const server = await startServer();
server.set('/reactivity/', {
  contentType: 'text/html',
  body: `<!doctype html><script src="/reactivity/bundle.js"></script>`,
});
server.set('/reactivity/bundle.js', { contentType: 'text/javascript', body: bundle!.code });
const sampling = { minSamples: 10, minTimeMs: 150, warmupMs: 100, minSampleMs: 1, samplesOnly: true };

async function oneSession(target: Parameters<typeof openSuitePage>[0]): Promise<Record<string, number>> {
  const page = await openSuitePage(target, `${server.origin}/reactivity/`, server.origin, () => undefined);
  const out: Record<string, number> = {};
  for (const id of ids) {
    const o = await page.run(id, sampling);
    out[id] = median(o.metrics.find((m) => m.metric === 'time')!.samples) * 1000;
  }
  await page.close();
  return out;
}

const res: Record<'browser' | 'context', Record<string, number[]>> = { browser: {}, context: {} };
for (const id of ids) {
  res.browser[id] = [];
  res.context[id] = [];
}
const shared = await launchBrowser(chromium);
for (let k = 0; k < K; k++) {
  const fresh = await launchBrowser(chromium);
  const a = await oneSession(fresh.browser);
  await fresh.close();
  const ctx = await shared.browser.createBrowserContext();
  const b = await oneSession(ctx);
  await ctx.close();
  for (const id of ids) {
    res.browser[id]!.push(a[id]!);
    res.context[id]!.push(b[id]!);
  }
}
await shared.close();
await server.close();
const sdLog = (xs: number[]) => {
  const l = xs.map(Math.log);
  const m = l.reduce((s, v) => s + v, 0) / l.length;
  return Math.sqrt(l.reduce((s, v) => s + (v - m) ** 2, 0) / (l.length - 1));
};
console.log(`${new Date().toISOString()} ${shared.version}`);
for (const id of ids)
  for (const kind of ['browser', 'context'] as const)
    console.log(
      kind.padEnd(8),
      id.padEnd(32),
      res[kind][id]!.map((x) => x.toFixed(2)).join(' '),
      'sd(log)',
      sdLog(res[kind][id]!).toFixed(3),
    );
