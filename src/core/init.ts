/**
 * `jepsh-bench init`: what to write into a project so that `npx jepsh-bench run` measures it. Pure:
 * the command (src/cli/commands/init.ts) reads the project and the package's templates, this
 * decides, the command writes. An existing file is never overwritten without `force`; `.gitignore`
 * is only ever appended to.
 */
import { CONFIG_FILE } from '../config/config.js';

export const EXAMPLE_SUITE = 'suites/example.ts';
export const GITIGNORE = '.gitignore';
/** Where `run` stores (src/model/paths.ts defaultDbPath): machine-specific, never committed. */
export const IGNORED = 'baselines/';

export interface InitInput {
  /** A project file's text (path relative to the project, '/'-separated), or undefined when absent. */
  read(path: string): string | undefined;
  /** The project has a `.github` folder: its CI is GitHub's, so the workflows are added. */
  hasGithub: boolean;
  /** `--ci`: add the workflows of that CI even without its folder. */
  ci?: 'github';
  force: boolean;
  /** The package's config JSON schema, relative to the project, for the config's `$schema`. */
  schemaPath: string;
  /** The package's `ci/github/*.yml`: file name and text. */
  workflows: ReadonlyArray<{ name: string; text: string }>;
}

export interface InitWrite {
  path: string;
  text: string;
  /** `append`: `text` goes at the end of the existing file. */
  action: 'create' | 'overwrite' | 'append';
}

export interface InitPlan {
  write: InitWrite[];
  skipped: Array<{ path: string; reason: string }>;
  /** Commands to run next, each with why. */
  next: Array<{ command: string; why: string }>;
}

interface PackageJson {
  name?: string;
  main?: unknown;
  exports?: unknown;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

export function planInit(input: InitInput): InitPlan {
  const plan: InitPlan = { write: [], skipped: [], next: [] };
  const pkg = parsePackageJson(input.read('package.json'));
  const entry = pkg ? packageEntry(pkg) : undefined;

  const file = (path: string, text: string): void => {
    if (input.read(path) === undefined) plan.write.push({ path, text, action: 'create' });
    else if (input.force) plan.write.push({ path, text, action: 'overwrite' });
    else plan.skipped.push({ path, reason: 'exists (--force overwrites it)' });
  };

  file(CONFIG_FILE, configText(input.schemaPath));
  file(EXAMPLE_SUITE, entry ? entrySuite(entry, pkg?.name) : selfContainedSuite());
  gitignore(input.read(GITIGNORE), plan);
  const ci = input.ci === 'github' || input.hasGithub;
  if (ci) for (const w of input.workflows) file(`.github/workflows/jepsh-bench-${w.name}`, w.text);

  const listed = pkg?.devDependencies?.['jepsh-bench'] ?? pkg?.dependencies?.['jepsh-bench'];
  if (!listed)
    plan.next.push({ command: 'npm install --save-dev jepsh-bench', why: 'so npx and CI find the same version' });
  if (entry) plan.next.push({ command: `$EDITOR ${EXAMPLE_SUITE}`, why: `pick the function of ${entry} to time` });
  plan.next.push(
    { command: 'npx jepsh-bench list', why: 'load and check the suites in Node, no browser' },
    { command: 'npx jepsh-bench doctor', why: 'is this machine fit to measure?' },
    { command: 'npx jepsh-bench run', why: 'measure defaultSuites into baselines/jepsh-bench.sqlite' },
    { command: 'npx jepsh-bench baseline set main', why: 'name that run' },
    { command: 'npx jepsh-bench check --against main', why: 'after a change: measure again, exit 1 on a regression' },
  );
  if (ci)
    plan.next.push({
      command: 'git add .github/workflows/jepsh-bench-*.yml',
      why: 'the PR gate and the nightly history (README "CI")',
    });
  return plan;
}

function parsePackageJson(text: string | undefined): PackageJson | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null ? (value as PackageJson) : undefined;
  } catch {
    return undefined; // a broken package.json is the user's to fix; the example stays self-contained
  }
}

// Conditions a page can load, best first; `types` names a .d.ts, which has no code.
const CONDITIONS = ['browser', 'import', 'module', 'default', 'require', 'node'];

/** The package's own entry point as a project-relative path (`./dist/index.js`), from `exports` then `main`. */
export function packageEntry(pkg: PackageJson): string | undefined {
  const pick = (value: unknown): string | undefined => {
    if (typeof value === 'string') return value;
    if (Array.isArray(value)) return value.map(pick).find((v) => v !== undefined);
    if (typeof value !== 'object' || value === null) return undefined;
    const map = value as Record<string, unknown>;
    if ('.' in map) return pick(map['.']);
    for (const c of CONDITIONS) if (c in map) return pick(map[c]);
    return undefined;
  };
  const found = pick(pkg.exports) ?? (typeof pkg.main === 'string' ? pkg.main : undefined);
  if (found === undefined || found.endsWith('.d.ts') || found.startsWith('/') || found.includes('..')) return undefined;
  const rel = found.replace(/^\.\//, '');
  return rel === '' || rel === '.' ? undefined : `./${rel}`;
}

function configText(schemaPath: string): string {
  // Only what differs from the defaults: the schema documents the rest, and the editor completes it.
  return `${JSON.stringify({ $schema: schemaPath, defaultSuites: ['example'] }, null, 2)}\n`;
}

function gitignore(existing: string | undefined, plan: InitPlan): void {
  const entry = `# jepsh-bench: stored runs are machine-specific\n${IGNORED}\n`;
  if (existing === undefined) return void plan.write.push({ path: GITIGNORE, text: entry, action: 'create' });
  const ignored = existing.split(/\r?\n/).some((l) => /^\/?baselines\/?(\*\*?)?$/.test(l.trim()));
  if (ignored) return void plan.skipped.push({ path: GITIGNORE, reason: `already ignores ${IGNORED}` });
  const sep = existing === '' || existing.endsWith('\n') ? '' : '\n';
  plan.write.push({ path: GITIGNORE, text: sep + entry, action: 'append' });
}

/** A single-quoted TypeScript string literal, the style of the suites. */
const quote = (text: string): string => `'${text.replace(/[\\']/g, '\\$&')}'`;

function entrySuite(entry: string, name: string | undefined): string {
  const spec = `..${entry.slice(1)}`; // suites/ is one level down
  const what = name ? `${name} (${entry})` : entry;
  return `/**
 * Written by \`jepsh-bench init\`: times a call into ${what}, this project's entry point.
 * \`npx jepsh-bench list\` checks a suite in Node without a browser; \`npx jepsh-bench run example\` measures it.
 * Suites run in a browser page: touch the DOM only inside hooks (setup, run, ...), never at top level.
 */
// The authoring API alone: it type-checks without Node's types (\`jepsh-bench\` has the Node API too).
import { defineSuite, bench } from 'jepsh-bench/suite';
import * as lib from ${quote(spec)};

// Pick the function to measure: this calls the first function the entry point exports, without
// arguments. Replace it with a real call on realistic input, e.g. \`lib.parse(ctx.state.input)\`,
// with the input built and returned by setup() (untimed).
const target = Object.values(lib).find((v): v is () => unknown => typeof v === 'function');

export default defineSuite({
  name: 'example',
  description: ${quote(`a call into ${name ?? entry}`)},
  benchmarks: [
    bench({
      name: 'call',
      // Untimed; what it returns is ctx.state in the other hooks.
      setup(): { result: unknown } {
        if (!target) throw new Error(${quote(`${entry} exports no function: edit ${EXAMPLE_SUITE} to call one`)});
        return { result: undefined };
      },
      run(ctx) {
        // Kept in state, so the engine cannot drop the call as dead code.
        ctx.state.result = target!();
      },
    }),
  ],
});
`;
}

function selfContainedSuite(): string {
  return `/**
 * Written by \`jepsh-bench init\`: a self-contained workload to start from. Measure your own code by
 * importing it (e.g. \`import { parse } from '../src/parse.js'\`) and calling it in run().
 * \`npx jepsh-bench list\` checks a suite in Node without a browser; \`npx jepsh-bench run example\` measures it.
 * Suites run in a browser page: touch the DOM only inside hooks (setup, run, ...), never at top level.
 */
// The authoring API alone: it type-checks without Node's types (\`jepsh-bench\` has the Node API too).
import { defineSuite, bench } from 'jepsh-bench/suite';

export default defineSuite({
  name: 'example',
  description: 'sum of a Float64Array (replace with your own code)',
  benchmarks: [
    bench({
      name: 'array-sum',
      // One benchmark per value: example/array-sum?n=10000.
      params: { n: [10_000] },
      // Untimed: build the input once. What it returns is ctx.state in the other hooks, typed.
      setup(ctx) {
        const data = new Float64Array(ctx.params.n);
        for (let i = 0; i < data.length; i++) data[i] = i;
        return { data, sum: 0 };
      },
      // One operation: the timed unit.
      run(ctx) {
        const { data } = ctx.state;
        let s = 0;
        for (let i = 0; i < data.length; i++) s += data[i]!;
        ctx.state.sum = s;
      },
      // A wrong answer fails the benchmark instead of being timed as a success.
      verify(ctx) {
        const n = ctx.params.n;
        if (ctx.state.sum !== (n * (n - 1)) / 2) throw new Error(\`wrong sum \${ctx.state.sum}\`);
      },
    }),
  ],
});
`;
}
