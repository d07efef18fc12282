import { test } from 'node:test';
import assert from 'node:assert/strict';
import { benchmarkId, cartesian, expandSuite, parseBenchmarkId } from '../../src/suite/expand.js';

test('ids sort parameters by name, so declaration order does not matter', () => {
  assert.equal(
    benchmarkId('diffing', 'create-rows', { rows: 1000, mode: 'dom' }),
    'diffing/create-rows?mode=dom&rows=1000',
  );
  assert.equal(
    benchmarkId('diffing', 'create-rows', { mode: 'dom', rows: 1000 }),
    'diffing/create-rows?mode=dom&rows=1000',
  );
  assert.equal(benchmarkId('smoke', 'json-roundtrip', {}), 'smoke/json-roundtrip');
});

test('parameters expand to their cartesian product', () => {
  assert.deepEqual(cartesian({ a: [1, 2], b: ['x', 'y'] }), [
    { a: 1, b: 'x' },
    { a: 1, b: 'y' },
    { a: 2, b: 'x' },
    { a: 2, b: 'y' },
  ]);
  assert.deepEqual(cartesian(undefined), [{}]);
  assert.throws(() => cartesian({ a: [] }), /parameter "a" must list at least one value/);
});

test('expandSuite gives one benchmark per combination with stable ids', () => {
  const ids = expandSuite('diffing', [
    { name: 'create-rows', params: { rows: [1000, 10000], mode: ['diff', 'dom'] } },
    { name: 'clear' },
  ]).map((e) => e.id);
  assert.deepEqual(ids, [
    'diffing/create-rows?mode=diff&rows=1000',
    'diffing/create-rows?mode=dom&rows=1000',
    'diffing/create-rows?mode=diff&rows=10000',
    'diffing/create-rows?mode=dom&rows=10000',
    'diffing/clear',
  ]);
});

test('duplicate ids and bad names are rejected', () => {
  assert.throws(() => expandSuite('s', [{ name: 'a' }, { name: 'a' }]), /duplicate benchmark id "s\/a"/);
  assert.throws(() => expandSuite('s', [{ name: 'Not Kebab' }]), /kebab-case/);
  assert.throws(() => expandSuite('S', [{ name: 'a' }]), /suite name/);
});

test('special characters in params are encoded and round-trip', () => {
  const id = benchmarkId('s', 'b', { q: 'a&b=c d' });
  assert.equal(id, 's/b?q=a%26b%3Dc%20d');
  assert.deepEqual(parseBenchmarkId(id), { suite: 's', name: 'b', params: { q: 'a&b=c d' } });
});
