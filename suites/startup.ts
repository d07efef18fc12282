/**
 * startup: a cold load of an app of N keyed row components (suites/startup.app.ts: the
 * components suite's table), the guide's < 200 ms time to interactive. `app?components=N&cpu=R`:
 * each sample is one load in a fresh tab with the HTTP cache disabled and the CPU slowed R times
 * (CDP Emulation.setCPUThrottlingRate; 4 is Lighthouse's mobile preset), through the harness's
 * host API (`ctx.host.loadPage`). Per load, ms from navigation start:
 * - `fcp`: first contentful paint;
 * - `firstRender`: the app's mark right after its first `mount` returned;
 * - `tti`: time to interactive, Lighthouse's rule (src/suite/tti.ts) with a QUIET_WINDOW_MS window.
 * Without a host (Node, unit tests) `measure` reports nothing rather than made-up figures.
 */
import { bench, defineSuite, type BenchContext, type MetricDecl } from '../src/suite/api.js';

/**
 * Lighthouse waits for 5 s without long tasks; 1 s here, because every load waits out the whole
 * window: at 5 s, 3 loads of 4 benchmarks would spend a minute per session idling on a 2-core CI
 * machine. The app makes no work after its first render, so a longer window would find the same
 * last long task.
 */
export const QUIET_WINDOW_MS = 1000;
/** Loads per session, at most: each is a fresh tab and a quiet window. */
export const MAX_LOADS = 3;

type Params = { components: number; cpu: number };

/** The app page, relative to the suite page (the host resolves it on the same server and side). */
export const appUrl = (components: number): string => `app/?components=${components}`;

const ms = (description: string): MetricDecl => ({ unit: 'ms', direction: 'lower', kind: 'gauge', description });

async function measure(ctx: BenchContext<Params>, opts: { minSamples: number }): Promise<void> {
  const host = ctx.host;
  if (!host) return;
  const loads = Math.min(MAX_LOADS, Math.max(1, opts.minSamples));
  for (let i = 0; i < loads; i++) {
    const t = await host.loadPage(appUrl(ctx.params.components), {
      cpuThrottling: ctx.params.cpu,
      quietWindowMs: QUIET_WINDOW_MS,
    });
    if (t.firstRender === null) throw new Error('startup: the app page set no first-render mark');
    ctx.report('fcp', t.fcp);
    ctx.report('firstRender', t.firstRender);
    ctx.report('tti', t.tti);
  }
}

export default defineSuite({
  name: 'startup',
  description: 'cold load of an app of N row components: FCP, first render, time to interactive (guide: < 200 ms)',
  benchmarks: [
    bench({
      name: 'app',
      description: 'cold load (fresh tab, no cache) of a table of N keyed row components',
      params: { components: [100, 1000], cpu: [1, 4] },
      metrics: {
        fcp: ms('first contentful paint, from navigation start'),
        firstRender: ms("end of the app's first render (its mark after mount), from navigation start"),
        tti: ms(`time to interactive (Lighthouse's rule, ${QUIET_WINDOW_MS} ms quiet window), from navigation start`),
      },
      measure,
    }),
  ],
});
