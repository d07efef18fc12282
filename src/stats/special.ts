/**
 * Special functions behind the p-values: regularized incomplete beta (Student t) and regularized
 * incomplete gamma (normal distribution via erfc).
 *
 * Why our own: simple-statistics has `gammaln` (Lanczos, ~1e-15 absolute, used here) but no
 * incomplete beta, and its normal CDF is a 4-digit table and its `errorFunction` is accurate to
 * only ~1e-7, too coarse for p-values of 1e-6 that Benjamini–Hochberg then multiplies.
 *
 * Algorithms: Numerical Recipes (Press et al., 3rd ed., 2007) §6.2 (incomplete gamma: series for
 * x < a+1, continued fraction otherwise) and §6.4 (incomplete beta: continued fraction evaluated
 * with the modified Lentz method, using the symmetry I_x(a,b) = 1 - I_{1-x}(b,a) where the fraction
 * converges slowly). Checked against scipy.special.betainc / gammaincc in test/stats/special.test.ts.
 */
import { gammaln } from 'simple-statistics';

const EPS = 1e-16;
const TINY = 1e-300;
const MAX_ITERATIONS = 100_000;

/** ln Γ(x) for x > 0 (simple-statistics' Lanczos approximation, g = 607/128, 15 terms). */
export function lnGamma(x: number): number {
  return gammaln(x);
}

/**
 * Remainder of Stirling's series, ln Γ(x) - [(x - 1/2) ln x - x + ln √(2π)]
 * = Σ B_2k / (2k(2k-1) x^(2k-1)) (A&S 6.1.40), truncated after B_14: error < 1e-16 for x >= 10.
 */
function stirlingRemainder(x: number): number {
  const r = 1 / (x * x);
  return (
    (1 / x) *
    (1 / 12 + r * (-1 / 360 + r * (1 / 1260 + r * (-1 / 1680 + r * (1 / 1188 + r * (-691 / 360360 + r / 156))))))
  );
}

/**
 * ln B(a, b) = ln Γ(a) + ln Γ(b) - ln Γ(a+b). When the larger argument is >= 10 the difference
 * ln Γ(big) - ln Γ(big + small) is taken from Stirling's series as
 * -(big - 1/2)·log1p(small/big) - small·ln(big + small) + small + remainder(big) - remainder(big + small)
 * (the idea of TOMS 708's `algdiv`, Didonato & Morris 1992), because subtracting two large ln Γ
 * values would lose ~|ln Γ|·ε absolute accuracy (1e-9 at ν = 10^6 in the t CDF).
 */
export function lnBeta(a: number, b: number): number {
  const big = Math.max(a, b);
  const small = Math.min(a, b);
  if (big < 10) return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
  const sum = big + small;
  const diff =
    -(big - 0.5) * Math.log1p(small / big) -
    small * Math.log(sum) +
    small +
    stirlingRemainder(big) -
    stirlingRemainder(sum);
  return lnGamma(small) + diff;
}

/**
 * Regularized incomplete beta I_x(a, b) = B(x; a, b) / B(a, b), as scipy.special.betainc(a, b, x)
 * and NR's betai(a, b, x) (same argument order).
 * Requires a > 0, b > 0, 0 <= x <= 1; returns NaN otherwise.
 */
export function regularizedIncompleteBeta(a: number, b: number, x: number): number {
  return incompleteBetaXY(x, 1 - x, a, b);
}

/**
 * I_x(a, b) given both x and y = 1 - x (and optionally ln x, ln y). Callers that know y or ln x more
 * accurately than 1 - x or Math.log(x) (the Student t CDF: y = t²/(ν+t²) is tiny near t = 0, and
 * ln x = -log1p(t²/ν) matters when multiplied by a = ν/2 for large ν) pass them to avoid cancellation.
 */
export function incompleteBetaXY(
  x: number,
  y: number,
  a: number,
  b: number,
  lnX = Math.log(x),
  lnY = Math.log(y),
): number {
  if (!(a > 0) || !(b > 0) || !(x >= 0) || !(y >= 0) || Number.isNaN(x + y)) return Number.NaN;
  if (x === 0) return 0;
  if (y === 0) return 1;
  // Prefactor x^a y^b / (a B(a,b)), NR eq. 6.4.6, in logs to avoid overflow.
  const lnFront = a * lnX + b * lnY - lnBeta(a, b);
  if (x < (a + 1) / (a + b + 2)) {
    return (Math.exp(lnFront) * betaContinuedFraction(x, a, b)) / a;
  }
  return 1 - (Math.exp(lnFront) * betaContinuedFraction(y, b, a)) / b;
}

/** Continued fraction of NR eq. 6.4.5 by the modified Lentz method (NR §5.2). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    // Even step: d_{2m} = m(b-m)x / ((a+2m-1)(a+2m)).
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    // Odd step: d_{2m+1} = -(a+m)(a+b+m)x / ((a+2m)(a+2m+1)).
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) <= EPS) return h;
  }
  throw new Error(`incomplete beta: continued fraction did not converge (a=${a}, b=${b}, x=${x})`);
}

/**
 * Regularized upper incomplete gamma Q(a, x) = Γ(a, x) / Γ(a), as scipy.special.gammaincc(a, x).
 * Series (NR 6.2.5) for x < a + 1, continued fraction (NR 6.2.7, Lentz) otherwise, so that the
 * small tail value is computed directly rather than as 1 - P.
 */
export function regularizedGammaQ(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) return Number.NaN;
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  if (x < a + 1) return 1 - gammaSeries(a, x);
  return gammaContinuedFraction(a, x);
}

/** Regularized lower incomplete gamma P(a, x) = 1 - Q(a, x). */
export function regularizedGammaP(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) return Number.NaN;
  if (x === 0) return 0;
  if (x === Infinity) return 1;
  if (x < a + 1) return gammaSeries(a, x);
  return 1 - gammaContinuedFraction(a, x);
}

function gammaSeries(a: number, x: number, lnGammaA: number = lnGamma(a)): number {
  let ap = a;
  let del = 1 / a;
  let sum = del;
  for (let n = 0; n < MAX_ITERATIONS; n++) {
    ap += 1;
    del *= x / ap;
    sum += del;
    if (Math.abs(del) < Math.abs(sum) * EPS) {
      return sum * Math.exp(-x + a * Math.log(x) - lnGammaA);
    }
  }
  throw new Error(`incomplete gamma: series did not converge (a=${a}, x=${x})`);
}

function gammaContinuedFraction(a: number, x: number, lnGammaA: number = lnGamma(a)): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) <= EPS) return Math.exp(-x + a * Math.log(x) - lnGammaA) * h;
  }
  throw new Error(`incomplete gamma: continued fraction did not converge (a=${a}, x=${x})`);
}

/** ln Γ(1/2) = ln √π, exact, so erfc does not inherit the Lanczos error. */
const LN_SQRT_PI = 0.5 * Math.log(Math.PI);

/**
 * Complementary error function erfc(x) = 1 - erf(x), via erfc(x) = Q(1/2, x²) for x >= 0
 * (Abramowitz & Stegun 6.5.17) and erfc(-x) = 2 - erfc(x). Accurate to ~1e-15 relative in the tail.
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  const x2 = x * x;
  if (x2 < 1.5) return 1 - gammaSeries(0.5, x2, LN_SQRT_PI);
  return gammaContinuedFraction(0.5, x2, LN_SQRT_PI);
}

/**
 * Inverse of the regularized incomplete beta in x: the x in [0, 1] with I_x(a, b) = q, as
 * scipy.special.betaincinv(a, b, q). Used for Clopper–Pearson limits (binomial.ts).
 *
 * Newton's method on I_x(a, b) - q with derivative x^(a-1) (1-x)^(b-1) / B(a, b), safeguarded by
 * bisection inside a bracket [lo, hi] that always holds the root (I is increasing in x); the bisection
 * is geometric while the bracket spans orders of magnitude, because small-count limits sit near 0.
 * Converged when a step moves x by less than 4 ulp.
 */
export function inverseRegularizedIncompleteBeta(a: number, b: number, q: number): number {
  if (!(a > 0) || !(b > 0) || !(q >= 0 && q <= 1)) return Number.NaN;
  if (q === 0) return 0;
  if (q === 1) return 1;
  const lnB = lnBeta(a, b);
  let lo = 0;
  let hi = 1;
  let x = a / (a + b);
  for (let i = 0; i < 2000; i++) {
    const value = regularizedIncompleteBeta(a, b, x) - q;
    if (value === 0) return x;
    if (value < 0) lo = x;
    else hi = x;
    const density = Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - lnB);
    let next = x - value / density;
    if (!(next > lo && next < hi)) {
      next = lo > 0 && hi / lo > 4 ? Math.sqrt(lo * hi) : lo === 0 ? hi / 4 : 0.5 * (lo + hi);
    }
    const step = Math.abs(next - x);
    x = next;
    if (step <= 4 * Number.EPSILON * x || hi - lo <= 2 * Number.EPSILON * hi) break;
  }
  return x;
}
