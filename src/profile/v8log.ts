/**
 * V8's own log (`--log-code --log-deopt --logfile=...`) reduced to what explains a multimodal
 * benchmark: which of the page's functions reached which tier, how often they were optimised, and
 * every deoptimisation with its reason and where in the sources it happened. Pure: log text in.
 *
 * Lines used (comma-separated; V8 escapes commas inside fields as \x2C):
 *   code-creation,JS,<kind>,<time>,<address>,<size>,<name> <url>:<line>:<column>,<sfi>,<marker>
 *   code-move,<from>,<to>
 *   code-deopt,<time>,<size>,<address>,<inlining id>,<offset>,<bailout type>,<position>,<reason>
 * where the position is `<url:line:column>`, followed by ` inlined at <...>` for inlined code.
 * The marker is the code's tier: `~` Ignition (bytecode), `^` Sparkplug, `+` Maglev, `*` TurboFan;
 * a trailing `'` marks context specialisation and a leading `o` on-stack replacement.
 */
import type { CallFrame, Locate } from './cpuprofile.js';

export type Tier = 'ignition' | 'sparkplug' | 'maglev' | 'turbofan';

const TIERS: Record<string, Tier> = { '~': 'ignition', '^': 'sparkplug', '+': 'maglev', '*': 'turbofan' };
const RANK: Record<Tier, number> = { ignition: 0, sparkplug: 1, maglev: 2, turbofan: 3 };

export interface DeoptSite {
  reason: string;
  bailout: string;
  /** Where it deoptimised, in the sources when mapped (the innermost inlined position). */
  location: string;
  count: number;
}

export interface FunctionTiers {
  name: string;
  /** Where the function starts, in the sources when mapped. */
  location: string;
  /** The highest tier its code reached. */
  tier: Tier;
  /** Optimised code made for it (Maglev and TurboFan, on-stack replacement included). */
  optimizations: number;
  deopts: number;
  sites: DeoptSite[];
}

interface Position {
  url: string;
  line: number;
  column: number;
}

/** `url:line:column` (1-based, as V8 logs them) at the end of a field. */
function position(text: string): Position | null {
  const m = /(\S+):(\d+):(\d+)$/.exec(text.trim());
  return m ? { url: m[1]!, line: Number(m[2]), column: Number(m[3]) } : null;
}

const unescape = (field: string): string => field.replace(/\\x2C/g, ',');

/** A log position as a profiler frame (0-based), so one `Locate` serves profiles and logs. */
const frameOf = (name: string, p: Position): CallFrame => ({
  functionName: name,
  scriptId: '',
  url: p.url,
  lineNumber: p.line - 1,
  columnNumber: p.column - 1,
});

/**
 * Functions of the scripts `keep` accepts that were optimised or deoptimised, the most
 * deoptimised first. `locate` names positions in the sources.
 */
export function functionTiers(log: string, keep: (url: string) => boolean, locate: Locate): FunctionTiers[] {
  const code = new Map<string, string>(); // code address -> function key
  const rows = new Map<string, FunctionTiers>();
  const where = (name: string, p: Position): string => locate(frameOf(name, p)) ?? `${p.url}:${p.line}:${p.column}`;
  for (const line of log.split('\n')) {
    if (line.startsWith('code-creation,JS,')) {
      const f = line.split(',');
      const field = unescape(f[6] ?? '');
      const p = position(field);
      if (!p || !keep(p.url)) continue;
      const name = field.slice(0, field.lastIndexOf(' ')).trim() || '(anonymous)';
      const key = `${name}\u0000${p.url}:${p.line}:${p.column}`;
      let row = rows.get(key);
      if (!row)
        rows.set(
          key,
          (row = { name, location: where(name, p), tier: 'ignition', optimizations: 0, deopts: 0, sites: [] }),
        );
      const marker = (f[8] ?? '').replace(/^o/, '').replace(/'$/, '');
      const tier = TIERS[marker];
      if (tier && RANK[tier] > RANK[row.tier]) row.tier = tier;
      if (tier === 'maglev' || tier === 'turbofan') row.optimizations++;
      code.set(f[4]!, key);
    } else if (line.startsWith('code-move,')) {
      const [, from, to] = line.split(',');
      const key = code.get(from!);
      if (key !== undefined && to) code.set(to, key);
    } else if (line.startsWith('code-deopt,')) {
      const f = line.split(',');
      const row = rows.get(code.get(f[3]!) ?? '');
      if (!row) continue;
      const at = /^<([^>]+)>/.exec(f[7] ?? '');
      const p = at ? position(at[1]!) : null;
      const reason = unescape(f.slice(8).join(','));
      const location = p ? where(row.name, p) : '';
      row.deopts++;
      const site = row.sites.find((s) => s.reason === reason && s.location === location && s.bailout === f[6]);
      if (site) site.count++;
      else row.sites.push({ reason, bailout: f[6] ?? '', location, count: 1 });
    }
  }
  return [...rows.values()]
    .filter((r) => r.optimizations > 0 || r.deopts > 0)
    .map((r) => ({ ...r, sites: r.sites.sort((a, b) => b.count - a.count) }))
    .sort((a, b) => b.deopts - a.deopts || b.optimizations - a.optimizations || a.name.localeCompare(b.name));
}
