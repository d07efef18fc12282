/**
 * Do a benchmark's modes belong to the process or to each setup? Runs the benchmark REP times in
 * each of K fresh pages (setup, warm-up, sampling, teardown each time) and prints the medians (µs)
 * row by row. EXPGC=1 adds gc() after setup and after warm-up (a candidate cause that did not help).
 *
 *   IDS=reactivity/triangle K=6 REP=6 WARM=100 node --import tsx scripts/measure/within-page.ts
 */
import { median } from 'simple-statistics';
import { bundleSuites } from '../../src/core/session.ts';
import { findSuites, selectSuites } from '../../src/browser/bundle.ts';
import { startServer } from '../../src/browser/server.ts';
import { launchBrowser } from '../../src/browser/launch.ts';
import { discoverBrowser } from '../../src/browser/discover.ts';
import { openSuitePage } from '../../src/browser/page-session.ts';

const ids = (process.env.IDS ?? 'reactivity/effect-fan-out').split(',');
const K = Number(process.env.K ?? 6);
const REP = Number(process.env.REP ?? 5);
const WARM = Number(process.env.WARM ?? 100);
const suite = ids[0]!.split('/')[0]!;
const [bundle] = await bundleSuites(selectSuites(findSuites('suites'), [suite]));
const server = await startServer();
server.set(`/${suite}/`, { contentType: 'text/html', body: `<!doctype html><script src="/${suite}/bundle.js"></script>` });
server.set(`/${suite}/bundle.js`, { contentType: 'text/javascript', body: bundle!.code });
const sampling = { minSamples: 10, minTimeMs: 150, warmupMs: WARM, minSampleMs: 1, samplesOnly: true };
const browser = await launchBrowser(discoverBrowser().path);
console.log(`${new Date().toISOString()} ${browser.version} warm-up ${WARM} ms`);
for (let k = 0; k < K; k++) {
  const ctx = await browser.browser.createBrowserContext();
  const page = await openSuitePage(ctx, `${server.origin}/${suite}/`, server.origin, () => undefined);
  const line: string[] = [];
  for (let r = 0; r < REP; r++) {
    for (const id of ids) {
      const o = await page.run(id, sampling);
      line.push((median(o.metrics.find((m) => m.metric === 'time')!.samples) * 1000).toFixed(2));
    }
  }
  console.log('page', k, line.join(' '));
  await page.close();
  await ctx.close();
}
await browser.close();
await server.close();
