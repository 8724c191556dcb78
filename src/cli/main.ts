import { Command, CommanderError } from 'commander';
import { registerAnalyzeCommand } from './commands/analyze.ts';
import { registerExportCommand } from './commands/export.ts';
import { registerFetchCommand } from './commands/fetch.ts';
import { registerGenerateCommand } from './commands/generate.ts';
import { registerIngestCommand } from './commands/ingest.ts';
import { registerNeo4jCommand } from './commands/neo4j.ts';
import { registerQueryCommand } from './commands/query.ts';
import { registerViewCommand } from './commands/view.ts';
import { EXIT } from './exit-codes.ts';
import { OutputRefusedError } from './output-guard.ts';

/** Builds the command tree. Each command lives in its own module under commands/. */
export function buildProgram(): Command {
  const program = new Command('citegraph')
    .description(
      'Citation and co-authorship graph analyzer: listings and exports in, an analysed network out.',
    )
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerIngestCommand(program);
  registerAnalyzeCommand(program);
  registerFetchCommand(program);
  registerExportCommand(program);
  registerViewCommand(program);
  registerGenerateCommand(program);
  registerQueryCommand(program);
  registerNeo4jCommand(program);
  return program;
}

/** A reader that stops reading (`citegraph … | head`) ends citegraph as SIGPIPE ends other tools: quietly, 141. */
function endQuietlyOnClosedPipe(): void {
  // main() runs many times in one process in the tests: one listener is enough.
  if (process.stdout.listeners('error').includes(onStdoutError)) return;
  process.stdout.on('error', onStdoutError);
}

function onStdoutError(error: NodeJS.ErrnoException): void {
  if (error.code !== 'EPIPE') throw error;
  process.exit(128 + 13);
}

export async function main(argv: string[]): Promise<number> {
  endQuietlyOnClosedPipe();
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof OutputRefusedError) {
      process.stderr.write(`citegraph: ${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`citegraph: ${message}\n`);
    return EXIT.failure;
  }
}
