import type { Argv, CommandModule } from 'yargs';
import { loadavg } from 'node:os';
import { dbPath, output, type GlobalArgs } from '../context.js';
import { printJson } from '../output.js';
import type { Style } from '../../report/ansi.js';
import { textTable } from '../../report/text-table.js';
import { interruptSignal } from '../signals.js';
import { doctorExitCode, machineFindings, type Finding, type Status } from '../../doctor/findings.js';
import { cpuFacts, diskFacts, memoryFacts, readGovernors } from '../../doctor/machine.js';
import { sampleOtherProcesses } from '../../doctor/proc.js';
import { probeBrowser } from '../../doctor/probe.js';

const COLOUR: Record<Status, Style> = { ok: 'green', warn: 'yellow', fail: 'red' };

function findingsTable(findings: Finding[], color: boolean): string {
  const rows = findings.map((f) => [f.check, { text: f.status, styles: [COLOUR[f.status]] }, f.value, f.fix ?? '']);
  return textTable(rows, { align: ['l', 'l', 'l', 'l'], color }).join('\n');
}

export const doctorCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'doctor',
  describe:
    'is this machine fit to measure? browser, timer, CPU, load, other processes, memory, disk, stability (~10 s)',
  builder: (y: Argv<GlobalArgs>) => y,
  handler: async (args) => {
    const out = output(args);
    const say = (line: string) => !out.json && process.stderr.write(`doctor: ${line}\n`);
    const interrupt = interruptSignal();
    try {
      const cpu = cpuFacts();
      // Read the machine at rest first: our own browser would add to the load average.
      const load = { one: loadavg()[0] ?? 0, cores: cpu.cores };
      say('sampling other processes (1 s)');
      const processes = await sampleOtherProcesses();
      const probe = await probeBrowser({
        ...(args.browser && { browser: args.browser }),
        signal: interrupt.signal,
        onPage: (i, n) => say(`stability probe: page ${i + 1} of ${n}`),
      });
      const findings = machineFindings({
        browser: probe.browser,
        page: probe.page,
        cpu,
        governors: readGovernors(),
        load,
        processes,
        memory: memoryFacts(),
        disk: await diskFacts(dbPath(args)),
        stability: probe.stability,
      });
      if (out.json) printJson(findings);
      else process.stdout.write(findingsTable(findings, out.color) + '\n');
      process.exitCode = doctorExitCode(findings);
    } finally {
      interrupt.dispose();
    }
  },
};
