import { CliCommand, CliIo, CliUsageError } from './cli/cliCommand';
import { cliCommands } from './cli/cliCommands';

/** Entry point of the `heapscope` CLI: dispatches to the explicit command list. */
async function main(argv: readonly string[]): Promise<number> {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  const io: CliIo = { stdout: process.stdout, stderr: process.stderr, signal: controller.signal };
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(helpText(cliCommands));
    return name ? 0 : 2;
  }
  const command = cliCommands.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`heapscope: unknown command '${name}'\n\n${helpText(cliCommands)}`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.stderr.write(`heapscope ${command.name}: ${error.message}\nusage: heapscope ${command.usage}\n`);
      return 2;
    }
    io.stderr.write(`heapscope ${command.name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return io.signal.aborted ? 130 : 1;
  }
}

function helpText(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.usage.length));
  return `usage: heapscope <command> [options]\n\n${commands
    .map((c) => `  ${c.usage.padEnd(width)}  ${c.description}`)
    .join('\n')}\n`;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`heapscope: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
