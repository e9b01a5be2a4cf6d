import type { MemorySample } from './memorySampler';

export interface GrowthRule {
  /** Bytes above the baseline the heap must stay for the whole window. */
  growBytes: number;
  /** The window, in milliseconds. */
  windowMs: number;
  /** After a capture, no new trigger for this long (the baseline restarts after it). */
  cooldownMs: number;
}

/** The memory the trigger watches: the JS heap plus memory outside it that JS objects own (Buffers). */
export function watchedBytes(s: Pick<MemorySample, 'heapUsed' | 'external'>): number {
  return s.heapUsed + s.external;
}

/**
 * Decides when growth has persisted: it fires at sample t when every sample in (t − window, t]
 * stayed at least `growBytes` above the baseline, the lowest reading before that window (since the
 * watch began or the last cooldown ended). Lows, not averages, because a GC sawtooth swings far more
 * than a leak grows in a minute: a heap that still collects down to where it was is not growing,
 * however high its peaks. Memory O(window/interval); each sample costs O(window/interval).
 */
export class GrowthTrigger {
  private samples: { time: number; bytes: number }[] = [];
  private baseline = Infinity;
  private quietUntil = 0;

  constructor(private readonly rule: GrowthRule) {
    if (!(rule.growBytes > 0) || !(rule.windowMs > 0) || !(rule.cooldownMs >= 0)) throw new RangeError('growth rule needs positive bytes and window');
  }

  /** Feeds one sample; true when a capture should start now. */
  add(sample: Pick<MemorySample, 'time' | 'heapUsed' | 'external'>): boolean {
    if (sample.time < this.quietUntil) return false;
    const bytes = watchedBytes(sample);
    this.samples.push({ time: sample.time, bytes });
    // Samples that left the window join the baseline.
    while (this.samples.length > 0 && this.samples[0].time <= sample.time - this.rule.windowMs) {
      this.baseline = Math.min(this.baseline, this.samples.shift()!.bytes);
    }
    if (this.baseline === Infinity) return false;
    let low = Infinity;
    for (const s of this.samples) low = Math.min(low, s.bytes);
    return low - this.baseline >= this.rule.growBytes;
  }

  /** How far the window's low stands above the baseline now (bytes), for the display; null before a baseline. */
  growth(): number | null {
    if (this.baseline === Infinity || this.samples.length === 0) return null;
    return Math.min(...this.samples.map((s) => s.bytes)) - this.baseline;
  }

  /** A capture ran until `endedAt`: wait out the cooldown, then start a fresh baseline. */
  captured(endedAt: number): void {
    this.samples = [];
    this.baseline = Infinity;
    this.quietUntil = endedAt + this.rule.cooldownMs;
  }
}
