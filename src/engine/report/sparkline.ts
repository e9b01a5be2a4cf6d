const BARS = '▁▂▃▄▅▆▇█';

/**
 * A text sparkline ("▁▄█") of a series of sizes, scaled from its smallest to its largest value, so
 * growth shows as a rising line whatever the absolute sizes. A flat series is a flat low line.
 */
export function sparkline(values: readonly number[]): string {
  if (values.length === 0) return '';
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const span = max - min;
  return values.map((v) => BARS[span === 0 ? 0 : Math.round(((v - min) / span) * (BARS.length - 1))]).join('');
}
