import { test } from 'node:test';
import assert from 'node:assert/strict';
import { budgetFloor, pastDeadline, MIN_BUDGET_SESSIONS } from '../../src/core/time-budget.js';
import { checkTimeBudget, parseTimeBudget } from '../../src/cli/ab-args.js';
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
});

test('budgetFloor: the fewest sessions whose smallest signed-rank p, doubled for modes, passes BH alone', () => {
  // 45 benchmarks at alpha 0.05: 2^11 = 2048 < 4 * 45 / 0.05 = 3600 <= 2^12.
  assert.equal(budgetFloor(45, 0.05), 12);
  assert.equal(budgetFloor(45, 0.01), 15); // 18000 <= 2^15
  // Few benchmarks: never below the absolute floor.
  assert.equal(budgetFloor(1, 0.05), MIN_BUDGET_SESSIONS);
  assert.equal(budgetFloor(0, 0.05), MIN_BUDGET_SESSIONS);
  // At the floor one metric alone can pass: 4 / 2^n <= alpha / m; one session fewer, it cannot.
  for (const [m, alpha] of [
    [45, 0.05],
    [200, 0.05],
    [10, 0.001],
  ] as const) {
    const n = budgetFloor(m, alpha);
    assert.ok(4 / 2 ** n <= alpha / m, `${m} benchmarks: ${n}`);
    if (n > MIN_BUDGET_SESSIONS) assert.ok(4 / 2 ** (n - 1) > alpha / m, `${m} benchmarks: ${n} is not the fewest`);
  }
});

test('parseTimeBudget: seconds to ms; zero is none; negative and non-numbers are usage errors', () => {
  assert.equal(parseTimeBudget(undefined), undefined);
  assert.equal(parseTimeBudget(0), undefined);
  assert.equal(parseTimeBudget(600), 600_000);
  assert.equal(parseTimeBudget(0.5), 500);
  for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY])
    assert.throws(
      () => parseTimeBudget(bad),
      (e: unknown) => e instanceof UsageError && /--time-budget must be/.test(e.message),
    );
});

test('checkTimeBudget: the flag, else the config default, except with --auto or --sessions', () => {
  const config = { checkTimeBudgetS: 690 };
  assert.equal(checkTimeBudget({}, config), 690);
  assert.equal(checkTimeBudget({ 'time-budget': 300 }, config), 300);
  assert.equal(checkTimeBudget({ 'time-budget': 0 }, config), 0, 'an explicit 0 (none) wins over the config');
  assert.equal(checkTimeBudget({ 'time-budget': 300, sessions: 20 }, config), 300);
  assert.equal(checkTimeBudget({ auto: true }, config), undefined);
  assert.equal(checkTimeBudget({ sessions: 20 }, config), undefined);
  assert.equal(checkTimeBudget({}, { checkTimeBudgetS: 0 }), 0);
});
