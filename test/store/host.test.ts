/**
 * The host of a run (issue 13): a salted hash by default, in clear with `run --keep-host`, only
 * ever the hash in an export; reaping compares either form.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../src/store/schema.js';
import { hashHost, hostSalt } from '../../src/store/host.js';
import { exportRuns } from '../../src/core/transfer.js';
import type { Store } from '../../src/store/store.js';
import { tempDir } from '../helpers.js';
import { openStore, storeRun } from './history.js';

const newRun = { git: { commit: null, branch: null, dirty: null }, label: null, suites: [], options: {} };
const hostOf = (store: Store, id: number) =>
  (store.db.prepare(`SELECT hostname FROM runs WHERE id = ?`).get(id) as { hostname: string | null }).hostname;

test('a run stores its host as an HMAC under a random salt of the database; --keep-host stores the name', () => {
  const t = tempDir('jepsh-host-');
  try {
    const a = openStore(join(t.dir, 'a.sqlite'));
    const b = openStore(join(t.dir, 'b.sqlite'));
    const saltA = hostSalt(a.db)!;
    assert.match(saltA, /^[0-9a-f]{32}$/);
    assert.notEqual(hostSalt(b.db), saltA, 'one salt per database');
    const run = a.createRun(newRun);
    assert.equal(hostOf(a, run.id), hashHost(saltA, hostname()));
    assert.match(hostOf(a, run.id)!, /^hmac-sha256:[0-9a-f]{64}$/);
    assert.notEqual(
      hostOf(b, b.createRun(newRun).id),
      hostOf(a, run.id),
      'the same host hashes differently in another database',
    );
    a.close();
    const kept = openStore(join(t.dir, 'a.sqlite'), true);
    assert.equal(hostOf(kept, kept.createRun(newRun).id), hostname());
    kept.close();
    b.close();
  } finally {
    t.cleanup();
  }
});

test(
  'reaping compares hashes: a dead run of this host is aborted (hashed or in clear), ' +
    "another host's is left running",
  () => {
    const t = tempDir('jepsh-host-');
    try {
      const path = join(t.dir, 's.sqlite');
      const store = openStore(path);
      const salt = hostSalt(store.db)!;
      const hashed = store.createRun(newRun);
      const clear = store.createRun(newRun);
      const elsewhere = store.createRun(newRun);
      const set = store.db.prepare(`UPDATE runs SET pid = 99999999, hostname = ? WHERE id = ?`);
      set.run(hashHost(salt, hostname()), hashed.id);
      set.run(hostname(), clear.id);
      set.run(hashHost(salt, `not-${hostname()}`), elsewhere.id);
      store.close();
      const again = openStore(path);
      assert.deepEqual(
        [hashed, clear, elsewhere].map((r) => again.getRun(r.id)!.status),
        ['aborted', 'aborted', 'running'],
      );
      again.close();
    } finally {
      t.cleanup();
    }
  },
);

test('migration 3 adds the salt and drops the host names finished runs kept in clear', () => {
  const t = tempDir('jepsh-host-');
  try {
    const path = join(t.dir, 'v2.sqlite');
    const raw = new Database(path);
    raw.exec(MIGRATIONS[0]!);
    raw.exec(MIGRATIONS[1]!);
    raw.pragma('user_version = 2');
    const insert = raw.prepare(
      `INSERT INTO runs (uuid, started_at, status, pid, hostname) ` +
        `VALUES (?, '2026-01-01T00:00:00Z', ?, ?, 'build-box-17')`,
    );
    insert.run('done', 'complete', 1);
    insert.run('live', 'running', process.pid);
    raw.close();
    const store = openStore(path);
    const host = (uuid: string) =>
      (store.db.prepare(`SELECT hostname FROM runs WHERE uuid = ?`).get(uuid) as { hostname: string | null }).hostname;
    assert.equal(host('done'), null);
    assert.equal(host('live'), 'build-box-17', 'a running run keeps what reaping reads');
    assert.ok(hostSalt(store.db));
    store.close();
  } finally {
    t.cleanup();
  }
});

test('an export carries the hash only, also of a run stored with --keep-host', async () => {
  const t = tempDir('jepsh-host-');
  try {
    const store = openStore(join(t.dir, 's.sqlite'), true);
    storeRun(store);
    assert.equal(hostOf(store, 1), hostname());
    const file = join(t.dir, 'h.jsonl');
    await exportRuns(store, file);
    const text = readFileSync(file, 'utf8');
    assert.equal(JSON.parse(text.split('\n')[1]!).host, hashHost(hostSalt(store.db)!, hostname()));
    assert.ok(!text.includes(`"${hostname()}"`), 'the name is nowhere in the file');
    assert.ok(!text.includes(hostSalt(store.db)!), 'nor the salt');
    store.close();
  } finally {
    t.cleanup();
  }
});
