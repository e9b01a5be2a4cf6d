import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InspectFlags, parseInspectFlags } from '../../src/inspector/inspectFlags';

const base: InspectFlags = { activeFromStart: false, host: '127.0.0.1', port: 9229, sigusr1Disabled: false };
const cases: { argv: string[]; nodeOptions?: string; expected: Partial<InspectFlags> }[] = [
  { argv: ['node', 'app.js'], expected: {} },
  { argv: ['node', '--inspect', 'app.js'], expected: { activeFromStart: true } },
  { argv: ['node', '--inspect-port=0', 'app.js'], expected: { port: 0 } },
  { argv: ['node', '--inspect=9333', 'app.js'], expected: { activeFromStart: true, port: 9333 } },
  { argv: ['node', '--inspect-brk=0.0.0.0:9444', 'app.js'], expected: { activeFromStart: true, host: '0.0.0.0', port: 9444 } },
  { argv: ['node', '--inspect=[::1]:9555', 'app.js'], expected: { activeFromStart: true, host: '::1', port: 9555 } },
  { argv: ['node', '--disable-sigusr1', 'app.js'], expected: { sigusr1Disabled: true } },
  // Flags after the script belong to the script, not to node.
  { argv: ['node', 'app.js', '--inspect=9999'], expected: {} },
  { argv: ['node', '-e', 'x', '--inspect'], expected: {} },
  // NODE_OPTIONS first, the command line wins.
  { argv: ['node', 'app.js'], nodeOptions: '--inspect-port=9666', expected: { port: 9666 } },
  { argv: ['node', '--inspect-port=9777', 'app.js'], nodeOptions: '--inspect-port=9666', expected: { port: 9777 } },
];
for (const { argv, nodeOptions, expected } of cases) {
  test(`inspect flags of ${argv.join(' ')}${nodeOptions ? ` with NODE_OPTIONS=${nodeOptions}` : ''}`, () => {
    assert.deepEqual(parseInspectFlags(argv, nodeOptions), { ...base, ...expected });
  });
}
