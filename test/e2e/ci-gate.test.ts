// jepsh-test: exclusive (its assertions are verdicts on timings; scripts/test.mjs runs it alone)
/**
 * ci/github/pr-gate.yml run as GitHub would run its shell steps, in Chromium, on a tiny project:
 * a git repository with src/work.ts (a Float64Array sum), suites/tiny.ts and its own
 * jepsh-bench.config.json, base commit then a head commit, cloned as the checkout step would.
 * - head = base's code (a comment changed): every step exits 0 and the job summary holds the verdict;
 * - head sums 3 times: the last step exits 1, the summary says regressed, JUnit has the failure.
 * Steps are taken from the template itself: `uses:` steps are GitHub's (skipped), the apt-get and
 * `npm ci` steps are set-up (skipped), `npx jepsh-bench` is this checkout's bin, and the `${{ }}`
 * expressions are filled from a small map; one the map lacks fails the test, so the template cannot
 * grow a dependency on GitHub that this run does not stand in for.
 * JEPSH_BENCH_ARGS makes the sessions few and short (what the template offers users for theirs);
 * the project's config sets a 50% noise threshold (a 3x step is +200%, same-code pairs of 8
 * sessions stayed within ±21% in the bisect test) and caps --auto at 30 s.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, noBrowserReason, ROOT, tempDir } from '../helpers.js';
import { PR_GATE, loadYaml, type Workflow, type WorkflowStep } from '../ci/templates.js';

const API = JSON.stringify(join(ROOT, 'src', 'suite', 'api.ts'));
const GIT_ENV = {
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};
const FAST = '--sessions 8 --time 0.4 --samples 16';

/** The code under test: a typed-array sum (one speed mode across sessions, unlike a scalar loop). */
const work = (passes: number, note: string) =>
  `// ${note}\nexport function work(data: Float64Array): number { let s = 0; ` +
  `for (let p = 0; p < ${passes}; p++) for (let i = 0; i < data.length; i++) s += data[i]!; return s; }\n`;

/** A repository (base commit, head commit with `headPasses`) and a clone of it at head, as a CI checkout. */
function tinyProject(dir: string, headPasses: number): { clone: string; base: string } {
  const origin = join(dir, 'origin');
  mkdirSync(join(origin, 'src'), { recursive: true });
  mkdirSync(join(origin, 'suites'));
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', args, { cwd, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8' }).trim();
  git(origin, 'init', '-q', '-b', 'main');
  writeFileSync(
    join(origin, 'suites', 'tiny.ts'),
    `import { defineSuite } from ${API};\nimport { work } from '../src/work.ts';\n` +
      `export default defineSuite({ name: 'tiny', benchmarks: [{ name: 'work', ` +
      `setup: () => ({ data: Float64Array.from({ length: 1000 }, (_, i) => i), sum: 0 }), ` +
      `run(ctx) { ctx.state.sum = work(ctx.state.data); } }] });\n`,
  );
  // The user's config at the root, read by every jepsh-bench call of the template.
  writeFileSync(
    join(origin, 'jepsh-bench.config.json'),
    JSON.stringify({ defaultSuites: ['tiny'], thresholds: { noise: 0.5 }, autoMaxTimeS: 30 }, null, 2),
  );
  writeFileSync(join(origin, 'src', 'work.ts'), work(1, 'base'));
  git(origin, 'add', '-A');
  git(origin, 'commit', '-q', '-m', 'base');
  const base = git(origin, 'rev-parse', 'HEAD');
  git(origin, 'checkout', '-q', '-b', 'feature');
  writeFileSync(join(origin, 'src', 'work.ts'), work(headPasses, 'head'));
  git(origin, 'commit', '-q', '-am', `head: ${headPasses} pass(es)`);
  const clone = join(dir, 'workspace');
  git(dir, 'clone', '-q', '--branch', 'feature', origin, clone);
  return { clone, base };
}

interface StepResult {
  name: string;
  code: number | null;
  output: string;
}

function bash(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    // GitHub's `shell: bash`: bash --noprofile --norc -eo pipefail {0}
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    const timer = setTimeout(() => child.kill('SIGKILL'), 150_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** Set-up steps this test stands in for (the machine has Chromium and node_modules). */
const SETUP = /\bapt-get\b|\bnpm ci\b/;

/** Runs the gate job's shell steps in `workspace`, honouring `if:` and step outputs as GitHub does. */
async function runGateJob(
  workspace: string,
  baseSha: string,
  dir: string,
): Promise<{ steps: StepResult[]; skipped: string[]; summary: string }> {
  const wf = loadYaml<Workflow>(PR_GATE);
  assert.equal(wf.defaults?.run?.shell, 'bash', 'the steps are bash scripts');
  const job = wf.jobs.gate!;
  const known = new Map([['github.event.pull_request.base.sha', baseSha]]);
  const outputs = new Map<string, Map<string, string>>();
  const expand = (text: string, where: string): string =>
    text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_m, expr: string) => {
      const value = known.get(expr);
      if (value !== undefined) return value;
      const out = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr);
      if (out) return outputs.get(out[1]!)?.get(out[2]!) ?? ''; // GitHub: an unset output is ''
      throw new Error(
        `${where}: the test has no value for \${{ ${expr} }}; add it to the map if the template needs it`,
      );
    });
  const runs = (s: WorkflowStep, failed: boolean): boolean => {
    const cond = s.if?.replace(/^\$\{\{\s*|\s*\}\}$/g, '').trim();
    if (cond === undefined || cond === 'success()') return !failed;
    if (cond === 'always()') return true;
    if (cond === 'failure()') return failed;
    throw new Error(`step "${s.name}": the test cannot evaluate if: ${s.if}`);
  };
  const summaryFile = join(dir, 'step-summary.md');
  writeFileSync(summaryFile, '');
  const env = (s: WorkflowStep, outputFile: string): NodeJS.ProcessEnv => ({
    ...process.env,
    NO_COLOR: '1',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    ...Object.fromEntries(
      Object.entries({ ...wf.env, ...job.env, ...s.env }).map(([k, v]) => [k, expand(String(v), `env ${k}`)]),
    ),
    // What a user sets for a quick gate; the template reads it.
    JEPSH_BENCH_ARGS: FAST,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_OUTPUT: outputFile,
  });
  const steps: StepResult[] = [];
  const skipped: string[] = [];
  let failed = false;
  for (const [i, s] of job.steps.entries()) {
    const name = s.name ?? s.id ?? `step ${i}`;
    if (s.uses || (s.run && SETUP.test(s.run))) {
      skipped.push(name);
      continue;
    }
    if (!runs(s, failed)) continue;
    const script = expand(s.run!, `step "${name}"`).replaceAll('npx jepsh-bench', `node ${JSON.stringify(BIN)}`);
    const outputFile = join(dir, `output-${i}`);
    writeFileSync(outputFile, '');
    const r = await bash(script, workspace, env(s, outputFile));
    if (s.id) {
      const pairs = readFileSync(outputFile, 'utf8')
        .split('\n')
        .filter((l) => l.includes('='))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as [string, string]);
      outputs.set(s.id, new Map(pairs));
    }
    steps.push({ name, code: r.code, output: r.output });
    if (r.code !== 0) failed = true;
  }
  return { steps, skipped, summary: readFileSync(summaryFile, 'utf8') };
}

const log = (steps: StepResult[]) =>
  steps.map((s) => `--- ${s.name}: exit ${s.code}\n${s.output.slice(-3000)}`).join('\n');

test(
  'pr-gate.yml on unchanged code: every step exits 0, the job summary holds the verdict',
  { skip: noBrowserReason(), timeout: 300_000 },
  async () => {
    const t = tempDir('jepsh-ci-gate-');
    try {
      const { clone, base } = tinyProject(t.dir, 1);
      const { steps, skipped, summary } = await runGateJob(clone, base, t.dir);
      assert.ok(
        skipped.some((n) => /chromium/i.test(n)) && skipped.some((n) => /dependencies/i.test(n)),
        `skipped: ${skipped.join(', ')}`,
      );
      assert.ok(
        steps.some((s) => s.name.startsWith('Gate (')),
        log(steps),
      );
      assert.deepEqual(
        steps.map((s) => [s.name, s.code]),
        steps.map((s) => [s.name, 0]),
        log(steps),
      );
      assert.match(summary, /^### (✅|⚠️) jepsh-bench: /m, summary);
      assert.match(summary, /tiny\/work/);
      assert.ok(existsSync(join(clone, 'reports', 'junit.xml')), 'JUnit from the gate');
      assert.doesNotMatch(readFileSync(join(clone, 'reports', 'junit.xml'), 'utf8'), /<failure/);
      assert.ok(existsSync(join(clone, 'reports', 'jepsh-bench-report.html')), 'the HTML report');
    } finally {
      t.cleanup();
    }
  },
);

test(
  'pr-gate.yml on a 3x slower function: the reports are written, the job fails with exit 1',
  { skip: noBrowserReason(), timeout: 300_000 },
  async () => {
    const t = tempDir('jepsh-ci-gate-');
    try {
      const { clone, base } = tinyProject(t.dir, 3);
      const { steps, summary } = await runGateJob(clone, base, t.dir);
      const last = steps.at(-1)!;
      assert.equal(last.name, 'Gate status', log(steps));
      assert.equal(last.code, 1, log(steps));
      // Only the last step fails: the gate step kept its exit code and the reports were still made.
      for (const s of steps.slice(0, -1)) assert.equal(s.code, 0, log(steps));
      assert.match(summary, /^### ❌ jepsh-bench: 1 regressed/m, summary);
      assert.match(summary, /tiny\/work/);
      assert.match(readFileSync(join(clone, 'reports', 'junit.xml'), 'utf8'), /<failure/);
      assert.ok(existsSync(join(clone, 'reports', 'jepsh-bench-report.html')));
    } finally {
      t.cleanup();
    }
  },
);
