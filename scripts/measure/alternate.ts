/**
 * Is the fast/slow state of a benchmark the process's or the machine's? NP pages (each its own
 * renderer process) take turns running the same benchmarks REP times; prints the medians (µs) rep by
 * rep, pages side by side. If the state belonged to each process, the pages would flip independently.
 *
 *   IDS=reactivity/effect-fan-out,reactivity/triangle,reactivity/deep-propagation REP=15 node --import tsx scripts/measure/alternate.ts
 */
import { median } from 'simple-statistics';
import { bundleSuites } from '../../src/core/session.ts';
import { findSuites, selectSuites } from '../../src/browser/bundle.ts';
import { startServer } from '../../src/browser/server.ts';
import { launchBrowser } from '../../src/browser/launch.ts';
import { discoverBrowser } from '../../src/browser/discover.ts';
import { openSuitePage } from '../../src/browser/page-session.ts';
const ids = (process.env.IDS ?? 'reactivity/effect-fan-out').split(',');
const REP = Number(process.env.REP ?? 20);
const NP = Number(process.env.NP ?? 2);
const suite = ids[0]!.split('/')[0]!;
const [bundle] = await bundleSuites(selectSuites(findSuites('suites'), [suite]));
const server = await startServer();
server.set(`/${suite}/`, { contentType: 'text/html', body: `<!doctype html><script src="/${suite}/bundle.js"></script>` });
server.set(`/${suite}/bundle.js`, { contentType: 'text/javascript', body: bundle!.code });
const sampling = { minSamples: 3, minTimeMs: Number(process.env.T ?? 100), warmupMs: Number(process.env.WARM ?? 100), minSampleMs: 1, samplesOnly: true };
const browser = await launchBrowser(discoverBrowser().path);
console.log(`${new Date().toISOString()} ${browser.version}`);
const pages = [];
for (let k = 0; k < NP; k++) {
  const ctx = await browser.browser.createBrowserContext();
  pages.push(await openSuitePage(ctx, `${server.origin}/${suite}/`, server.origin, () => undefined));
}
for (let r = 0; r < REP; r++) {
  const line: string[] = [];
  for (const id of ids) for (const page of pages) {
    const o = await page.run(id, sampling);
    line.push((median(o.metrics.find((m) => m.metric === 'time')!.samples) * 1000).toFixed(2));
  }
  console.log('rep', r, line.join(' '));
}
await browser.close();
await server.close();
