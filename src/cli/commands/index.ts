import type { CommandModule } from 'yargs';
import { runCommand } from './run.js';
import { listCommand } from './list.js';
import { runsCommand } from './runs.js';
import { showCommand } from './show.js';
import { baselineCommand } from './baseline.js';
import { compareCommand } from './compare.js';
import { checkCommand } from './check.js';
import { reportCommand } from './report.js';
import { trendCommand } from './trend.js';
import { calibrateCommand } from './calibrate.js';
import { speedupsCommand } from './speedups.js';
import { abCommand } from './ab.js';
import { powerCommand } from './power.js';
import { bisectCommand } from './bisect.js';
import { doctorCommand } from './doctor.js';
import { exportCommand } from './export.js';
import { importCommand } from './import.js';
import { mergeCommand } from './merge.js';
import { pruneCommand } from './prune.js';
import { initCommand } from './init.js';
import { profileCommand } from './profile.js';

// Each command has its own argument types; the list holds them alike.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const commands: CommandModule<any, any>[] = [
  runCommand,
  listCommand,
  runsCommand,
  showCommand,
  baselineCommand,
  compareCommand,
  checkCommand,
  abCommand,
  bisectCommand,
  reportCommand,
  trendCommand,
  calibrateCommand,
  powerCommand,
  profileCommand,
  speedupsCommand,
  doctorCommand,
  exportCommand,
  importCommand,
  mergeCommand,
  pruneCommand,
  initCommand,
];
