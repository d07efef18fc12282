// Usage: node --import tsx scripts/bench/report-open.ts FILE.html [--repeat 5]
//        node --import tsx scripts/bench/report-open.ts --runs 1000 [--series 140] [--keep FILE.html] [--repeat 5]
//
// How long an HTML report takes to open in headless Chromium (issue 16: under 1 s at 1,000 runs).
// Each repeat launches a fresh browser, opens the file and reports (scripts/bench/report-probe.ts,
// which test/e2e/report-open.test.ts asserts on), from the page's own clock (ms since navigation start):
//   - domInteractive, domContentLoaded and load (PerformanceNavigationTiming);
//   - ready: the report's script has run (the `jepsh-report-ready` mark, window.__reportReady),
//     i.e. sorting, filtering and tooltips work;
//   - the first hover: from the pointer moving onto a point of the first trend chart until its
//     tooltip shows (includes parsing the hover data on first use), measured in Node around CDP;
//   - DOM elements, SVG elements and JS heap after load.
// `--runs N` renders the synthetic history of test/report/synthetic-history.ts (seed 16) first,
// so 1,000 and 10,000 runs can be compared without a store. Chromium: CHROME_PATH, else
// /usr/bin/chromium. Prints one JSON line per repeat, then the medians.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { renderHtml } from '../../src/report/html.js';
import { createRng } from '../../src/stats/prng.js';
import { syntheticHistory } from '../../test/report/synthetic-history.js';
import { measureReportOpening, type ReportOpening } from './report-probe.js';

interface Args {
  file?: string;
  runs?: number;
  series?: number;
  keep?: string;
  repeat: number;
}

function parseArgs(argv: string[]): Args {
  const out: Args = { repeat: 5 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--runs') out.runs = Number(value());
    else if (a === '--series') out.series = Number(value());
    else if (a === '--keep') out.keep = value();
    else if (a === '--repeat') out.repeat = Number(value());
    else if (!a.startsWith('--')) out.file = a;
    else throw new Error(`unknown option ${a}`);
  }
  if (!out.file && !out.runs) throw new Error('give an HTML file or --runs N');
  return out;
}

function median(xs: number[]): number {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const args = parseArgs(process.argv.slice(2));
const browserPath = process.env.CHROME_PATH || '/usr/bin/chromium';
let dir: string | undefined;
let file: string;
if (args.runs) {
  const data = syntheticHistory(args.runs, createRng(16), args.series ? { series: args.series } : {});
  dir = mkdtempSync(join(tmpdir(), 'jepsh-report-open-'));
  file = args.keep ? resolve(args.keep) : join(dir, 'report.html');
  writeFileSync(file, renderHtml(data));
  console.error(`rendered ${args.runs} runs x ${data.series.length} series to ${file}`);
} else {
  file = resolve(args.file!);
  readFileSync(file); // fail early on a missing file
}
try {
  const all: ReportOpening[] = [];
  for (let r = 0; r < args.repeat; r++) {
    const m = await measureReportOpening(file, browserPath);
    all.push(m);
    if (m.firstHoverMs === null) console.error('no trend point showed a tooltip within 5 s of the hover');
    console.log(JSON.stringify({ repeat: r + 1, ...m }));
  }
  const keys = ['domInteractiveMs', 'domContentLoadedMs', 'loadMs', 'readyMs', 'firstHoverMs', 'heapMB'] as const;
  const summary = Object.fromEntries(keys.map((k) => [k, Number(median(all.map((m) => m[k] ?? NaN)).toFixed(1))]));
  console.log(
    JSON.stringify({
      file,
      bytes: all[0]?.bytes,
      elements: all[0]?.elements,
      svgElements: all[0]?.svgElements,
      median: summary,
    }),
  );
} finally {
  if (dir) rmSync(dir, { recursive: true, force: true });
}
