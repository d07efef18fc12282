export { summarize } from '../stats/summary.js';
