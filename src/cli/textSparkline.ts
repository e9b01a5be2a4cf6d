const BARS = '▁▂▃▄▅▆▇█';

/**
 * The last `width` values as block characters, scaled between their own low and high so a slow
 * climb shows even on a large heap; the scale spans at least 5% of the high, so a wobble of a few
 * bytes in a flat figure does not fill the bars. A flat series draws as the lowest bar.
 */
export function textSparkline(values: readonly number[], width: number): string {
  const shown = values.slice(-Math.max(1, width));
  let low = Infinity;
  let high = -Infinity;
  for (const v of shown) {
    low = Math.min(low, v);
    high = Math.max(high, v);
  }
  const span = Math.max(high - low, Math.abs(high) * 0.05);
  let out = '';
  for (const v of shown) out += BARS[span > 0 ? Math.round(((v - low) / span) * (BARS.length - 1)) : 0];
  return out;
}
