/**
 * The set-up shared by the measurement scripts that drive pages directly: one suite bundled and
 * served from 127.0.0.1, one browser, and fresh pages of that suite (each its own renderer process).
 */
import { bundleSuites } from '../../src/browser/session.ts';
import { findSuites, selectSuites } from '../../src/browser/bundle.ts';
import { startServer } from '../../src/browser/server.ts';
import { launchBrowser } from '../../src/browser/launch.ts';
import { discoverBrowser } from '../../src/browser/discover.ts';
import { openSuitePage } from '../../src/browser/page-session.ts';

export async function oneSuite(suite: string) {
  const [bundle] = await bundleSuites(selectSuites(findSuites('suites'), [suite]));
  const server = await startServer();
  server.set(`/${suite}/`, {
    contentType: 'text/html',
    body: `<!doctype html><script src="/${suite}/bundle.js"></script>`,
  });
  server.set(`/${suite}/bundle.js`, { contentType: 'text/javascript', body: bundle!.code });
  const browser = await launchBrowser(discoverBrowser().path);
  return {
    browser,
    /** A page of the suite in a fresh browser context. */
    openPage: async () =>
      openSuitePage(
        await browser.browser.createBrowserContext(),
        `${server.origin}/${suite}/`,
        server.origin,
        () => undefined,
      ),
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
