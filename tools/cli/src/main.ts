import nodeModule from 'node:module';
import 'reflect-metadata';
import { CommanderError } from 'commander';
import { buildProgram } from './program';

// Node >= 22.1 keeps the V8 code of loaded modules on disk, so the next start skips compiling them
// (issue 21); undefined, and skipped, on Node 20.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();

/** Runs `fw` with these arguments; resolves to the exit code (errors already written to stderr as one line). */
export async function runCli(argv: string[]): Promise<number | 'serving'> {
  let serving = false;
  const program = buildProgram({
    out: process.stdout,
    err: process.stderr,
    serve: async () => {
      serving = true;
      // Loaded lazily: the API's HTTP stack is only needed here.
      const { bootstrap } = await import('../../../apps/api/src/main');
      await bootstrap();
    },
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return serving ? 'serving' : 0;
  } catch (err) {
    if (err instanceof CommanderError && err.exitCode === 0) return 0; // --help, --version
    // Loaded on failure only: it knows the API's error classes, whose modules are heavy to load.
    const { exitCodeOf, oneLine } = await import('./cli-errors');
    const code = exitCodeOf(err);
    process.stderr.write(`fw: ${oneLine(err).replace(/^error: /, '')}\n`);
    return code;
  }
}

if (require.main === module) {
  void runCli(process.argv.slice(2)).then((code) => {
    // PGlite's worker and pools would keep the process alive; a finished command exits.
    if (code !== 'serving') process.exit(code);
  });
}
