/**
 * Snapshot strings are the target's memory: escape control characters (newlines, ESC) so a
 * hostile string cannot redraw the terminal or fake output lines.
 */
export function oneLine(text: string): string {
  return JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"');
}
