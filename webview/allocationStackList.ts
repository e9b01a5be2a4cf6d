import { AllocationFrame, SourceLocation } from '../src/protocol/finding';
import { el } from './element';

/**
 * A finding's exact allocation stack (trackAllocations), innermost frame first; a frame with a
 * script and line opens it. Snapshot strings go in as text only.
 */
export function allocationStackList(stack: readonly AllocationFrame[], openSource: (location: SourceLocation) => void): HTMLElement {
  const list = el('ol', { className: 'allocation-stack', attrs: { 'aria-label': 'Allocation stack, innermost frame first' } });
  for (const frame of stack) {
    const name = frame.functionName || '(anonymous)';
    if (!frame.script || frame.line <= 0) {
      list.append(el('li', { className: 'mono meta', text: frame.script ? `${name} ${frame.script}` : name }));
      continue;
    }
    const at: SourceLocation = { url: frame.script, line: frame.line, column: Math.max(1, frame.column) };
    const link = el('button', {
      className: 'link allocation-frame',
      text: `${name} ${frame.script.replace(/^file:\/\//, '')}:${frame.line}:${frame.column}`,
      title: 'Open this frame of the allocation stack',
    });
    link.addEventListener('click', () => openSource(at));
    list.append(el('li', { className: 'mono' }, [link]));
  }
  return list;
}
