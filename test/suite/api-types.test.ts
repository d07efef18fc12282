/**
 * The authoring API's type inference, checked by `tsc --noEmit` (tsconfig includes test/): each
 * `Expect<Equal<...>>` and `@ts-expect-error` below fails the type check if `bench` stops
 * inferring P from `params` and S from what `setup` returns. At run time only `bench` being the
 * identity is tested; the hooks are never called here (test/suite/page-runner.test.ts runs them).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bench, defineSuite, type BenchmarkDef } from '../../src/suite/api.js';

/** True only when A and B are the same type (not merely assignable either way). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;

// P from params (each parameter typed as the union of its listed values), S from setup's return,
// with no type arguments.
const inferred = bench({
  name: 'inferred',
  params: { n: [1, 2] },
  setup: (ctx) => ({ data: new Float64Array(ctx.params.n), sum: 0 }),
  run(ctx) {
    const data: Float64Array = ctx.state.data;
    ctx.state.sum = data.length + ctx.params.n; // fields of the state are writable
    // @ts-expect-error: not a field of what setup returned
    void ctx.state.missing;
    // @ts-expect-error: the state is read-only as a whole; change its fields instead
    ctx.state = { data, sum: 0 };
    // @ts-expect-error: not a parameter
    void ctx.params.m;
  },
  reset(ctx) {
    ctx.state.data.fill(0);
  },
  measure(ctx, opts) {
    ctx.report('time', ctx.state.sum + opts.minSamples);
  },
  verify(ctx) {
    if (ctx.state.sum < 0) throw new Error('negative');
  },
  teardown(ctx) {
    ctx.state.data.fill(0);
  },
});
export type Inferred = Expect<
  Equal<typeof inferred, BenchmarkDef<{ n: 1 | 2 }, { data: Float64Array<ArrayBuffer>; sum: number }>>
>;

// Method syntax, an async setup, and params written after setup: S is the resolved value.
const asyncSetup = bench({
  name: 'async-setup',
  async setup(ctx) {
    // @ts-expect-error: setup makes the state, so its context has none
    void ctx.state;
    await Promise.resolve();
    return { label: ctx.params.mode, ready: true };
  },
  params: { mode: ['a', 'b'] },
  run(ctx) {
    const ready: boolean = ctx.state.ready;
    // @ts-expect-error: 'c' is not one of the listed values
    void (ctx.params.mode === 'c');
    void ready;
  },
});
export type AsyncState = Expect<
  Equal<typeof asyncSetup, BenchmarkDef<{ mode: 'a' | 'b' }, { label: 'a' | 'b'; ready: boolean }>>
>;

// Without setup the state is undefined; without params P is the generic Params.
const noSetup = bench({
  name: 'no-setup',
  run(ctx) {
    const state: undefined = ctx.state;
    void state;
  },
});
export type NoSetup = Expect<Equal<typeof noSetup, BenchmarkDef<Record<string, string | number | boolean>, undefined>>>;

// An annotated return type widens what the first value alone would infer.
const annotated = bench({
  name: 'annotated',
  setup(): { result: unknown } {
    return { result: undefined };
  },
  run(ctx) {
    ctx.state.result = 42;
  },
});
export type Annotated = Expect<
  Equal<typeof annotated, BenchmarkDef<Record<string, string | number | boolean>, { result: unknown }>>
>;

// Typed benchmarks of any P and S go into one suite.
const suite = defineSuite({ name: 'types', benchmarks: [inferred, asyncSetup, noSetup, annotated] });

test('bench is the identity; typed benchmarks of different P and S share a suite', () => {
  assert.equal(suite.benchmarks[0], inferred);
  assert.deepEqual(
    suite.benchmarks.map((b) => b.name),
    ['inferred', 'async-setup', 'no-setup', 'annotated'],
  );
});
