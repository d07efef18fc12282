import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  describeCommand,
  findHolders,
  formatHolders,
  linkTarget,
  parseCmdline,
  parseLocks,
  writerPids,
} from '../../src/store/holders.js';
import { tempDir } from '../helpers.js';

test('cmdline is split on NUL bytes; a jepsh-bench command reads as the user typed it', () => {
  assert.deepEqual(parseCmdline('/usr/bin/node\0/repo/bin/jepsh-bench.js\0run\0--label\0x y\0'), [
    '/usr/bin/node',
    '/repo/bin/jepsh-bench.js',
    'run',
    '--label',
    'x y',
  ]);
  assert.deepEqual(parseCmdline(''), []);
  assert.equal(
    describeCommand(['/usr/bin/node', '/repo/bin/jepsh-bench.js', 'run', '--label', 'nightly']),
    'jepsh-bench run --label nightly',
  );
  assert.equal(
    describeCommand(['node', '--import', 'tsx', 'bin/jepsh-bench.ts', 'ab', 'HEAD~1']),
    'jepsh-bench ab HEAD~1',
  );
  assert.equal(describeCommand(['/usr/local/bin/jepsh-bench', 'check']), 'jepsh-bench check');
  assert.equal(
    describeCommand(['/usr/bin/sqlite3', 'baselines/jepsh-bench.sqlite']),
    'sqlite3 baselines/jepsh-bench.sqlite',
  );
  // A multi-line `node -e` script stays on one line, cut to 80 characters.
  const script = describeCommand([
    '/usr/bin/node',
    '-e',
    `const D = require('better-sqlite3');\n  new D('x').exec('BEGIN IMMEDIATE');\n${'x'.repeat(100)}`,
  ]);
  assert.equal(script.length, 80);
  assert.ok(script.startsWith("node -e const D = require('better-sqlite3'); new D('x')"), script);
  assert.ok(script.endsWith('...'));
  assert.equal(describeCommand([]), '');
});

test('/proc/locks lines give the writers of a file; waiters and lock owners without a pid are not holders', () => {
  const locks = parseLocks(
    [
      '1: POSIX  ADVISORY  WRITE 31466 fe:00:2171255 120 120',
      '2: POSIX  ADVISORY  READ 31466 fe:00:2171255 124 124',
      '3: POSIX  ADVISORY  READ 31459 fe:00:2171234 1073741826 1073742335',
      '3: -> POSIX  ADVISORY  WRITE 4242 fe:00:2171255 120 120',
      '4: OFDLCK ADVISORY  WRITE -1 00:06:2171255 0 EOF',
      '5: FLOCK  ADVISORY  WRITE 77 00:2f:999 0 EOF',
      'garbage',
      '',
    ].join('\n'),
  );
  assert.deepEqual(locks, [
    { pid: 31466, inode: '2171255', type: 'WRITE' },
    { pid: 31466, inode: '2171255', type: 'READ' },
    { pid: 31459, inode: '2171234', type: 'READ' },
    { pid: 77, inode: '999', type: 'WRITE' },
  ]);
  assert.deepEqual([...writerPids(locks, new Set(['2171255', '2171234']))], [31466]);
  assert.deepEqual([...writerPids(locks, new Set(['1']))], []);
});

test('holders are named: the writer alone, else every process with the file open', () => {
  assert.equal(formatHolders([]), null);
  assert.equal(formatHolders([{ pid: 9, command: 'jepsh-bench run', writer: false }]), 'pid 9: jepsh-bench run');
  assert.equal(
    formatHolders([
      { pid: 3, command: 'sqlite3 j.sqlite', writer: true },
      { pid: 9, command: 'jepsh-bench run', writer: false },
    ]),
    'pid 3: sqlite3 j.sqlite',
  );
  assert.equal(
    formatHolders([1, 2, 3, 4, 5].map((pid) => ({ pid, command: pid === 2 ? '' : `cmd${pid}`, writer: false }))),
    'one of pid 1: cmd1; pid 2; pid 3: cmd3; 2 more',
  );
  assert.equal(linkTarget('/tmp/j.sqlite-wal (deleted)'), '/tmp/j.sqlite-wal');
  assert.equal(linkTarget('/tmp/j.sqlite'), '/tmp/j.sqlite');
});

test('findHolders scans a /proc tree: fd links to the db, -wal or -shm, the writer first, our own pid left out', () => {
  const t = tempDir('jepsh-holders-');
  try {
    const db = join(t.dir, 'j.sqlite');
    for (const f of [db, `${db}-wal`, `${db}-shm`, join(t.dir, 'other.sqlite')]) writeFileSync(f, '');
    const proc = join(t.dir, 'proc');
    const processFixture = (pid: string, cmdline: string | null, links: string[]) => {
      mkdirSync(join(proc, pid, 'fd'), { recursive: true });
      if (cmdline !== null) writeFileSync(join(proc, pid, 'cmdline'), cmdline);
      links.forEach((to, fd) => symlinkSync(to, join(proc, pid, 'fd', String(fd + 3))));
    };
    processFixture('100', '/usr/bin/node\0/repo/bin/jepsh-bench.js\0run\0', ['pipe:[1]', db, `${db}-wal`]);
    processFixture('200', '/usr/bin/sqlite3\0j.sqlite\0', [`${db}-shm`]);
    processFixture('300', '/usr/bin/vim\0', [join(t.dir, 'other.sqlite')]);
    processFixture('400', '/usr/bin/node\0/repo/bin/jepsh-bench.js\0report\0', [`${db} (deleted)`]);
    processFixture('555', 'node\0self\0', [db]);
    processFixture('self', null, [db]);
    const shm = statSync(`${db}-shm`).ino;
    // 200 writes; 600 holds a write lock but its fds are unreadable (another user): found through /proc/locks only.
    writeFileSync(
      join(proc, 'locks'),
      `1: POSIX  ADVISORY  WRITE 200 fe:00:${shm} 120 120\n` +
        `2: POSIX  ADVISORY  READ 100 fe:00:${shm} 128 128\n` +
        `3: POSIX  ADVISORY  WRITE 600 fe:00:${shm} 121 121\n`,
    );

    const holders = findHolders(db, { root: proc, self: 555 });
    assert.deepEqual(holders, [
      { pid: 200, command: 'sqlite3 j.sqlite', writer: true },
      { pid: 600, command: '', writer: true },
      { pid: 100, command: 'jepsh-bench run', writer: false },
      { pid: 400, command: 'jepsh-bench report', writer: false },
    ]);
    assert.equal(formatHolders(holders), 'pid 200: sqlite3 j.sqlite');

    // No /proc (not Linux): nobody is found, and nothing throws.
    assert.deepEqual(findHolders(db, { root: join(t.dir, 'missing') }), []);
  } finally {
    t.cleanup();
  }
});
