/**
 * `check --profile-regressions`: after the verdicts, each benchmark whose time regressed is
 * profiled (core/profile-run.ts) on the sides that were compared, so the report can say which
 * functions grew: with two sides (paired), the largest increases of self time per operation;
 * with one (stored baseline, whose code is gone), the functions with the most self time.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Verdict } from '../model/types.js';
import type { Store, StoredProfile } from '../store/store.js';
import type { SamplingOptions } from '../suite/protocol.js';
import { suiteOf } from '../verdict/thresholds.js';
import { errorMessage } from '../model/errors.js';
import { diffFunctionTimes } from '../profile/cpuprofile.js';
import { profileFileName } from '../profile/files.js';
import { DEFAULT_SAMPLING } from './run.js';
import { profileBenchmark, type ProfileSide, type ProfiledSide } from './profile-run.js';

/** Functions kept with each stored profile. */
export const PROFILE_TOP = 5;

/** Sampling of a regression's profile: shorter than `profile`'s default, one per regressed benchmark. */
export const REGRESSION_PROFILE_SAMPLING: SamplingOptions = {
  ...DEFAULT_SAMPLING,
  warmupMs: 500,
  minTimeMs: 1000,
  minSamples: 10,
};

/** The benchmarks a profile can explain: those whose time regressed. */
export function regressedTimes(verdicts: readonly Verdict[]): string[] {
  return [
    ...new Set(verdicts.filter((v) => v.verdict === 'regressed' && v.metric === 'time').map((v) => v.benchmarkId)),
  ];
}

/** The rows a stored profile keeps: the diff's largest increases, or one side's top self times. */
export function profileTop(sides: readonly ProfiledSide[], top = PROFILE_TOP): StoredProfile['top'] {
  if (sides.length === 2) {
    const [base, head] = sides as [ProfiledSide, ProfiledSide];
    return diffFunctionTimes(base.functions, base.operations, head.functions, head.operations)
      .slice(0, top)
      .map((d) => ({ name: d.name, location: d.location, value: d.deltaUs, unit: 'µs/op' as const }));
  }
  return (sides[0]?.functions ?? [])
    .slice(0, top)
    .map((f) => ({ name: f.name, location: f.location, value: f.selfMs, unit: 'ms' as const }));
}

export interface ProfileRegressionsOptions {
  runId: number;
  ids: readonly string[];
  /** The sides to profile a suite's benchmark on (each side's bundles of that suite). */
  sidesFor: (suite: string) => Promise<ProfileSide[]>;
  /** Folder for the .cpuprofile files: one subfolder per run. */
  outDir: string;
  browser?: string | undefined;
  signal?: AbortSignal | undefined;
  /** One line per benchmark: where its profile went, or why there is none. */
  note: (line: string) => void;
}

/** Profiles each regressed benchmark and records it with the run; a failure is noted, not fatal. */
export async function profileRegressions(store: Store, opts: ProfileRegressionsOptions): Promise<StoredProfile[]> {
  const dir = join(opts.outDir, `run-${opts.runId}`);
  const out: StoredProfile[] = [];
  for (const id of opts.ids) {
    try {
      const suite = suiteOf(id);
      const sides = await profileBenchmark({
        sides: await opts.sidesFor(suite),
        suite,
        benchmarkId: id,
        sampling: REGRESSION_PROFILE_SAMPLING,
        intervalUs: 100,
        gc: false,
        browser: opts.browser,
        signal: opts.signal,
      });
      mkdirSync(dir, { recursive: true });
      const files = sides.map((s) => {
        const path = join(dir, profileFileName(id, s.key));
        writeFileSync(path, JSON.stringify(s.profile));
        return { side: s.key, path };
      });
      const profile: StoredProfile = { runId: opts.runId, benchmarkId: id, files, top: profileTop(sides) };
      store.addProfile(profile);
      out.push(profile);
      const first = profile.top[0];
      opts.note(
        `profile of ${id}: ${files.map((f) => f.path).join(', ')}` +
          (first ? `; first: ${first.name} ${first.location} (${first.value.toFixed(2)} ${first.unit})` : ''),
      );
    } catch (e) {
      if (opts.signal?.aborted) throw e;
      opts.note(`profile of ${id}: not taken (${errorMessage(e).split('\n')[0]})`);
    }
  }
  return out;
}
