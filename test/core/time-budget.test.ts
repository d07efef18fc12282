import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pastDeadline, MIN_BUDGET_SESSIONS } from '../../src/core/sessions.js';
import { parseTimeBudget } from '../../src/cli/ab-args.js';
import { UsageError } from '../../src/model/errors.js';

const deadline = { atMs: 1000, minSessions: 3 };

test('pastDeadline: never before minSessions, whatever the clock says', () => {
  assert.equal(pastDeadline(5000, 0, 0, deadline), false);
  assert.equal(pastDeadline(5000, 0, 2, deadline), false);
  assert.equal(pastDeadline(5000, 0, 3, deadline), true);
  // A floor of 0 still needs one session to know how long a session takes.
  assert.equal(pastDeadline(5000, 0, 0, { atMs: 1000, minSessions: 0 }), false);
  assert.equal(pastDeadline(5000, 0, 1, { atMs: 1000, minSessions: 0 }), true);
});

test('pastDeadline: stops when one more session at the mean length so far would end past the deadline', () => {
  // Started at 100; 4 sessions by 700 are 150 ms each: the next ends at 850, inside the budget.
  assert.equal(pastDeadline(700, 100, 4, deadline), false);
  // By 900 they are 200 ms each: the next would end at 1100.
  assert.equal(pastDeadline(900, 100, 4, deadline), true);
  // Ending exactly at the deadline is inside it.
  assert.equal(pastDeadline(800, 0, 4, deadline), false);
  assert.equal(pastDeadline(801, 0, 4, deadline), true);
  assert.ok(MIN_BUDGET_SESSIONS >= 2, 'the paired tests need at least two sessions');
});

test('parseTimeBudget: seconds to ms; zero, negative and non-numbers are usage errors', () => {
  assert.equal(parseTimeBudget(undefined), undefined);
  assert.equal(parseTimeBudget(600), 600_000);
  assert.equal(parseTimeBudget(0.5), 500);
  for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY])
    assert.throws(
      () => parseTimeBudget(bad),
      (e: unknown) => e instanceof UsageError && /--time-budget must be/.test(e.message),
    );
});
