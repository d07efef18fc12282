/** Report formats over one ReportData; each renderer is a pure function returning a string. */
export * from './model.js';
export { renderHtml, HTML_CSP } from './html.js';
export { renderMarkdown, type MarkdownOptions } from './markdown.js';
export { renderJUnit } from './junit.js';
export { renderJson, toReportJson, REPORT_SCHEMA_VERSION, type ReportJsonV1 } from './json.js';
export {
  renderTerminalTable,
  renderTrend,
  type TerminalOptions,
  type TerminalTableOptions,
  type TrendOptions,
  type TrendSeries,
} from './terminal.js';
export { renderSpeedupsHtml, renderSpeedupsMarkdown, speedupRows, formatSpeedup } from './speedups.js';
export { renderTrendChart, renderDistChart, type TrendChartOptions } from './svg.js';
export {
  formatValue,
  formatNumber,
  formatSignedPercent,
  formatRatioChange,
  formatPValueShort,
  formatDate,
  pickScale,
  shortCommit,
} from './format.js';
export { escapeHtml, escapeXml, escapeMarkdown, jsonForScript } from './escape.js';
