/**
 * prune --keep-samples N (issue 13): older runs keep one median per session, histories read the
 * same, the file shrinks after VACUUM.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pruneSamples } from '../../src/store/prune.js';
import { minimumKeep, runsToPrune, toSessionValues } from '../../src/store/retention.js';
import { buildSeries } from '../../src/core/report-data.js';
import { compareStored } from '../../src/core/compare.js';
import { referenceRatio } from '../../src/core/reference-run.js';
import { sessionStatistic, sessionValues } from '../../src/stats/sessions.js';
import { parseConfig } from '../../src/config/config.js';
import { exportRuns, importFiles } from '../../src/core/transfer.js';
import { UsageError } from '../../src/model/errors.js';
import type { MetricResult } from '../../src/model/types.js';
import type { Store } from '../../src/store/store.js';
import { cli, tempDir } from '../helpers.js';
import { openStore, random, samplesChecksum, storeRun } from './history.js';

const config = parseConfig({}, 'defaults');

test('runsToPrune: all but the newest N per branch (no branch is one branch), never a pinned run', () => {
  const runs = [
    { id: 1, branch: 'main' },
    { id: 2, branch: 'dev' },
    { id: 3, branch: 'main' },
    { id: 4, branch: null },
    { id: 5, branch: 'main' },
    { id: 6, branch: 'dev' },
    { id: 7, branch: 'main' },
    { id: 8, branch: null },
    { id: 9, branch: null },
  ];
  assert.deepEqual(runsToPrune(runs, 2, new Set()), [1, 3, 4]);
  assert.deepEqual(runsToPrune(runs, 2, new Set([1])), [3, 4]);
  assert.deepEqual(runsToPrune(runs, 1, new Set()), [1, 2, 3, 4, 5, 8]);
  assert.deepEqual(runsToPrune(runs, 9, new Set()), []);
  assert.equal(minimumKeep(5), 6, 'compare --against branch:NAME pools branchRuns runs before the newest');
});

test(
  'toSessionValues: one value per session, ' +
    'and the session values (what tests and reference ratios read) are unchanged',
  () => {
    const rnd = random(3);
    const make = (scale: number): MetricResult => ({
      benchmarkId: 'b',
      metric: 'time',
      unit: 'ms',
      direction: 'lower',
      kind: 'time',
      samples: Array.from({ length: 40 }, () => scale * (1 + rnd())),
      innerIterations: 1,
      rounds: [6, 7, 0, 12, 15],
    });
    const cur = make(1);
    const ref = make(1.1);
    const reduce = (r: MetricResult): MetricResult => {
      const to = toSessionValues(r.samples, r.rounds!, r.kind)!;
      return { ...r, samples: to.samples, rounds: to.rounds };
    };
    const small = reduce(cur);
    assert.equal(small.samples.length, 4);
    assert.deepEqual(small.rounds, [1, 1, 0, 1, 1], 'an empty session stays empty');
    assert.deepEqual(
      sessionValues(small.samples, small.rounds, 'geomean'),
      sessionValues(cur.samples, cur.rounds, 'geomean'),
    );
    assert.deepEqual(
      referenceRatio(reduce(cur), reduce(ref)),
      referenceRatio(cur, ref),
      'a relative trend point is the same after prune',
    );
    assert.equal(toSessionValues([7], null, 'counter'), null, 'a counter has nothing to give');
    assert.equal(toSessionValues([1, 2, 3], [1, 1, 1], 'time'), null);
  },
);

/** main: 6 runs, dev: 3 runs, no branch: 1 run; a baseline on the oldest main run. */
function history(store: Store): Record<string, number[]> {
  const ids: Record<string, number[]> = { main: [], dev: [], none: [] };
  for (let i = 0; i < 10; i++) {
    const branch = i % 3 === 1 ? 'dev' : i === 9 ? null : 'main';
    const run = storeRun(store, {
      branch,
      seed: i + 1,
      sessions: 16,
      perSession: 40,
      benchmarks: ['smoke/a', 'smoke/b', 'smoke/c'],
    });
    ids[branch ?? 'none']!.push(run.id);
  }
  store.setBaseline('main', ids.main![0]!);
  return ids;
}

test(
  'prune keeps the newest N runs per branch and baselines, ' +
    'keeps trends and summaries, and the file shrinks after VACUUM',
  async () => {
    const t = tempDir('jepsh-prune-');
    try {
      const path = join(t.dir, 'p.sqlite');
      const store = openStore(path);
      const ids = history(store);
      const all = store.listRuns({ limit: 100 }).map((r) => r.id);
      const seriesBefore = buildSeries(store, 50, config);
      const resultsBefore = new Map(all.map((id) => [id, store.getResults(id)]));
      const sumBefore = samplesChecksum(store.db);

      const dry = pruneSamples(store, 2, { dryRun: true });
      assert.equal(samplesChecksum(store.db), sumBefore, 'a dry run changes nothing');
      assert.equal(dry.fileBytesAfter, null);

      const outcome = pruneSamples(store, 2);
      // main [1,3,4,6,7,9 minus newest 2 and the baseline's] + dev [2,5,8 minus newest 2].
      const pruned = [...ids.main!.slice(1, -2), ...ids.dev!.slice(0, -2)].sort((a, b) => a - b);
      assert.deepEqual(
        { runs: outcome.runs, results: outcome.results },
        { runs: pruned.length, results: pruned.length * 3 },
        'the time results of each pruned run; counters have nothing to give',
      );
      assert.deepEqual(
        {
          runs: dry.runs,
          results: dry.results,
          sampleBytesBefore: dry.sampleBytesBefore,
          sampleBytesAfter: dry.sampleBytesAfter,
        },
        {
          runs: outcome.runs,
          results: outcome.results,
          sampleBytesBefore: outcome.sampleBytesBefore,
          sampleBytesAfter: outcome.sampleBytesAfter,
        },
      );
      // 40 samples per session become 1: 40x fewer float64, though not exactly 40x fewer bytes once
      // deflated (store/samples.ts).
      assert.ok(
        outcome.sampleBytesAfter * 10 < outcome.sampleBytesBefore,
        `${outcome.sampleBytesBefore} -> ${outcome.sampleBytesAfter} bytes`,
      );
      const freed = outcome.sampleBytesBefore - outcome.sampleBytesAfter;
      assert.ok(
        outcome.fileBytesBefore - outcome.fileBytesAfter! > 0.8 * freed,
        `the file shrinks by most of the ${freed} bytes freed: ${outcome.fileBytesBefore} -> ${outcome.fileBytesAfter}`,
      );
      assert.equal(statSync(path).size, outcome.fileBytesAfter);

      for (const id of all) {
        const before = resultsBefore.get(id)!;
        const after = store.getResults(id);
        assert.deepEqual(
          after.map((r) => r.summary),
          before.map((r) => r.summary),
          `run ${id}: summaries unchanged`,
        );
        assert.deepEqual(
          after.map((r) => sessionValues(r.samples, r.rounds, sessionStatistic(r.kind))),
          before.map((r) => sessionValues(r.samples, r.rounds, sessionStatistic(r.kind))),
          `run ${id}: session values unchanged`,
        );
        const flagged = after.filter((r) => r.pruned).length;
        if (pruned.includes(id)) assert.equal(flagged, 3, `run ${id} pruned`);
        else assert.deepEqual(after, before, `run ${id} keeps every sample`);
      }
      assert.deepEqual(buildSeries(store, 50, config), seriesBefore, 'trend and report series read the same');

      // Compare needs raw samples: a pruned run is refused by name; kept runs compare as before.
      assert.throws(
        () => compareStored(store, String(ids.main!.at(-1)), String(pruned[0]), config),
        (e: unknown) => e instanceof UsageError && new RegExp(`run ${pruned[0]} was pruned`).test(e.message),
      );
      assert.doesNotThrow(() => compareStored(store, String(ids.main!.at(-1)), 'main', config));
      // A branch baseline pools the runs before the newest: with N below branchRuns + 1 it reaches a
      // pruned run, which is why the prune command refuses such an N (minimumKeep).
      assert.throws(() => compareStored(store, String(ids.dev!.at(-1)), 'branch:dev', config), /was pruned/);

      // Pruned results travel as such.
      await exportRuns(store, join(t.dir, 'h.jsonl'));
      const copy = openStore(join(t.dir, 'copy.sqlite'));
      await importFiles(copy, [join(t.dir, 'h.jsonl')]);
      assert.equal(samplesChecksum(copy.db), samplesChecksum(store.db));
      assert.equal(
        (copy.db.prepare(`SELECT count(*) AS n FROM results WHERE pruned = 1`).get() as { n: number }).n,
        pruned.length * 3,
      );
      assert.equal(pruneSamples(store, 2).results, 0, 'pruning again finds nothing');
      assert.equal(store.integrityCheck(), 'ok');
      copy.close();
      store.close();
    } finally {
      t.cleanup();
    }
  },
);

test(
  'the CLI: prune refuses fewer runs than branch baselines pool (exit 2); ' + '--dry-run reports and changes nothing',
  async () => {
    const t = tempDir('jepsh-prune-');
    try {
      const path = join(t.dir, 'p.sqlite');
      const store = openStore(path);
      for (let i = 0; i < 8; i++) storeRun(store, { seed: i, sessions: 4, perSession: 10 });
      const sum = samplesChecksum(store.db);
      store.close();
      // The schema's defaults (branchRuns 5), whatever the repository's config says.
      const cfg = join(t.dir, 'config.json');
      writeFileSync(cfg, '{}');
      const low = await cli(['--db', path, '--config', cfg, 'prune', '--keep-samples', '3']);
      assert.equal(low.code, 2);
      assert.equal(
        low.stderr,
        'jepsh-bench: error: --keep-samples must be at least 6: ' +
          'compare --against branch:NAME pools 5 runs (branchRuns in the config), and their samples must stay\n',
      );
      const dry = await cli(['--db', path, '--config', cfg, 'prune', '--keep-samples', '6', '--dry-run']);
      assert.equal(dry.code, 0, dry.stderr);
      assert.match(
        dry.stdout,
        /^would prune 4 result\(s\) of 2 run\(s\): samples 1 KB -> 0 KB; .*p\.sqlite is \d+ bytes\n$/,
      );
      const again = openStore(path);
      assert.equal(samplesChecksum(again.db), sum);
      again.close();
      const real = await cli(['--db', path, '--config', cfg, 'prune', '--keep-samples', '6']);
      assert.match(
        real.stdout,
        /^pruned 4 result\(s\) of 2 run\(s\): samples 1 KB -> 0 KB; .*p\.sqlite: \d+ -> \d+ bytes after VACUUM\n$/,
      );
    } finally {
      t.cleanup();
    }
  },
);
