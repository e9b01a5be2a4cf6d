/**
 * Which rows of a virtualised list to draw. Rows have one fixed height; only the visible ones
 * plus a margin exist in the DOM. Browsers cap an element's height (Chrome near 16.7 million px),
 * so past MAX_SCROLL_PX the spacer is compressed and scroll positions are scaled back to rows.
 * Pure: no DOM, tested under test/webview/.
 */
export const MAX_SCROLL_PX = 8_000_000;

export interface WindowInput {
  total: number;
  rowHeight: number;
  viewportHeight: number;
  scrollTop: number;
  /** Extra rows drawn above and below the viewport. */
  overscan: number;
}

export interface RowWindow {
  /** First and one-past-last row index to draw. */
  first: number;
  end: number;
  /** Height of the scrolled spacer, px. */
  spacerHeight: number;
  /** Where row `first` is drawn, px from the spacer's top. */
  offsetY: number;
}

export function spacerHeight(total: number, rowHeight: number): number {
  return Math.min(total * rowHeight, MAX_SCROLL_PX);
}

/** The row at the top of the viewport for a scroll position (scaled when compressed). */
export function topRowAt(scrollTop: number, total: number, rowHeight: number, viewportHeight: number): number {
  const full = total * rowHeight;
  const spacer = spacerHeight(total, rowHeight);
  const maxScroll = Math.max(0, spacer - viewportHeight);
  if (full <= spacer || maxScroll === 0) return scrollTop / rowHeight;
  // Compressed: map the scroll range linearly onto the row range that can be at the top.
  const maxTop = Math.max(0, total - viewportHeight / rowHeight);
  return (Math.min(scrollTop, maxScroll) / maxScroll) * maxTop;
}

/** The scroll position that puts `row` at the top of the viewport; inverse of topRowAt. */
export function scrollTopFor(row: number, total: number, rowHeight: number, viewportHeight: number): number {
  const full = total * rowHeight;
  const spacer = spacerHeight(total, rowHeight);
  const maxScroll = Math.max(0, spacer - viewportHeight);
  if (full <= spacer) return Math.max(0, Math.min(row * rowHeight, maxScroll));
  const maxTop = Math.max(0, total - viewportHeight / rowHeight);
  return maxTop === 0 ? 0 : (Math.max(0, Math.min(row, maxTop)) / maxTop) * maxScroll;
}

export function rowWindow(input: WindowInput): RowWindow {
  const { total, rowHeight, viewportHeight, scrollTop, overscan } = input;
  const spacer = spacerHeight(total, rowHeight);
  if (total === 0 || rowHeight <= 0) return { first: 0, end: 0, spacerHeight: spacer, offsetY: 0 };
  const top = topRowAt(Math.max(0, scrollTop), total, rowHeight, viewportHeight);
  const visible = Math.ceil(viewportHeight / rowHeight) + 1;
  const first = Math.max(0, Math.floor(top) - overscan);
  const end = Math.min(total, Math.floor(top) + visible + overscan);
  // Draw relative to the scroll position so rows line up with the viewport when compressed too.
  const offsetY = Math.max(0, scrollTop) - (top - first) * rowHeight;
  return { first, end, spacerHeight: spacer, offsetY: Math.max(0, Math.min(offsetY, Math.max(0, spacer - (end - first) * rowHeight))) };
}

/** Where to scroll so row `index` is fully visible, or null when it already is. */
export function scrollToReveal(index: number, input: Omit<WindowInput, 'overscan'>): number | null {
  const { total, rowHeight, viewportHeight, scrollTop } = input;
  const top = topRowAt(scrollTop, total, rowHeight, viewportHeight);
  const rowsInView = Math.max(1, Math.floor(viewportHeight / rowHeight));
  if (index < top) return scrollTopFor(index, total, rowHeight, viewportHeight);
  if (index + 1 > top + rowsInView) return scrollTopFor(index + 1 - rowsInView, total, rowHeight, viewportHeight);
  return null;
}
