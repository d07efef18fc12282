import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { output, type GlobalArgs } from '../context.js';
import { printJson } from '../output.js';
import { planInit, type InitPlan } from '../../core/init.js';
import { packageRoot } from '../../model/paths.js';

interface InitArgs extends GlobalArgs {
  force: boolean;
  ci?: 'github';
}

export const initCommand: CommandModule<GlobalArgs, InitArgs> = {
  command: 'init',
  describe: 'set up the current folder to measure its own code: config, suites/example.ts, .gitignore, CI workflows',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .option('force', {
        type: 'boolean',
        default: false,
        describe: 'overwrite files that exist (.gitignore is only appended to)',
      })
      .option('ci', {
        type: 'string',
        choices: ['github'],
        describe: 'add the CI workflows even without a .github folder',
      })
      .example('$0 init', 'in a project: jepsh-bench.config.json, suites/example.ts, baselines/ in .gitignore')
      .example(
        '$0 init --ci github',
        'also .github/workflows/jepsh-bench-pr-gate.yml and -nightly.yml',
      ) as unknown as Argv<InitArgs>,
  handler: (args) => {
    const project = process.cwd();
    const root = packageRoot();
    const read = (path: string): string | undefined => {
      const file = join(project, path);
      return existsSync(file) && statSync(file).isFile() ? readFileSync(file, 'utf8') : undefined;
    };
    const plan = planInit({
      read,
      hasGithub: existsSync(join(project, '.github')),
      ...(args.ci !== undefined && { ci: args.ci }),
      force: args.force,
      schemaPath: projectPath(project, join(root, 'src', 'config', 'config.schema.json')),
      workflows: githubWorkflows(root),
    });
    for (const w of plan.write) {
      const file = join(project, w.path);
      mkdirSync(dirname(file), { recursive: true });
      if (w.action === 'append') appendFileSync(file, w.text);
      else writeFileSync(file, w.text);
    }
    if (output(args).json) return printJson(plan);
    process.stdout.write(summary(plan));
  },
};

/**
 * The schema as the project sees it, '/'-separated so the config survives a clone: inside the
 * project when the harness is (installed in node_modules), else where `npm install` will put it.
 */
function projectPath(project: string, file: string): string {
  const rel = relative(project, file);
  if (rel !== '' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel)) return `./${rel.split(sep).join('/')}`;
  return './node_modules/jepsh-bench/src/config/config.schema.json';
}

function githubWorkflows(root: string): Array<{ name: string; text: string }> {
  const dir = join(root, 'ci', 'github');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yml'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

function summary(plan: InitPlan): string {
  const verb = { create: 'created', overwrite: 'overwrote', append: 'appended to' } as const;
  // An append names what it added: the last line of its text.
  const lines = plan.write.map(
    (w) => `${verb[w.action]} ${w.path}${w.action === 'append' ? `: ${w.text.trim().split('\n').pop()}` : ''}`,
  );
  for (const s of plan.skipped) lines.push(`skipped ${s.path}: ${s.reason}`);
  const width = Math.max(...plan.next.map((n) => n.command.length));
  lines.push('', 'next:', ...plan.next.map((n) => `  ${n.command.padEnd(width)}  # ${n.why}`));
  return `${lines.join('\n')}\n`;
}
