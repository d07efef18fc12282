// jepsh-test: exclusive (its assertions are verdicts on timings; scripts/test.mjs runs it alone)
/**
 * The regression gate end to end in Chromium: a baseline run of a small suite that drives the real
 * reference runtime, then (1) an A/A check that must flag nothing and (2) a check of a variant
 * where one benchmark does five times the runtime work, which must be flagged regressed, alone.
 * A stored comparison sets runs minutes apart against each other, and on a shared 2-core machine
 * unchanged benchmarks have moved 1.5-1.8x in minutes (CI on 2026-12-04 flagged an unchanged
 * benchmark of this suite at the earlier 50% threshold, twice). So the margins are set on the log
 * scale, where drift acts: the noise threshold is 100% (ln 2 = 0.69), the injected slowdown 5x
 * (ln 5 = 1.61). A false alarm in the A/A needs an unchanged benchmark to move 2x; hiding the 5x
 * needs the machine to speed up 2.5x between the two runs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, noBrowserReason, ROOT, tempDir } from '../helpers.js';

function suiteSource(slowFactor: number): string {
  const runtime = JSON.stringify(join(ROOT, 'src', 'runtime', 'reactivity', 'index.ts'));
  const api = JSON.stringify(join(ROOT, 'src', 'suite', 'api.ts'));
  return `
import { defineSuite } from ${api};
import { atom, computed, effect, batch } from ${runtime};

function chain(depth: number) {
  const head = atom(0);
  let node: { get(): number } = head;
  for (let i = 0; i < depth; i++) { const prev = node; node = computed(() => prev.get() + 1); }
  const tail = node;
  let seen = 0;
  const dispose = effect(() => { seen = tail.get(); });
  return { head, dispose, seen: () => seen };
}

function propagate(state: { head: { update(f: (v: number) => number): void } }, times: number) {
  for (let i = 0; i < times; i++) batch(() => state.head.update((v) => v + 1));
}

export default defineSuite({
  name: 'gate',
  benchmarks: [
    { name: 'deep-a', setup: () => chain(200), run(ctx) { propagate(ctx.state, 1); },
      teardown(ctx) { ctx.state.dispose(); } },
    { name: 'deep-b', setup: () => chain(200), run(ctx) { propagate(ctx.state, ${slowFactor}); },
      teardown(ctx) { ctx.state.dispose(); } },
    { name: 'deep-c', setup: () => chain(100), run(ctx) { propagate(ctx.state, 2); },
      teardown(ctx) { ctx.state.dispose(); } },
  ],
});
`;
}

test(
  'check: A/A flags nothing; a 5x slower benchmark is regressed and named, exit 1',
  { skip: noBrowserReason() },
  async () => {
    const t = tempDir();
    try {
      const base = join(t.dir, 'base');
      const slow = join(t.dir, 'slow');
      mkdirSync(base);
      mkdirSync(slow);
      writeFileSync(join(base, 'gate.ts'), suiteSource(1));
      writeFileSync(join(slow, 'gate.ts'), suiteSource(5));
      const config = join(t.dir, 'config.json');
      writeFileSync(config, JSON.stringify({ thresholds: { noise: 1 } }));
      const db = join(t.dir, 'gate.sqlite');
      // 8 sessions a side, not the default 16: the planted 5x is beyond doubt at 8, and at 16 this
      // file's three runs were a fifth of the test command's time.
      const common = ['--db', db, '--config', config, '--sessions', '8', '--time', '1', '--samples', '16'];

      const baseline = await cli(['run', 'gate', '--suites-dir', base, ...common]);
      assert.equal(baseline.code, 0, baseline.stderr);
      assert.equal((await cli(['baseline', 'set', 'main', '--db', db])).code, 0);

      const aa = await cli(['check', 'gate', '--against', 'main', '--suites-dir', base, '--format', 'json', ...common]);
      // Same code: exit 0. A stored comparison cannot tell a machine that moved from a change, so
      // exit 3 is the one other honest answer, and only with the controls' measured shift named.
      if (aa.code === 3)
        assert.match(aa.stderr, /machine drift: the control workloads moved \(controls\/\S+ [+-]\d/, aa.stderr);
      const aaVerdicts = (
        JSON.parse(aa.stdout) as { verdicts: Array<{ benchmarkId: string; verdict: string; explanation: string }> }
      ).verdicts;
      // On failure, say which benchmark moved and by how much (the whole report is too long to read).
      const explain = aaVerdicts.map((v) => `${v.verdict}: ${v.explanation}`).join('\n');
      if (aa.code !== 3) assert.equal(aa.code, 0, `A/A check must pass:\n${explain}\n${aa.stderr}`);
      assert.equal(aaVerdicts.length, 3, explain);
      assert.deepEqual(
        aaVerdicts.filter((v) => v.verdict === 'regressed' || v.verdict === 'improved').map((v) => v.explanation),
        [],
      );

      const regressed = await cli(['check', 'gate', '--against', 'main', '--suites-dir', slow, ...common]);
      assert.equal(regressed.code, 1, `the slow variant must fail the gate: ${regressed.stdout}${regressed.stderr}`);
      const flagged = regressed.stdout.split('\n').filter((l) => l.startsWith('REGRESSED'));
      assert.equal(flagged.length, 1, regressed.stdout);
      assert.match(flagged[0]!, /gate\/deep-b time: .* -> .*\(\+\d+/);
      assert.ok(!/deep-a|deep-c/.test(flagged.join('\n')));
    } finally {
      t.cleanup();
    }
  },
);
