/**
 * Normal and Student t distribution functions for p-values and critical values.
 *
 * - Normal CDF/SF through erfc (see special.ts): Φ(z) = erfc(-z/√2)/2 (Abramowitz & Stegun 26.2.29),
 *   accurate in the far tails where 1 - Φ would cancel.
 * - Normal quantile: Acklam's rational approximation (P. J. Acklam, "An algorithm for computing the
 *   inverse normal cumulative distribution function", 2003; relative error 1.15e-9) refined by one
 *   Halley step on Φ, which brings it to ~1e-15 like scipy.special.ndtri.
 * - Student t: F(t; ν) through the regularized incomplete beta, I_{ν/(ν+t²)}(ν/2, 1/2) is the two-sided
 *   tail P(|T| >= |t|) (NR §6.14.10; A&S 26.7.1), as scipy.stats.t.cdf / .sf.
 */
import { erfc, incompleteBetaXY, lnBeta } from './special.js';

/** Standard normal CDF Φ(z), as scipy.special.ndtr. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** Standard normal survival function 1 - Φ(z), computed without cancellation. */
export function normalSf(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

const A = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
  2.506628277459239,
];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

/** Standard normal quantile Φ⁻¹(p), as scipy.special.ndtri; ±Infinity at p = 0 / 1, NaN outside [0, 1]. */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return Number.NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p > 0.5) return -normalQuantile(1 - p);
  let x: number;
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!) /
      ((((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1);
  } else {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((A[0]! * r + A[1]!) * r + A[2]!) * r + A[3]!) * r + A[4]!) * r + A[5]!) * q) /
      (((((B[0]! * r + B[1]!) * r + B[2]!) * r + B[3]!) * r + B[4]!) * r + 1);
  }
  // One Halley step: e = Φ(x) - p, u = e / φ(x); x ← x - u / (1 + x·u/2).
  const e = normalCdf(x) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

/**
 * Two-sided tail of Student's t with ν degrees of freedom: P(|T| >= |t|) = I_{ν/(ν+t²)}(ν/2, 1/2).
 * ν may be fractional (Welch–Satterthwaite); ν = Infinity gives the normal tail.
 */
export function studentTTwoSided(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (!Number.isFinite(t)) return 0;
  if (df === Infinity) return 2 * normalSf(Math.abs(t));
  const t2 = t * t;
  // x = ν/(ν+t²) and y = t²/(ν+t²) = 1 - x, each computed directly.
  const y = t2 / (df + t2);
  return incompleteBetaXY(df / (df + t2), y, df / 2, 0.5, -Math.log1p(t2 / df), Math.log(y));
}

/** Student t CDF P(T <= t), as scipy.stats.t.cdf(t, df). */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (t === -Infinity) return 0;
  if (t === Infinity) return 1;
  const tail = 0.5 * studentTTwoSided(t, df);
  return t < 0 ? tail : 1 - tail;
}

/** Student t survival function P(T > t), as scipy.stats.t.sf(t, df); exact in the upper tail. */
export function studentTSf(t: number, df: number): number {
  return studentTCdf(-t, df);
}

/**
 * Student t density f(t; ν) = (1 + t²/ν)^(-(ν+1)/2) / (√ν B(ν/2, 1/2)) (A&S 26.7.1), with ln B from
 * special.ts so that large ν does not cancel; ν = Infinity gives the normal density.
 */
export function studentTPdf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (df === Infinity) return Math.exp(-0.5 * t * t) / Math.sqrt(2 * Math.PI);
  return Math.exp(-0.5 * Math.log(df) - lnBeta(df / 2, 0.5) - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/**
 * Student t quantile F⁻¹(p; ν), as scipy.stats.t.ppf(p, df); ν may be fractional (Welch–Satterthwaite).
 *
 * Why a root finder: there is no closed form for general ν. We solve for s = |t| by Newton's method
 * on the tail that is small, safeguarded by bisection inside a bracket, so each step stays valid
 * however heavy the tails (ν < 1 puts the 1e-12 quantile near 1e24):
 * - p < 1/4: the two-sided tail P(|T| >= s) = I_{ν/(ν+s²)}(ν/2, 1/2) equals 2p;
 * - 1/4 <= p < 1/2: the central mass P(|T| < s) = I_{s²/(ν+s²)}(1/2, ν/2) equals 1 - 2p (exact in
 *   floating point there, Sterbenz), which keeps quantiles near 0 accurate to full relative precision.
 * p > 1/2 uses symmetry (1 - p is exact for p >= 1/2). The Newton derivative is ∓2 f(s; ν).
 * Starting point: the Cornish–Fisher expansion of t in the normal quantile z (A&S 26.7.5) for ν >= 4,
 * which leaves one or two Newton steps; z itself for smaller ν, where the series diverges. Converged when a step
 * changes s by less than 4 ulp. Accurate to 1e-10 relative against scipy for ν up to ~1e6
 * (test/stats/sessions.test.ts); beyond that the incomplete beta of the CDF itself loses digits
 * (~3e-10 at ν = 1e7), far above any df a session test produces.
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p >= 0 && p <= 1) || !(df > 0)) return Number.NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  if (p > 0.5) return -studentTQuantile(1 - p, df);
  if (df === Infinity) return normalQuantile(p);
  const useTail = p < 0.25;
  // g(s) is increasing in s and zero at the answer.
  const g = useTail ? (s: number) => 2 * p - studentTTwoSided(s, df) : (s: number) => centralMass(s, df) - (1 - 2 * p);
  let lo = 0;
  let hi = Infinity;
  let s = Math.max(startingPoint(-normalQuantile(p), df), Number.MIN_VALUE);
  for (let i = 0; i < 1000; i++) {
    const value = g(s);
    if (value === 0 || Number.isNaN(value)) break;
    if (value < 0) lo = s;
    else hi = s;
    let next = s - value / (2 * studentTPdf(s, df));
    if (!(next > lo && next < hi)) {
      // Outside the bracket: grow it, or bisect (geometrically while it spans orders of magnitude).
      next = hi === Infinity ? 2 * lo : lo > 0 && hi / lo > 4 ? Math.sqrt(lo * hi) : 0.5 * (lo + hi);
    }
    if (!Number.isFinite(next)) return -Infinity;
    const step = Math.abs(next - s);
    s = next;
    if (step <= 4 * Number.EPSILON * s) break;
  }
  return -s;
}

/** |t| from |z| by A&S 26.7.5 (four terms in 1/ν) for ν >= 4; |z| otherwise. */
function startingPoint(z: number, df: number): number {
  if (df < 4) return z;
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  const t = z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
  return Number.isFinite(t) && t > 0 ? t : z;
}

/** P(|T| < s) = I_{s²/(ν+s²)}(1/2, ν/2) for s >= 0, without forming 1 - P(|T| >= s). */
function centralMass(s: number, df: number): number {
  const s2 = s * s;
  const y = s2 / (df + s2);
  return incompleteBetaXY(y, df / (df + s2), 0.5, df / 2, Math.log(y), -Math.log1p(s2 / df));
}
