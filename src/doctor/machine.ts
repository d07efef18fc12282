/**
 * The host facts `doctor` reads without sampling: CPU model and cores, frequency governors, free
 * memory, free disk where the database lives. Plain reads; findings.ts judges them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { cpus, freemem } from 'node:os';
import { dirname, join } from 'node:path';
import { errorMessage } from '../model/errors.js';
import type { MachineFacts } from './findings.js';

export const CPU_SYSFS = '/sys/devices/system/cpu';

export function cpuFacts(): MachineFacts['cpu'] {
  const list = cpus();
  return { model: list[0]?.model.trim() || 'unknown', cores: list.length };
}

/** scaling_governor of every core that exposes one; null when none does (VMs usually hide cpufreq). */
export function readGovernors(root = CPU_SYSFS): string[] | null {
  let dirs: string[];
  try {
    dirs = readdirSync(root).filter((d) => /^cpu\d+$/.test(d));
  } catch {
    return null;
  }
  const governors: string[] = [];
  for (const d of dirs.sort((a, b) => Number(a.slice(3)) - Number(b.slice(3)))) {
    try {
      governors.push(readFileSync(join(root, d, 'cpufreq', 'scaling_governor'), 'utf8').trim());
    } catch {
      // this core does not expose cpufreq
    }
  }
  return governors.length > 0 ? governors : null;
}

export function memoryFacts(): MachineFacts['memory'] {
  // os.freemem() is MemAvailable on Linux: page cache that can be dropped counts as free.
  return { freeBytes: freemem() };
}

/** Free space (for an unprivileged user) on the file system that holds `dbFile`, which may not exist yet. */
export async function diskFacts(dbFile: string): Promise<MachineFacts['disk']> {
  let dir = dirname(dbFile);
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  try {
    const s = await statfs(dir);
    return { path: dir, freeBytes: s.bavail * s.bsize };
  } catch (e) {
    return { path: dir, error: `cannot read free space: ${errorMessage(e)}` };
  }
}
