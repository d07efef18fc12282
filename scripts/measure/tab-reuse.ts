// Usage: node --import tsx scripts/measure/tab-reuse.ts (docs/statistics.md §6 quotes it)
// Page opens: a fresh browser context per suite (today) vs one page navigated from suite to suite.
import { bundleSuites } from '../../src/browser/session.ts';
import { findSuites, selectSuites } from '../../src/browser/bundle.ts';
import { controlsFile } from '../../src/core/run.ts';
import { startServer } from '../../src/browser/server.ts';
import { launchBrowser } from '../../src/browser/launch.ts';
import { discoverBrowser } from '../../src/browser/discover.ts';
const bundles = await bundleSuites([
  ...selectSuites(findSuites('suites'), ['reactivity', 'diffing', 'scheduler', 'pools', 'memo']),
  controlsFile(),
]);
const server = await startServer();
for (const b of bundles) {
  server.set(`/${b.file.name}/`, {
    contentType: 'text/html; charset=utf-8',
    body: `<!doctype html><html><body><script src="bundle.js"></script></body></html>`,
  });
  server.set(`/${b.file.name}/bundle.js`, { contentType: 'text/javascript; charset=utf-8', body: b.code });
}
const b = await launchBrowser(discoverBrowser({}).path);
const load = async (page: any, name: string) => {
  await page.goto(`${server.origin}/${name}/`, { waitUntil: 'load' });
  await page.waitForFunction(() => (globalThis as any).__jepshRunner !== undefined);
};
for (let rep = 0; rep < 3; rep++) {
  let t = performance.now();
  for (const x of bundles) {
    const ctx = await b.browser.createBrowserContext();
    const p = await ctx.newPage();
    await load(p, x.file.name);
    await p.close();
    await ctx.close();
  }
  const fresh = performance.now() - t;
  t = performance.now();
  const ctx = await b.browser.createBrowserContext();
  const p = await ctx.newPage();
  for (const x of bundles) await load(p, x.file.name);
  await p.close();
  await ctx.close();
  const nav = performance.now() - t;
  console.log(`6 suites: fresh contexts ${fresh.toFixed(0)} ms, one page navigated ${nav.toFixed(0)} ms`);
}
await b.close();
await server.close();
