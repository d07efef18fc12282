import { test } from 'node:test';
import assert from 'node:assert/strict';
import { discoverBrowser } from '../../src/browser/discover.js';
import { EnvironmentError } from '../../src/model/errors.js';

const only =
  (...paths: string[]) =>
  (p: string) =>
    paths.includes(p);

test('--browser wins over CHROME_PATH and defaults', () => {
  const found = discoverBrowser({
    browser: '/opt/a/chrome',
    env: { CHROME_PATH: '/opt/b/chrome', PATH: '/usr/bin' },
    isExecutable: only('/opt/a/chrome', '/opt/b/chrome', '/usr/bin/chromium'),
  });
  assert.deepEqual(found, { path: '/opt/a/chrome', source: '--browser' });
});

test('a --browser that is not executable is an environment error, not a silent fallback', () => {
  assert.throws(
    () => discoverBrowser({ browser: '/nope', env: {}, isExecutable: only('/usr/bin/chromium') }),
    (e: unknown) => e instanceof EnvironmentError && e.exitCode === 3 && /--browser \/nope/.test(e.message),
  );
});

test('CHROME_PATH comes before /usr/bin/chromium', () => {
  const found = discoverBrowser({
    env: { CHROME_PATH: '/opt/b/chrome' },
    isExecutable: only('/opt/b/chrome', '/usr/bin/chromium'),
  });
  assert.equal(found.source, 'CHROME_PATH');
});

test('then /usr/bin/chromium, then chromium / google-chrome on PATH', () => {
  assert.deepEqual(discoverBrowser({ env: { PATH: '/x' }, isExecutable: only('/usr/bin/chromium', '/x/chromium') }), {
    path: '/usr/bin/chromium',
    source: 'default',
  });
  assert.deepEqual(discoverBrowser({ env: { PATH: '/x:/y' }, isExecutable: only('/y/google-chrome') }), {
    path: '/y/google-chrome',
    source: 'PATH',
  });
});

test('nothing found: exit 3, names every place tried and how to install', () => {
  try {
    discoverBrowser({ env: { CHROME_PATH: '/bad', PATH: '/x' }, isExecutable: () => false });
    assert.fail('expected an error');
  } catch (e) {
    assert.ok(e instanceof EnvironmentError);
    assert.equal(e.exitCode, 3);
    for (const place of [
      'CHROME_PATH=/bad',
      '/usr/bin/chromium',
      'chromium on PATH',
      'google-chrome on PATH',
      'apt-get install chromium',
    ]) {
      assert.ok(e.message.includes(place), `message names ${place}: ${e.message}`);
    }
    assert.ok(!e.message.includes('\n'), 'one line');
  }
});
