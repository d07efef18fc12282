/**
 * A quick suite that exercises the whole pipeline (bundle, page, calibration, counters, store)
 * in a few seconds. Not a benchmark of anything that matters.
 */
import { defineSuite, bench } from 'jepsh-bench';

export default defineSuite({
  name: 'smoke',
  description: 'pipeline check: trivial work with known counters',
  benchmarks: [
    bench({
      name: 'array-sum',
      description: 'sum of a Float64Array',
      params: { n: [1000] },
      metrics: { additions: { unit: 'count', direction: 'lower', kind: 'counter' } },
      setup(ctx) {
        const data = new Float64Array(ctx.params.n);
        for (let i = 0; i < data.length; i++) data[i] = i;
        return { data, sum: 0 };
      },
      run(ctx) {
        const { data } = ctx.state;
        let s = 0;
        for (let i = 0; i < data.length; i++) s += data[i]!;
        ctx.state.sum = s;
        ctx.count('additions', data.length);
      },
      verify(ctx) {
        const n = ctx.params.n;
        if (ctx.state.sum !== (n * (n - 1)) / 2) throw new Error(`wrong sum ${ctx.state.sum}`);
      },
    }),
    bench({
      name: 'json-roundtrip',
      description: 'JSON.stringify + JSON.parse of a small object',
      setup() {
        return { text: '' };
      },
      run(ctx) {
        ctx.state.text = JSON.stringify(JSON.parse('{"a":[1,2,3],"b":{"c":"d"}}'));
      },
      verify(ctx) {
        if (ctx.state.text !== '{"a":[1,2,3],"b":{"c":"d"}}') throw new Error('round trip changed the value');
      },
    }),
  ],
});
