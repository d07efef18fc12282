/**
 * Request interception for harness tabs: a page may fetch from the local server (and data:/blob:
 * URLs) only; every other request is aborted and reported, so no benchmark depends on the network.
 */
import type { HTTPRequest, Page } from 'puppeteer';

export async function allowOnlyOrigin(page: Page, origin: string, onWarning: (message: string) => void): Promise<void> {
  await page.setRequestInterception(true);
  page.on('request', (req: HTTPRequest) => {
    const target = req.url();
    if (target.startsWith(origin + '/') || target.startsWith('data:') || target.startsWith('blob:')) {
      void req.continue();
      return;
    }
    onWarning(`blocked a request from the page to ${target.slice(0, 200)}`);
    void req.abort('blockedbyclient');
  });
}
