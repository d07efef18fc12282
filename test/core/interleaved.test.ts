/**
 * `interleaved` (src/core/sessions.ts) on fake pages: the sides prepare two at a time once the batch
 * size is known, one by one in the first session (the first side's calibration is everyone's), and a
 * fault in one side's prepare is raised only after its partner's prepare settled. Finish (teardown)
 * runs two at a time too, unless the benchmark has a `measure`, which is timed in finish.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { interleaved, SideFault, type MeasuredSide } from '../../src/core/sessions.js';
import { PageFault } from '../../src/browser/page-session.js';
import type { SuitePage } from '../../src/browser/session.js';
import type { SamplingOptions } from '../../src/suite/protocol.js';

const SAMPLING: SamplingOptions = { minSamples: 1, minTimeMs: 8, warmupMs: 0, minSampleMs: 1 };

/** A page whose calls are logged as "side:call:start" / "side:call:end", each ending a tick later. */
function fakePage(
  side: string,
  log: string[],
  opts: { inner: number; failPrepare?: boolean; measures?: boolean },
): SuitePage {
  const call = async <T>(name: string, value: () => T): Promise<T> => {
    log.push(`${side}:${name}:start`);
    await new Promise((resolve) => setImmediate(resolve));
    log.push(`${side}:${name}:end`);
    return value();
  };
  let samples = 0;
  return {
    prepare: () =>
      call('prepare', () => {
        if (opts.failPrepare) throw new PageFault('crash', `${side} crashed in setup`);
        return { ok: true, innerIterations: opts.inner, measures: opts.measures === true };
      }),
    sample: () => call('sample', () => ({ ok: true, samples: ++samples, sampledMs: samples })),
    finish: (id) => call('finish', () => ({ id, ok: true, metrics: [], durationMs: 1 })),
  } as Partial<SuitePage> as SuitePage;
}

const SIDES: MeasuredSide[] = [
  { key: 'base', bundles: [] },
  { key: 'head', bundles: [] },
];

function pagesOf(log: string[], failHead = false, measures = false): Map<string, SuitePage> {
  return new Map([
    ['base', fakePage('base', log, { inner: 7, measures })],
    ['head', fakePage('head', log, { inner: 9, failPrepare: failHead, measures })],
  ]);
}

test('interleaved: first session prepares one side at a time and takes the first side’s batch size', async () => {
  const log: string[] = [];
  const innerFor: Record<string, number> = {};
  await interleaved(pagesOf(log), SIDES, 's/b', () => SAMPLING, 1000, innerFor, true);
  assert.deepEqual(log.slice(0, 4), [
    'base:prepare:start',
    'base:prepare:end',
    'head:prepare:start',
    'head:prepare:end',
  ]);
  assert.equal(innerFor['s/b'], 7);
});

test('interleaved: later sessions prepare both sides at once; sampling stays in turns', async () => {
  const log: string[] = [];
  const out = await interleaved(pagesOf(log), SIDES, 's/b', () => SAMPLING, 1000, { 's/b': 7 }, true);
  assert.deepEqual(log.slice(0, 4), [
    'base:prepare:start',
    'head:prepare:start',
    'base:prepare:end',
    'head:prepare:end',
  ]);
  const sampling = log.filter((l) => l.includes(':sample:'));
  // Turns: a side's sample ends before the other side's begins.
  for (let i = 0; i < sampling.length; i += 2) {
    const [start, end] = [sampling[i]!, sampling[i + 1]!];
    assert.equal(start.split(':')[0], end.split(':')[0], `${start} then ${end}`);
  }
  assert.deepEqual([...out.keys()], ['base', 'head']);
});

test('interleaved: parallelPrepare false keeps one side at a time', async () => {
  const log: string[] = [];
  await interleaved(pagesOf(log), SIDES, 's/b', () => SAMPLING, 1000, { 's/b': 7 }, false);
  assert.deepEqual(log.slice(0, 4), [
    'base:prepare:start',
    'base:prepare:end',
    'head:prepare:start',
    'head:prepare:end',
  ]);
});

test('interleaved: a side that faults in prepare is named after both prepares settled', async () => {
  const log: string[] = [];
  await assert.rejects(
    interleaved(pagesOf(log, true), SIDES, 's/b', () => SAMPLING, 1000, { 's/b': 7 }, true),
    (e: unknown) => e instanceof SideFault && e.side === 'head' && /head crashed in setup/.test(e.message),
  );
  assert.deepEqual(log, ['base:prepare:start', 'head:prepare:start', 'base:prepare:end', 'head:prepare:end']);
});

test('interleaved: sides finish at once, in turns when the benchmark measures in finish', async () => {
  const finishes = async (measures: boolean, parallel: boolean): Promise<string[]> => {
    const log: string[] = [];
    await interleaved(pagesOf(log, false, measures), SIDES, 's/b', () => SAMPLING, 1000, { 's/b': 7 }, parallel);
    return log.filter((l) => l.includes(':finish:'));
  };
  const together = ['base:finish:start', 'head:finish:start', 'base:finish:end', 'head:finish:end'];
  const inTurns = ['base:finish:start', 'base:finish:end', 'head:finish:start', 'head:finish:end'];
  assert.deepEqual(await finishes(false, true), together);
  assert.deepEqual(await finishes(true, true), inTurns);
  assert.deepEqual(await finishes(false, false), inTurns);
});
