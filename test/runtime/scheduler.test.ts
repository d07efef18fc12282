import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createScheduler,
  Fifo,
  Ring,
  type FrameStats,
  type Priority,
  type SchedulerOptions,
} from '../../src/runtime/scheduler/index.js';

/** Fake clock plus a manual frame driver: a frame runs only when the test calls `step()`. */
function harness(opts: Omit<SchedulerOptions, 'now' | 'requestFrame'> = {}) {
  let t = 0;
  let pending: (() => void) | null = null;
  let requests = 0;
  const frames: FrameStats[] = [];
  const log: string[] = [];
  const scheduler = createScheduler({
    frameBudgetMs: 10,
    ...opts,
    now: () => t,
    requestFrame: (cb) => {
      requests++;
      pending = cb;
      return () => {
        if (pending === cb) pending = null;
      };
    },
    onFrame: (s) => {
      frames.push(s);
      opts.onFrame?.(s);
    },
  });
  /** A task that takes exactly `ms` of fake time and logs `tag`. */
  const work = (tag: string, ms: number) => () => {
    t += ms;
    log.push(tag);
  };
  const add = (tag: string, priority: Priority, ms: number) =>
    scheduler.schedule(work(tag, ms), { priority, estimateMs: ms });
  return {
    scheduler,
    frames,
    log,
    add,
    work,
    advance: (ms: number) => (t += ms),
    get requests() {
      return requests;
    },
    get framePending() {
      return pending !== null;
    },
    step(): boolean {
      const cb = pending;
      if (!cb) return false;
      pending = null;
      cb();
      return true;
    },
  };
}

test('a frame runs tasks by priority, FIFO within a priority', () => {
  const h = harness();
  h.add('low', 'low', 1);
  h.add('normal1', 'normal', 1);
  h.add('high', 'high', 1);
  h.add('critical', 'critical', 1);
  h.add('normal2', 'normal', 1);
  assert.equal(h.requests, 1, 'one frame request for a burst of schedules');
  assert.ok(h.step());
  assert.deepEqual(h.log, ['critical', 'high', 'normal1', 'normal2', 'low']);
  assert.equal(h.framePending, false, 'no frame requested once the queue is empty');
  assert.equal(h.frames.length, 1);
  assert.equal(h.frames[0]!.tasksRun, 5);
});

test('budget is respected; deferred tasks run in the next frame', () => {
  const h = harness({ frameBudgetMs: 10 });
  for (let i = 0; i < 10; i++) h.add(`t${i}`, 'normal', 3);
  while (h.step());
  assert.deepEqual(
    h.frames.map((f) => [f.tasksRun, f.tasksDeferred, f.workMs]),
    [
      [3, 7, 9],
      [3, 4, 9],
      [3, 1, 9],
      [1, 0, 3],
    ],
  );
  assert.deepEqual(
    h.log,
    Array.from({ length: 10 }, (_, i) => `t${i}`),
  );
});

test('randomised load: no frame exceeds the budget except a lone oversized task', () => {
  const h = harness({ frameBudgetMs: 16 });
  let seed = 12345;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const priorities: Priority[] = ['critical', 'high', 'normal', 'low'];
  let scheduled = 0;
  for (let round = 0; round < 50; round++) {
    for (let i = 0; i < 6; i++) {
      // Whole-ms estimates keep fake-clock sums exact; ~3% exceed the budget.
      const ms = rand() < 0.03 ? 20 : 1 + Math.floor(rand() * 5);
      h.add(`r${round}-${i}`, priorities[Math.floor(rand() * 4)]!, ms);
      scheduled++;
    }
    h.step();
  }
  while (h.step());
  assert.equal(h.log.length, scheduled);
  let oversizedFrames = 0;
  for (const f of h.frames) {
    if (f.oversized) {
      oversizedFrames++;
      assert.equal(f.tasksRun, 1, `oversized frame ${f.index} ran other tasks`);
    } else {
      assert.ok(f.workMs <= 16, `frame ${f.index} did ${f.workMs} ms of work`);
    }
  }
  assert.ok(oversizedFrames > 0, 'the load included oversized tasks');
});

test('an oversized task runs alone, first in its own frame', () => {
  const h = harness({ frameBudgetMs: 10 });
  h.add('c', 'critical', 2);
  h.add('big', 'low', 25);
  h.add('n', 'normal', 2);
  h.step();
  assert.deepEqual(h.log, ['c', 'n']);
  h.step();
  assert.deepEqual(h.log, ['c', 'n', 'big']);
  const f = h.frames[1]!;
  assert.equal(f.oversized, true);
  assert.equal(f.tasksRun, 1);
  assert.equal(f.workMs, 25);
});

test('an oversized task that is next in line is reserved to open the next frame, ahead of new critical work', () => {
  const h = harness({ frameBudgetMs: 10, agingFrames: 4 });
  h.add('big', 'low', 25);
  const fill = (frame: number) => {
    for (let i = 0; i < 10; i++) h.add(`c${frame}.${i}`, 'critical', 1);
  };
  fill(1);
  h.step(); // ten criticals fill the frame; 'big' is then the best ready task and gets reserved
  assert.equal(h.log.length, 10);
  assert.ok(!h.log.includes('big'));
  fill(2);
  h.step();
  assert.deepEqual(h.log.slice(10), ['big'], 'the reserved task runs alone, before the newer criticals');
  assert.equal(h.frames[1]!.oversized, true);
  h.step();
  assert.equal(h.log.length, 21);
});

test('cancelling a reserved task frees the reservation', () => {
  const h = harness({ frameBudgetMs: 10 });
  h.add('c1', 'critical', 2);
  const cancelBig = h.add('big1', 'low', 25);
  h.step();
  assert.deepEqual(h.log, ['c1']);
  assert.equal(cancelBig(), true);
  h.add('c2', 'critical', 2);
  h.add('big2', 'low', 25);
  h.step();
  assert.deepEqual(h.log, ['c1', 'c2']);
  h.step();
  assert.deepEqual(h.log, ['c1', 'c2', 'big2']);
  assert.equal(h.scheduler.pending, 0);
});

test('backfill: a head that does not fit does not idle the rest of the frame', () => {
  const h = harness({ frameBudgetMs: 10 });
  h.add('n1', 'normal', 6);
  h.add('n2', 'normal', 6);
  h.add('l1', 'low', 3);
  h.add('l2', 'low', 3);
  h.step();
  assert.deepEqual(h.log, ['n1', 'l1'], 'n2 does not fit in the 4 ms left; l1 does, l2 then does not');
  assert.equal(h.frames[0]!.workMs, 9);
  assert.equal(h.frames[0]!.tasksDeferred, 2);
  h.step();
  assert.deepEqual(h.log, ['n1', 'l1', 'n2', 'l2']);
});

test(
  'aging: a low task under a stream of high work that fills every frame ' + 'runs within 2 * agingFrames + 1 frames',
  () => {
    const run = (agingFrames: number, stream: Priority) => {
      const h = harness({ frameBudgetMs: 10, agingFrames });
      h.add('low', 'low', 1);
      for (let frame = 1; frame <= 100; frame++) {
        for (let i = 0; i < 10; i++) h.add(`${stream}${frame}.${i}`, stream, 1);
        h.step();
        assert.ok(h.frames.at(-1)!.workMs <= 10);
        if (h.log.includes('low')) return frame;
      }
      return Infinity;
    };
    assert.equal(run(4, 'high'), 9);
    assert.ok(run(4, 'high') <= 2 * 4 + 1);
    assert.equal(run(4, 'critical'), 3 * 4 + 1);
    assert.equal(run(2, 'normal'), 1 * 2 + 1);
    // Control: without effective aging the same load starves the low task.
    assert.equal(run(1_000_000, 'high'), Infinity);
  },
);

test('tasks scheduled during a frame wait for the next frame', () => {
  const h = harness();
  const self = () => {
    h.log.push('self');
    h.scheduler.schedule(self, { priority: 'critical' });
  };
  h.scheduler.schedule(self, { priority: 'critical' });
  h.step();
  assert.deepEqual(h.log, ['self'], 'a self-rescheduling task runs once per frame, it cannot spin a frame');
  assert.equal(h.framePending, true);
  h.step();
  assert.deepEqual(h.log, ['self', 'self']);
  h.scheduler.stop();
});

test('cancel: a cancelled task never runs; cancel reports whether it removed anything', () => {
  const h = harness();
  const cancelA = h.add('a', 'normal', 1);
  h.add('b', 'normal', 1);
  const cancelC = h.add('c', 'critical', 1);
  assert.equal(cancelA(), true);
  assert.equal(cancelA(), false);
  assert.equal(h.scheduler.pending, 2);
  h.step();
  assert.deepEqual(h.log, ['c', 'b']);
  assert.equal(cancelC(), false, 'already ran');
  // Cancelling the only pending task withdraws the frame request.
  const cancelD = h.add('d', 'low', 1);
  assert.equal(h.framePending, true);
  cancelD();
  assert.equal(h.framePending, false);
  assert.equal(h.step(), false);
  assert.deepEqual(h.log, ['c', 'b']);
});

test('cancel from inside a frame: a later ready task is skipped and not counted as deferred', () => {
  const h = harness({ frameBudgetMs: 10 });
  let cancelLater: () => boolean = () => false;
  h.scheduler.schedule(() => cancelLater(), { priority: 'critical' });
  cancelLater = h.add('later', 'low', 1);
  h.add('big', 'normal', 9);
  h.step();
  assert.deepEqual(h.log, ['big']);
  assert.equal(h.frames[0]!.tasksDeferred, 0);
  assert.equal(h.framePending, false);
});

test('a throwing task is reported and does not wedge the scheduler', () => {
  const errors: Array<[unknown, Priority]> = [];
  const h = harness({ onError: (e, p) => errors.push([e, p]) });
  const boom = new Error('boom');
  h.scheduler.schedule(
    () => {
      throw boom;
    },
    { priority: 'high' },
  );
  h.add('after', 'normal', 1);
  h.step();
  assert.deepEqual(errors, [[boom, 'high']]);
  assert.deepEqual(h.log, ['after']);
  assert.equal(h.frames[0]!.errors, 1);
  assert.equal(h.frames[0]!.tasksRun, 2);
});

test('even a throwing onError hook leaves the scheduler running', () => {
  const h = harness({
    onError: () => {
      throw new Error('hook failed');
    },
  });
  h.scheduler.schedule(
    () => {
      throw new Error('task failed');
    },
    { priority: 'critical' },
  );
  h.add('later', 'low', 1);
  assert.throws(() => h.step(), /hook failed/);
  assert.equal(h.framePending, true, 'a new frame is requested for the remaining task');
  h.step();
  assert.deepEqual(h.log, ['later']);
  assert.equal(h.scheduler.pending, 0);
});

test('wait times are measured from schedule to start, by priority', () => {
  const starts: Array<[Priority, number, number]> = [];
  const h = harness({ frameBudgetMs: 10, onTaskStart: (i) => starts.push([i.priority, i.waitMs, i.waitFrames]) });
  h.add('c', 'critical', 6);
  h.add('l', 'low', 6);
  h.advance(2);
  h.step(); // c waits 2 ms; l does not fit
  h.step(); // l starts at t = 8
  assert.deepEqual(starts, [
    ['critical', 2, 0],
    ['low', 8, 1],
  ]);
  const w = h.scheduler.waitStats();
  assert.deepEqual(w.critical, { count: 1, totalMs: 2, maxMs: 2 });
  assert.deepEqual(w.low, { count: 1, totalMs: 8, maxMs: 8 });
  assert.equal(w.high.count, 0);
});

test('flush drains synchronously; stop drops pending work and rejects new tasks', () => {
  const h = harness({ frameBudgetMs: 10 });
  for (let i = 0; i < 7; i++) h.add(`t${i}`, 'high', 4);
  assert.equal(h.scheduler.flush(), 4);
  assert.equal(h.log.length, 7);
  assert.equal(h.scheduler.frameCount, 4);
  assert.equal(h.framePending, false, 'flush withdrew the driver request');
  const cancel = h.add('x', 'low', 1);
  h.add('y', 'low', 1);
  assert.equal(h.scheduler.stop(), 2);
  assert.equal(cancel(), false);
  assert.equal(h.step(), false);
  assert.throws(() => h.add('z', 'low', 1), /stopped/);
  assert.equal(h.log.length, 7);
});

test('recentFrames keeps a bounded ring of the latest frames', () => {
  const h = harness({ frameBudgetMs: 10, statsCapacity: 3 });
  for (let i = 0; i < 5; i++) h.add(`t${i}`, 'normal', 10);
  h.scheduler.flush();
  assert.deepEqual(
    h.scheduler.recentFrames().map((f) => f.index),
    [3, 4, 5],
  );
});

test('invalid options and priorities are rejected', () => {
  assert.throws(() => createScheduler({ frameBudgetMs: 0 }), RangeError);
  assert.throws(() => createScheduler({ agingFrames: 0 }), RangeError);
  const h = harness();
  assert.throws(() => h.scheduler.schedule(() => {}, { priority: 'urgent' as Priority }), TypeError);
  assert.throws(() => h.scheduler.schedule(() => {}, { estimateMs: -1 }), RangeError);
});

test('default frame driver (MessageChannel in Node) runs frames and lets the process exit', async () => {
  const scheduler = createScheduler({ frameBudgetMs: 5 });
  const ran: number[] = [];
  await new Promise<void>((resolve) => {
    for (let i = 0; i < 20; i++) {
      scheduler.schedule(
        () => {
          ran.push(i);
          if (ran.length === 20) resolve();
        },
        { priority: i % 2 ? 'low' : 'high', estimateMs: 1 },
      );
    }
  });
  assert.equal(ran.length, 20);
  assert.ok(scheduler.frameCount >= 1);
  scheduler.stop();
});

test('Fifo keeps order across wrap-around and growth; Ring keeps the latest items', () => {
  const q = new Fifo<number>(2);
  const out: number[] = [];
  let next = 0;
  for (let round = 0; round < 5; round++) {
    for (let i = 0; i < round + 2; i++) q.push(next++);
    out.push(q.shift()!);
  }
  while (q.length) out.push(q.shift()!);
  assert.deepEqual(
    out,
    Array.from({ length: next }, (_, i) => i),
  );
  assert.equal(q.shift(), undefined);

  const r = new Ring<number>(3);
  for (let i = 1; i <= 5; i++) r.push(i);
  assert.deepEqual(r.toArray(), [3, 4, 5]);
  assert.equal(r.length, 3);
});
