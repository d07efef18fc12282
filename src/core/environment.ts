/** The machine half of a run's environment (the browser half comes from the page). */
import { cpus, arch, release, type } from 'node:os';
import type { Environment } from '../model/types.js';
import type { PageEnvironment } from '../suite/protocol.js';
import { harnessVersion } from '../model/paths.js';

export function machineEnvironment(): Pick<
  Environment,
  'os' | 'cpuModel' | 'cpuCores' | 'nodeVersion' | 'harnessVersion'
> {
  const cpuList = cpus();
  return {
    os: `${type()} ${release()} ${arch()}`,
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    cpuCores: cpuList.length,
    nodeVersion: process.version,
    harnessVersion: harnessVersion(),
  };
}

export function buildEnvironment(browserVersion: string, launchFlags: string[], page: PageEnvironment): Environment {
  return {
    ...machineEnvironment(),
    browserVersion,
    userAgent: page.userAgent,
    launchFlags,
    timerResolutionMs: page.timerResolutionMs,
    crossOriginIsolated: page.crossOriginIsolated,
  };
}
