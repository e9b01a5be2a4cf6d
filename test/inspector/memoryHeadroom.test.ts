import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { memoryHeadroom } from '../../src/inspector/memoryHeadroom';
import { tempDir } from '../tempDir';

const tmp = tempDir('headroom');
const base = tmp.dir;
after(() => tmp.remove());

const PID = 4242;
const MEMINFO = 'MemTotal:       24000000 kB\nMemFree:         1000000 kB\nMemAvailable:   20000000 kB\n';
const V2_MOUNT = '41 31 0:38 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw,nsdelegate\n';
const V1_MOUNT =
  '32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu\n' +
  '35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n';
const GB = 1024 ** 3;
const MB = 1024 ** 2;

interface Case {
  name: string;
  /** Files under the fake machine's root: path → content (null: present but unreadable). */
  files: Record<string, string | null>;
  expected: { availableBytes: number | null; limitSource: string; limitPath: string | null };
}

const cases: Case[] = [
  {
    name: 'cgroup v2 with a limit: memory.max less memory.current less inactive page cache',
    files: {
      [`proc/${PID}/cgroup`]: '0::/app.slice/server.service\n',
      'proc/self/mountinfo': V2_MOUNT,
      'proc/meminfo': MEMINFO,
      'sys/fs/cgroup/app.slice/server.service/memory.max': `${2 * GB}\n`,
      'sys/fs/cgroup/app.slice/server.service/memory.current': `${600 * MB}\n`,
      'sys/fs/cgroup/app.slice/server.service/memory.stat': `anon 400000000\ninactive_file ${100 * MB}\nactive_file 1\n`,
    },
    expected: { availableBytes: 2 * GB - 500 * MB, limitSource: 'cgroup-v2', limitPath: 'sys/fs/cgroup/app.slice/server.service' },
  },
  {
    name: "cgroup v2 'max' everywhere: MemAvailable decides",
    files: {
      [`proc/${PID}/cgroup`]: '0::/user.slice\n',
      'proc/self/mountinfo': V2_MOUNT,
      'proc/meminfo': MEMINFO,
      'sys/fs/cgroup/user.slice/memory.max': 'max\n',
      'sys/fs/cgroup/user.slice/memory.current': `${GB}\n`,
    },
    expected: { availableBytes: 20000000 * 1024, limitSource: 'MemAvailable', limitPath: 'proc/meminfo' },
  },
  {
    name: 'nested cgroup v2: the parent has the tighter limit',
    files: {
      [`proc/${PID}/cgroup`]: '0::/kubepods/pod1/ctr\n',
      'proc/self/mountinfo': V2_MOUNT,
      'proc/meminfo': MEMINFO,
      'sys/fs/cgroup/kubepods/pod1/ctr/memory.max': `${4 * GB}\n`,
      'sys/fs/cgroup/kubepods/pod1/ctr/memory.current': `${GB}\n`,
      'sys/fs/cgroup/kubepods/pod1/memory.max': `${2 * GB}\n`,
      'sys/fs/cgroup/kubepods/pod1/memory.current': `${1.5 * GB}\n`,
      'sys/fs/cgroup/kubepods/memory.max': 'max\n',
      'sys/fs/cgroup/kubepods/memory.current': `${3 * GB}\n`,
    },
    expected: { availableBytes: 0.5 * GB, limitSource: 'cgroup-v2', limitPath: 'sys/fs/cgroup/kubepods/pod1' },
  },
  {
    name: 'cgroup v1 memory controller with a limit (v1 usage less total_inactive_file)',
    files: {
      [`proc/${PID}/cgroup`]: '4:memory:/docker/abc\n3:cpu,cpuacct:/docker/abc\n0::/\n',
      'proc/self/mountinfo': V1_MOUNT,
      'proc/meminfo': MEMINFO,
      'sys/fs/cgroup/memory/docker/abc/memory.limit_in_bytes': `${GB}\n`,
      'sys/fs/cgroup/memory/docker/abc/memory.usage_in_bytes': `${300 * MB}\n`,
      'sys/fs/cgroup/memory/docker/abc/memory.stat': `cache 1\ntotal_inactive_file ${44 * MB}\n`,
      'sys/fs/cgroup/memory/docker/memory.limit_in_bytes': '9223372036854771712\n',
      'sys/fs/cgroup/memory/docker/memory.usage_in_bytes': `${300 * MB}\n`,
    },
    expected: { availableBytes: GB - 256 * MB, limitSource: 'cgroup-v1', limitPath: 'sys/fs/cgroup/memory/docker/abc' },
  },
  {
    name: "cgroup v1 seen from inside the container: the mount's root is the container's cgroup",
    files: {
      [`proc/${PID}/cgroup`]: '9:memory:/docker/abc\n',
      'proc/self/mountinfo': '35 31 0:32 /docker/abc /sys/fs/cgroup/memory ro,relatime - cgroup cgroup rw,memory\n',
      'proc/meminfo': MEMINFO,
      'sys/fs/cgroup/memory/memory.limit_in_bytes': `${512 * MB}\n`,
      'sys/fs/cgroup/memory/memory.usage_in_bytes': `${128 * MB}\n`,
    },
    expected: { availableBytes: 384 * MB, limitSource: 'cgroup-v1', limitPath: 'sys/fs/cgroup/memory' },
  },
  {
    name: 'cgroup v1 with no limit (the largest page-aligned long)',
    files: {
      [`proc/${PID}/cgroup`]: '4:memory:/\n',
      'proc/self/mountinfo': V1_MOUNT,
      'proc/meminfo': MEMINFO,
      'sys/fs/cgroup/memory/memory.limit_in_bytes': '9223372036854771712\n',
      'sys/fs/cgroup/memory/memory.usage_in_bytes': `${GB}\n`,
    },
    expected: { availableBytes: 20000000 * 1024, limitSource: 'MemAvailable', limitPath: 'proc/meminfo' },
  },
  {
    name: 'the limit is below MemAvailable but the machine is shorter still: the machine wins',
    files: {
      [`proc/${PID}/cgroup`]: '0::/big\n',
      'proc/self/mountinfo': V2_MOUNT,
      'proc/meminfo': 'MemAvailable:     512000 kB\n',
      'sys/fs/cgroup/big/memory.max': `${8 * GB}\n`,
      'sys/fs/cgroup/big/memory.current': `${GB}\n`,
    },
    expected: { availableBytes: 512000 * 1024, limitSource: 'MemAvailable', limitPath: 'proc/meminfo' },
  },
  {
    name: 'unreadable cgroup files are skipped; MemAvailable still bounds the answer',
    files: {
      [`proc/${PID}/cgroup`]: '0::/locked\n',
      'proc/self/mountinfo': V2_MOUNT,
      'proc/meminfo': MEMINFO,
      'sys/fs/cgroup/locked/memory.max': null,
      'sys/fs/cgroup/locked/memory.current': `${GB}\n`,
    },
    expected: { availableBytes: 20000000 * 1024, limitSource: 'MemAvailable', limitPath: 'proc/meminfo' },
  },
  {
    name: 'the process is gone and meminfo unreadable: unknown, not zero',
    files: { 'proc/self/mountinfo': V2_MOUNT, 'proc/meminfo': null },
    expected: { availableBytes: null, limitSource: 'unknown', limitPath: null },
  },
  {
    name: 'usage over the limit: no headroom at all',
    files: {
      [`proc/${PID}/cgroup`]: '0::/full\n',
      'proc/self/mountinfo': V2_MOUNT,
      'proc/meminfo': MEMINFO,
      'sys/fs/cgroup/full/memory.max': `${GB}\n`,
      'sys/fs/cgroup/full/memory.current': `${GB + 4096}\n`,
    },
    expected: { availableBytes: 0, limitSource: 'cgroup-v2', limitPath: 'sys/fs/cgroup/full' },
  },
];

const runningAsRoot = process.getuid?.() === 0;

cases.forEach((c, i) => {
  test(`headroom: ${c.name}`, async () => {
    const root = join(base, `case-${i}`);
    for (const [path, content] of Object.entries(c.files)) {
      const full = join(root, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content ?? 'secret\n');
      // Root reads a mode-000 file anyway, so 'unreadable' is a directory there: reading it fails too.
      if (content === null) {
        if (runningAsRoot) {
          rmSync(full);
          mkdirSync(full);
        } else chmodSync(full, 0);
      }
    }
    const got = await memoryHeadroom(PID, { proc: join(root, 'proc'), fs: root });
    assert.deepEqual(
      { availableBytes: got.availableBytes, limitSource: got.limitSource, limitPath: got.limitPath && got.limitPath.slice(root.length + 1) },
      c.expected,
    );
  });
});

test('headroom of this very process on the real machine: within what /proc/meminfo says', async () => {
  const got = await memoryHeadroom(process.pid);
  const memAvailable = Number(/^MemAvailable:\s+(\d+) kB$/m.exec((await import('node:fs')).readFileSync('/proc/meminfo', 'utf8'))![1]) * 1024;
  assert.ok(got.availableBytes !== null && got.availableBytes > 0);
  // MemAvailable moves while we read it; 10% either way.
  assert.ok(got.availableBytes <= memAvailable * 1.1, `${got.availableBytes} vs MemAvailable ${memAvailable}`);
  assert.ok(got.limits.some((l) => l.source === 'MemAvailable'));
});
