/**
 * Serves generated suite pages and bundles from memory on 127.0.0.1 (ephemeral port) with the
 * headers that make a page cross-origin isolated (COOP same-origin + COEP require-corp), which
 * gives 5 us performance.now() instead of 100 us. Only exact paths registered in the in-memory
 * map exist, so there is no file system behind the server and path traversal has nothing to reach.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Asset {
  contentType: string;
  body: string | Uint8Array;
}

export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export interface SuiteServer {
  origin: string;
  /** Registers (or replaces) an asset at an absolute path such as `/smoke/index.html`. */
  set(path: string, asset: Asset): void;
  close(): Promise<void>;
}

export async function startServer(): Promise<SuiteServer> {
  const assets = new Map<string, Asset>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const headers: Record<string, string> = {
      ...ISOLATION_HEADERS,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    };
    let pathname: string | null;
    try {
      // Parse against a fixed base so absolute-form and odd request targets cannot name other hosts.
      pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    } catch {
      pathname = null;
    }
    const asset =
      pathname !== null && (req.method === 'GET' || req.method === 'HEAD') ? assets.get(pathname) : undefined;
    if (!asset) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('not found\n');
      return;
    }
    const body = typeof asset.body === 'string' ? Buffer.from(asset.body) : Buffer.from(asset.body);
    res.writeHead(200, { ...headers, 'Content-Type': asset.contentType, 'Content-Length': String(body.length) });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    set(path, asset) {
      if (!path.startsWith('/')) throw new Error(`asset path must be absolute: ${path}`);
      assets.set(path, asset);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
