/**
 * The script that installs `__jepshHost` in suite pages (src/browser/page-session.ts HOST_SCRIPT)
 * is a string run as is: it must define every HostApi method and forward it with its arguments.
 * Run here in a fresh VM context, the way a page would run it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runInNewContext } from 'node:vm';
import { HOST_SCRIPT } from '../../src/browser/page-session.js';

test('HOST_SCRIPT defines every host method and forwards each call with its arguments', async () => {
  const calls: unknown[][] = [];
  const page: Record<string, unknown> = {
    __jepshHostCall: async (method: string, arg?: unknown) => {
      calls.push(arg === undefined ? [method] : [method, arg]);
      return method;
    },
  };
  page.globalThis = page;
  runInNewContext(HOST_SCRIPT, page);
  const host = page.__jepshHost as Record<string, (...a: unknown[]) => Promise<unknown>>;
  assert.deepEqual([...Object.keys(host)].sort(), [
    'collectGarbage',
    'domCounters',
    'gcCountStart',
    'gcCountStop',
    'gcCountWindows',
    'heapUsed',
    'loadPage',
  ]);
  assert.equal(await host.heapUsed!(), 'heapUsed');
  await host.domCounters!();
  await host.loadPage!('app/?components=100', { cpuThrottling: 4 });
  assert.deepEqual(JSON.parse(JSON.stringify(calls)), [
    ['heapUsed'],
    ['domCounters'],
    ['loadPage', { url: 'app/?components=100', opts: { cpuThrottling: 4 } }],
  ]);
});
