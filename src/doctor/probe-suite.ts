/**
 * The fixed loop `doctor` times in fresh pages to see how steady the machine is: a Float64Array
 * sum, which lands in one JIT mode from page to page (a scalar loop did not: it was 12x apart
 * between sessions, see the bisect e2e), so what varies between pages is the machine.
 */
import { bench, defineSuite } from '../suite/api.js';

export const PROBE_SUITE = 'doctor';
const LENGTH = 4096;

export default defineSuite({
  name: PROBE_SUITE,
  description: 'machine stability probe for `jepsh-bench doctor`',
  benchmarks: [
    bench({
      name: 'float64-sum',
      description: `sum of a ${LENGTH}-element Float64Array`,
      setup() {
        const data = new Float64Array(LENGTH);
        for (let i = 0; i < LENGTH; i++) data[i] = i;
        return { data, sum: 0 };
      },
      run(ctx) {
        const { data } = ctx.state;
        let s = 0;
        for (let i = 0; i < data.length; i++) s += data[i]!;
        ctx.state.sum = s;
      },
      verify(ctx) {
        if (ctx.state.sum !== (LENGTH * (LENGTH - 1)) / 2) throw new Error(`wrong sum ${ctx.state.sum}`);
      },
    }),
  ],
});
