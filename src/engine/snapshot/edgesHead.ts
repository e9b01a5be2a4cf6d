/**
 * The helper's side of a split reading of `edges` (see EdgesSplit): how far its reading of the
 * section's head has got, and where it is to stop, which the parser may set while it runs so as
 * to take over the tail. The reading keeps `fed` current, so the split can be put where it is
 * now: the parser takes a share of what is left, and the answer it gets is the truth about where
 * the reading will end.
 */
export class EdgesHead {
  /** The reading stops at the first record break at or after this offset; -1 while none is set. */
  stopAt = -1;
  /** File offset up to which the reading has consumed bytes. */
  fed = 0;

  /** `id`: the reading's EdgesRequest.readingId, which take-overs name. */
  constructor(readonly id: number) {}

  /**
   * The parser takes over the last `share` of what is left before `end`: the offset from which
   * the reading stops at the next break, or null if that leaves less than `minBytes` or a stop is
   * already set.
   */
  takeOver(end: number, share: number, minBytes: number): number | null {
    const at = Math.floor(end - (end - this.fed) * share);
    if (this.stopAt >= 0 || !(at > this.fed) || end - at < Math.max(1, minBytes)) return null;
    this.stopAt = at;
    return at;
  }
}
