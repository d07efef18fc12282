/** Plain-text tables of `profile`: the top functions by self time, and the per-operation diff. */
import type { FunctionDiff, FunctionTime } from './cpuprofile.js';
import type { GcSummary } from './gc.js';
import type { FunctionTiers } from './v8log.js';

function table(head: string[], rows: string[][], right: ReadonlySet<number>): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)].join('\n') + '\n';
}

const pct = (part: number, whole: number): string => (whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : '-');

/** The `top` functions by self time, with their share of the profiled time. */
export function renderTopFunctions(functions: readonly FunctionTime[], top: number): string {
  const whole = functions.reduce((a, f) => a + f.selfMs, 0);
  const rows = functions
    .slice(0, top)
    .map((f) => [f.selfMs.toFixed(1), pct(f.selfMs, whole), pct(f.totalMs, whole), f.name, f.location]);
  return table(['self ms', 'self', 'total', 'function', 'source'], rows, new Set([0, 1, 2]));
}

/** The `top` functions whose self time per operation grew most from base to head. */
export function renderFunctionDiff(diffs: readonly FunctionDiff[], top: number): string {
  const us = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2));
  const rows = diffs
    .slice(0, top)
    .map((d) => [`${d.deltaUs >= 0 ? '+' : ''}${us(d.deltaUs)}`, us(d.baseUs), us(d.headUs), d.name, d.location]);
  return table(['+µs/op', 'base µs/op', 'head µs/op', 'function', 'source'], rows, new Set([0, 1, 2]));
}

export function renderGc(side: string, gc: GcSummary): string {
  return (
    `${side}: GC ${gc.minor} minor, ${gc.major} major; pauses ${gc.pauseMs.toFixed(1)} ms in all, ` +
    `longest ${gc.maxPauseMs.toFixed(2)} ms\n`
  );
}

/** The `top` most deoptimised (then most optimised) functions, each with its commonest deopt sites. */
export function renderTiers(side: string, tiers: readonly FunctionTiers[], top: number): string {
  if (tiers.length === 0) return `${side}: no function of the suite was optimised or deoptimised\n`;
  const deopts = tiers.reduce((a, t) => a + t.deopts, 0);
  const shown = tiers.slice(0, top);
  const rows = shown.map((t) => [String(t.deopts), String(t.optimizations), t.tier, t.name, t.location]);
  let text = `${side}: ${deopts} deopts in ${tiers.filter((t) => t.deopts > 0).length} of ${tiers.length} functions\n`;
  text += table(['deopts', 'optimised', 'top tier', 'function', 'source'], rows, new Set([0, 1]));
  for (const t of shown.filter((t) => t.deopts > 0)) {
    text += `  ${t.name}:\n`;
    for (const s of t.sites.slice(0, 3)) text += `    ${s.count}x ${s.reason} (${s.bailout}) at ${s.location}\n`;
  }
  return text;
}
