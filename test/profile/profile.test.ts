import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';
import {
  diffFunctionTimes,
  functionTimes,
  sampleDurations,
  type CallFrame,
  type CpuProfile,
} from '../../src/profile/cpuprofile.js';
import { gcSummary, gcWindows, type TraceEvent } from '../../src/profile/gc.js';
import { GC_WINDOW } from '../../src/suite/api.js';
import { bundleLocator, inlineSourceMap } from '../../src/profile/sourcemap.js';
import { renderFunctionDiff, renderTiers, renderTopFunctions } from '../../src/profile/render.js';
import { functionTiers } from '../../src/profile/v8log.js';
import { profileFileName } from '../../src/profile/files.js';
import { ROOT } from '../helpers.js';

const frame = (functionName: string, url = '', lineNumber = 0): CallFrame => ({
  functionName,
  scriptId: url ? '1' : '0',
  url,
  lineNumber,
  columnNumber: 0,
});

// (root) -> run -> [get -> get (recursion), propagate]; (garbage collector) under the root.
const PROFILE: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 6] },
    { id: 2, callFrame: frame('run', 'http://127.0.0.1:1/head/r/bundle.js', 10), children: [3, 5] },
    { id: 3, callFrame: frame('get', 'http://127.0.0.1:1/head/r/bundle.js', 20), children: [4] },
    { id: 4, callFrame: frame('get', 'http://127.0.0.1:1/head/r/bundle.js', 20) },
    { id: 5, callFrame: frame('propagate', 'http://127.0.0.1:1/head/r/bundle.js', 30) },
    { id: 6, callFrame: frame('(garbage collector)') },
  ],
  startTime: 1000,
  endTime: 2000,
  // Samples at 1100, 1300, 1400, 1700, 1800: durations 200, 100, 300, 100, 200 µs.
  samples: [4, 3, 5, 2, 6],
  timeDeltas: [100, 200, 100, 300, 100],
};

test('sample durations: from each sample to the next, the last to the end of the profile', () => {
  assert.deepEqual(sampleDurations(PROFILE), [200, 100, 300, 100, 200]);
  assert.deepEqual(sampleDurations({ nodes: [], startTime: 0, endTime: 5 }), []);
});

test('function times: self where on top, total once per sample however deep it recurses', () => {
  const rows = functionTimes(PROFILE, (f) => `src/x.ts:${f.lineNumber + 1}`);
  const by = new Map(rows.map((r) => [r.name, r]));
  assert.deepEqual(
    rows.map((r) => r.name),
    ['get', 'propagate', '(garbage collector)', 'run'],
  );
  assert.equal(by.get('get')!.selfMs, 0.3); // samples of nodes 4 and 3, merged into one function
  assert.equal(by.get('get')!.totalMs, 0.3); // node 4 is under node 3: counted once
  assert.equal(by.get('get')!.location, 'src/x.ts:21');
  assert.equal(by.get('run')!.selfMs, 0.1);
  assert.equal(by.get('run')!.totalMs, 0.7);
  assert.equal(by.get('(garbage collector)')!.location, '');
  assert.ok(!by.has('(root)'), 'the root is the whole profile, not a function');
  // Without a locator, the script and line.
  assert.equal(functionTimes(PROFILE)[0]!.location, 'http://127.0.0.1:1/head/r/bundle.js:21:1');
});

test('the diff is per operation, so a side that ran fewer operations is not hidden by running less', () => {
  const base = [
    { name: 'f', location: 'a.ts:1', selfMs: 100, totalMs: 100 },
    { name: 'g', location: 'a.ts:9', selfMs: 100, totalMs: 100 },
  ];
  // Head: f twice as slow per operation; in the same time it ran half the operations.
  const head = [
    { name: 'f', location: 'a.ts:1', selfMs: 133.3, totalMs: 133.3 },
    { name: 'g', location: 'a.ts:9', selfMs: 66.7, totalMs: 66.7 },
    { name: 'h', location: 'b.ts:1', selfMs: 0.5, totalMs: 0.5 },
  ];
  const diff = diffFunctionTimes(base, 1000, head, 666.7);
  assert.equal(diff[0]!.name, 'f');
  assert.ok(Math.abs(diff[0]!.baseUs - 100) < 1e-9);
  assert.ok(Math.abs(diff[0]!.headUs - 199.94) < 0.01);
  assert.equal(diff.at(-1)!.name, 'g');
  assert.ok(Math.abs(diff.find((d) => d.name === 'g')!.deltaUs) < 0.1);
  assert.throws(() => diffFunctionTimes(base, 0, head, 1), /operations must be > 0/);
});

test('GC summary: scavenges and mark-compacts counted, pauses summed and the longest kept', () => {
  const s = gcSummary([
    { name: 'MinorGC', ph: 'X', dur: 500 },
    { name: 'MinorMS', ph: 'X', dur: 1500 },
    { name: 'MajorGC', ph: 'X', dur: 4000 },
    { name: 'MajorGC', ph: 'B' }, // counted; a begin event has no pause of its own
    { name: 'MajorGC', ph: 'E' },
    { name: 'V8.GCScavenger', ph: 'X', dur: 999 },
  ]);
  assert.deepEqual(s, { minor: 2, major: 2, pauseMs: 6, maxPauseMs: 4 });
});

const stamp = (pid: number, ts: number, message: string): TraceEvent => ({
  name: 'TimeStamp',
  ph: 'I',
  pid,
  ts,
  args: { data: { message } },
});
const gc = (name: string, pid: number, ts: number, ph = 'X'): TraceEvent => ({ name, ph, pid, ts, dur: 10 });

test("GC windows: each window counts its own process's collections that began inside it", () => {
  const events = [
    gc('MajorGC', 1, 5), // forced before the first window: not counted
    stamp(1, 10, GC_WINDOW.open),
    gc('MinorGC', 1, 12),
    gc('MinorGC', 2, 13), // the other tab's renderer: not counted
    gc('MinorMS', 1, 15),
    gc('MajorGC', 1, 18, 'B'),
    gc('MajorGC', 1, 19, 'E'), // the end of a pair: not a second collection
    gc('V8.GCScavenger', 1, 19), // a phase of a collection, not one
    stamp(1, 20, GC_WINDOW.close),
    gc('MajorGC', 1, 25),
    stamp(1, 30, GC_WINDOW.open),
    stamp(1, 40, GC_WINDOW.close),
    stamp(1, 50, 'someone else'),
  ];
  // Trace order is not time order: windows are read by time.
  assert.deepEqual(gcWindows([...events].reverse(), GC_WINDOW), [
    { minor: 2, major: 1 },
    { minor: 0, major: 0 },
  ]);
  assert.deepEqual(gcWindows([gc('MinorGC', 1, 1)], GC_WINDOW), []);
});

test('GC windows: a window left open, closed twice or nested is an error', () => {
  assert.throws(() => gcWindows([stamp(1, 10, GC_WINDOW.open)], GC_WINDOW), /opened at 10 µs was never closed/);
  assert.throws(() => gcWindows([stamp(1, 10, GC_WINDOW.close)], GC_WINDOW), /an unopened window at 10 µs/);
  assert.throws(
    () => gcWindows([stamp(1, 10, GC_WINDOW.open), stamp(1, 11, GC_WINDOW.open)], GC_WINDOW),
    /a nested window at 11 µs/,
  );
  // Two processes' windows may overlap: each pairs with its own.
  assert.equal(
    gcWindows(
      [
        stamp(1, 10, GC_WINDOW.open),
        stamp(2, 11, GC_WINDOW.open),
        stamp(1, 12, GC_WINDOW.close),
        stamp(2, 13, GC_WINDOW.close),
      ],
      GC_WINDOW,
    ).length,
    2,
  );
});

test('source maps: a bundle position is named in its TypeScript source, relative to the given root', async () => {
  const out = await build({
    stdin: {
      contents: 'export function first(): number { return 1; }\nexport function second(): number { return 2; }\n',
      sourcefile: 'src/runtime/demo.ts',
      loader: 'ts',
      resolveDir: ROOT,
    },
    bundle: true,
    write: false,
    format: 'iife',
    sourcemap: 'inline',
  });
  const code = out.outputFiles[0]!.text;
  assert.ok(inlineSourceMap(code));
  assert.equal(inlineSourceMap('var x = 1;\n'), null);
  const lines = code.split('\n');
  const at = lines.findIndex((l) => l.includes('function second'));
  const url = 'http://127.0.0.1:5/head/demo/bundle.js';
  const locate = bundleLocator(new Map([['/head/demo/bundle.js', code]]), [process.cwd()]);
  assert.equal(locate(frame('second', url, at)), 'src/runtime/demo.ts:2');
  assert.equal(locate(frame('second', 'http://127.0.0.1:5/other.js', at)), null);
});

test('tables: top functions with shares; the diff with signed µs per operation', () => {
  const top = renderTopFunctions(
    functionTimes(PROFILE, () => 'src/x.ts:1'),
    2,
  );
  assert.deepEqual(top.trimEnd().split('\n'), [
    'self ms   self  total  function   source',
    '    0.3  33.3%  33.3%  get        src/x.ts:1',
    '    0.3  33.3%  33.3%  propagate  src/x.ts:1',
  ]);
  const diff = renderFunctionDiff([{ name: 'f', location: 'a.ts:1', baseUs: 1, headUs: 1.5, deltaUs: 0.5 }], 5);
  assert.match(diff, /\+0\.50 +1\.00 +1\.50 +f +a\.ts:1/);
  assert.equal(profileFileName('reactivity/cellx?layers=1000', 'head'), 'reactivity-cellx-layers-1000.head.cpuprofile');
});

const LOG = [
  'v8-version,12,0,0,0,0,0',
  'code-creation,JS,10,100,0xa1,8,run http://127.0.0.1:9/head/r/bundle.js:10:1,0xs1,~',
  'code-creation,JS,11,200,0xa2,500,run http://127.0.0.1:9/head/r/bundle.js:10:1,0xs1,+',
  'code-creation,JS,11,300,0xa3,900,run http://127.0.0.1:9/head/r/bundle.js:10:1,0xs1,*',
  'code-move,0xa3,0xb3',
  'code-deopt,400,900,0xb3,-1,12,deopt-eager,<http://127.0.0.1:9/head/r/bundle.js:12:5>,wrong map',
  'code-deopt,410,900,0xb3,-1,12,deopt-eager,<http://127.0.0.1:9/head/r/bundle.js:12:5>,wrong map',
  'code-deopt,420,500,0xa2,0,7,deopt-lazy,<http://127.0.0.1:9/head/r/bundle.js:30:2> inlined at ' +
    '<http://127.0.0.1:9/head/r/bundle.js:11:3>,dependent field type constness changed',
  'code-creation,JS,11,500,0xa4,99,get value http://127.0.0.1:9/head/r/bundle.js:40:3,0xs2,o^',
  'code-creation,JS,11,600,0xa5,99,other http://127.0.0.1:9/base/r/bundle.js:10:1,0xs3,*',
  'code-creation,JS,10,700,0xa6,9,cold http://127.0.0.1:9/head/r/bundle.js:50:1,0xs4,~',
].join('\n');

test('V8 log: tiers, optimisations and deopts per function, followed across code moves, one side only', () => {
  const keep = (url: string) => url.includes('/head/');
  const rows = functionTiers(LOG, keep, (f) => `src/r.ts:${f.lineNumber + 1}`);
  assert.deepEqual(
    rows.map((r) => [r.name, r.tier, r.optimizations, r.deopts]),
    [['run', 'turbofan', 2, 3]],
    'sparkplug-only and never-optimised functions are left out; the other side is not counted',
  );
  const [run] = rows;
  assert.equal(run!.location, 'src/r.ts:10');
  assert.deepEqual(run!.sites, [
    { reason: 'wrong map', bailout: 'deopt-eager', location: 'src/r.ts:12', count: 2 },
    { reason: 'dependent field type constness changed', bailout: 'deopt-lazy', location: 'src/r.ts:30', count: 1 },
  ]);
  // Unmapped positions fall back to the script's; a name with a space (a getter) is kept whole.
  const all = functionTiers(LOG.replace(',o^', ',o+'), keep, () => null);
  assert.deepEqual(
    all.map((r) => [r.name, r.location]),
    [
      ['run', 'http://127.0.0.1:9/head/r/bundle.js:10:1'],
      ['get value', 'http://127.0.0.1:9/head/r/bundle.js:40:3'],
    ],
  );
  const text = renderTiers('head', rows, 5);
  assert.match(text, /^head: 3 deopts in 1 of 1 functions\n/);
  assert.match(text, /\n {4}2x wrong map \(deopt-eager\) at src\/r\.ts:12\n/);
  assert.equal(renderTiers('base', [], 5), 'base: no function of the suite was optimised or deoptimised\n');
});
