// gongwen's command line, on commander: one file per command under src/cli/, each registering
// its options, help and examples here and loading the stages it needs only when it runs — so
// `--help` loads no stage at all (measured: see README, Speed). Exit codes: 0 when everything
// asked for was written (or checked clean), 1 when an input has errors, 2 on bad usage.

import { createRequire } from 'node:module';
import type { Command as CommandType } from 'commander';
import { versionLine } from './version.js';
import { outcome } from './options.js';
import { UsageError } from './project.js';
import * as build from './build.js';
import * as check from './check.js';
import * as batch from './batch.js';
import * as init from './init.js';
import * as importDocx from './import.js';
import * as preview from './preview.js';

// commander's CommonJS entry, not its ES wrapper (which only re-exports it): 5–10 ms of `--help`.
const { Command, CommanderError } = createRequire(import.meta.url)('commander') as typeof import('commander');
type Command = CommandType;

/** Every command, in the order `gongwen --help` lists them. A new command is a file and a line here. */
const COMMANDS: { register(program: Command): void }[] = [build, check, batch, preview, init, importDocx];

function program(): Command {
  const p = new Command('gongwen')
    .description('Chinese official documents (公文, GB/T 9704-2012) from Markdown and YAML, as DOCX and PDF')
    .version(versionLine(), '-v, --version', "gongwen's version")
    .helpOption('-h, --help', 'help for gongwen or a command (gongwen build --help)')
    .exitOverride()
    .showSuggestionAfterError(true)
    .showHelpAfterError('(add --help for the options and examples)')
    .configureOutput({ outputError: (s, write) => write(s.replace(/^error: /, 'gongwen: ')) })
    .addHelpText(
      'after',
      `
Start a project:  gongwen init notice my-notice && cd my-notice && gongwen build content
Each command has its own help with examples: gongwen build --help`,
    );
  for (const c of COMMANDS) c.register(p);
  return p;
}

/** Runs the command line `argv` (without node and the script); resolves to the exit code. */
export async function runProgram(argv: string[]): Promise<number> {
  const p = program();
  if (argv.length === 0) {
    process.stdout.write(p.helpInformation());
    return 2;
  }
  outcome.code = 0;
  try {
    await p.parseAsync(argv, { from: 'user' });
    return outcome.code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof UsageError) {
      const cmd = argv.find((a) => !a.startsWith('-'));
      process.stderr.write(`gongwen: ${err.message}\nRun "gongwen ${cmd ? `${cmd} ` : ''}--help" for usage.\n`);
      return 2;
    }
    throw err;
  }
}
