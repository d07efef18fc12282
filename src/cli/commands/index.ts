import type { CommandModule } from 'yargs';
import { runCommand } from './run.js';
import { listCommand } from './list.js';
import { runsCommand } from './runs.js';
import { showCommand } from './show.js';

export const commands: CommandModule<any, any>[] = [runCommand, listCommand, runsCommand, showCommand];
