/**
 * Which other processes hold a database file, to name them when a write times out on its lock.
 * Linux only: every process with the file (or its -wal / -shm) open is found through the symlinks
 * in /proc/<pid>/fd, and the one holding a WRITE lock on it (/proc/locks) is named first: that is
 * the writer, while the others may be innocent readers. Anywhere else, or when /proc cannot be
 * read, the answer is an empty list and the caller says "another process". Best effort and only
 * run on an error path, so nothing here throws.
 */
import { readdirSync, readFileSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

export interface Holder {
  pid: number;
  /** The command line, shortened for a one-line message; '' when unreadable. */
  command: string;
  /** Holds a WRITE lock on the database or its -shm (so it is the writer, not a reader). */
  writer: boolean;
}

export interface ProcOptions {
  /** Where procfs is mounted; a fixture folder in tests. */
  root?: string;
  /** The pid to leave out: our own connection has the file open too. */
  self?: number;
}

/** One line of /proc/locks (waiters, shown with `->`, are not holders and are left out). */
export interface LockLine {
  pid: number;
  inode: string;
  type: 'READ' | 'WRITE';
}

const MAX_COMMAND = 80;

/** /proc/<pid>/cmdline: arguments separated (and ended) by NUL bytes. */
export function parseCmdline(raw: string): string[] {
  const args = raw.split('\0');
  if (args.at(-1) === '') args.pop();
  return args;
}

/**
 * A command line as a user would recognise it: `node /x/bin/jepsh-bench.js run` reads
 * `jepsh-bench run`; anything else keeps its program's base name. Whitespace collapses (a `node -e`
 * script has newlines) and long lines are cut, so the message stays one line.
 */
export function describeCommand(argv: readonly string[]): string {
  if (argv.length === 0) return '';
  const script = argv.findIndex((a, i) => i > 0 && /(^|\/)jepsh-bench(\.[cm]?[jt]s)?$/.test(a));
  const words = script > 0 ? ['jepsh-bench', ...argv.slice(script + 1)] : [basename(argv[0]!), ...argv.slice(1)];
  const line = words.join(' ').replace(/\s+/g, ' ').trim();
  return line.length > MAX_COMMAND ? `${line.slice(0, MAX_COMMAND - 3)}...` : line;
}

/** A /proc/<pid>/fd link names the file, with " (deleted)" appended once it is unlinked. */
export function linkTarget(link: string): string {
  return link.endsWith(' (deleted)') ? link.slice(0, -' (deleted)'.length) : link;
}

/** Parses /proc/locks, e.g. `1: POSIX  ADVISORY  WRITE 31466 fe:00:2171255 120 120`. */
export function parseLocks(text: string): LockLine[] {
  const out: LockLine[] = [];
  for (const line of text.split('\n')) {
    const m = /^\d+:\s+(->\s+)?\S+\s+\S+\s+(READ|WRITE)\s+(-?\d+)\s+[0-9a-f]+:[0-9a-f]+:(\d+)\s/i.exec(line);
    // OFD locks belong to no process (pid -1); a pid outside our namespace reads 0.
    if (!m || m[1] || Number(m[3]) <= 0) continue;
    out.push({ pid: Number(m[3]), inode: m[4]!, type: m[2]!.toUpperCase() as LockLine['type'] });
  }
  return out;
}

/**
 * Pids holding a WRITE lock on one of `inodes`. The device is not compared: an inode number that
 * collides on another device only reorders the names, it never hides a holder.
 */
export function writerPids(locks: readonly LockLine[], inodes: ReadonlySet<string>): Set<number> {
  return new Set(locks.filter((l) => l.type === 'WRITE' && inodes.has(l.inode)).map((l) => l.pid));
}

/** "pid 1234: jepsh-bench run", or "one of pid 1: a; pid 2: b" when the writer is unknown. */
export function formatHolders(holders: readonly Holder[]): string | null {
  const one = (h: Holder) => (h.command ? `pid ${h.pid}: ${h.command}` : `pid ${h.pid}`);
  if (holders.length === 0) return null;
  if (holders[0]!.writer || holders.length === 1) return one(holders[0]!);
  const shown = holders.slice(0, 3).map(one).join('; ');
  return `one of ${shown}${holders.length > 3 ? `; ${holders.length - 3} more` : ''}`;
}

function tryRead<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/** Other processes that have `dbPath` (or its -wal / -shm) open; the writer first. */
export function findHolders(dbPath: string, opts: ProcOptions = {}): Holder[] {
  const root = opts.root ?? '/proc';
  const self = opts.self ?? process.pid;
  const real = tryRead(() => realpathSync(dbPath)) ?? dbPath;
  const files = [real, `${real}-wal`, `${real}-shm`];
  const targets = new Set(files);
  const inodes = new Set(files.flatMap((f) => tryRead(() => [statSync(f, { bigint: true }).ino.toString()]) ?? []));
  const writers = writerPids(parseLocks(tryRead(() => readFileSync(join(root, 'locks'), 'utf8')) ?? ''), inodes);

  const pids = new Set(writers);
  for (const entry of tryRead(() => readdirSync(root)) ?? []) {
    if (!/^\d+$/.test(entry)) continue;
    const fdDir = join(root, entry, 'fd');
    // Another user's /proc/<pid>/fd is unreadable: such a process is found through /proc/locks only.
    const fds = tryRead(() => readdirSync(fdDir)) ?? [];
    if (fds.some((fd) => targets.has(linkTarget(tryRead(() => readlinkSync(join(fdDir, fd))) ?? ''))))
      pids.add(Number(entry));
  }
  pids.delete(self);

  const holders = [...pids].map((pid) => ({
    pid,
    command: describeCommand(
      parseCmdline(tryRead(() => readFileSync(join(root, String(pid), 'cmdline'), 'utf8')) ?? ''),
    ),
    writer: writers.has(pid),
  }));
  return holders.sort((a, b) => Number(b.writer) - Number(a.writer) || a.pid - b.pid);
}
