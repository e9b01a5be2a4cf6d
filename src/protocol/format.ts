/**
 * Numbers for people, the one place for them: every side (detector titles and evidence, the CLI's
 * text, reports, the extension's views, the webview) prints sizes and counts through here, so a
 * size reads the same wherever it shows. Sizes are binary, as V8 and Node size their pools and
 * spaces (`Buffer.poolSize` is 64 KiB): B, KiB, MiB, GiB, TiB, at most three significant digits
 * and no trailing zeros ("64 KiB", "1.5 MiB", "21.8 MiB", "640 B"). Counts have thousands
 * separators, whatever the host's locale. JSON output never goes through here: it keeps bytes.
 */

const UNITS = ['KiB', 'MiB', 'GiB', 'TiB'];

/** "640 B", "8 KiB", "1.76 MiB", "21.8 MiB", "123 GiB"; negative sizes keep their sign. */
export function formatBytes(bytes: number): string {
  const abs = Math.abs(bytes);
  const sign = bytes < 0 && Math.round(abs) > 0 ? '-' : '';
  if (Math.round(abs) < 1024) return `${sign}${Math.round(abs)} B`;
  let value = abs / 1024;
  let unit = 0;
  // Round first, then pick the unit, so 1023.9 KiB reads "1 MiB" rather than "1024 KiB".
  while (unit < UNITS.length - 1 && Number(significant(value)) >= 1024) {
    value /= 1024;
    unit++;
  }
  return `${sign}${significant(value)} ${UNITS[unit]}`;
}

/** Three significant digits (none after the point from 100 up), trailing zeros dropped. */
function significant(value: number): string {
  const digits = value < 9.995 ? 2 : value < 99.95 ? 1 : 0;
  return String(Number(value.toFixed(digits)));
}

/** A change in size: "+2.5 KiB", "-640 B", "0 B". */
export function formatDelta(bytes: number): string {
  return bytes > 0 ? `+${formatBytes(bytes)}` : formatBytes(bytes);
}

/** "3,857": rounded to a whole number, thousands separators independent of the host locale. */
export function formatCount(n: number): string {
  const digits = String(Math.abs(Math.round(n)));
  const sign = n < 0 && digits !== '0' ? '-' : '';
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A change in a count: "+250", "-3", "0". */
export function formatCountDelta(n: number): string {
  return n > 0 ? `+${formatCount(n)}` : formatCount(n);
}

/** "1 Buffer" / "3,857 Buffers". */
export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${formatCount(n)} ${n === 1 ? word : pluralWord}`;
}
