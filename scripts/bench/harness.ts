/**
 * The harness's own benchmark (issue 16): generates stores of 1,000 and 10,000 runs
 * (scripts/bench/generate-store.ts) in a temporary folder and times what reads history, through
 * the real CLI (bin/jepsh-bench.js, a process each, as a user runs it), printing a markdown table.
 * Run it on a quiet machine: it spends minutes of CPU.
 *
 *   npm run bench:harness -- [--runs 1000,10000] [--repeat 3] [--from STORE[#RUN]] [--seed 1] [--keep]
 *     [--store-dir DIR]  (generate each store there once; later calls reuse it)
 *
 * Each command runs `--repeat` times; the table gives the median wall time, that time less the
 * median of `jepsh-bench --help` (process start-up: Node, the bundle, yargs), and the largest
 * resident set seen (/usr/bin/time, when present). `check --nightly` measures a run in Chromium
 * before it reads history, so its store side is timed on its own (scripts/bench/nightly-analysis.ts,
 * through tsx, with the time it reports from opening the store).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { median } from 'simple-statistics';
import { mulberry32 } from '../../src/suite/prng.js';
import { generateStore, readTemplate } from './generate-store.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TIME = '/usr/bin/time';

interface Timing {
  ms: number;
  rssMb: number | null;
  code: number | null;
  /** Time the child reported for itself (nightly-analysis), when it does. */
  innerMs?: number;
}

/** Runs one command from the repository root and times it; stdout is discarded, a failure's stderr shown. */
function timed(args: string[], scratch: string): Timing {
  const withTime = existsSync(TIME);
  const rssFile = join(scratch, 'rss.txt');
  const argv = withTime ? [TIME, '-f', '%M', '-o', rssFile, process.execPath, ...args] : [process.execPath, ...args];
  const started = performance.now();
  const child = spawnSync(argv[0]!, argv.slice(1), { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - started;
  if (child.status !== 0 && child.status !== 1)
    process.stderr.write(`${args.join(' ')} exited ${child.status}: ${child.stderr.slice(0, 2000)}\n`);
  const rssKb = withTime && existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) : NaN;
  const out: Timing = { ms, rssMb: Number.isFinite(rssKb) ? rssKb / 1024 : null, code: child.status };
  const inner = /"ms":(\d+)/.exec(child.stdout);
  if (inner) out.innerMs = Number(inner[1]);
  return out;
}

function repeatTimed(args: string[], scratch: string, repeat: number) {
  const all = Array.from({ length: repeat }, () => timed(args, scratch));
  const rss = all.map((t) => t.rssMb).filter((x): x is number => x !== null);
  const inner = all.map((t) => t.innerMs).filter((x): x is number => x !== undefined);
  return {
    ms: median(all.map((t) => t.ms)),
    rssMb: rss.length ? Math.max(...rss) : null,
    innerMs: inner.length ? median(inner) : null,
    codes: [...new Set(all.map((t) => t.code))].join('/'),
  };
}

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '1000,10000' },
    repeat: { type: 'string', default: '3' },
    from: { type: 'string' },
    seed: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
    // Generated stores are kept here and reused by later calls, so generating 10,000 runs (minutes
    // of CPU) can happen before the quiet window the timings need.
    'store-dir': { type: 'string' },
  },
});
const sizes = values.runs.split(',').map(Number);
const repeat = Math.max(1, Number(values.repeat));
const [fromPath, fromRun] = values.from?.split('#') ?? [];
const template = fromPath ? readTemplate(fromPath, fromRun === undefined ? undefined : Number(fromRun)) : undefined;
const dir = mkdtempSync(join(tmpdir(), 'jepsh-harness-'));
const storeDir = values['store-dir'] ?? dir;
mkdirSync(storeDir, { recursive: true });
const cli = join(ROOT, 'bin', 'jepsh-bench.js');
const rows: string[] = [];
const fmt = (ms: number | null) =>
  ms === null ? '—' : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;

try {
  // The first call may bundle the CLI (bin/jepsh-bench.js): not part of any timing.
  timed([cli, '--help'], dir);
  const startup = repeatTimed([cli, '--help'], dir, Math.max(3, repeat));
  rows.push(
    `| — | \`jepsh-bench --help\` (start-up) | ${fmt(startup.ms)} | — | ${startup.rssMb?.toFixed(0) ?? '—'} | |`,
  );
  for (const n of sizes) {
    const db = join(storeDir, `store-${n}.sqlite`);
    if (existsSync(db)) {
      rows.push(`| ${n} | generate | — | — | — | reused ${db} (${(statSync(db).size / 1e6).toFixed(1)} MB) |`);
    } else {
      process.stderr.write(`generating ${n} runs...\n`);
      const gen = generateStore({
        out: db,
        runs: n,
        random: mulberry32(Number(values.seed)),
        template,
        noise: 0.03,
        step: 0.1,
        stepAt: Math.floor(n * 0.7),
        onProgress: (done) => process.stderr.write(`\r${done}/${n}`),
      });
      process.stderr.write('\n');
      rows.push(
        `| ${n} | generate (in process) | ${fmt(gen.ms)} | — | — | file ${(gen.fileBytes / 1e6).toFixed(1)} MB, ` +
          `samples ${Math.round(gen.sampleBytes / n)} B/run |`,
      );
    }
    const commands: Array<[string, string[]]> = [
      ['trend reactivity/diamond', [cli, 'trend', 'reactivity/diamond', '--db', db]],
      [`compare ${n} --against ${n - 1}`, [cli, 'compare', String(n), '--against', String(n - 1), '--db', db]],
      [
        `report --runs ${Math.min(n, 1000)}`,
        [cli, 'report', '--runs', String(Math.min(n, 1000)), '--db', db, '--out', join(dir, 'report.html')],
      ],
      [
        'check --nightly, store side (tsx)',
        ['--import', 'tsx', join(ROOT, 'scripts', 'bench', 'nightly-analysis.ts'), '--db', db],
      ],
    ];
    for (const [name, args] of commands) {
      process.stderr.write(`${n}: ${name}\n`);
      const t = repeatTimed(args, dir, repeat);
      const beyond = name.includes('tsx') ? t.innerMs : t.ms - startup.ms;
      rows.push(
        `| ${n} | \`${name}\` | ${fmt(t.ms)} | ${fmt(beyond)} | ${t.rssMb?.toFixed(0) ?? '—'} | exit ${t.codes} |`,
      );
    }
  }
  process.stdout.write(
    [
      `Harness benchmark, ${new Date().toISOString()}, ${repeat} repeat(s), median wall time` +
        (template ? `, template ${values.from}` : ', synthetic template'),
      '',
      '| runs | command | wall | beyond start-up | max RSS MB | notes |',
      '| ---: | --- | ---: | ---: | ---: | --- |',
      ...rows,
      '',
      '"beyond start-up" of the tsx row is the time the script measured from opening the store.',
      '',
    ].join('\n'),
  );
} finally {
  if (values.keep) process.stderr.write(`stores kept in ${dir}\n`);
  else rmSync(dir, { recursive: true, force: true });
}
