/** The CI templates in ci/, parsed: shared by the unit checks and the e2e run of the PR gate. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from '../helpers.js';

export const PR_GATE = join(ROOT, 'ci', 'github', 'pr-gate.yml');
export const NIGHTLY = join(ROOT, 'ci', 'github', 'nightly.yml');
export const GITLAB = join(ROOT, 'ci', 'gitlab', '.gitlab-ci.yml');

export interface WorkflowStep {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}

export interface WorkflowJob {
  'runs-on': string;
  needs?: string | string[];
  if?: string;
  env?: Record<string, string>;
  container?: unknown;
  strategy?: { matrix?: Record<string, unknown> };
  outputs?: Record<string, string>;
  steps: WorkflowStep[];
}

export interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  defaults?: { run?: { shell?: string } };
  jobs: Record<string, WorkflowJob>;
}

/** A GitLab job (hidden `.name` templates included); only the keys the checks read. */
export interface GitlabJob {
  stage?: string;
  extends?: string | string[];
  needs?: Array<string | { job: string; artifacts?: boolean }>;
  rules?: Array<{ if?: string; when?: string }>;
  parallel?: number;
  variables?: Record<string, string>;
  cache?: { key?: string; paths?: string[]; policy?: string };
  before_script?: string[];
  script?: string[];
  after_script?: string[];
  artifacts?: { when?: string; paths?: string[]; reports?: { junit?: string | string[] }; expose_as?: string };
}

export function loadYaml<T>(file: string): T {
  return parse(readFileSync(file, 'utf8')) as T;
}

export const asList = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

/** Keys of .gitlab-ci.yml that are not jobs. */
const GITLAB_KEYWORDS = new Set([
  'stages',
  'variables',
  'default',
  'include',
  'workflow',
  'image',
  'services',
  'cache',
  'before_script',
  'after_script',
]);

export function gitlabJobs(doc: Record<string, unknown>): Map<string, GitlabJob> {
  return new Map(Object.entries(doc).filter(([k]) => !GITLAB_KEYWORDS.has(k)) as Array<[string, GitlabJob]>);
}

/** Every shell script of a template: the `run:` of each GitHub step, each GitLab script line. */
export function scripts(file: string): Array<{ where: string; text: string }> {
  if (file === GITLAB) {
    return [...gitlabJobs(loadYaml(file))].flatMap(([name, job]) =>
      (['before_script', 'script', 'after_script'] as const).flatMap((key) =>
        asList(job[key]).map((text, i) => ({ where: `${name}.${key}[${i}]`, text })),
      ),
    );
  }
  const wf = loadYaml<Workflow>(file);
  return Object.entries(wf.jobs).flatMap(([name, job]) =>
    job.steps.flatMap((s, i) => (s.run ? [{ where: `${name}: step ${s.name ?? s.id ?? i}`, text: s.run }] : [])),
  );
}

export interface Invocation {
  command: string;
  flags: string[];
  line: string;
}

/**
 * The `npx jepsh-bench COMMAND ...` calls in a shell script, with the long flags each passes.
 * Comment lines are dropped and backslash continuations joined; a call ends at `|`, `&`, `;` or
 * the end of its line. Flags hidden in variables ($JEPSH_BENCH_ARGS) are the user's own.
 */
export function invocations(script: string): Invocation[] {
  const text = script
    .split('\n')
    .filter((l) => !l.trim().startsWith('#'))
    .join('\n')
    .replace(/\\\n/g, ' ');
  const out: Invocation[] = [];
  for (const m of text.matchAll(/\bnpx jepsh-bench\s+([a-z][a-z-]*)([^\n|&;]*)/g)) {
    const flags = (m[2] ?? '')
      .split(/\s+/)
      .filter((w) => /^--[a-z]/.test(w))
      .map((w) => w.replace(/=.*$/, ''));
    out.push({ command: m[1]!, flags, line: m[0].replace(/\s+/g, ' ').trim() });
  }
  return out;
}
