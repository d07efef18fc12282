import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  atom,
  batch,
  computed,
  effect,
  flushSync,
  ReactiveCycleError,
  resetStats,
  stats,
  untracked,
  type Computed,
} from '../../src/runtime/reactivity/index.js';
import { MAX_EVAL_DEPTH, subscriberCount } from '../../src/runtime/reactivity/graph.js';

/** Counters accumulated while running `fn`. */
function counted(fn: () => void): { computedRuns: number; effectRuns: number } {
  resetStats();
  fn();
  return stats();
}

test('computeds are lazy and memoised', () => {
  const a = atom(1);
  let runs = 0;
  const double = computed(() => {
    runs++;
    return a.get() * 2;
  });
  assert.equal(runs, 0, 'not run before the first read');
  assert.equal(double.get(), 2);
  assert.equal(double.get(), 2);
  assert.equal(runs, 1, 'second read is served from the cache');
  a.set(5);
  assert.equal(runs, 1, 'a write alone does not run it');
  assert.equal(double.get(), 10);
  assert.equal(runs, 2);
});

test('diamond: every node runs once per change and never sees a mix of old and new', () => {
  const a = atom(1, { name: 'a' });
  const runs = { b: 0, c: 0, d: 0 };
  const b = computed(() => (runs.b++, a.get() + 1), { name: 'b' });
  const c = computed(() => (runs.c++, a.get() * 2), { name: 'c' });
  const seenInputs: [number, number][] = [];
  const d = computed(
    () => {
      runs.d++;
      seenInputs.push([b.get(), c.get()]);
      return b.get() + c.get();
    },
    { name: 'd' },
  );
  const effectValues: number[] = [];
  const dispose = effect(() => {
    effectValues.push(d.get());
  });
  for (let v = 2; v <= 5; v++) {
    const delta = counted(() => batch(() => a.set(v)));
    assert.deepEqual(delta, { computedRuns: 3, effectRuns: 1 }, `update to ${v}`);
  }
  assert.deepEqual(runs, { b: 5, c: 5, d: 5 });
  for (const [bv, cv] of seenInputs) assert.equal(cv, (bv - 1) * 2, `glitch: b=${bv} with c=${cv}`);
  assert.deepEqual(effectValues, [4, 7, 10, 13, 16]);
  dispose();
});

test('dynamic dependencies: the branch not taken is unsubscribed', () => {
  const useLeft = atom(true);
  const left = atom(1, { name: 'left' });
  const right = atom(10, { name: 'right' });
  let runs = 0;
  const pick = computed(() => {
    runs++;
    return useLeft.get() ? left.get() : right.get();
  });
  const seen: number[] = [];
  const dispose = effect(() => {
    seen.push(pick.get());
  });
  assert.equal(subscriberCount(left), 1);
  assert.equal(subscriberCount(right), 0, 'never read, never subscribed');

  batch(() => useLeft.set(false));
  assert.deepEqual(seen, [1, 10]);
  assert.equal(subscriberCount(left), 0, 'the untaken branch is dropped');
  assert.equal(subscriberCount(right), 1);

  runs = 0;
  const delta = counted(() => batch(() => left.set(2)));
  assert.deepEqual(delta, { computedRuns: 0, effectRuns: 0 }, 'changing the untaken branch recomputes nothing');
  assert.equal(runs, 0);
  batch(() => right.set(11));
  assert.deepEqual(seen, [1, 10, 11]);
  dispose();
});

test('equality cut-off: equal atom writes and unchanged computeds stop propagation', () => {
  const a = atom(1);
  const parity = computed(() => a.get() % 2);
  let labelRuns = 0;
  const label = computed(() => {
    labelRuns++;
    return parity.get() === 0 ? 'even' : 'odd';
  });
  const seen: string[] = [];
  const dispose = effect(() => {
    seen.push(label.get());
  });

  assert.deepEqual(
    counted(() => batch(() => a.set(1))),
    { computedRuns: 0, effectRuns: 0 },
    'same value: nothing happens',
  );
  assert.deepEqual(
    counted(() => batch(() => a.set(3))),
    { computedRuns: 1, effectRuns: 0 },
    'parity re-runs, stays 1, so label and the effect do not',
  );
  assert.equal(labelRuns, 1);
  batch(() => a.set(4));
  assert.deepEqual(seen, ['odd', 'even']);
  dispose();
});

test('custom equals on atoms and computeds', () => {
  const sameLength = (x: string, y: string) => x.length === y.length;
  const word = atom<string>('abc', { equals: sameLength });
  const list = atom([1, 2, 3]);
  const sorted = computed(() => [...list.get()].sort((x, y) => x - y), {
    equals: (x, y) => x.length === y.length && x.every((v, i) => v === y[i]),
  });
  let runs = 0;
  const dispose = effect(() => {
    word.get();
    sorted.get();
    runs++;
  });
  batch(() => word.set('xyz'));
  assert.equal(runs, 1, 'atom equals: same length is no change');
  assert.equal(word.get(), 'abc', 'an equal write keeps the old value');
  batch(() => list.set([3, 2, 1]));
  assert.equal(runs, 1, 'computed equals: same sorted content is no change');
  batch(() => list.set([4]));
  assert.equal(runs, 2);
  dispose();
});

test('batch flushes effects synchronously at the outermost end and returns the result', () => {
  const a = atom(0);
  const b = atom(0);
  const seen: string[] = [];
  const dispose = effect(() => {
    seen.push(`${a.get()},${b.get()}`);
  });
  const result = batch(() => {
    a.set(1);
    batch(() => b.set(1));
    assert.deepEqual(seen, ['0,0'], 'nested batch end does not flush');
    return 42;
  });
  assert.equal(result, 42);
  assert.deepEqual(seen, ['0,0', '1,1'], 'one run, synchronously, after both writes');
  dispose();
});

test('writes outside a batch flush once in a microtask; flushSync flushes now', async () => {
  const a = atom(0);
  const b = atom(0);
  const seen: string[] = [];
  const dispose = effect(() => {
    seen.push(`${a.get()},${b.get()}`);
  });
  a.set(1);
  b.set(2);
  assert.deepEqual(seen, ['0,0'], 'not yet');
  await Promise.resolve();
  assert.deepEqual(seen, ['0,0', '1,2'], 'one run for both writes');

  a.set(3);
  flushSync();
  assert.deepEqual(seen, ['0,0', '1,2', '3,2'], 'flushSync runs it now');
  await Promise.resolve();
  assert.equal(seen.length, 3, 'and the microtask finds nothing left');
  dispose();
});

test('a cycle throws an error naming the nodes, not a stack overflow', () => {
  const holder: { b?: Computed<number> } = {};
  const a = computed(() => holder.b!.get() + 1, { name: 'a' });
  const b = computed(() => a.get() + 1, { name: 'b' });
  holder.b = b;
  assert.throws(
    () => a.get(),
    (e: unknown) => {
      assert.ok(e instanceof ReactiveCycleError);
      assert.deepEqual(e.nodes, ['a', 'b', 'a']);
      assert.match(e.message, /a -> b -> a/);
      return true;
    },
  );
  const self: Computed<number> = computed(() => self.get(), { name: 'self' });
  assert.throws(() => self.get(), /self -> self/);
});

test('a cycle longer than the evaluation depth limit is reported too', () => {
  const n = MAX_EVAL_DEPTH * 2 + 57;
  const ring: Computed<number>[] = [];
  for (let i = 0; i < n; i++) ring.push(computed(() => ring[(i + 1) % n]!.get() + 1, { name: `r${i}` }));
  assert.throws(
    () => ring[0]!.get(),
    (e: unknown) => {
      assert.ok(e instanceof ReactiveCycleError, String(e));
      assert.equal(e.nodes.length, n + 1, 'every node of the ring, the first one twice');
      assert.equal(e.nodes[0], e.nodes[n]);
      assert.equal(new Set(e.nodes).size, n);
      assert.match(e.message, /more\)/, 'long paths are shortened in the message');
      return true;
    },
  );
});

test('dispose unsubscribes everything the effect read, transitively', () => {
  const a = atom(1);
  const c1 = computed(() => a.get() + 1);
  const c2 = computed(() => c1.get() * 2);
  let runs = 0;
  let cleanups = 0;
  const dispose = effect(() => {
    c2.get();
    runs++;
    return () => {
      cleanups++;
    };
  });
  assert.equal(subscriberCount(a), 1);
  assert.equal(subscriberCount(c1), 1);
  assert.equal(subscriberCount(c2), 1);
  dispose();
  assert.equal(cleanups, 1, 'cleanup runs on dispose');
  assert.equal(subscriberCount(a), 0);
  assert.equal(subscriberCount(c1), 0);
  assert.equal(subscriberCount(c2), 0);
  assert.deepEqual(
    counted(() => batch(() => a.set(2))),
    { computedRuns: 0, effectRuns: 0 },
  );
  assert.equal(runs, 1);
  assert.equal(c2.get(), 6, 'the computeds still work when read directly');
  dispose(); // idempotent
  assert.equal(cleanups, 1);
});

test('effect cleanup runs before the next run and on dispose, untracked', () => {
  const a = atom(0);
  const other = atom(0);
  const log: string[] = [];
  const dispose = effect(() => {
    const v = a.get();
    log.push(`run ${v}`);
    return () => {
      other.get(); // read in cleanup: must not subscribe
      log.push(`cleanup ${v}`);
    };
  });
  batch(() => a.set(1));
  batch(() => other.set(1));
  dispose();
  assert.deepEqual(log, ['run 0', 'cleanup 0', 'run 1', 'cleanup 1']);
});

test('untracked reads do not subscribe', () => {
  const tracked = atom(0);
  const hidden = atom(0);
  let runs = 0;
  const dispose = effect(() => {
    tracked.get();
    untracked(() => hidden.get());
    runs++;
  });
  batch(() => hidden.set(1));
  assert.equal(runs, 1);
  batch(() => tracked.set(1));
  assert.equal(runs, 2);
  assert.equal(
    untracked(() => 7),
    7,
  );
  dispose();
});

test('a deep chain of 10,000 computeds: cold read, updates and an effect', () => {
  const n = 10_000;
  const head = atom(0);
  let tail: Computed<number> = head;
  for (let i = 0; i < n; i++) {
    const prev = tail;
    tail = computed(() => prev.get() + 1);
  }
  assert.equal(tail.get(), n, 'cold evaluation deeper than the stack would allow');

  head.set(1);
  assert.deepEqual(
    counted(() => assert.equal(tail.get(), n + 1)),
    { computedRuns: n, effectRuns: 0 },
    'an update re-runs each node exactly once, without recursion',
  );

  let seen = -1;
  const dispose = effect(() => {
    seen = tail.get();
  });
  assert.equal(subscriberCount(head), 1, 'the whole chain went live');
  assert.deepEqual(
    counted(() => batch(() => head.set(2))),
    { computedRuns: n, effectRuns: 1 },
  );
  assert.equal(seen, n + 2);
  dispose();
  assert.equal(subscriberCount(head), 0, 'and is released again');
});

test('deep cold reads stay correct when user code catches errors on the way', () => {
  // The depth limit unwinds the stack with an internal signal; a try/catch in a computed must not
  // turn that into a wrong value.
  const head = atom(0);
  let tail: Computed<number> = head;
  for (let i = 0; i < MAX_EVAL_DEPTH * 5; i++) {
    const prev = tail;
    tail = computed(() => {
      try {
        return prev.get() + 1;
      } catch {
        return -1e9;
      }
    });
  }
  assert.equal(tail.get(), MAX_EVAL_DEPTH * 5);
});

test('a live chain that switches to a cold deep chain', () => {
  const useCold = atom(false);
  const coldHead = atom(3);
  let cold: Computed<number> = coldHead;
  for (let i = 0; i < 5000; i++) {
    const prev = cold;
    cold = computed(() => prev.get() + 1);
  }
  const coldTail = cold;
  const head = atom(0);
  let tail: Computed<number> = head;
  for (let i = 0; i < 3000; i++) {
    const prev = tail;
    tail =
      i === 1500 ? computed(() => (useCold.get() ? coldTail.get() : prev.get()) + 1) : computed(() => prev.get() + 1);
  }
  let seen = -1;
  const dispose = effect(() => {
    seen = tail.get();
  });
  assert.equal(seen, 3000);
  batch(() => useCold.set(true));
  assert.equal(seen, 5003 + 1500);
  batch(() => coldHead.set(4));
  assert.equal(seen, 5004 + 1500);
  batch(() => {
    useCold.set(false);
    head.set(10);
  });
  assert.equal(seen, 3010);
  assert.equal(subscriberCount(coldHead), 0, 'the cold chain was released');
  dispose();
});

test('errors are cached like values and recover when inputs change', () => {
  const a = atom(0);
  let runs = 0;
  const inverse = computed(() => {
    runs++;
    if (a.get() === 0) throw new Error('division by zero');
    return 1 / a.get();
  });
  assert.throws(() => inverse.get(), /division by zero/);
  assert.throws(() => inverse.get(), /division by zero/);
  assert.equal(runs, 1, 'the error is memoised');
  a.set(4);
  assert.equal(inverse.get(), 0.25);
});

test('writing an atom inside a computed is rejected', () => {
  const a = atom(0, { name: 'a' });
  const bad = computed(() => a.set(1), { name: 'bad' });
  assert.throws(() => bad.get(), /Cannot set atom "a" while computing "bad"/);
});

test('an effect that keeps invalidating itself is stopped', () => {
  const a = atom(0);
  const dispose = effect(() => {
    a.set(a.get() + 1);
  });
  assert.throws(() => flushSync(), /re-triggered 100 times/);
  dispose();
});

test('effects writing atoms trigger other effects in the same flush', () => {
  const a = atom(0);
  const b = atom(0);
  const seen: number[] = [];
  const d1 = effect(() => b.set(a.get() * 10));
  const d2 = effect(() => {
    seen.push(b.get());
  });
  batch(() => a.set(2));
  assert.deepEqual(seen, [0, 20]);
  d1();
  d2();
});

/** mulberry32: a tiny seeded PRNG so the randomised test is reproducible. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('random graphs with dynamic dependencies match a naive re-evaluation', () => {
  const random = rng(12345);
  for (let round = 0; round < 20; round++) {
    const atomCount = 5;
    const computedCount = 60;
    // Node i < atomCount is an atom; later nodes pick a condition and two branches among earlier nodes.
    type Spec = { cond: number; yes: number; no: number; mod: number };
    const specs: Spec[] = [];
    for (let i = atomCount; i < atomCount + computedCount; i++) {
      const pick = () => Math.floor(random() * i);
      specs.push({ cond: pick(), yes: pick(), no: pick(), mod: 2 + Math.floor(random() * 5) });
    }
    const atomValues = Array.from({ length: atomCount }, () => Math.floor(random() * 10));
    const naive = (): number[] => {
      const v = [...atomValues];
      for (const s of specs) v.push((v[s.cond]! % 2 === 0 ? v[s.yes]! + 1 : v[s.no]! * 3) % s.mod);
      return v;
    };

    const atoms = atomValues.map((x) => atom(x));
    const nodes: { get(): number }[] = [...atoms];
    const runsThisBatch: number[] = new Array(atomCount + computedCount).fill(0);
    specs.forEach((s, k) => {
      const index = atomCount + k;
      nodes.push(
        computed(() => {
          runsThisBatch[index]!++;
          const c = nodes[s.cond]!.get();
          return (c % 2 === 0 ? nodes[s.yes]!.get() + 1 : nodes[s.no]!.get() * 3) % s.mod;
        }),
      );
    });
    const watched = [0, 1, 2, 3, 4, 5].map(() => atomCount + Math.floor(random() * computedCount));
    const seen: number[] = watched.map(() => NaN);
    const disposers = watched.map((index, k) =>
      effect(() => {
        seen[k] = nodes[index]!.get();
      }),
    );

    for (let step = 0; step < 25; step++) {
      runsThisBatch.fill(0);
      batch(() => {
        const writes = 1 + Math.floor(random() * 3);
        for (let w = 0; w < writes; w++) {
          const i = Math.floor(random() * atomCount);
          atomValues[i] = Math.floor(random() * 10);
          atoms[i]!.set(atomValues[i]!);
        }
      });
      const expected = naive();
      watched.forEach((index, k) => assert.equal(seen[k], expected[index], `effect ${k} after step ${step}`));
      // Read everything (some nodes are not live) and compare.
      for (let i = 0; i < nodes.length; i++) assert.equal(nodes[i]!.get(), expected[i], `node ${i} step ${step}`);
      for (let i = 0; i < nodes.length; i++)
        assert.ok(runsThisBatch[i]! <= 1, `node ${i} ran ${runsThisBatch[i]} times`);
    }
    for (const dispose of disposers) dispose();
    for (const a of atoms) assert.equal(subscriberCount(a), 0, 'all released after disposing every effect');
  }
});

test('an effect created inside an effect is owned: disposed before the parent re-runs and with it', () => {
  const outer = atom(0);
  const inner = atom(0);
  const log: string[] = [];
  const dispose = effect(() => {
    const o = outer.get();
    effect(() => {
      log.push(`child of ${o} sees ${inner.get()}`);
      return () => log.push(`child of ${o} cleaned up`);
    });
  });
  batch(() => inner.set(1));
  assert.deepEqual(log.splice(0), ['child of 0 sees 0', 'child of 0 cleaned up', 'child of 0 sees 1']);
  // Both queued in one flush: the parent runs first, so the old child does not run once more.
  const delta = counted(() =>
    batch(() => {
      inner.set(2);
      outer.set(1);
    }),
  );
  assert.deepEqual(log.splice(0), ['child of 0 cleaned up', 'child of 1 sees 2']);
  assert.equal(delta.effectRuns, 2, 'the parent and its new child, not the old child');
  dispose();
  assert.deepEqual(log.splice(0), ['child of 1 cleaned up']);
  assert.equal(subscriberCount(inner), 0, 'the child released its sources with the parent');
  assert.equal(subscriberCount(outer), 0);
});

test('an atom written back to the value its readers saw is unchanged to them', () => {
  const a = atom(1);
  const runs = { watched: 0, unwatched: 0 };
  const watched = computed(() => (runs.watched++, a.get() + 1));
  const unwatched = computed(() => (runs.unwatched++, a.get() * 2));
  assert.equal(unwatched.get(), 2);
  // Across batches, as long as nothing read the value in between.
  batch(() => a.set(4));
  batch(() => a.set(1));
  assert.equal(unwatched.get(), 2);
  assert.deepEqual(runs, { watched: 0, unwatched: 1 });
  const seen: number[] = [];
  const dispose = effect(() => void seen.push(watched.get()));
  batch(() => {
    a.set(5);
    a.set(1);
  });
  assert.deepEqual(seen, [2]);
  assert.deepEqual(runs, { watched: 1, unwatched: 1 }, 'the write back within a batch ran nothing');
  // Once a reader has recorded the value in between, going back is a change for every reader.
  batch(() => a.set(7));
  batch(() => a.set(1));
  assert.deepEqual(seen, [2, 8, 2]);
  assert.equal(unwatched.get(), 2);
  assert.deepEqual(runs, { watched: 3, unwatched: 2 });
  batch(() => {
    a.set(3);
    assert.equal(unwatched.get(), 6);
    a.set(1);
  });
  assert.equal(unwatched.get(), 2);
  // `watched` re-runs (version 3 was recorded since its read), gets 2 again, and stops there.
  assert.deepEqual(seen, [2, 8, 2], 'the effect did not see 3');
  assert.deepEqual(runs, { watched: 4, unwatched: 4 });
  dispose();
});

test('a detached effect outlives the effect that created it', () => {
  const outer = atom(0);
  const inner = atom(0);
  const seen: number[] = [];
  let disposeChild: (() => void) | null = null;
  const dispose = effect(() => {
    outer.get();
    disposeChild ??= effect(() => void seen.push(inner.get()), { detached: true });
  });
  batch(() => outer.set(1));
  batch(() => inner.set(1));
  dispose();
  batch(() => inner.set(2));
  assert.deepEqual(seen, [0, 1, 2]);
  disposeChild!();
  assert.equal(subscriberCount(inner), 0);
});

test('reads out of order, read again, or around nested runs keep exactly one link per source', () => {
  const atoms = { a: atom(1, { name: 'a' }), b: atom(2, { name: 'b' }), c: atom(3, { name: 'c' }) };
  const order = atom('abc', { name: 'order' });
  // Reads `a` again after `b`, so its own runs, nested inside outer's, look links up by source too.
  const inner = computed(() => atoms.a.get() * 10 + atoms.b.get() + atoms.a.get(), { name: 'inner' });
  const read = (ch: string): number => (ch === 'i' ? inner.get() : atoms[ch as 'a' | 'b' | 'c'].get());
  let outerRuns = 0;
  const outer = computed(
    () => {
      outerRuns++;
      return [...order.get()].reduce((sum, ch, k) => sum + (k + 1) * read(ch), 0);
    },
    { name: 'outer' },
  );
  const seen: number[] = [];
  const dispose = effect(() => void seen.push(outer.get()));

  const values = { a: 1, b: 2, c: 3 };
  const naive = (): number => {
    const of = (ch: string) => (ch === 'i' ? values.a * 11 + values.b : values[ch as 'a' | 'b' | 'c']);
    return [...order.get()].reduce((sum, ch, k) => sum + (k + 1) * of(ch), 0);
  };
  const steps: Array<['a' | 'b' | 'c', number] | ['order', string]> = [
    ['order', 'cba'],
    ['a', 4],
    ['order', 'abaia'],
    ['b', 5],
    ['a', 6],
    ['order', 'iabab'],
    ['c', 7],
    ['order', 'ciaic'],
    ['a', 8],
    ['order', ''],
    ['b', 9],
    ['order', 'abcabc'],
    ['c', 1],
    ['order', 'i'],
    ['a', 2],
  ];
  for (const [name, value] of steps) {
    outerRuns = 0;
    batch(() => {
      if (name === 'order') order.set(value as string);
      else {
        values[name] = value as number;
        atoms[name].set(value as number);
      }
    });
    const o = order.get();
    const where = `after ${name} = ${value}`;
    assert.equal(seen[seen.length - 1], naive(), where);
    assert.ok(outerRuns <= 1, `${where}: outer ran ${outerRuns} times`);
    const has = (ch: string) => (o.includes(ch) ? 1 : 0);
    assert.equal(subscriberCount(atoms.a), has('a') + has('i'), `${where}: a`);
    assert.equal(subscriberCount(atoms.b), has('b') + has('i'), `${where}: b`);
    assert.equal(subscriberCount(atoms.c), has('c'), `${where}: c`);
    assert.equal(subscriberCount(inner), has('i'), `${where}: inner`);
  }
  dispose();
  for (const node of [atoms.a, atoms.b, atoms.c, order, inner, outer]) assert.equal(subscriberCount(node), 0);
});
