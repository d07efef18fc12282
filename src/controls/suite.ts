/**
 * Control workloads measured in every session of a stored run (`run`, `check --against`): code
 * that no change to the runtime touches, so a move in their times between a baseline and a
 * candidate is the machine (CPU frequency, neighbours, browser build), not the code. The verdict
 * layer (verdict/drift.ts) uses them to refuse turning machine drift into regressions.
 *
 * Three kinds of work, because machines drift differently for each: integer compute (CPU clock),
 * allocation with garbage collection (memory bandwidth, GC), and DOM (the renderer's own C++).
 * Each is small and fixed; none imports anything from the code under test.
 */
import { bench, defineSuite } from '../suite/api.js';

export const CONTROLS_SUITE = 'controls';

export default defineSuite({
  name: CONTROLS_SUITE,
  description: 'machine-speed controls: fixed work no code change touches',
  benchmarks: [
    bench({
      name: 'compute',
      description: 'integer hashing loop (CPU clock)',
      setup() {
        return { out: 0 };
      },
      run(ctx) {
        let h = 0x811c9dc5;
        for (let i = 0; i < 2000; i++) h = Math.imul(h ^ i, 0x01000193);
        ctx.state.out = h;
      },
    }),
    bench({
      name: 'alloc',
      description: 'short-lived objects and arrays (allocation and minor GC)',
      setup(): { keep: unknown[] } {
        return { keep: [] };
      },
      run(ctx) {
        const list: { a: number; b: number[] }[] = [];
        for (let i = 0; i < 200; i++) list.push({ a: i, b: [i, i + 1] });
        ctx.state.keep = list;
      },
    }),
    bench({
      name: 'dom',
      description: 'create, attach and remove 50 elements (renderer C++)',
      setup() {
        const root = typeof document === 'undefined' ? null : document.body.appendChild(document.createElement('div'));
        return { root };
      },
      run(ctx) {
        const root = ctx.state.root;
        if (!root) return;
        for (let i = 0; i < 50; i++) root.appendChild(document.createElement('span')).textContent = String(i);
        root.textContent = '';
      },
      teardown(ctx) {
        ctx.state.root?.remove();
      },
    }),
  ],
});
