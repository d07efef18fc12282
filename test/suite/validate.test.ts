import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatProblems, validateSuite, type SuiteProblem } from '../../src/suite/validate.js';
import { checkSuites } from '../../src/core/suite-check.js';
import { listSuites } from '../../src/core/list.js';
import { findSuites } from '../../src/browser/bundle.js';
import { UsageError } from '../../src/model/errors.js';
import { ROOT, tempDir } from '../helpers.js';

const FILE = { name: 'foo', path: join(ROOT, 'suites', 'foo.ts') };
const noop = (): void => undefined;

function check(def: unknown): SuiteProblem[] {
  return validateSuite(def, FILE);
}

/** Problems of a suite `foo` whose benchmarks are `{ name: 'a', run }` patched by each argument. */
function checkBenchmarks(...patches: Record<string, unknown>[]): SuiteProblem[] {
  return check({ name: 'foo', benchmarks: patches.map((p) => ({ name: 'a', run: noop, ...p })) });
}

function problem(field: string, message: string): SuiteProblem[] {
  return [{ field, message }];
}

test('a complete valid suite has no problems', () => {
  const def = {
    name: 'foo',
    description: 'd',
    benchmarks: [
      {
        name: 'create-rows',
        description: 'd',
        params: { rows: [1000, 10_000], mode: ['diff', 'dom'], gc: [true, false] },
        metrics: {
          patches: { unit: 'count', direction: 'lower', kind: 'counter', description: 'd' },
          time: { unit: 'ms', direction: 'lower', kind: 'time' },
        },
        counterOps: 10,
        setup: noop,
        run: noop,
        reset: noop,
        teardown: noop,
        verify: noop,
      },
      // measure alone may declare `time` as it likes (it reports its own samples), and an absent kind
      {
        name: 'compile_v1.2',
        measure: noop,
        metrics: {
          time: { unit: 's', direction: 'lower', kind: 'gauge' },
          size: { unit: 'bytes', direction: 'higher' },
        },
      },
    ],
  };
  assert.deepEqual(check(def), []);
});

test('the default export must be an object', () => {
  assert.deepEqual(
    check(undefined),
    problem('default export', 'must be defineSuite({ name: "foo", benchmarks: [...] }), got undefined'),
  );
  assert.deepEqual(
    check([]),
    problem('default export', 'must be defineSuite({ name: "foo", benchmarks: [...] }), got an empty array'),
  );
});

test('the suite name equals the file name and is lower-case kebab-case', () => {
  assert.deepEqual(
    check({ name: 'bar', benchmarks: [{ name: 'a', run: noop }] }),
    problem('name', '"bar" must equal the file name "foo"'),
  );
  assert.deepEqual(
    validateSuite({ name: 'Foo', benchmarks: [{ name: 'a', run: noop }] }, { name: 'Foo', path: '/x/Foo.ts' }),
    problem('name', '"Foo" must be lower-case kebab-case'),
  );
  assert.deepEqual(
    check({ benchmarks: [{ name: 'a', run: noop }] }),
    problem('name', 'must be a string, got undefined'),
  );
});

test('the suite description is a string and there are no unknown suite keys', () => {
  assert.deepEqual(
    check({ name: 'foo', description: 3, benchmarks: [{ name: 'a', run: noop }] }),
    problem('description', 'must be a string, got 3'),
  );
  assert.deepEqual(
    check({ name: 'foo', benchmark: [], benchmarks: [{ name: 'a', run: noop }] }),
    problem('benchmark', 'is not a key of a suite (allowed: name, description, benchmarks)'),
  );
});

test('benchmarks is a non-empty array of objects', () => {
  assert.deepEqual(
    check({ name: 'foo', benchmarks: [] }),
    problem('benchmarks', 'must be a non-empty array of benchmarks, got an empty array'),
  );
  assert.deepEqual(
    check({ name: 'foo', benchmarks: { a: {} } }),
    problem('benchmarks', 'must be a non-empty array of benchmarks, got an object'),
  );
  assert.deepEqual(
    check({ name: 'foo', benchmarks: [{ name: 'a', run: noop }, null] }),
    problem('benchmarks[1]', 'must be a benchmark object, got null'),
  );
});

test('benchmark names are lower-case kebab-case strings', () => {
  assert.deepEqual(
    checkBenchmarks({}, { name: 'b' }, { name: 'Bad Name' }),
    problem('benchmarks[2].name', '"Bad Name" must be lower-case kebab-case'),
  );
  assert.deepEqual(
    checkBenchmarks({ name: 'b' }, { name: 42 }),
    problem('benchmarks[1].name', 'must be a string, got 42'),
  );
});

test('benchmark ids are unique after parameter expansion', () => {
  assert.deepEqual(
    checkBenchmarks({}, { name: 'b' }, {}),
    problem('benchmarks[2].name', '"a" repeats benchmark id "foo/a" of benchmarks[0]'),
  );
  // Different lists that overlap in one combination.
  assert.deepEqual(
    checkBenchmarks({ params: { n: [1, 2] } }, { params: { n: [2, 3] } }),
    problem('benchmarks[1].name', '"a" repeats benchmark id "foo/a?n=2" of benchmarks[0]'),
  );
  // A repeated value within one benchmark; 1 and "1" give the same id.
  assert.deepEqual(
    checkBenchmarks({ params: { n: [1, '1'] } }),
    problem('benchmarks[0].params', 'give benchmark id "foo/a?n=1" twice (values are compared as text)'),
  );
  // The same name with different parameters is fine.
  assert.deepEqual(checkBenchmarks({ params: { n: [1] } }, { params: { n: [2] } }), []);
});

test('params is an object of non-empty lists of strings, numbers and booleans', () => {
  assert.deepEqual(
    checkBenchmarks({ params: [1, 2] }),
    problem('benchmarks[0].params', 'must be an object of value lists, got an array'),
  );
  assert.deepEqual(
    checkBenchmarks({ params: { n: [] } }),
    problem('benchmarks[0].params.n', 'must be a non-empty array of values, got an empty array'),
  );
  assert.deepEqual(
    checkBenchmarks({ params: { n: 5 } }),
    problem('benchmarks[0].params.n', 'must be a non-empty array of values, got 5'),
  );
  assert.deepEqual(
    checkBenchmarks({ params: { 'row count': [1, { x: 1 }] } }),
    problem('benchmarks[0].params["row count"][1]', 'must be a string, number or boolean, got an object'),
  );
});

test('metrics is an object of declarations', () => {
  assert.deepEqual(
    checkBenchmarks({ metrics: ['bytes'] }),
    problem('benchmarks[0].metrics', 'must be an object of metric declarations, got an array'),
  );
  assert.deepEqual(
    checkBenchmarks({ metrics: { bytes: 'bytes' } }),
    problem('benchmarks[0].metrics.bytes', 'must be a metric declaration { unit, direction, kind? }, got "bytes"'),
  );
});

test('a metric has a non-empty string unit', () => {
  assert.deepEqual(
    checkBenchmarks({ metrics: { bytes: { unit: '', direction: 'lower' } } }),
    problem('benchmarks[0].metrics.bytes.unit', 'must be a non-empty string, got ""'),
  );
  assert.deepEqual(
    checkBenchmarks({ metrics: { bytes: { direction: 'lower' } } }),
    problem('benchmarks[0].metrics.bytes.unit', 'must be a non-empty string, got undefined'),
  );
});

test('a metric direction is lower or higher', () => {
  assert.deepEqual(
    checkBenchmarks({ metrics: { bytes: { unit: 'B', direction: 'down' } } }),
    problem('benchmarks[0].metrics.bytes.direction', 'must be "lower" or "higher", got "down"'),
  );
});

test('a metric kind is counter, gauge or time when present', () => {
  assert.deepEqual(
    checkBenchmarks({ metrics: { bytes: { unit: 'B', direction: 'lower', kind: 'sum' } } }),
    problem('benchmarks[0].metrics.bytes.kind', 'must be "counter", "gauge" or "time" or absent, got "sum"'),
  );
});

test('a metric has no unknown keys and a string description', () => {
  assert.deepEqual(
    checkBenchmarks({ metrics: { bytes: { unit: 'B', direction: 'lower', kinds: 'gauge', description: 1 } } }),
    [
      {
        field: 'benchmarks[0].metrics.bytes.kinds',
        message: 'is not a key of a metric (allowed: unit, direction, kind, description)',
      },
      { field: 'benchmarks[0].metrics.bytes.description', message: 'must be a string, got 1' },
    ],
  );
});

test('a `time` metric declared beside run matches what the runner records (ms, lower, kind time)', () => {
  // An absent kind means "counter": the runner would collect a second `time` in the counter pass.
  assert.deepEqual(
    checkBenchmarks({ metrics: { time: { unit: 'ms', direction: 'lower' } } }),
    problem(
      'benchmarks[0].metrics.time.kind',
      'must be "time" beside run, which the runner times itself in ms per operation, got undefined',
    ),
  );
  assert.deepEqual(
    checkBenchmarks({ metrics: { time: { unit: 'us', direction: 'lower', kind: 'time' } } }),
    problem(
      'benchmarks[0].metrics.time.unit',
      'must be "ms" beside run, which the runner times itself in ms per operation, got "us"',
    ),
  );
  assert.deepEqual(
    checkBenchmarks({ metrics: { time: { unit: 'ms', direction: 'higher', kind: 'time' } } }),
    problem(
      'benchmarks[0].metrics.time.direction',
      'must be "lower" beside run, which the runner times itself in ms per operation, got "higher"',
    ),
  );
});

test('counterOps is a positive integer when present', () => {
  for (const bad of [0, -1, 1.5, '2', Number.NaN]) {
    assert.deepEqual(
      checkBenchmarks({ counterOps: bad }),
      problem(
        'benchmarks[0].counterOps',
        `must be a positive integer, got ${typeof bad === 'string' ? `"${bad}"` : bad}`,
      ),
    );
  }
});

test('hooks are functions when present', () => {
  for (const hook of ['setup', 'run', 'reset', 'measure', 'teardown', 'verify']) {
    assert.deepEqual(
      checkBenchmarks({ measure: noop, [hook]: 'x' }),
      problem(`benchmarks[0].${hook}`, 'must be a function, got "x"'),
      hook,
    );
  }
});

test('a benchmark has run or measure', () => {
  assert.deepEqual(
    checkBenchmarks({ run: undefined, setup: noop }),
    problem('benchmarks[0]', 'needs run or measure (one timed operation, or a producer of its own samples)'),
  );
});

test('reset requires run', () => {
  assert.deepEqual(
    checkBenchmarks({ run: undefined, measure: noop, reset: noop }),
    problem('benchmarks[0].reset', 'needs run (reset restores state between timed run operations)'),
  );
});

test('gcBeforeOp is a boolean and requires run', () => {
  assert.deepEqual(
    checkBenchmarks({ gcBeforeOp: 'yes' }),
    problem('benchmarks[0].gcBeforeOp', 'must be true or false, got "yes"'),
  );
  assert.deepEqual(
    checkBenchmarks({ run: undefined, measure: noop, gcBeforeOp: true }),
    problem('benchmarks[0].gcBeforeOp', 'needs run (it collects before each timed run operation)'),
  );
  assert.deepEqual(checkBenchmarks({ gcBeforeOp: false }), []);
});

test('a benchmark description is a string when present', () => {
  assert.deepEqual(
    checkBenchmarks({ description: ['x'] }),
    problem('benchmarks[0].description', 'must be a string, got an array'),
  );
});

test('unknown benchmark keys are problems that list the allowed keys', () => {
  assert.deepEqual(
    checkBenchmarks({ setUp: noop }),
    problem(
      'benchmarks[0].setUp',
      'is not a key of a benchmark (allowed: name, description, params, ' +
        'metrics, counterOps, setup, run, reset, gcBeforeOp, measure, teardown, verify)',
    ),
  );
});

test('every problem is reported, in field order', () => {
  const fields = checkBenchmarks({ name: 'A', setUp: noop, counterOps: 0, run: undefined }).map((p) => p.field);
  assert.deepEqual(fields, ['benchmarks[0].name', 'benchmarks[0].setUp', 'benchmarks[0].counterOps', 'benchmarks[0]']);
});

test('formatProblems gives one line: relative path, first problem, how many more', () => {
  const three = checkBenchmarks({}, { name: 'b' }, { name: 'Bad Name', setUp: noop, counterOps: 0 });
  assert.equal(three.length, 3);
  assert.equal(
    formatProblems(FILE, three, ROOT),
    'suites/foo.ts: benchmarks[2].name "Bad Name" must be lower-case kebab-case (and 2 more problems)',
  );
  assert.equal(
    formatProblems(FILE, three.slice(0, 2), ROOT),
    'suites/foo.ts: benchmarks[2].name "Bad Name" must be lower-case kebab-case (and 1 more problem)',
  );
  assert.equal(
    formatProblems(FILE, three.slice(0, 1), ROOT),
    'suites/foo.ts: benchmarks[2].name "Bad Name" must be lower-case kebab-case',
  );
  // Outside the working directory the path stays absolute.
  assert.equal(
    formatProblems({ path: '/elsewhere/foo.ts' }, three.slice(0, 1), ROOT),
    '/elsewhere/foo.ts: benchmarks[2].name "Bad Name" must be lower-case kebab-case',
  );
});

test('every suite in suites/ checks with zero problems', async () => {
  const files = findSuites(join(ROOT, 'suites'));
  const suites = await checkSuites(files);
  assert.deepEqual(
    suites.map((s) => s.name),
    files.map((f) => f.name),
  );
});

test('checkSuites and listSuites reject a suite file with a bad benchmark name, naming file and field', async (t) => {
  const tmp = tempDir('jepsh-validate-');
  t.after(tmp.cleanup);
  const path = join(tmp.dir, 'bad.ts');
  const api = JSON.stringify(join(ROOT, 'src', 'suite', 'api.ts'));
  writeFileSync(
    path,
    `import { defineSuite } from ${api};\nexport default defineSuite({ name: 'bad', ` +
      `benchmarks: [{ name: 'ok', run() {} }, { name: 'Bad Name', run() {} }] });\n`,
  );
  const expected = (e: unknown): boolean => {
    assert.ok(e instanceof UsageError);
    assert.equal(e.exitCode, 2);
    assert.equal(e.message, `${path}: benchmarks[1].name "Bad Name" must be lower-case kebab-case`);
    return true;
  };
  await assert.rejects(checkSuites([{ name: 'bad', path }]), expected);
  await assert.rejects(listSuites(tmp.dir), expected);
});

test('a suite that throws while loading in Node is a usage error naming the suite', async (t) => {
  const tmp = tempDir('jepsh-validate-');
  t.after(tmp.cleanup);
  const path = join(tmp.dir, 'dom.ts');
  writeFileSync(path, `document.body.append('x');\nexport default { name: 'dom', benchmarks: [] };\n`);
  await assert.rejects(checkSuites([{ name: 'dom', path }]), (e: unknown) => {
    assert.ok(e instanceof UsageError);
    assert.match(
      e.message,
      /^suite dom failed to load in Node \(touch the DOM only inside hooks\): document is not defined$/,
    );
    return true;
  });
});
