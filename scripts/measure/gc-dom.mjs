// A forced gc() in a plain page after DOM churn, without the harness: five 10,000-row tables built,
// laid out and removed, then gc() four times (the third after one more table, kept). On this VM a
// forced collection after DOM work costs ~0.1 s even with nothing left to free (docs/statistics.md §1).
//   node scripts/measure/gc-dom.mjs   (CHROME_PATH or /usr/bin/chromium)
/* global gc */
import puppeteer from 'puppeteer';
import { mkdtempSync } from 'node:fs';
const b = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  userDataDir: mkdtempSync('/tmp/ud-'),
  args: ['--no-sandbox', '--disable-gpu', '--js-flags=--expose-gc', '--no-first-run'],
});
const p = await b.newPage();
await p.goto('about:blank');
const r = await p.evaluate(() => {
  const out = [];
  const build = (n) => {
    const t = document.createElement('table');
    const tb = document.createElement('tbody');
    t.appendChild(tb);
    for (let i = 0; i < n; i++) {
      const tr = document.createElement('tr');
      for (let j = 0; j < 4; j++) {
        const td = document.createElement('td');
        td.textContent = 'x' + i;
        tr.appendChild(td);
      }
      tb.appendChild(tr);
    }
    return t;
  };
  for (let k = 0; k < 5; k++) {
    const t = build(10000);
    document.body.appendChild(t);
    void document.body.offsetHeight;
    document.body.removeChild(t);
  }
  let t0 = performance.now();
  gc();
  out.push(performance.now() - t0);
  t0 = performance.now();
  gc();
  out.push(performance.now() - t0);
  const keep = build(10000);
  document.body.appendChild(keep);
  void document.body.offsetHeight;
  document.body.removeChild(keep);
  t0 = performance.now();
  gc();
  out.push(performance.now() - t0);
  globalThis.k = keep;
  t0 = performance.now();
  gc();
  out.push(performance.now() - t0);
  return out.map((x) => Math.round(x));
});
console.log('gc ms: after 5 x 10k rows churn, again, after one more (held), again:', r);
await b.close();
