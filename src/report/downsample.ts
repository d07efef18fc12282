/**
 * Downsampling of what a trend chart draws. A chart is about 550 px wide: a history of 1,000 or
 * 10,000 runs cannot show more than a few hundred distinct points, and drawing every one made a
 * 1,000-run report 36 MB. Largest-Triangle-Three-Buckets keeps the points that shape the line
 * (peaks, dips, steps) rather than every k-th one, which can miss a spike entirely.
 */

/**
 * Indices (ascending) of the points to draw: every index in `keep` and the first and last point,
 * plus LTTB picks up to `threshold` points in all (more only when `keep` alone holds more).
 *
 * LTTB: Sveinn Steinarsson, "Downsampling Time Series for Visual Representation", MSc thesis,
 * University of Iceland, 2013, ch. 4.2. The points between two fixed ones are cut into equal
 * buckets; from each bucket, in order, the point that makes the largest triangle with the point
 * chosen before it and the average of the next bucket is kept. Here x is the point's index (runs
 * are drawn evenly spaced), and the kept indices split the series into segments, each downsampled
 * on its own with its ends fixed, so a forced point (a change point, a recent run) is exact and
 * never displaced by a bucket boundary. The remaining budget goes to the segments in proportion to
 * the points they hold (largest remainders, ties to the earlier segment: deterministic).
 *
 * A non-finite value is picked only from a bucket with no finite one (its triangle has no area);
 * a caller that must show a gap puts it in `keep`.
 */
export function downsampleLttb(values: readonly number[], threshold: number, keep: Iterable<number> = []): number[] {
  const n = values.length;
  if (n === 0) return [];
  const fixed = new Set<number>([0, n - 1]);
  for (const i of keep) if (Number.isInteger(i) && i >= 0 && i < n) fixed.add(i);
  const anchors = [...fixed].sort((a, b) => a - b);
  const budget = Math.max(0, Math.floor(threshold)) - anchors.length;
  if (n <= Math.max(threshold, anchors.length)) return Array.from({ length: n }, (_, i) => i);
  if (budget <= 0) return anchors;

  const segments = anchors.slice(1).map((end, k) => ({ start: anchors[k]!, end, inner: end - anchors[k]! - 1 }));
  const shares = allocate(
    segments.map((s) => s.inner),
    budget,
  );
  const out: number[] = [anchors[0]!];
  segments.forEach((s, k) => {
    out.push(...lttbBetween(values, s.start, s.end, shares[k]!), s.end);
  });
  return out;
}

/**
 * Splits `total` picks across segments holding `sizes` inner points, in proportion to their
 * sizes (Hamilton's largest-remainder method). `total` never exceeds the sum of `sizes`, and no
 * segment gets more picks than it has points.
 */
export function allocate(sizes: readonly number[], total: number): number[] {
  const sum = sizes.reduce((a, b) => a + b, 0);
  if (sum === 0 || total <= 0) return sizes.map(() => 0);
  const want = Math.min(total, sum);
  const exact = sizes.map((m) => (want * m) / sum);
  const out = exact.map(Math.floor);
  let left = want - out.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, k) => ({ k, frac: x - Math.floor(x) }))
    .filter(({ k }) => out[k]! < sizes[k]!)
    .sort((a, b) => b.frac - a.frac || a.k - b.k);
  for (const { k } of order) {
    if (left <= 0) break;
    out[k]!++;
    left--;
  }
  return out;
}

/**
 * LTTB picks strictly between the fixed points `start` and `end`: `k` of them, one per bucket of
 * the inner points. The last bucket's "next" is the fixed point `end` itself.
 */
function lttbBetween(values: readonly number[], start: number, end: number, k: number): number[] {
  const m = end - start - 1;
  if (k <= 0 || m <= 0) return [];
  if (k >= m) return Array.from({ length: m }, (_, j) => start + 1 + j);
  // Bucket j holds inner points [lo(j), lo(j + 1)) as absolute indices.
  const lo = (j: number): number => start + 1 + Math.floor((j * m) / k);
  const out: number[] = [];
  let prev = start;
  for (let j = 0; j < k; j++) {
    const a = lo(j);
    const b = lo(j + 1);
    // Average of the next bucket (or the end point after the last bucket), finite values only.
    let nx = end;
    let ny = values[end]!;
    if (j + 1 < k) {
      const c = b;
      const d = lo(j + 2);
      let sx = 0;
      let sy = 0;
      let cnt = 0;
      for (let i = c; i < d; i++) {
        if (!Number.isFinite(values[i]!)) continue;
        sx += i;
        sy += values[i]!;
        cnt++;
      }
      if (cnt > 0) {
        nx = sx / cnt;
        ny = sy / cnt;
      }
    }
    const px = prev;
    const py = values[prev]!;
    let best = a;
    let bestArea = -1;
    for (let i = a; i < b; i++) {
      const v = values[i]!;
      if (!Number.isFinite(v)) continue;
      // Twice the triangle's area; the factor does not change which point wins.
      const area = Math.abs((px - nx) * (v - py) - (px - i) * (ny - py));
      const safe = Number.isFinite(area) ? area : 0;
      if (safe > bestArea) {
        bestArea = safe;
        best = i;
      }
    }
    out.push(best);
    prev = best;
  }
  return out;
}
