/**
 * Longest increasing subsequence by patience sorting, O(n log n): `tails[l]` holds the index of
 * the smallest value that ends an increasing run of length l + 1, and `prev` links each element
 * to its predecessor so one longest run can be read back.
 * See e.g. Fredman 1975, "On computing the length of longest increasing subsequences".
 */

/**
 * Marks one longest strictly increasing subsequence of `seq`: `result[i] === 1` when `seq[i]`
 * belongs to it. Returns the marks and the length.
 */
export function longestIncreasingSubsequence(seq: ArrayLike<number>): { inLis: Uint8Array; length: number } {
  const n = seq.length;
  const inLis = new Uint8Array(n);
  if (n === 0) return { inLis, length: 0 };
  const tails = new Int32Array(n);
  const prev = new Int32Array(n);
  let len = 0;
  for (let i = 0; i < n; i++) {
    const v = seq[i];
    // Fast path: extends the longest run (the common case for mostly ordered lists).
    if (len > 0 && seq[tails[len - 1]] < v) {
      prev[i] = tails[len - 1];
      tails[len++] = i;
      continue;
    }
    let lo = 0;
    let hi = len;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (seq[tails[mid]] < v) lo = mid + 1;
      else hi = mid;
    }
    prev[i] = lo > 0 ? tails[lo - 1] : -1;
    tails[lo] = i;
    if (lo === len) len++;
  }
  for (let i = tails[len - 1], k = len; k > 0; k--, i = prev[i]) inLis[i] = 1;
  return { inLis, length: len };
}
