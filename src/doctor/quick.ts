/**
 * The cheap part of `doctor` for every run: no browser, about one second. A run records what it
 * returns in its warnings, so a noisy result can be traced to a busy machine afterwards.
 */
import { cpus, loadavg } from 'node:os';
import { errorMessage } from '../model/errors.js';
import { findingWarning, loadFinding, processesFinding } from './findings.js';
import { sampleOtherProcesses, type SampleOptions } from './proc.js';

/**
 * Load average and other processes' CPU use over ~1 s (this process and its children excluded).
 * Returns one warning line per check that is not ok; empty when the machine looks quiet.
 * Never throws: it only advises, and must not stop the run it is part of.
 */
export async function quickMachineProbe(opts: SampleOptions = {}): Promise<string[]> {
  const warnings: string[] = [];
  const load = loadFinding({ one: loadavg()[0] ?? 0, cores: cpus().length });
  if (load.status !== 'ok') warnings.push(findingWarning(load));
  try {
    const processes = processesFinding(await sampleOtherProcesses(opts));
    if (processes.status !== 'ok') warnings.push(findingWarning(processes));
  } catch (e) {
    warnings.push(`machine processes: not measured (${errorMessage(e)})`);
  }
  return warnings;
}
