/**
 * Faults in an interleaved A/B (src/core/sessions.ts, `interleaved`): the head side's code under
 * test throws or hangs while the two sides take turns sampling. The broken side's benchmark is
 * errored with where it was, the other side and the healthy benchmark are still measured, and the
 * check ends by itself instead of waiting on a side that will never reach its sample count.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, noBrowserReason, ROOT, tempDir } from '../helpers.js';

const API = JSON.stringify(join(ROOT, 'src', 'suite', 'api.ts'));

/** `work` in the base tree is healthy; in head it throws, or spins forever, after `after` calls. */
function workModule(fault: 'none' | 'throws' | 'hangs', after: number): string {
  const broken =
    fault === 'throws' ? `throw new Error('broke after ${after} calls');` : fault === 'hangs' ? 'for (;;) {}' : '';
  return (
    `let calls = 0;\nexport function work(n: number): number { if (++calls > ${after}) { ${broken} } let s = 0; ` +
    `for (let i = 0; i < n; i++) s += i; return s; }\n` +
    `export function steady(n: number): number { let s = 0; for (let i = 0; i < n; i++) s += i; return s; }\n`
  );
}

const SUITE = `import { defineSuite } from ${API};
import { work, steady } from '../src/work.ts';
export default defineSuite({
  name: 'abfault',
  benchmarks: [
    { name: 'broken', setup: () => ({ out: 0 }), run(ctx) { ctx.state.out = work(2000); } },
    { name: 'healthy', setup: () => ({ out: 0 }), run(ctx) { ctx.state.out = steady(2000); } },
  ],
});
`;

async function abWithFault(fault: 'throws' | 'hangs') {
  const t = tempDir();
  const base = join(t.dir, 'base');
  const head = join(t.dir, 'head');
  for (const [dir, f] of [
    [base, 'none'],
    [head, fault],
  ] as const) {
    mkdirSync(join(dir, 'src'), { recursive: true });
    mkdirSync(join(dir, 'suites'));
    writeFileSync(join(dir, 'suites', 'abfault.ts'), SUITE);
    // Far more calls than counting, calibration and warm-up take: the fault comes while sampling.
    writeFileSync(join(dir, 'src', 'work.ts'), workModule(f, 200_000));
  }
  const started = Date.now();
  const r = await cli(
    [
      'ab',
      'abfault',
      '--base-dir',
      base,
      '--head-dir',
      head,
      '--suites-dir',
      join(head, 'suites'),
      '--db',
      join(t.dir, 'ab.sqlite'),
      '--sessions',
      '2',
      '--time',
      '1',
      '--samples',
      '6',
      '--warmup',
      '0.02',
      '--benchmark-timeout',
      '8',
      '--format',
      'json',
    ],
    { timeoutMs: 170_000 },
  );
  return { r, seconds: (Date.now() - started) / 1000, cleanup: t.cleanup };
}

for (const fault of ['throws', 'hangs'] as const) {
  test(
    `ab: head's code ${fault} while the sides take turns sampling: that side is errored, the rest measured`,
    { skip: noBrowserReason() },
    async () => {
      const { r, seconds, cleanup } = await abWithFault(fault);
      try {
        assert.ok(seconds < 150, `ended by itself in ${seconds} s`);
        assert.notEqual(r.code, 0, `${r.stdout}\n${r.stderr}`);
        const out = JSON.parse(r.stdout) as {
          verdicts: Array<{ benchmarkId: string; metric: string; verdict: string; explanation?: string }>;
        };
        const time = (id: string) => out.verdicts.find((v) => v.benchmarkId === `abfault/${id}` && v.metric === 'time');
        assert.equal(
          time('healthy')?.verdict !== undefined && time('healthy')!.verdict !== 'errored',
          true,
          JSON.stringify(out.verdicts),
        );
        const broken = out.verdicts.filter((v) => v.benchmarkId === 'abfault/broken');
        assert.ok(
          broken.some((v) => v.verdict === 'errored'),
          JSON.stringify(broken),
        );
        const why = fault === 'throws' ? /broke after 200000 calls/ : /timed out after 8 s in run \(sample \d+\)/;
        assert.match(`${r.stdout}\n${r.stderr}`, why);
      } finally {
        cleanup();
      }
    },
  );
}
