import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyAction, keyAction } from '../../webview/tableKeys';

test('table keys move, page, expand, collapse and step out, clamped to the table', () => {
  const cases: [string, number, boolean, KeyAction | null][] = [
    ['ArrowDown', 5, false, { kind: 'focus', index: 6 }],
    ['ArrowDown', 99_999, false, { kind: 'focus', index: 99_999 }],
    ['ArrowUp', 0, false, { kind: 'focus', index: 0 }],
    ['PageDown', 10, false, { kind: 'focus', index: 30 }],
    ['PageUp', 10, false, { kind: 'focus', index: 0 }],
    ['Home', 500, false, { kind: 'focus', index: 0 }],
    ['End', 3, false, { kind: 'focus', index: 99_999 }],
    ['ArrowRight', 7, false, { kind: 'toggle' }],
    ['ArrowRight', 7, true, { kind: 'focus', index: 8 }],
    ['ArrowLeft', 7, true, { kind: 'toggle' }],
    ['ArrowLeft', 7, false, { kind: 'parent' }],
    ['Enter', 7, false, { kind: 'toggle' }],
    [' ', 7, true, { kind: 'toggle' }],
    ['a', 7, true, null],
  ];
  for (const [key, focused, expanded, action] of cases) {
    assert.deepEqual(keyAction(key, focused, 100_000, 20, expanded), action, `${key} at ${focused}`);
  }
});
