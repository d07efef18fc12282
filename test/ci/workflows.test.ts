/**
 * The CI templates in ci/ that users copy as they are:
 * - both GitHub workflows pass a real workflow validator (@action-validator/cli: the workflow JSON
 *   schema, run offline from WebAssembly), and a broken copy does not;
 * - their structure: triggers, permissions, the gate's exit code applied last, the shard matrix
 *   matching `--shard K/N`, the history persisted; GitLab's stages, jobs, rules, parallel, cache;
 * - every `npx jepsh-bench` call in them uses a command and flags that `jepsh-bench CMD --help`
 *   lists, so the templates cannot drift from the CLI unnoticed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { BIN, tempDir } from '../helpers.js';
import {
  GITLAB,
  NIGHTLY,
  PR_GATE,
  asList,
  gitlabJobs,
  invocations,
  loadYaml,
  scripts,
  type Workflow,
  type WorkflowStep,
} from './templates.js';

const VALIDATOR = (() => {
  const pkg = createRequire(import.meta.url).resolve('@action-validator/cli/package.json');
  const bin = (JSON.parse(readFileSync(pkg, 'utf8')) as { bin: Record<string, string> }).bin['action-validator']!;
  return join(dirname(pkg), bin);
})();

function validate(file: string): { code: number | null; out: string } {
  const r = spawnSync(process.execPath, [VALIDATOR, file], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

for (const file of [PR_GATE, NIGHTLY]) {
  test(`action-validator accepts ${file.slice(file.indexOf('ci/'))}`, () => {
    const r = validate(file);
    assert.equal(r.code, 0, r.out);
  });
}

test('action-validator rejects a broken workflow (the validator validates)', () => {
  const t = tempDir();
  try {
    const broken = join(t.dir, 'broken.yml');
    writeFileSync(broken, readFileSync(PR_GATE, 'utf8').replace('runs-on:', 'runs_on:'));
    const r = validate(broken);
    assert.equal(r.code, 1, r.out);
    assert.match(r.out, /runs_on/);
  } finally {
    t.cleanup();
  }
});

const step = (steps: WorkflowStep[], id: string): WorkflowStep => {
  const s = steps.find((x) => x.id === id);
  assert.ok(s, `no step with id "${id}"`);
  return s;
};

test(
  'pr-gate.yml: pull_request, least privilege, full clone, ' +
    "the gate paired with --auto, reports always, the gate's exit code last",
  () => {
    const wf = loadYaml<Workflow>(PR_GATE);
    assert.ok('pull_request' in wf.on, 'triggered by pull_request');
    assert.ok(!('pull_request_target' in wf.on), 'never pull_request_target: it runs PR code with a write token');
    assert.deepEqual(wf.permissions, { contents: 'read', 'pull-requests': 'write' });
    const steps = wf.jobs.gate!.steps;
    const checkout = steps.find((s) => s.uses?.startsWith('actions/checkout@'));
    assert.equal(checkout?.with?.['fetch-depth'], 0, 'check --base needs the base commit in the clone');
    const gate = step(steps, 'gate');
    const [call] = invocations(gate.run!);
    assert.equal(call?.command, 'check');
    assert.match(call!.line, /--base \$\{\{ github\.event\.pull_request\.base\.sha \}\}/);
    for (const f of ['--auto', '--format', '--out', '--suites-dir', '--repo'])
      assert.ok(call!.flags.includes(f), `${f} in ${call!.line}`);
    assert.match(
      gate.run!,
      /\|\| code=\$\?/,
      'the gate step keeps the exit code instead of failing before the reports',
    );
    // Everything after the gate runs whatever it said; the last step applies its exit code.
    const after = steps.slice(steps.indexOf(gate) + 1);
    for (const s of after) assert.match(s.if ?? '', /always\(\)/, `step "${s.name}" must run with if: always()`);
    assert.match(after.at(-1)!.run ?? '', /exit "\$\{code:-3\}"/);
    assert.match(after.at(-1)!.run ?? '', /\$\{\{ steps\.gate\.outputs\.code \}\}/);
    const comment = steps.find((s) => s.uses?.startsWith('actions/github-script@'));
    assert.match(String(comment?.with?.script), /<!-- jepsh-bench -->/);
    assert.match(String(comment?.with?.script), /updateComment/);
    const summary = steps.find((s) => s.run?.includes('GITHUB_STEP_SUMMARY'));
    assert.ok(summary, 'the verdict goes to the job summary');
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    assert.match(String(upload?.with?.path), /junit\.xml/);
    assert.match(String(upload?.with?.path), /jepsh-bench-report\.html/);
    const outs = steps.flatMap((s) => invocations(s.run ?? ''));
    assert.ok(
      outs.some(
        (i) =>
          i.command === 'check' &&
          /--format markdown --out reports\/verdict\.md --junit reports\/junit\.xml/.test(i.line),
      ),
      'markdown and JUnit from the same verdicts',
    );
    assert.ok(
      outs.some((i) => i.command === 'report' && /--out reports\/jepsh-bench-report\.html/.test(i.line)),
      'the HTML report',
    );
  },
);

test(
  'nightly.yml: schedule and dispatch, a shard matrix matching --shard K/N, ' +
    'the history restored, merged and saved under an immutable key',
  () => {
    const wf = loadYaml<Workflow>(NIGHTLY);
    assert.ok('schedule' in wf.on && 'workflow_dispatch' in wf.on);
    for (const [name, job] of Object.entries(wf.jobs))
      for (const need of asList(job.needs)) assert.ok(need in wf.jobs, `${name} needs unknown job ${need}`);
    const shard = wf.jobs.shard!;
    const matrix = shard.strategy?.matrix?.shard as number[];
    const calls = shard.steps.flatMap((s) => invocations(s.run ?? ''));
    const check = calls.find((c) => c.command === 'check');
    assert.ok(check && check.flags.includes('--nightly') && check.flags.includes('--shard'), check?.line);
    const n = /--shard \$\{\{ matrix\.shard \}\}\/(\d+)/.exec(check.line);
    assert.ok(n, check.line);
    assert.deepEqual(
      matrix,
      Array.from({ length: Number(n[1]) }, (_, i) => i + 1),
      'one matrix entry per shard, 1..N',
    );
    const restore = (job: string) => wf.jobs[job]!.steps.find((s) => s.uses?.startsWith('actions/cache/restore@'));
    for (const job of ['shard', 'history'])
      assert.equal(restore(job)?.with?.['restore-keys'], 'jepsh-history-', `${job} restores the newest history`);
    const history = wf.jobs.history!;
    assert.match(
      history.if ?? '',
      /!cancelled\(\)/,
      'a shard that found a regression still hands its night to the history',
    );
    const save = history.steps.find((s) => s.uses?.startsWith('actions/cache/save@'));
    assert.match(
      String(save?.with?.key),
      /^jepsh-history-\$\{\{ github\.run_id \}\}/,
      'cache keys are immutable: one per run',
    );
    const merged = history.steps.flatMap((s) => invocations(s.run ?? '')).map((c) => c.command);
    for (const c of ['merge', 'report', 'export']) assert.ok(merged.includes(c), `history job runs ${c}`);
    assert.ok(
      history.steps.indexOf(save!) >
        history.steps.findIndex((s) => invocations(s.run ?? '').some((c) => c.command === 'merge')),
      'saved after the merge',
    );
  },
);

test(
  '.gitlab-ci.yml: stages and references resolve, the MR gate, ' +
    '2 parallel nightly shards, the history cache, JUnit',
  () => {
    const doc = loadYaml<Record<string, unknown>>(GITLAB);
    const stages = doc.stages as string[];
    const jobs = gitlabJobs(doc);
    for (const [name, job] of jobs) {
      if (name.startsWith('.')) continue;
      assert.ok(job.stage && stages.includes(job.stage), `${name}: stage ${job.stage} is not in stages`);
      for (const e of asList(job.extends)) assert.ok(jobs.has(e), `${name} extends unknown ${e}`);
      for (const need of job.needs ?? []) {
        const target = typeof need === 'string' ? need : need.job;
        assert.ok(jobs.has(target), `${name} needs unknown ${target}`);
        assert.ok(
          stages.indexOf(jobs.get(target)!.stage!) < stages.indexOf(job.stage),
          `${name} needs ${target} of a later stage`,
        );
      }
    }
    const gate = jobs.get('jepsh-gate')!;
    assert.deepEqual(
      gate.rules?.map((r) => r.if),
      ['$CI_PIPELINE_SOURCE == "merge_request_event"'],
    );
    assert.equal(gate.variables?.GIT_DEPTH, '0');
    const gateCalls = asList(gate.script).flatMap(invocations);
    const check = gateCalls.find((c) => c.command === 'check');
    assert.match(check?.line ?? '', /--base "\$CI_MERGE_REQUEST_DIFF_BASE_SHA" --auto/);
    const junitOut = /--junit (\S+)/.exec(check?.line ?? '')?.[1];
    assert.equal(gate.artifacts?.reports?.junit, junitOut, 'artifacts:reports:junit is the file the gate writes');
    assert.equal(gate.artifacts?.when, 'always');
    const nightly = jobs.get('jepsh-nightly')!;
    assert.equal(nightly.parallel, 2);
    assert.deepEqual(
      nightly.rules?.map((r) => r.if),
      ['$CI_PIPELINE_SOURCE == "schedule"'],
    );
    assert.ok(
      asList(nightly.script)
        .flatMap(invocations)
        .some((c) => c.command === 'check' && c.line.includes('--nightly --shard "$CI_NODE_INDEX/$CI_NODE_TOTAL"')),
    );
    assert.equal(nightly.artifacts?.when, 'always');
    const history = jobs.get('jepsh-history')!;
    assert.equal(history.rules?.[0]?.when, 'always');
    assert.equal(nightly.cache?.key, history.cache?.key);
    assert.equal(nightly.cache?.policy, 'pull');
    assert.equal(history.cache?.policy, 'pull-push');
    assert.ok(
      asList(history.script)
        .flatMap(invocations)
        .some((c) => c.command === 'merge'),
    );
  },
);

/** `jepsh-bench CMD --help`, or null when the CLI has no such command (it then prints the top-level help). */
const helpCache = new Map<string, string | null>();
function help(command: string): string | null {
  if (!helpCache.has(command)) {
    const r = spawnSync(process.execPath, [BIN, command, '--help'], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 60_000,
    });
    const text = `${r.stdout}`;
    helpCache.set(command, r.status === 0 && new RegExp(`^jepsh-bench ${command}\\b`).test(text) ? text : null);
  }
  return helpCache.get(command)!;
}

// One test per command, so the report names what a template needs that the CLI lacks.
const calls = [PR_GATE, NIGHTLY, GITLAB].flatMap((file) =>
  scripts(file).flatMap(({ where, text }) =>
    invocations(text).map((c) => ({ ...c, where: `${file.slice(file.indexOf('ci/'))} ${where}` })),
  ),
);
for (const command of [...new Set(calls.map((c) => c.command))].sort()) {
  test(`templates: every \`jepsh-bench ${command}\` call uses flags the CLI accepts`, () => {
    const text = help(command);
    const mine = calls.filter((c) => c.command === command);
    assert.ok(
      text !== null,
      `jepsh-bench has no command "${command}" (used by ${mine.map((c) => c.where).join('; ')})`,
    );
    const missing = mine.flatMap((c) =>
      c.flags
        .filter((f) => !new RegExp(`(^|\\s)${f}(\\s|$)`, 'm').test(text))
        .map((f) => `${f} (${c.where}: ${c.line})`),
    );
    assert.deepEqual(missing, [], `flags that \`jepsh-bench ${command} --help\` does not list`);
  });
}

test('templates: the drift check sees the calls (at least check, report, merge, export)', () => {
  const commands = new Set(calls.map((c) => c.command));
  for (const c of ['check', 'report', 'merge', 'export'])
    assert.ok(commands.has(c), `no "${c}" call found: is the parser broken?`);
});
