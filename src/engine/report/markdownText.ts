/**
 * Markdown for text that comes from a heap snapshot (untrusted: the target's memory). Nothing in
 * it may become HTML, a link, emphasis or a table cell break. Pairs of backticks that the
 * detectors put around names stay code spans (inside a code span Markdown interprets nothing but
 * a table's `|`); everywhere else every mark Markdown (or GitHub: `@` mentions, `:emoji:`,
 * `$` math) could act on is backslash-escaped (CommonMark lets any ASCII punctuation be escaped), and control characters
 * are shown as escapes so the text stays on its line.
 */
export function markdownText(text: string, inTable = false): string {
  const visible = visibleControls(text);
  let out = '';
  let last = 0;
  for (const m of visible.matchAll(/`([^`]+)`/g)) {
    out += escapePlain(visible.slice(last, m.index));
    out += codeSpan(m[1], inTable);
    last = m.index + m[0].length;
  }
  return out + escapePlain(visible.slice(last));
}

/** A code span around any text: the fence is longer than any run of backticks inside. */
export function markdownCode(text: string, inTable = false): string {
  return codeSpan(visibleControls(text), inTable);
}

function codeSpan(text: string, inTable: boolean): string {
  const longest = Math.max(0, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const body = inTable ? text.replace(/\|/g, '\\|') : text;
  // A space on each side when the text starts or ends with a backtick (CommonMark strips one).
  const pad = body.startsWith('`') || body.endsWith('`') || body.trim() === '' ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

function escapePlain(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-!|<>~&$@:]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`));
}

function visibleControls(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
