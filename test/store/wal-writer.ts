/**
 * Child process of faults.test.ts (not a test): opens the store at argv[2], stores one complete run,
 * starts a second one, prints their ids and waits to be SIGKILLed, so the WAL is never checkpointed.
 */
import { Store } from '../../src/store/store.js';
import type { Summary } from '../../src/model/types.js';
import { testEnvironment } from '../helpers.js';

const summarize = (s: number[]) => ({ n: s.length }) as unknown as Summary;
const store = Store.open(process.argv[2]!, summarize);
const newRun = {
  git: { commit: 'abc', branch: 'main', dirty: false },
  label: 'killed',
  suites: ['smoke'],
  options: {},
};
const complete = store.createRun(newRun);
store.completeRun(complete.id, {
  environment: testEnvironment(),
  benchmarks: [{ id: 'smoke/a', suite: 'smoke', name: 'a', params: {} }],
  statuses: [{ benchmarkId: 'smoke/a', ok: true, durationMs: 5 }],
  results: [
    {
      benchmarkId: 'smoke/a',
      metric: 'time',
      unit: 'ms',
      direction: 'lower',
      kind: 'time',
      samples: [1, 2, 3],
      innerIterations: 10,
    },
  ],
  warnings: [],
});
const running = store.createRun(newRun);
process.stdout.write(`${JSON.stringify({ complete: complete.id, running: running.id })}\n`);
setInterval(() => {}, 60_000);
