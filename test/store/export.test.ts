/**
 * export / import (issue 13): a store's history as a JSON Lines file and back, bit for bit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { exportRuns, importFiles } from '../../src/core/transfer.js';
import { readRunRecord, recordIds } from '../../src/store/portable.js';
import { hostSalt } from '../../src/store/host.js';
import { SCHEMA_VERSION } from '../../src/store/schema.js';
import { UsageError } from '../../src/model/errors.js';
import { cli, tempDir } from '../helpers.js';
import { count, openStore, samplesChecksum, storeRun } from './history.js';
import type { Store } from '../../src/store/store.js';

/** 20 runs: two branches and none, rounds, a failed run, special float64 values, a baseline. */
function twentyRuns(store: Store): void {
  for (let i = 0; i < 17; i++)
    storeRun(store, {
      branch: i % 3 === 0 ? 'feature' : i % 5 === 0 ? null : 'main',
      commit: `c${i}`,
      seed: i + 1,
      benchmarks: ['smoke/a', 'smoke/b', `other/x${i % 2}`],
    });
  storeRun(store, { status: 'failed' });
  // The values JSON numbers cannot carry, a subnormal, the largest double, and a NaN with a payload
  // (written below as raw bits: no JS computation makes one).
  storeRun(store, { samples: [-0, 0, Number.NaN, Infinity, -Infinity, 5e-324, Number.MAX_VALUE, 0.1 + 0.2, 1] });
  const payloadNan = Buffer.alloc(8);
  payloadNan.writeBigUInt64LE(0x7ff4000000000123n);
  const last = storeRun(store, { seed: 99 });
  const blob = Buffer.concat([payloadNan, Buffer.from(new Float64Array([1.5, -2.25]).buffer)]);
  store.db
    .prepare(
      `UPDATE results SET samples = ?, rounds = '[1,2]' WHERE run_id = ? AND metric = 'time' ` +
        `AND benchmark_id = (SELECT id FROM benchmarks WHERE key = 'smoke/a')`,
    )
    .run(blob, last.id);
  store.setBaseline('main', 3);
  store.setBaseline('release', last.id);
}

/** Every record of a store, by uuid, without the host (compared on its own). */
function records(store: Store) {
  const salt = hostSalt(store.db)!;
  return recordIds(store.db).map((id) => ({ ...readRunRecord(store.db, id, salt), host: null }));
}

test(
  'export then import of a 20-run store: ' + 'every sample bit-identical (sha256 over the BLOBs), every row the same',
  async () => {
    const t = tempDir('jepsh-export-');
    try {
      const src = openStore(join(t.dir, 'src.sqlite'));
      twentyRuns(src);
      assert.equal(count(src.db, 'runs'), 20);
      for (const name of ['h.jsonl', 'h.jsonl.gz']) {
        const file = join(t.dir, name);
        assert.equal(await exportRuns(src, file), 20);
        const dst = openStore(join(t.dir, `${name}.sqlite`));
        assert.deepEqual(await importFiles(dst, [file]), { imported: 20, skipped: 0, baselines: 2 });
        assert.equal(samplesChecksum(dst.db), samplesChecksum(src.db), `${name}: samples checksum`);
        assert.deepEqual(
          records(dst),
          records(src),
          `${name}: runs, benchmarks, statuses, results, summaries, rounds, baselines`,
        );
        assert.equal(dst.integrityCheck(), 'ok');
        dst.close();
      }
      // The .gz file is gzip, and the plain file's first line is the header.
      const plain = readFileSync(join(t.dir, 'h.jsonl'), 'utf8');
      assert.equal(gunzipSync(readFileSync(join(t.dir, 'h.jsonl.gz'))).toString('utf8'), plain);
      assert.deepEqual(JSON.parse(plain.split('\n')[0]!), {
        format: 'jepsh-bench-export',
        version: 1,
        schemaVersion: SCHEMA_VERSION,
      });
      assert.match(
        plain,
        /"samples":\["-0",0,"NaN","Infinity","-Infinity",5e-324,1\.7976931348623157e\+308,0\.30000000000000004,1\]/,
      );
      assert.match(plain, /"NaN:7ff4000000000123",1\.5,-2\.25/);
      src.close();
    } finally {
      t.cleanup();
    }
  },
);

test('import skips runs already in the store; a second import of the same file changes nothing', async () => {
  const t = tempDir('jepsh-export-');
  try {
    const src = openStore(join(t.dir, 'src.sqlite'));
    for (let i = 0; i < 3; i++) storeRun(src, { seed: i });
    src.setBaseline('main', 2);
    const file = join(t.dir, 'h.jsonl');
    await exportRuns(src, file);
    const dst = openStore(join(t.dir, 'dst.sqlite'));
    storeRun(dst, { seed: 7 }); // a run of its own
    assert.deepEqual(await importFiles(dst, [file]), { imported: 3, skipped: 0, baselines: 1 });
    const before = samplesChecksum(dst.db);
    assert.deepEqual(await importFiles(dst, [file, file]), { imported: 0, skipped: 6, baselines: 0 });
    assert.equal(samplesChecksum(dst.db), before);
    assert.equal(count(dst.db, 'runs'), 4);
    // The imported baseline names the imported run, found by its uuid.
    assert.equal(dst.resolveRun('main').uuid, src.getRun(2)!.uuid);
    src.close();
    dst.close();
  } finally {
    t.cleanup();
  }
});

test('an export from a newer format or schema is refused with exit 2 before anything is written', async () => {
  const t = tempDir('jepsh-export-');
  try {
    const src = openStore(join(t.dir, 'src.sqlite'));
    storeRun(src);
    const good = join(t.dir, 'good.jsonl');
    await exportRuns(src, good);
    const [, line] = readFileSync(good, 'utf8').split('\n');
    const newerSchema = join(t.dir, 'schema.jsonl');
    writeFileSync(
      newerSchema,
      `${JSON.stringify({ format: 'jepsh-bench-export', version: 1, schemaVersion: SCHEMA_VERSION + 1 })}\n${line}\n`,
    );
    const newerFormat = join(t.dir, 'format.jsonl');
    writeFileSync(
      newerFormat,
      `${JSON.stringify({ format: 'jepsh-bench-export', version: 2, schemaVersion: SCHEMA_VERSION })}\n${line}\n`,
    );
    const notExport = join(t.dir, 'other.jsonl');
    writeFileSync(notExport, '{"hello":1}\n');
    const dst = openStore(join(t.dir, 'dst.sqlite'));
    const refused = (pattern: RegExp) => (e: unknown) =>
      e instanceof UsageError && e.exitCode === 2 && pattern.test(e.message) && !e.message.includes('\n');
    // The good file comes first: the header check of the others stops the import before it.
    await assert.rejects(
      importFiles(dst, [good, newerSchema]),
      refused(/schema\.jsonl was written with database schema \d+, newer than this jepsh-bench understands/),
    );
    await assert.rejects(
      importFiles(dst, [good, newerFormat]),
      refused(/export format version 2, newer than this jepsh-bench reads \(1\)/),
    );
    await assert.rejects(importFiles(dst, [notExport]), refused(/is not a jepsh-bench export/));
    assert.equal(count(dst.db, 'runs'), 0);
    // A malformed run line names file and line.
    const bad = join(t.dir, 'bad.jsonl');
    writeFileSync(bad, `${readFileSync(good, 'utf8').split('\n')[0]}\n{"uuid":"x","status":"running"}\n`);
    await assert.rejects(
      importFiles(dst, [bad]),
      refused(/bad\.jsonl:2: status "running" is not complete, failed or aborted/),
    );
    src.close();
    dst.close();
  } finally {
    t.cleanup();
  }
});

test('export filters: --since, --branch and the newest N runs, oldest first', async () => {
  const t = tempDir('jepsh-export-');
  try {
    const store = openStore(join(t.dir, 's.sqlite'));
    for (let i = 0; i < 6; i++) storeRun(store, { branch: i % 2 ? 'main' : 'dev' });
    store.db.prepare(`UPDATE runs SET started_at = '2026-01-0' || id || 'T00:00:00.000Z'`).run();
    const running = store.createRun({
      git: { commit: null, branch: 'main', dirty: null },
      label: null,
      suites: [],
      options: {},
    });
    assert.deepEqual(recordIds(store.db), [1, 2, 3, 4, 5, 6], 'a running run is not exported');
    assert.deepEqual(recordIds(store.db, { branch: 'main' }), [2, 4, 6]);
    assert.deepEqual(recordIds(store.db, { since: '2026-01-04T00:00:00.000Z' }), [4, 5, 6]);
    assert.deepEqual(recordIds(store.db, { branch: 'dev', last: 2 }), [3, 5]);
    assert.ok(running.id > 6);
    store.close();
  } finally {
    t.cleanup();
  }
});

test(
  'the CLI: export to a .gz file, import it twice (skipped), ' + 'a newer file is exit 2 with one line and no stack',
  async () => {
    const t = tempDir('jepsh-export-');
    try {
      const db = join(t.dir, 'src.sqlite');
      const store = openStore(db);
      storeRun(store);
      storeRun(store, { branch: 'dev' });
      store.close();
      const file = join(t.dir, 'h.jsonl.gz');
      const out = await cli(['--db', db, 'export', '--out', file, '--branch', 'main']);
      assert.equal(out.code, 0, out.stderr);
      assert.equal(out.stdout, `exported 1 run(s) to ${file}\n`);
      const dst = join(t.dir, 'dst.sqlite');
      const first = await cli(['--db', dst, 'import', file]);
      assert.equal(first.stdout, `imported 1 run(s), skipped 0 already in ${dst}\n`);
      const again = await cli(['--db', dst, 'import', file]);
      assert.equal(again.stdout, `imported 0 run(s), skipped 1 already in ${dst}\n`);
      const newer = join(t.dir, 'newer.jsonl');
      writeFileSync(
        newer,
        `${JSON.stringify({ format: 'jepsh-bench-export', version: 1, schemaVersion: SCHEMA_VERSION + 1 })}\n`,
      );
      const refused = await cli(['--db', dst, 'import', newer]);
      assert.equal(refused.code, 2);
      assert.match(
        refused.stderr,
        new RegExp(
          '^jepsh-bench: error: .*newer\\.jsonl was written with database schema \\d+, ' +
            'newer than this jepsh-bench understands \\(\\d+\\); upgrade jepsh-bench\\n$',
        ),
      );
    } finally {
      t.cleanup();
    }
  },
);
