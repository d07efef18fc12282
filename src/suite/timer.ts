/**
 * Timer diagnostics. Browsers coarsen performance.now() (100 us normally, 5 us when the page is
 * cross-origin isolated) and add jitter, so the smallest observed step understates the real
 * granularity. We report the median positive step between distinct readings: the grain a
 * measurement actually sees.
 */
export function measureTimerResolution(now: () => number, budgetMs = 30): number {
  const steps: number[] = [];
  let last = now();
  const end = last + budgetMs;
  for (;;) {
    const t = now();
    if (t !== last) {
      if (t > last) steps.push(t - last);
      last = t;
      if (steps.length >= 2000) break;
    }
    if (t >= end) break;
  }
  if (steps.length === 0) return Number.POSITIVE_INFINITY;
  steps.sort((a, b) => a - b);
  return steps[Math.floor(steps.length / 2)]!;
}

/**
 * How many operations make one sample of at least `targetMs`, given a function that times `n`
 * operations. Grows geometrically (x10 at most per step) then jumps straight to the target with
 * 20% headroom, so calibration costs a few batches, not a linear search. A batch that reaches the
 * target is timed again before it is accepted: the first calls of a function include compilation
 * and can take a millisecond on their own, which would otherwise leave batches of one operation
 * that the timer cannot resolve.
 */
export function calibrateInner(timeOps: (n: number) => number, targetMs: number, maxInner = 1e8): number {
  let inner = 1;
  for (let attempt = 0; attempt < 40; attempt++) {
    let t = timeOps(inner);
    if (t >= targetMs) t = Math.min(t, timeOps(inner));
    if (t >= targetMs || inner >= maxInner) return inner;
    const next = t > 0 ? Math.ceil((inner * targetMs * 1.2) / t) : inner * 10;
    inner = Math.min(maxInner, Math.max(inner + 1, Math.min(next, inner * 10)));
  }
  return inner;
}

/** Share of samples that read exactly zero: more than a few means the timer, not the code, was measured. */
export function zeroShare(samples: readonly number[]): number {
  if (samples.length === 0) return 0;
  let zeros = 0;
  for (const s of samples) if (s === 0) zeros++;
  return zeros / samples.length;
}
