/**
 * Do a benchmark's modes belong to the process or to each setup? Runs the benchmark REP times in
 * each of K fresh pages (setup, warm-up, sampling, teardown each time) and prints the medians (µs)
 * row by row. EXPGC=1 adds gc() after setup and after warm-up (a candidate cause that did not help).
 *
 *   IDS=reactivity/triangle K=6 REP=6 WARM=100 node --import tsx scripts/measure/within-page.ts
 */
import { median } from 'simple-statistics';
import { oneSuite } from './one-suite.ts';

const ids = (process.env.IDS ?? 'reactivity/effect-fan-out').split(',');
const K = Number(process.env.K ?? 6);
const REP = Number(process.env.REP ?? 5);
const WARM = Number(process.env.WARM ?? 100);
const suite = ids[0]!.split('/')[0]!;
const host = await oneSuite(suite);
const sampling = { minSamples: 10, minTimeMs: 150, warmupMs: WARM, minSampleMs: 1, samplesOnly: true };
const browser = host.browser;
console.log(`${new Date().toISOString()} ${browser.version} warm-up ${WARM} ms`);
for (let k = 0; k < K; k++) {
  const page = await host.openPage();
  const line: string[] = [];
  for (let r = 0; r < REP; r++) {
    for (const id of ids) {
      const o = await page.run(id, sampling);
      line.push((median(o.metrics.find((m) => m.metric === 'time')!.samples) * 1000).toFixed(2));
    }
  }
  console.log('page', k, line.join(' '));
  await page.close();
}
await host.close();
