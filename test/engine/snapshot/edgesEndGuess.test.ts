import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { after, describe, it } from 'node:test';
import { guessEdgesEnd } from '../../../src/engine/snapshot/edgesEndGuess';
import { LEAKY_APP, childSnapshots } from '../childSnapshots';
import { tempDir } from '../../tempDir';

const tmp = tempDir('edges-end');
after(() => tmp.remove());

async function guess(text: string | Buffer, from: number): Promise<number> {
  const file = tmp.file('guess.txt', text);
  const handle = await open(file, 'r');
  try {
    return await guessEdgesEnd(handle, (await handle.stat()).size, from);
  } finally {
    await handle.close();
  }
}

const V8_TAIL = '],\n"trace_function_infos":[],\n"trace_tree":[],\n"samples":[],\n"locations":[7,1,2,3\n],\n"strings":["a","b"]}';

describe('guessEdgesEnd', () => {
  // [name, text, where "edges" starts, expected: the offset just past its ']' (as found in the text), or -1]
  const CASES: [string, string, number, number | 'after-edges'][] = [
    ['as V8 writes it', `{"edges":[1,2,3\n,4,5,6\n${V8_TAIL}`, 9, 'after-edges'],
    ['spaces and CRs around the comma', `{"edges":[1,2,3 \r\n] ,\r\n "trace_function_infos":[]}`, 9, 'after-edges'],
    ['no such key', `{"edges":[1,2,3\n],\n"strings":["a"]}`, 9, -1],
    ['the key after a strings section, not numbers', `{"edges":[1,2,3],"strings":["a"],"trace_function_infos":[]}`, 9, -1],
    ['the key after an object', `{"edges":[1,2,3],"x":{},"trace_function_infos":[]}`, 9, -1],
    ['the key with no comma before it', `{"edges":[1,2,3]\n"trace_function_infos":[]}`, 9, -1],
    ['the key escaped inside a string: not a key', `{"edges":[1,2,3],"strings":["\\"trace_function_infos\\":"]}`, 9, -1],
    ['an empty section', `{"edges":[],"trace_function_infos":[]}`, 9, -1],
  ];
  for (const [name, text, from, expected] of CASES) {
    it(name, async () => {
      const want = expected === 'after-edges' ? text.indexOf(']', from) + 1 : expected;
      assert.equal(await guess(text, from), want);
    });
  }

  it('finds the key across the 1 MB blocks it reads backwards, and not too far back', async () => {
    // The key cut by every offset around the first block's start, counted back from the end.
    const head = '{"edges":[';
    for (const cut of [0, 1, 10, 22, 23, 24]) {
      const after = ',"trace_function_infos":[]';
      const filler = `,"strings":["${'x'.repeat(1024 * 1024 - after.length + cut - 4)}"]}`;
      const edges = `${'1,2,3\n,'.repeat(700_000)}1,2,3\n]`;
      const text = `${head}${edges}${after}${filler}`;
      assert.equal(await guess(text, head.length - 1), head.length + edges.length, `key cut ${cut} bytes into the block`);
    }
    // Past 1 MB from the end and in the first quarter after the section start: not searched.
    const far = `${head}1,2,3]${',"trace_function_infos":[]'}${',"strings":["' + 'x'.repeat(2 * 1024 * 1024) + '"]}'}`;
    assert.equal(await guess(far, head.length - 1), -1, 'too far back');
  });

  it("gives the end of V8's own edges sections", { timeout: 120_000 }, async () => {
    const files = await childSnapshots(`${LEAKY_APP}\ngrow(500); snap();`, 1, tmp.dir);
    for (const file of files) {
      const bytes = readFileSync(file);
      const from = bytes.indexOf('"edges":') + '"edges":'.length;
      const handle = await open(file, 'r');
      try {
        assert.equal(await guessEdgesEnd(handle, bytes.length, from), bytes.indexOf(']', from) + 1, file);
      } finally {
        await handle.close();
      }
    }
  });
});
