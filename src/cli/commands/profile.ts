import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { output, suitesDir, type GlobalArgs } from '../context.js';
import { interruptSignal } from '../signals.js';
import { printJson } from '../output.js';
import { abOptions, wantsAb, withAbSides, type AbArgs } from '../ab-args.js';
import { checkedSuiteFiles } from '../../core/suite-check.js';
import { sideBundles } from '../../core/ab.js';
import { bundleSuites } from '../../browser/session.js';
import { profileBenchmark, type ProfileSide, type ProfiledSide } from '../../core/profile-run.js';
import { diffFunctionTimes } from '../../profile/cpuprofile.js';
import { profileFileName } from '../../profile/files.js';
import { renderFunctionDiff, renderGc, renderTiers, renderTopFunctions } from '../../profile/render.js';
import { suiteOf } from '../../verdict/thresholds.js';
import { DEFAULT_SAMPLING } from '../../core/run.js';
import { UsageError } from '../../model/errors.js';

interface ProfileArgs extends GlobalArgs, AbArgs {
  benchmark: string;
  time: number;
  warmup: number;
  interval: number;
  top: number;
  out: string;
  gc: boolean;
  deopts: boolean;
  inline: boolean;
}

function positive(name: string, v: number): number {
  if (!Number.isFinite(v) || v <= 0) throw new UsageError(`--${name} must be a number > 0, got ${v}`);
  return v;
}

export const profileCommand: CommandModule<GlobalArgs, ProfileArgs> = {
  command: 'profile <benchmark>',
  describe:
    "one benchmark under V8's CPU profiler: a .cpuprofile (DevTools, speedscope) and the top functions by self " +
    'time in the TypeScript sources; with --base, both sides and the change in self time per operation',
  builder: (y: Argv<GlobalArgs>) =>
    abOptions(
      y
        .positional('benchmark', {
          type: 'string',
          demandOption: true,
          describe: 'benchmark id, e.g. reactivity/diamond',
        })
        .option('time', { type: 'number', default: 2, describe: 'seconds of sampling under the profiler, per side' })
        .option('warmup', { type: 'number', default: 0.5, describe: 'warm-up before profiling, seconds' })
        .option('interval', { type: 'number', default: 100, describe: 'profiler sampling interval, µs' })
        .option('top', { type: 'number', default: 10, describe: 'functions to list' })
        .option('out', { type: 'string', default: 'reports/profiles', describe: 'folder for the .cpuprofile files' })
        .option('gc', { type: 'boolean', default: false, describe: 'also count GC events and their pauses' })
        .option('deopts', {
          type: 'boolean',
          default: false,
          describe:
            "also log V8's code and deopt events: each function's top tier, optimisations and deopts with reasons " +
            '(logging costs time: profile timings then include it)',
        })
        .option('inline', {
          type: 'boolean',
          default: true,
          describe:
            'let V8 inline functions; --no-inline credits every function its own time, so a diff names the ' +
            'function that got slower, not the caller it was inlined into (a profile less like production)',
        })
        .example('$0 profile reactivity/cellx?layers=1000', 'the top functions and a .cpuprofile')
        .example('$0 profile reactivity/diamond --base main', 'what got slower since main, per operation'),
    ) as unknown as Argv<ProfileArgs>,
  handler: async (args) => {
    const out = output(args);
    const id = args.benchmark;
    const suite = suiteOf(id);
    const sampling = {
      ...DEFAULT_SAMPLING,
      warmupMs: positive('warmup', args.warmup) * 1000,
      minTimeMs: positive('time', args.time) * 1000,
      minSamples: 10,
    };
    const intervalUs = Math.round(positive('interval', args.interval));
    const top = Math.max(1, Math.round(positive('top', args.top)));
    const files = await checkedSuiteFiles(suitesDir(args), [suite]);
    const interrupt = interruptSignal();
    const note = (line: string) => process.stderr.write(`${line}\n`);
    const profile = (sides: ProfileSide[]) =>
      profileBenchmark({
        sides,
        suite,
        benchmarkId: id,
        sampling,
        intervalUs,
        gc: args.gc,
        deopts: args.deopts,
        inline: args.inline,
        browser: args.browser,
        signal: interrupt.signal,
      });
    try {
      const profiled = wantsAb(args)
        ? await withAbSides(args, note, async (p) =>
            profile([
              { key: 'base', bundles: await sideBundles(files, p.base, p.bundle), root: p.base.root },
              { key: 'head', bundles: await sideBundles(files, p.head, p.bundle), root: p.head.root },
            ]),
          )
        : await profile([{ key: 'head', bundles: await bundleSuites(files) }]);
      const dir = resolve(args.out);
      mkdirSync(dir, { recursive: true });
      const written = profiled.map((s) => {
        const file = join(dir, profileFileName(id, s.key));
        writeFileSync(file, JSON.stringify(s.profile));
        return file;
      });
      const [base, head] = profiled.length === 2 ? profiled : [null, profiled[0]!];
      const diff = base && diffFunctionTimes(base.functions, base.operations, head!.functions, head!.operations);
      if (out.json)
        return printJson({
          benchmark: id,
          sides: profiled.map((s: ProfiledSide, i) => ({
            side: s.key,
            file: written[i],
            operations: s.operations,
            functions: s.functions.slice(0, top),
            gc: s.gc,
            tiers: s.tiers?.slice(0, top) ?? null,
          })),
          ...(diff && { diff: diff.slice(0, top) }),
        });
      for (const [i, s] of profiled.entries()) {
        process.stdout.write(`\n${id} on ${s.key}: ${s.operations} operations profiled; ${written[i]}\n`);
        process.stdout.write(renderTopFunctions(s.functions, top));
        if (s.gc) process.stdout.write(renderGc(s.key, s.gc));
        if (s.tiers) process.stdout.write(renderTiers(s.key, s.tiers, top));
      }
      if (diff) {
        process.stdout.write(`\nself time per operation, head against base (largest increase first):\n`);
        process.stdout.write(renderFunctionDiff(diff, top));
      }
    } finally {
      interrupt.dispose();
    }
  },
};
