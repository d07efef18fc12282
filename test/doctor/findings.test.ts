import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DISK_FAIL_BYTES,
  DISK_WARN_BYTES,
  LOAD_WARN_PER_CORE,
  MEMORY_FAIL_BYTES,
  MEMORY_WARN_BYTES,
  PROCESSES_FAIL_CORES,
  PROCESSES_WARN_CORES,
  STABILITY_FAIL_CV,
  STABILITY_WARN_CV,
  TIMER_FAIL_MS,
  TIMER_WARN_MS,
  browserFinding,
  coefficientOfVariation,
  cpuFinding,
  diskFinding,
  doctorExitCode,
  findingWarning,
  gradeHigh,
  gradeLow,
  groupByProgram,
  governorFinding,
  isolationFinding,
  loadFinding,
  machineFindings,
  memoryFinding,
  processesFinding,
  stabilityFinding,
  timerFinding,
  type Finding,
  type MachineFacts,
} from '../../src/doctor/findings.js';

/** A quiet, well-set-up machine; each test changes one fact. */
const healthy: MachineFacts = {
  browser: { path: '/usr/bin/chromium', version: 'HeadlessChrome/156.0.8078.114' },
  page: { crossOriginIsolated: true, timerResolutionMs: 0.005 },
  cpu: { model: 'AMD EPYC', cores: 2 },
  governors: ['performance', 'performance'],
  load: { one: 0.1, cores: 2 },
  processes: { top: [], totalCores: 0.01 },
  memory: { freeBytes: 8 * 1024 ** 3 },
  disk: { path: '/work/main/baselines', freeBytes: 50 * 1024 ** 3 },
  stability: { pageMs: [0.002, 0.00201, 0.00199, 0.002, 0.002] },
};

test('a healthy machine: every check ok, no fixes, exit 0, in reading order', () => {
  const findings = machineFindings(healthy);
  assert.deepEqual(
    findings.map((f) => f.check),
    ['browser', 'isolation', 'timer', 'cpu', 'governor', 'load', 'processes', 'memory', 'disk', 'stability'],
  );
  for (const f of findings) {
    assert.equal(f.status, 'ok', `${f.check}: ${f.value}`);
    assert.equal(f.fix, null);
  }
  assert.equal(doctorExitCode(findings), 0);
});

test('gradeHigh / gradeLow: a value exactly at a limit counts on the better side', () => {
  assert.equal(gradeHigh(STABILITY_WARN_CV, STABILITY_WARN_CV, STABILITY_FAIL_CV), 'ok');
  assert.equal(gradeHigh(STABILITY_FAIL_CV, STABILITY_WARN_CV, STABILITY_FAIL_CV), 'warn');
  assert.equal(gradeHigh(STABILITY_FAIL_CV + 1e-12, STABILITY_WARN_CV, STABILITY_FAIL_CV), 'fail');
  assert.equal(gradeLow(10, 10, 5), 'ok');
  assert.equal(gradeLow(5, 10, 5), 'warn');
  assert.equal(gradeLow(4.999, 10, 5), 'fail');
});

test('exit code: 3 when anything fails, warnings alone are 0', () => {
  const f = (status: Finding['status']): Finding => ({
    check: 'load',
    status,
    value: '',
    fix: status === 'ok' ? null : 'x',
  });
  assert.equal(doctorExitCode([f('ok'), f('warn')]), 0);
  assert.equal(doctorExitCode([f('ok'), f('warn'), f('fail')]), 3);
  assert.equal(doctorExitCode([]), 0);
});

test("browser: found shows version and path; missing fails with discover's install hint as the fix", () => {
  const ok = browserFinding({ path: '/usr/bin/chromium', version: 'HeadlessChrome/156' });
  assert.equal(ok.status, 'ok');
  assert.match(ok.value, /HeadlessChrome\/156.*\/usr\/bin\/chromium/);
  const hint =
    'no Chromium found (tried ...); ' +
    'install one with "apt-get install chromium" or pass --browser PATH / set CHROME_PATH';
  assert.deepEqual(browserFinding({ error: hint }), {
    check: 'browser',
    status: 'fail',
    value: 'not found',
    fix: hint,
  });
  const crash = browserFinding({ path: '/opt/chrome', error: 'could not launch /opt/chrome: boom' });
  assert.equal(crash.status, 'fail');
  assert.match(crash.value, /\/opt\/chrome did not start/);
});

test('no browser: the page checks are skipped (warn), the browser alone fails', () => {
  const skipped = { error: 'needs the browser: fix the browser line first', skipped: true };
  const findings = machineFindings({
    ...healthy,
    browser: { error: 'no Chromium found' },
    page: skipped,
    stability: skipped,
  });
  const by = Object.fromEntries(findings.map((f) => [f.check, f.status]));
  assert.deepEqual([by.browser, by.isolation, by.timer, by.stability], ['fail', 'warn', 'warn', 'warn']);
  assert.equal(doctorExitCode(findings), 3);
});

test('a probe that ran and failed is a fail', () => {
  const failed = { error: 'a page from the local server did not load: HTTP 500' };
  assert.equal(isolationFinding(failed).status, 'fail');
  assert.equal(timerFinding(failed).status, 'fail');
  assert.equal(stabilityFinding(failed).status, 'fail');
  assert.equal(stabilityFinding(failed).fix, failed.error);
});

test('isolation: a page without crossOriginIsolated fails', () => {
  const f = isolationFinding({ crossOriginIsolated: false, timerResolutionMs: 0.1 });
  assert.equal(f.status, 'fail');
  assert.match(f.fix!, /COOP\/COEP/);
});

test(
  'timer: 5 us ok; at the warn limit ok, above it warn; ' +
    'at the fail limit warn, above it fail; none measured fails',
  () => {
    const t = (ms: number) => timerFinding({ crossOriginIsolated: true, timerResolutionMs: ms }).status;
    assert.equal(t(0.005), 'ok');
    assert.equal(t(TIMER_WARN_MS), 'ok');
    assert.equal(t(TIMER_WARN_MS * 1.001), 'warn');
    assert.equal(t(TIMER_FAIL_MS), 'warn');
    assert.equal(t(TIMER_FAIL_MS * 1.001), 'fail');
    assert.equal(t(Number.POSITIVE_INFINITY), 'fail');
  },
);

test('cpu: one core warns, two are ok', () => {
  assert.equal(cpuFinding({ model: 'X', cores: 1 }).status, 'warn');
  assert.equal(cpuFinding({ model: 'X', cores: 2 }).status, 'ok');
  assert.equal(cpuFinding({ model: 'AMD EPYC', cores: 2 }).value, 'AMD EPYC, 2 cores');
});

test('governor: performance ok, anything else warns, not exposed is ok', () => {
  assert.equal(governorFinding(['performance', 'performance']).status, 'ok');
  const mixed = governorFinding(['performance', 'powersave', 'powersave']);
  assert.equal(mixed.status, 'warn');
  assert.equal(mixed.value, 'powersave on 2 of 3 cores');
  assert.match(mixed.fix!, /cpupower frequency-set -g performance/);
  assert.equal(governorFinding(['schedutil', 'ondemand']).value, 'schedutil, ondemand on 2 of 2 cores');
  assert.deepEqual(governorFinding(null), { check: 'governor', status: 'ok', value: 'not exposed (VM)', fix: null });
  assert.equal(governorFinding([]).value, 'not exposed (VM)');
});

test('load: per core against the limits, a value at a limit on the better side', () => {
  const l = (one: number, cores = 2) => loadFinding({ one, cores }).status;
  assert.equal(l(0), 'ok');
  assert.equal(l(LOAD_WARN_PER_CORE * 2), 'ok');
  assert.equal(l(LOAD_WARN_PER_CORE * 2 + 0.01), 'warn');
  assert.equal(l(40), 'warn', 'never fail: the average lags, the processes check measures now');
  assert.equal(l(0.6, 1), 'warn');
  assert.equal(l(0.5, 0), 'ok', 'zero cores reported: treated as one, not a division by zero');
  assert.match(loadFinding({ one: 1.9, cores: 2 }).value, /1-min load 1\.90 on 2 cores/);
});

test('processes: total of the others against the limits', () => {
  const s = (totalCores: number) =>
    processesFinding({ top: [{ pid: 9, name: 'x', cores: totalCores }], totalCores }).status;
  assert.equal(s(0), 'ok');
  assert.equal(s(PROCESSES_WARN_CORES), 'ok');
  assert.equal(s(PROCESSES_WARN_CORES + 0.001), 'warn');
  assert.equal(s(PROCESSES_FAIL_CORES), 'warn');
  assert.equal(s(PROCESSES_FAIL_CORES + 0.001), 'fail');
});

test('processes: names the top three, and the one to stop when it is most of the load', () => {
  const f = processesFinding({
    top: [
      { pid: 25725, name: 'node', cores: 0.85 },
      { pid: 77, name: 'kdamond.0', cores: 0.02 },
      { pid: 1, name: 'init', cores: 0.015 },
      { pid: 15, name: 'rcu_preempt', cores: 0.011 },
    ],
    totalCores: 0.9,
  });
  assert.equal(f.status, 'fail');
  assert.equal(f.value, 'others use 90% of a core: node 85%, kdamond.0 2%, init 2%');
  assert.equal(f.fix, 'stop other processes: node (pid 25725) uses 85% of a core');
});

test('processes: a program of many processes is one entry, named with its process count', () => {
  const top = [
    { pid: 3853, name: 'chromium', cores: 0.3 },
    { pid: 3960, name: 'node', cores: 0.25 },
    { pid: 3870, name: 'chromium', cores: 0.2 },
    { pid: 3871, name: 'chromium', cores: 0.05 },
  ];
  assert.deepEqual(groupByProgram(top), [
    { name: 'chromium', cores: 0.55, pids: [3853, 3870, 3871] },
    { name: 'node', cores: 0.25, pids: [3960] },
  ]);
  const f = processesFinding({ top, totalCores: 0.8 });
  assert.equal(f.value, 'others use 80% of a core: chromium 55%, node 25%');
  assert.equal(f.fix, 'stop other processes: chromium (3 processes) uses 55% of a core');
});

test('processes: many small ones add up, and the fix says so', () => {
  const top = Array.from({ length: 10 }, (_, i) => ({ pid: 100 + i, name: `w${i}`, cores: 0.06 }));
  const f = processesFinding({ top, totalCores: 0.6 });
  assert.equal(f.status, 'fail');
  assert.equal(f.fix, 'stop other processes: together they use 60% of a core');
});

test('processes: no /proc is ok and says it was not measured', () => {
  assert.deepEqual(processesFinding(null), {
    check: 'processes',
    status: 'ok',
    value: 'not measured (no /proc)',
    fix: null,
  });
});

test('memory: below the warn limit warns, below the fail limit fails, at a limit the better side', () => {
  const m = (freeBytes: number) => memoryFinding({ freeBytes }).status;
  assert.equal(m(MEMORY_WARN_BYTES), 'ok');
  assert.equal(m(MEMORY_WARN_BYTES - 1), 'warn');
  assert.equal(m(MEMORY_FAIL_BYTES), 'warn');
  assert.equal(m(MEMORY_FAIL_BYTES - 1), 'fail');
  assert.equal(memoryFinding({ freeBytes: 2 * 1024 ** 3 }).value, '2.00 GiB free');
});

test('disk: limits as memory; an unreadable file system warns', () => {
  const d = (freeBytes: number) => diskFinding({ path: '/db', freeBytes }).status;
  assert.equal(d(DISK_WARN_BYTES), 'ok');
  assert.equal(d(DISK_WARN_BYTES - 1), 'warn');
  assert.equal(d(DISK_FAIL_BYTES), 'warn');
  assert.equal(d(DISK_FAIL_BYTES - 1), 'fail');
  assert.match(diskFinding({ path: '/db', freeBytes: DISK_FAIL_BYTES - 1 }).fix!, /--db/);
  assert.equal(diskFinding({ path: '/db', error: 'EACCES' }).status, 'warn');
});

test('coefficientOfVariation: sample sd over mean; 0 for equal values; NaN below two', () => {
  assert.equal(coefficientOfVariation([1, 1, 1]), 0);
  // mean 2, sd (n-1) 1
  assert.equal(coefficientOfVariation([1, 2, 3]), 0.5);
  assert.ok(Number.isNaN(coefficientOfVariation([1])));
  assert.ok(Number.isNaN(coefficientOfVariation([])));
});

/** Two pages at 1 -/+ d: CV = d * sqrt(2) exactly (mean 1, sd d * sqrt(2)). */
const pagesWithCv = (cv: number) => ({ pageMs: [1 - cv / Math.SQRT2, 1 + cv / Math.SQRT2] });

test('stability: just below and just above each CV limit', () => {
  const s = (cv: number) => stabilityFinding(pagesWithCv(cv)).status;
  assert.ok(Math.abs(coefficientOfVariation(pagesWithCv(0.05).pageMs) - 0.05) < 1e-12);
  assert.equal(s(0), 'ok');
  assert.equal(s(STABILITY_WARN_CV * 0.999), 'ok');
  assert.equal(s(STABILITY_WARN_CV * 1.001), 'warn');
  assert.equal(s(STABILITY_FAIL_CV * 0.999), 'warn');
  assert.equal(s(STABILITY_FAIL_CV * 1.001), 'fail');
  assert.equal(stabilityFinding({ pageMs: [0.004, 0.004, 0.004] }).status, 'ok');
  assert.equal(stabilityFinding({ pageMs: [0.004] }).status, 'fail');
});

test('stability: value reads as CV, pages and range per loop', () => {
  const f = stabilityFinding({ pageMs: [0.002, 0.003] });
  assert.equal(f.value, 'CV 28.3% over 2 fresh pages (2.00 µs-3.00 µs per loop)');
  assert.equal(f.status, 'fail');
  assert.match(f.fix!, /quieter machine/);
});

test('findingWarning: one line with the check, value and fix', () => {
  const f = loadFinding({ one: 1.9, cores: 2 });
  assert.equal(
    findingWarning(f),
    'machine load: 1-min load 1.90 on 2 cores; wait for the load to settle or stop what runs: 1.90 tasks want 2 cores',
  );
  assert.equal(findingWarning(cpuFinding({ model: 'X', cores: 4 })), 'machine cpu: X, 4 cores');
});
