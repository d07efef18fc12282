import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { startServer } from '../../src/browser/server.js';

/** Raw HTTP so the request target is sent exactly as written (fetch would normalise `..`). */
function get(
  origin: string,
  path: string,
  method = 'GET',
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('serves registered assets with cross-origin isolation headers on 127.0.0.1', async () => {
  const server = await startServer();
  try {
    assert.match(server.origin, /^http:\/\/127\.0\.0\.1:\d+$/);
    server.set('/smoke/', { contentType: 'text/html; charset=utf-8', body: '<p>hi</p>' });
    const res = await get(server.origin, '/smoke/');
    assert.equal(res.status, 200);
    assert.equal(res.body, '<p>hi</p>');
    assert.equal(res.headers['cross-origin-opener-policy'], 'same-origin');
    assert.equal(res.headers['cross-origin-embedder-policy'], 'require-corp');
    assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
  } finally {
    await server.close();
  }
});

test('anything else is a 404, including traversal and other methods', async () => {
  const server = await startServer();
  try {
    server.set('/smoke/bundle.js', { contentType: 'text/javascript', body: 'x' });
    for (const path of [
      '/',
      '/etc/passwd',
      '/smoke/../../../etc/passwd',
      '/smoke/..%2f..%2fetc%2fpasswd',
      '/smoke/bundle.js/..',
      '//etc/passwd',
      '/smoke/bundle.js%00',
    ]) {
      const res = await get(server.origin, path);
      assert.equal(res.status, 404, path);
      assert.equal(res.headers['cross-origin-embedder-policy'], 'require-corp');
      assert.ok(!res.body.includes('root:'), path);
    }
    assert.equal((await get(server.origin, '/smoke/bundle.js', 'POST')).status, 404);
    assert.equal(
      (await get(server.origin, '/smoke/bundle.js?cache=1')).status,
      200,
      'query strings do not change the path',
    );
  } finally {
    await server.close();
  }
});
