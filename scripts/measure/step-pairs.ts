/**
 * Two pages (processes) of the same suite per session: each benchmark once per page one after the
 * other (coarse), then both pages prepared and sampled in ALT alternating steps of CH ms (fine).
 * Prints the fine per-session medians of both sides and the SD of the log medians and log ratios.
 *
 *   IDS=reactivity/effect-fan-out,reactivity/triangle,reactivity/deep-propagation S=10 ALT=10 CH=10 \
 *     node --import tsx scripts/measure/step-pairs.ts
 */
import { median, standardDeviation } from 'simple-statistics';
import { oneSuite } from './one-suite.ts';
const ids = (process.env.IDS ?? 'reactivity/effect-fan-out').split(',');
const S = Number(process.env.S ?? 10);
const ALT = Number(process.env.ALT ?? 10);
const suite = ids[0]!.split('/')[0]!;
const host = await oneSuite(suite);
const coarse = { minSamples: 3, minTimeMs: 100, warmupMs: 100, minSampleMs: 1, samplesOnly: true };
const browser = host.browser;
console.log(`${new Date().toISOString()} ${browser.version}`);
const res: Record<string, { ca: number[]; cb: number[]; fa: number[]; fb: number[] }> = {};
const t = (o: any) => o.metrics.find((m: any) => m.metric === 'time')!.samples as number[];
for (let s = 0; s < S; s++) {
  const pages = [];
  for (let k = 0; k < 2; k++) {
    pages.push(await host.openPage());
  }
  for (const id of ids) {
    res[id] ??= { ca: [], cb: [], fa: [], fb: [] };
    const r = res[id]!;
    const ord = s % 2 ? [1, 0] : [0, 1];
    const c: number[] = [];
    for (const k of ord) c[k] = median(t(await pages[k]!.run(id, coarse)));
    r.ca.push(c[0]!);
    r.cb.push(c[1]!);
    for (const k of ord) await pages[k]!.prepare(id, coarse);
    for (let i = 0; i < ALT; i++)
      for (const k of i % 2 ? [ord[1]!, ord[0]!] : ord)
        await pages[k]!.sample(id, { minSamples: 1, minTimeMs: Number(process.env.CH ?? 10) });
    const fs: number[][] = [[], []];
    for (const k of ord) fs[k] = t(await pages[k]!.finish(id, coarse));
    r.fa.push(median(fs[0]!));
    r.fb.push(median(fs[1]!));
  }
  for (const p of pages) await p.close();
}
const sdl = (a: number[]) => standardDeviation(a.map(Math.log)).toFixed(3);
const sdr = (a: number[], b: number[]) => standardDeviation(a.map((x, i) => Math.log(b[i]! / x))).toFixed(3);
for (const [id, r] of Object.entries(res)) {
  console.log(id, 'A', r.fa.map((x) => (x * 1000).toFixed(2)).join(' '));
  console.log(id, 'B', r.fb.map((x) => (x * 1000).toFixed(2)).join(' '));
  console.log(
    id,
    'coarse: sd logA',
    sdl(r.ca),
    'sd ratio',
    sdr(r.ca, r.cb),
    '| fine: sd logA',
    sdl(r.fa),
    'sd ratio',
    sdr(r.fa, r.fb),
  );
}
console.log(new Date().toISOString());
await host.close();
