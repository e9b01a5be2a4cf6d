import assert from 'node:assert/strict';
import { test } from 'node:test';
import { functionTextFrom, usesIdentifier } from '../../../src/engine/detectors/closureSource';

/** Where V8's `locations` put a closure, and the text that is its function. */
const CASES: { name: string; text: string; at: string; expect: string }[] = [
  { name: 'arrow with an expression body ends at ;', text: 'const a = () => `job ${id}`;\nconst b = rows;', at: '()', expect: '() => `job ${id}`' },
  { name: 'arrow as an argument ends at the closing paren', text: 'use(() => rows.length);', at: '()', expect: '() => rows.length' },
  { name: 'arrow with a block body', text: 'x = (a) => { if (a) { return b; } return c; }; y();', at: '(a)', expect: '(a) => { if (a) { return b; } return c; }' },
  { name: 'function declaration', text: 'function onCancel() {\n  return `${jobId}`;\n}\nrows();', at: 'function', expect: 'function onCancel() {\n  return `${jobId}`;\n}' },
  { name: 'braces in strings and comments do not count', text: "f = function () { const s = '}'; /* } */ // }\n return s; }; g();", at: 'function', expect: "function () { const s = '}'; /* } */ // }\n return s; }" },
  { name: 'default parameters with an object literal', text: 'h = function (o = { a: 1 }) { return o; }; z', at: 'function', expect: 'function (o = { a: 1 }) { return o; }' },
  { name: 'method shorthand', text: '{ round() { run(cache); }, other() {} }', at: 'round', expect: 'round() { run(cache); }' },
];

for (const c of CASES) {
  test(`functionTextFrom: ${c.name}`, () => {
    assert.equal(functionTextFrom(c.text, c.text.indexOf(c.at)), c.expect);
  });
}

const USES: [string, string, boolean][] = [
  ['() => rows.length', 'rows', true],
  ['() => `job ${jobId}`', 'jobId', true],
  ['() => this.rows', 'rows', false],
  ['() => rowsCount', 'rows', false],
  ['() => $rows', '$rows', true],
];

for (const [source, name, expected] of USES) {
  test(`usesIdentifier(${JSON.stringify(source)}, ${name}) is ${expected}`, () => {
    assert.equal(usesIdentifier(source, name), expected);
  });
}
