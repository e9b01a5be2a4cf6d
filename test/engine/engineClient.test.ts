import { test } from 'node:test';
import assert from 'node:assert/strict';
import { workerEnv } from '../../src/engine/engineClient';

const DEFAULTS = 'glibc.malloc.mmap_threshold=262144';
const CASES: [string, string | undefined, string][] = [
  ['nothing set: the threshold', undefined, DEFAULTS],
  ['another tunable kept first', 'glibc.malloc.arena_max=2', `glibc.malloc.arena_max=2:${DEFAULTS}`],
  ['the user\'s hugetlb kept, threshold added', 'glibc.malloc.hugetlb=1', `glibc.malloc.hugetlb=1:${DEFAULTS}`],
  ['the user\'s threshold wins: unchanged', 'glibc.malloc.mmap_threshold=1', 'glibc.malloc.mmap_threshold=1'],
  ['a prefix of the name is not the name', 'glibc.malloc.mmap_threshold_x=1', `glibc.malloc.mmap_threshold_x=1:${DEFAULTS}`],
];

for (const [name, given, expected] of CASES) {
  test(`workerEnv: ${name}`, { skip: process.platform !== 'linux' && 'glibc tunables are Linux-only' }, () => {
    const env = workerEnv({ PATH: '/bin', ...(given === undefined ? {} : { GLIBC_TUNABLES: given }) });
    assert.equal(env.GLIBC_TUNABLES, expected);
    assert.equal(env.PATH, '/bin');
  });
}
