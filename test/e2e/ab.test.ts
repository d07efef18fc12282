// jepsh-test: exclusive (its assertions are verdicts on timings; scripts/test.mjs runs it alone)
/**
 * Paired A/B end to end in Chromium, on the real reference runtime:
 * 1. `check --base-dir A --head-dir B` where B is a copy of the runtime whose computed evaluation
 *    does extra work: the benchmarks that evaluate computeds are regressed; the one that only
 *    writes atoms (counters prove it evaluates no computed) is not; exit 1.
 * 2. `bisect` in a throwaway git repository of 8 commits where c5 makes a function 3x slower finds
 *    c5 in O(log n) steps; on failure the message lists every step's verdict and explanation.
 * Sessions are few and short (this is a behaviour test, not a measurement), but enough for the
 * exact signed-rank test to reach alpha at all (its smallest p is 2/2^sessions); the injected
 * effects are large so the test does not depend on the machine being quiet.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { cli, noBrowserReason, ROOT, tempDir } from '../helpers.js';
import { MIN_BUDGET_SESSIONS } from '../../src/core/time-budget.js';

const API = JSON.stringify(join(ROOT, 'src', 'suite', 'api.ts'));

test(
  'check --base-dir: a slower computed evaluation is flagged on the benchmarks that evaluate computeds, and only there',
  { skip: noBrowserReason() },
  async () => {
    const t = tempDir();
    try {
      const base = join(t.dir, 'base');
      const head = join(t.dir, 'head');
      for (const d of [base, head])
        cpSync(join(ROOT, 'src', 'runtime'), join(d, 'src', 'runtime'), { recursive: true });
      const graph = join(head, 'src', 'runtime', 'reactivity', 'graph.ts');
      const text = readFileSync(graph, 'utf8');
      const marker = /(\n\s*)(counters\.computedRuns\+\+;)/;
      assert.match(text, marker, 'the injection point in graph.ts moved: update this test');
      writeFileSync(
        graph,
        text.replace(
          marker,
          (_m, ws: string, stmt: string) =>
            `${ws}{ let x = 0; for (let i = 0; i < 400; i++) x = (x * 31 + i) | 0; ` +
            `(globalThis as any).__sink = x; }${ws}${stmt}`,
        ),
      );
      const runtime = (f: string) => JSON.stringify(join(ROOT, 'src', 'runtime', 'reactivity', f));
      const suites = join(t.dir, 'suites');
      mkdirSync(suites);
      writeFileSync(
        join(suites, 'ab.ts'),
        `import { defineSuite } from ${API};
import { atom, computed, effect, batch, stats } from ${runtime('index.ts')};
function chain(depth: number) {
  const head = atom(0);
  let node: { get(): number } = head;
  for (let i = 0; i < depth; i++) { const prev = node; node = computed(() => prev.get() + 1); }
  const tail = node;
  const dispose = effect(() => { tail.get(); });
  return { head, dispose };
}
const evals = { computedRuns: { unit: 'count', direction: 'lower', kind: 'counter' } } as const;
export default defineSuite({
  name: 'ab',
  benchmarks: [
    { name: 'deep', metrics: evals, setup: () => chain(100),
      run(ctx) {
        const s = stats().computedRuns;
        batch(() => ctx.state.head.update((v: number) => v + 1));
        ctx.count('computedRuns', stats().computedRuns - s);
      },
      teardown(ctx) { ctx.state.dispose(); } },
    { name: 'atoms-only', metrics: evals, setup: () => Array.from({ length: 200 }, () => atom(0)),
      run(ctx) {
        const s = stats().computedRuns;
        for (const a of ctx.state) a.set(a.get() + 1);
        ctx.count('computedRuns', stats().computedRuns - s);
      } },
  ],
});
`,
      );
      const config = join(t.dir, 'config.json');
      // 25%: same-code pairs stay under it on a busy runner; 400 extra steps per computed make `deep`
      // several times slower.
      writeFileSync(config, JSON.stringify({ thresholds: { noise: 0.25 } }));
      const db = join(t.dir, 'ab.sqlite');
      const r = await cli(
        [
          'check',
          'ab',
          '--base-dir',
          base,
          '--head-dir',
          head,
          '--suites-dir',
          suites,
          '--db',
          db,
          '--config',
          config,
          '--sessions',
          '10',
          '--time',
          '1',
          '--samples',
          '40',
          '--format',
          'json',
          '--profile-regressions',
        ],
        { cwd: t.dir },
      );
      assert.equal(r.code, 1, `${r.stdout}\n${r.stderr}`);
      const verdicts = (
        JSON.parse(r.stdout) as {
          verdicts: Array<{
            benchmarkId: string;
            metric: string;
            verdict: string;
            comparison?: { paired?: boolean; sessions?: number[] };
          }>;
        }
      ).verdicts;
      const time = (id: string) => verdicts.find((v) => v.benchmarkId === `ab/${id}` && v.metric === 'time')!;
      assert.equal(time('deep').verdict, 'regressed', JSON.stringify(time('deep')));
      assert.equal(time('deep').comparison?.paired, true);
      assert.deepEqual(time('deep').comparison?.sessions, [10, 10]);
      assert.notEqual(time('atoms-only').verdict, 'regressed', JSON.stringify(time('atoms-only')));
      // The counters say which benchmark evaluates computeds at all: the same work on both sides.
      for (const id of ['deep', 'atoms-only'])
        assert.equal(
          verdicts.find((v) => v.benchmarkId === `ab/${id}` && v.metric === 'computedRuns')!.verdict,
          'unchanged',
        );
      assert.match(r.stderr, /files that differ .*src\/runtime\/reactivity\/graph\.ts/);
      // Where the time went, on stderr (stdout is JSON).
      assert.match(r.stderr, /^time: \d+ s in all; /m);
      // Both sides are stored, linked as one A/B.
      const runs = JSON.parse((await cli(['runs', '--db', db, '--json'])).stdout) as Array<{ status: string }>;
      assert.equal(runs.filter((x) => x.status === 'complete').length, 2);
      // --profile-regressions: the regressed benchmark profiled on both sides; the diff names the
      // function the slowdown was planted in, and the report links the files.
      assert.match(
        r.stderr,
        /profile of ab\/deep: .*ab-deep\.base\.cpuprofile, .*ab-deep\.head\.cpuprofile; first: recompute /,
      );
      assert.doesNotMatch(r.stderr, /profile of ab\/atoms-only/);
      const report = join(t.dir, 'report.html');
      assert.equal((await cli(['report', '--db', db, '--out', report], { cwd: t.dir })).code, 0);
      assert.match(
        readFileSync(report, 'utf8'),
        /CPU profile \(<a href="reports\/profiles\/run-\d+\/ab-deep\.base\.cpuprofile">base<\/a>/,
      );
    } finally {
      t.cleanup();
    }
  },
);

test(
  'bisect finds the commit that made a function slower, in O(log n) paired steps',
  { skip: noBrowserReason() },
  async () => {
    const t = tempDir();
    try {
      const repo = join(t.dir, 'repo');
      mkdirSync(join(repo, 'src'), { recursive: true });
      mkdirSync(join(repo, 'suites'));
      const env = {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@example.com',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@example.com',
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_GLOBAL: '/dev/null',
      };
      const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, env, encoding: 'utf8' }).trim();
      git('init', '-q', '-b', 'main');
      writeFileSync(
        join(repo, 'suites', 'tiny.ts'),
        `import { defineSuite } from ${API};\nimport { work } from '../src/work.ts';\n` +
          `export default defineSuite({ name: 'tiny', benchmarks: [{ name: 'work', ` +
          `setup: () => ({ data: Float64Array.from({ length: 1000 }, (_, i) => i), sum: 0 }), ` +
          `run(ctx) { ctx.state.sum = work(ctx.state.data); } }] });\n`,
      );
      const shas: string[] = [];
      for (let i = 0; i < 8; i++) {
        // A typed-array sum: its speed has one mode across sessions (a scalar loop of the same size
        // was 12x apart between sessions, JIT tiers, which made a 3x step inconclusive at 8 sessions).
        const passes = i >= 5 ? 3 : 1;
        writeFileSync(
          join(repo, 'src', 'work.ts'),
          `// revision ${i}\nexport function work(data: Float64Array): number { let s = 0; ` +
            `for (let p = 0; p < ${passes}; p++) for (let i = 0; i < data.length; i++) s += data[i]!; return s; }\n`,
        );
        git('add', '-A');
        git('commit', '-q', '-m', i === 5 ? 'c5: three times the work' : `c${i}`);
        shas.push(git('rev-parse', 'HEAD'));
      }
      const db = join(t.dir, 'bisect.sqlite');
      // A 50% noise threshold: same-code steps are `unchanged` even on a busy machine (their 8-session
      // estimates were within ±21% here), the 3x step (+170% to +350%) is not.
      const config = join(t.dir, 'config.json');
      writeFileSync(config, JSON.stringify({ thresholds: { noise: 0.5 } }));
      const r = await cli([
        'bisect',
        'tiny/work',
        '--config',
        config,
        '--good',
        shas[0]!,
        '--bad',
        shas[7]!,
        '--repo',
        repo,
        '--suites-dir',
        join(repo, 'suites'),
        '--db',
        db,
        '--sessions',
        '8',
        '--time',
        '0.4',
        '--samples',
        '16',
        '--json',
      ]);
      assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
      const out = JSON.parse(r.stdout) as {
        outcome: string;
        firstBad: { sha: string; subject: string };
        steps: Array<{ more: boolean }>;
      };
      const why = `steps (c0..c7 = ${shas.map((s) => s.slice(0, 10)).join(' ')}):\n${r.stderr}`;
      assert.equal(out.outcome, 'found', why);
      assert.equal(out.firstBad.sha, shas[5], why);
      assert.match(out.firstBad.subject, /three times/);
      // 1 + ceil(log2(7)) = 4 commits measured; an inconclusive step may be measured once more.
      const first = out.steps.filter((s) => !s.more).length;
      assert.ok(first <= 4, `${first} commits measured`);
      assert.equal(
        execFileSync('git', ['worktree', 'list'], { cwd: repo, encoding: 'utf8' }).trim().split('\n').length,
        1,
        'worktrees removed',
      );
    } finally {
      t.cleanup();
    }
  },
);

test(
  'ab --time-budget: stops taking sessions at the budget but never below the floor, and says so',
  { skip: noBrowserReason() },
  async () => {
    const t = tempDir();
    try {
      const sides = ['base', 'head'].map((s) => join(t.dir, s));
      // In head's tree, as `--head-dir` users keep them: `../src/` is head's, redirected for base.
      const suites = join(sides[1]!, 'suites');
      mkdirSync(suites, { recursive: true });
      writeFileSync(
        join(suites, 'tiny.ts'),
        `import { defineSuite } from ${API};\nimport { work } from '../src/work.ts';\n` +
          `export default defineSuite({ name: 'tiny', benchmarks: [{ name: 'work', ` +
          `setup: () => Float64Array.from({ length: 1000 }, (_, i) => i), run(ctx) { work(ctx.state); } }] });\n`,
      );
      for (const d of sides) {
        mkdirSync(join(d, 'src'), { recursive: true });
        writeFileSync(
          join(d, 'src', 'work.ts'),
          'export function work(data: Float64Array): number { let s = 0; for (const x of data) s += x; return s; }\n',
        );
      }
      const config = join(t.dir, 'config.json');
      writeFileSync(config, JSON.stringify({ thresholds: { noise: 0.5 } }));
      const db = join(t.dir, 'budget.sqlite');
      // 1 ms: spent before the first session, so only the floor decides how many are taken.
      const r = await cli([
        'ab',
        'tiny',
        '--base-dir',
        sides[0]!,
        '--head-dir',
        sides[1]!,
        '--suites-dir',
        suites,
        '--db',
        db,
        '--config',
        config,
        '--sessions',
        '14',
        '--time',
        '0.2',
        '--samples',
        '20',
        '--time-budget',
        '0.001',
        '--format',
        'json',
      ]);
      assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
      const verdicts = (
        JSON.parse(r.stdout) as {
          verdicts: Array<{ benchmarkId: string; metric: string; comparison?: { sessions?: number[] } }>;
        }
      ).verdicts;
      const stop = /warning: time budget: stopped after (\d+) of 14 sessions \(.*floor (\d+);/.exec(r.stderr);
      assert.ok(stop, r.stderr);
      const taken = Number(stop[1]);
      assert.equal(taken, Number(stop[2]), 'a budget spent at once stops at the floor');
      assert.ok(taken >= MIN_BUDGET_SESSIONS && taken < 14, `${taken} sessions`);
      const work = verdicts.find((v) => v.benchmarkId === 'tiny/work' && v.metric === 'time')!;
      assert.deepEqual(work.comparison?.sessions, [taken, taken], JSON.stringify(work));
    } finally {
      t.cleanup();
    }
  },
);
