/**
 * What a key does in the tree table (WAI-ARIA treegrid conventions): arrows and paging move the
 * focused row, Right expands or steps into the children, Left collapses or steps out to the
 * parent, Enter and Space toggle. Pure: no DOM.
 */
export type KeyAction =
  | { kind: 'focus'; index: number }
  | { kind: 'toggle' }
  | { kind: 'parent' };

export function keyAction(key: string, focused: number, total: number, pageRows: number, expanded: boolean): KeyAction | null {
  const clamp = (i: number): KeyAction => ({ kind: 'focus', index: Math.max(0, Math.min(total - 1, i)) });
  switch (key) {
    case 'ArrowDown':
      return clamp(focused + 1);
    case 'ArrowUp':
      return clamp(focused - 1);
    case 'PageDown':
      return clamp(focused + pageRows);
    case 'PageUp':
      return clamp(focused - pageRows);
    case 'Home':
      return clamp(0);
    case 'End':
      return clamp(total - 1);
    case 'ArrowRight':
      return expanded ? clamp(focused + 1) : { kind: 'toggle' };
    case 'ArrowLeft':
      return expanded ? { kind: 'toggle' } : { kind: 'parent' };
    case 'Enter':
    case ' ':
      return { kind: 'toggle' };
    default:
      return null;
  }
}
