import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  MAX_PASSES,
  MAX_SESSION_SAMPLES,
  cutSampling,
  expandPasses,
  firstPasses,
  mergePasses,
  passesFor,
  passesOf,
  sessionSamplesOf,
  storedSampling,
} from '../../src/core/passes.js';
import { mergeRounds } from '../../src/core/rounds.js';
import { shuffled } from '../../src/core/sessions.js';
import { parseConfig } from '../../src/config/config.js';
import { createRng } from '../../src/stats/prng.js';
import { UsageError } from '../../src/model/errors.js';
import type { PageOutcome } from '../../src/suite/protocol.js';

const pass = (time: number[], heap: number[], patches?: number, durationMs = 10): PageOutcome => ({
  id: 'd/x',
  ok: true,
  durationMs,
  metrics: [
    { metric: 'time', unit: 'ms', direction: 'lower', kind: 'time', samples: time, innerIterations: 8 },
    { metric: 'heap', unit: 'B', direction: 'lower', kind: 'gauge', samples: heap, innerIterations: 1 },
    ...(patches === undefined
      ? []
      : [
          {
            metric: 'patches',
            unit: 'count',
            direction: 'lower' as const,
            kind: 'counter' as const,
            samples: [patches],
            innerIterations: 1,
          },
        ]),
  ],
});

test('passesFor: an exact id beats any glob, then more literal characters, then the later rule', () => {
  const rules = { '*': 2, 'diffing/*': 3, 'diffing/*?mode=diff': 4, 'diffing/append-rows?mode=diff': 5 };
  assert.equal(passesFor(rules, 'diffing/append-rows?mode=diff'), 5);
  assert.equal(passesFor(rules, 'diffing/partial-update?mode=diff'), 4);
  assert.equal(passesFor(rules, 'diffing/partial-update?mode=dom'), 3);
  assert.equal(passesFor(rules, 'memo/lru-hit'), 2);
  assert.equal(passesFor({}, 'memo/lru-hit'), 1);
  // The same specificity: the later entry wins, as with threshold overrides.
  assert.equal(passesFor({ 'a/*': 2, '*/b': 3 }, 'a/b'), 3);
  assert.equal(passesFor({ '*/b': 3, 'a/*': 2 }, 'a/b'), 2);
  // An exact id wins even when it is listed first and is shorter than a glob.
  assert.equal(passesFor({ 'a/b': 2, 'a/b*': 3 }, 'a/b'), 2);
  // `?` is literal, as in every id pattern here.
  assert.equal(passesFor({ 'r/cellx?layers=1000': 2 }, 'r/cellx?layers=10000'), 1);
});

test('passesOf checks every rule: whole numbers from 1 to the schema maximum', () => {
  assert.equal(passesOf({ 'a/*': 2 })('a/b'), 2);
  assert.equal(passesOf()('a/b'), 1);
  for (const bad of [0, 1.5, MAX_PASSES + 1, Number.NaN])
    assert.throws(
      () => passesOf({ 'a/*': bad }),
      (e: unknown) => e instanceof UsageError && /a\/\*/.test(String(e)),
    );
  assert.equal(MAX_PASSES, 8);
});

test('the config carries passes; the schema rejects a count out of range', () => {
  const c = parseConfig({ sampling: { passes: { 'reactivity/unstable': 3 } } }, 'x');
  assert.deepEqual(c.sampling.passes, { 'reactivity/unstable': 3 });
  assert.throws(() => parseConfig({ sampling: { passes: { a: 0 } } }, 'x'), /passes\.a: must be >= 1, got 0/);
  assert.deepEqual(storedSampling({}), {});
  assert.deepEqual(storedSampling({ a: 2 }), { passes: { a: 2 } });
  assert.deepEqual(storedSampling({}, { b: 6 }), { sessionSamples: { b: 6 } });
});

test('sessionSamplesOf: the most specific rule, 0 where none applies; checked from 2 to the schema maximum', () => {
  const of = sessionSamplesOf({ 'diffing/*?mode=dom': 6, 'diffing/create-many-rows?mode=dom': 3 });
  assert.equal(of('diffing/append-rows?mode=dom'), 6);
  assert.equal(of('diffing/create-many-rows?mode=dom'), 3);
  assert.equal(of('diffing/append-rows?mode=diff'), 0);
  assert.equal(sessionSamplesOf()('x'), 0);
  for (const bad of [1, 2.5, MAX_SESSION_SAMPLES + 1])
    assert.throws(
      () => sessionSamplesOf({ 'a/*': bad }),
      (e: unknown) => e instanceof UsageError && /sessionSamples\["a\/\*"\]/.test(String(e)),
    );
  const c = parseConfig({ sampling: { sessionSamples: { 'diffing/*': 6 } } }, 'x');
  assert.deepEqual(c.sampling.sessionSamples, { 'diffing/*': 6 });
  assert.throws(() => parseConfig({ sampling: { sessionSamples: { a: 1 } } }, 'x'), /sessionSamples\.a: must be >= 2/);
});

test('expandPasses repeats ids; with one pass each the session order is the same as without passes', () => {
  const ids = ['a', 'b', 'c', 'd', 'e'];
  assert.deepEqual(
    expandPasses(ids, (id) => (id === 'b' ? 3 : 1)),
    ['a', 'b', 'b', 'b', 'c', 'd', 'e'],
  );
  const one = expandPasses(ids, () => 1);
  assert.deepEqual(shuffled(one, createRng(7)), shuffled(ids, createRng(7)));
  // Passes land at different places in a session's order.
  const order = shuffled(
    expandPasses(ids, () => 2),
    createRng(3),
  );
  assert.equal(order.length, 10);
  assert.ok(ids.some((id) => order.indexOf(id) + 1 !== order.lastIndexOf(id)));
});

test('mergePasses joins time and gauge samples, records samples per pass, keeps the first pass counters', () => {
  const merged = mergePasses([pass([1, 2], [100], 5, 10), pass([3, 4, 5], [110], undefined, 20)]);
  assert.equal(merged.ok, true);
  assert.equal(merged.durationMs, 30);
  const byName = new Map(merged.metrics.map((m) => [m.metric, m]));
  assert.deepEqual(byName.get('time')!.samples, [1, 2, 3, 4, 5]);
  assert.deepEqual(byName.get('time')!.passes, [2, 3]);
  assert.deepEqual(byName.get('heap')!.samples, [100, 110]);
  assert.deepEqual(byName.get('patches')!.samples, [5]);
  assert.equal(byName.get('patches')!.passes, undefined);
  // One pass: the outcome itself, unchanged.
  const one = pass([1], [2], 3);
  assert.equal(mergePasses([one]), one);
  assert.throws(() => mergePasses([]), /no outcome/);
});

test('a failed pass fails the session outcome and says which pass', () => {
  const bad: PageOutcome = { id: 'd/x', ok: false, error: 'Error: wrong answer', metrics: [], durationMs: 7 };
  const merged = mergePasses([pass([1], [1], 5), bad]);
  assert.equal(merged.ok, false);
  assert.equal(merged.error, 'pass 2: Error: wrong answer');
  assert.equal(merged.durationMs, 17);
  // ...and mergeRounds then fails the benchmark, naming the session.
  assert.equal(mergeRounds('d/x', [pass([1], [1], 5), merged]).status.error, 'round 2: pass 2: Error: wrong answer');
});

test('merged passes are one session: mergeRounds sees one round per session, not one per pass', () => {
  const s1 = mergePasses([pass([1, 2], [9], 5), pass([3, 4], [9])]);
  const s2 = mergePasses([pass([5, 6], [9]), pass([7, 8], [9])]);
  const time = mergeRounds('d/x', [s1, s2]).results.find((r) => r.metric === 'time')!;
  assert.deepEqual(time.rounds, [4, 4]);
});

test('firstPasses cuts a merged outcome back to its first k passes', () => {
  const merged = mergePasses([pass([1, 2], [100], 5), pass([3], [110]), pass([4, 5, 6], [120])]);
  const cut = (k: number) => new Map(firstPasses(merged, k).metrics.map((m) => [m.metric, m]));
  assert.deepEqual(cut(1).get('time')!.samples, [1, 2]);
  assert.deepEqual(cut(2).get('time')!.samples, [1, 2, 3]);
  assert.deepEqual(cut(2).get('heap')!.samples, [100, 110]);
  assert.deepEqual(cut(3).get('time')!.passes, [2, 1, 3]);
  assert.deepEqual(cut(1).get('patches')!.samples, [5]);
  assert.equal(firstPasses(merged, 2).durationMs, 20); // 30 ms over 3 passes, 2 kept
  assert.equal(firstPasses(merged, 3), merged);
});

test('cutSampling keeps k passes and, in each, the first samples that meet the budget (time metric only)', () => {
  // innerIterations 8: a sample of 1 ms per operation is an 8 ms batch.
  const merged = mergePasses([pass([1, 2, 3, 4], [100, 101], 5), pass([1, 1, 1, 1, 1], [110])]);
  const cut = (k: number, minSamples: number, minTimeMs: number) =>
    new Map(cutSampling(merged, k, { minSamples, minTimeMs }).metrics.map((m) => [m.metric, m]));
  // Two samples are enough when they also reach the time: 8 + 16 ms >= 20 ms.
  assert.deepEqual(cut(2, 2, 20).get('time')!.samples, [1, 2, 1, 1, 1]);
  assert.deepEqual(cut(2, 2, 20).get('time')!.passes, [2, 3]);
  // The count binds when the time is reached at once.
  assert.deepEqual(cut(1, 3, 1).get('time')!.samples, [1, 2, 3]);
  // A budget larger than what was taken keeps everything of the kept passes.
  assert.deepEqual(cut(1, 10, 1e6).get('time')!.samples, [1, 2, 3, 4]);
  // Gauges and counters are not cut by samples, only by passes.
  assert.deepEqual(cut(2, 2, 1).get('heap')!.samples, [100, 101, 110]);
  assert.deepEqual(cut(1, 2, 1).get('patches')!.samples, [5]);
  // A single-pass outcome (no `passes` field) is cut the same way and stays without one.
  const single = cutSampling(pass([1, 2, 3], [1]), 1, { minSamples: 2, minTimeMs: 1 });
  const time = single.metrics.find((m) => m.metric === 'time')!;
  assert.deepEqual(time.samples, [1, 2]);
  assert.equal(time.passes, undefined);
});
