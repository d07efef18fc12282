// Alternately pin this process to cpu 0 and 1 (taskset -p) and time the same loop: do the two
// vCPUs run at the same speed?  node scripts/measure/cpu-speed.mjs
import { execSync } from 'node:child_process';
function loop(n) {
  let x = 0;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) | 0;
  }
  return x;
}
loop(5e7);
const res = { 0: [], 1: [] };
for (let r = 0; r < 40; r++) {
  for (const c of r % 2 ? [1, 0] : [0, 1]) {
    execSync(`taskset -p -c ${c} ${process.pid}`);
    const t0 = process.hrtime.bigint();
    loop(2e7);
    const t = Number(process.hrtime.bigint() - t0) / 1e6;
    res[c].push(t);
  }
}
const med = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return s[s.length >> 1];
};
console.log('cpu0 med', med(res[0]).toFixed(2), 'cpu1 med', med(res[1]).toFixed(2));
console.log('ratios', res[0].map((v, i) => (res[1][i] / v).toFixed(2)).join(' '));
