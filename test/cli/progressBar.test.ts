import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { ProgressBar } from '../../src/cli/progressBar';

function terminal(isTTY: boolean) {
  const stream = Object.assign(new PassThrough(), { isTTY, columns: 80 });
  let text = '';
  stream.setEncoding('utf8').on('data', (d: string) => (text += d));
  return { stream, text: () => text };
}

test('a new phase is drawn at once, even inside the redraw throttle; repeats of one phase are throttled', async () => {
  const t = terminal(true);
  const bar = new ProgressBar(t.stream);
  bar.update('walking the heap', 0.5);
  bar.update('walking the heap', 0.6); // same phase within 80 ms: skipped
  bar.update('writing', null, '1.0 MB'); // new phase within 80 ms: drawn
  await new Promise((r) => setImmediate(r));
  assert.match(t.text(), /\rwalking the heap \[#{12}-{12}\] 50%/);
  assert.doesNotMatch(t.text(), /60%/);
  assert.match(t.text(), /\rwriting 1\.0 MB/);
});

test('engine events name their phase and show percent; nothing is drawn off a terminal', async () => {
  const tty = terminal(true);
  new ProgressBar(tty.stream).event({ phase: 'parse', done: 1, total: 4 });
  const pipe = terminal(false);
  new ProgressBar(pipe.stream).event({ phase: 'parse', done: 1, total: 4 });
  await new Promise((r) => setImmediate(r));
  assert.match(tty.text(), /parse\s+\[#{6}-{18}\] 25%/);
  assert.equal(pipe.text(), '');
});
