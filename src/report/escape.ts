/**
 * Escaping for every output context. Benchmark ids, labels, branch names, warnings and environment
 * strings come from users and from the browser; none of them may change the structure of a report.
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** For HTML text and for quoted attribute values (both quote styles are escaped). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * For XML text and attributes. XML 1.0 forbids most C0 control characters even as references
 * (https://www.w3.org/TR/xml/#charsets), so they are dropped; tab, CR and LF become references so
 * they survive attribute-value normalisation (https://www.w3.org/TR/xml/#AVNormalize).
 */
export function escapeXml(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"'\t\n\r]/g, (c) => {
    switch (c) {
      case '\t':
        return '&#9;';
      case '\n':
        return '&#10;';
      case '\r':
        return '&#13;';
      default:
        return HTML_ESCAPES[c]!;
    }
  });
}

/**
 * JSON to embed in an inline `<script>`: `<` and `>` become \u003c and \u003e so `</script>` or `<!--`
 * in a string cannot end the element (HTML spec, "Restrictions for contents of script elements");
 * `&` and U+2028/U+2029 are escaped too, which keeps the text valid JavaScript as well as JSON.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * For inline GitHub-flavoured markdown, including table cells: HTML-significant characters become
 * entities (GitHub renders some raw HTML, so `<script>` must never appear), markdown punctuation
 * that could start emphasis, links, code or strike-through is backslash-escaped (CommonMark §2.4),
 * `|` is escaped because GFM splits table cells on it even inside code spans, and line breaks
 * become spaces because a table row must stay on one line.
 */
export function escapeMarkdown(s: string): string {
  return (
    s
      .replace(/\r\n|\r|\n/g, ' ')
      .replace(/[&<>"]/g, (c) => HTML_ESCAPES[c]!)
      .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
      // `#123` links an issue and `@name` pings a user on GitHub; a zero-width joiner breaks both.
      .replace(/([#@])(?=\w)/g, '$1\u2060')
  );
}
