/**
 * Is the fast/slow state of a benchmark the process's or the machine's? NP pages (each its own
 * renderer process) take turns running the same benchmarks REP times; prints the medians (µs) rep by
 * rep, pages side by side. If the state belonged to each process, the pages would flip independently.
 *
 *   IDS=reactivity/effect-fan-out,reactivity/triangle,reactivity/deep-propagation REP=15 \
 *     node --import tsx scripts/measure/alternate.ts
 */
import { median } from 'simple-statistics';
import { oneSuite } from './one-suite.ts';
const ids = (process.env.IDS ?? 'reactivity/effect-fan-out').split(',');
const REP = Number(process.env.REP ?? 20);
const NP = Number(process.env.NP ?? 2);
const suite = ids[0]!.split('/')[0]!;
const host = await oneSuite(suite);
const sampling = {
  minSamples: 3,
  minTimeMs: Number(process.env.T ?? 100),
  warmupMs: Number(process.env.WARM ?? 100),
  minSampleMs: 1,
  samplesOnly: true,
};
const browser = host.browser;
console.log(`${new Date().toISOString()} ${browser.version}`);
const pages = [];
for (let k = 0; k < NP; k++) {
  pages.push(await host.openPage());
}
for (let r = 0; r < REP; r++) {
  const line: string[] = [];
  for (const id of ids)
    for (const page of pages) {
      const o = await page.run(id, sampling);
      line.push((median(o.metrics.find((m) => m.metric === 'time')!.samples) * 1000).toFixed(2));
    }
  console.log('rep', r, line.join(' '));
}
await host.close();
