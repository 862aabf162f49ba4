// gongwen's command line, on commander: one file per command under src/cli/, each registering
// its options, help and examples here and loading the stages it needs only when it runs — so
// `--help` loads no stage at all (measured: see README, Speed). Exit codes: 0 when everything
// asked for was written (or checked clean), 1 when an input has errors, 2 on bad usage or a
// missing input. The language of what it says: messages.ts.

import { createRequire } from 'node:module';
import type { Command as CommandType } from 'commander';
import { versionLine } from './version.js';
import { outcome } from './options.js';
import { UsageError } from './project.js';
import { LangError, langArgument, localeLang, m, parseLang, setLang } from './messages.js';
import { setColourChoice } from './colour.js';
import * as doctor from './doctor.js';
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
const COMMANDS: { register(program: Command): void }[] = [build, check, batch, preview, init, importDocx, doctor];

function program(): Command {
  const t = m();
  const p = new Command('gongwen')
    .description(t.programDescription)
    .version(versionLine(), '-v, --version', t.versionOption)
    .helpOption('-h, --help', t.helpOption)
    .helpCommand('help [command]', t.helpCommand)
    .option('--lang <zh|en>', t.langOption)
    .option('--color', t.colorOption)
    .option('--no-color', t.noColorOption)
    .exitOverride()
    .showSuggestionAfterError(true)
    .showHelpAfterError(t.helpAfterError)
    .configureHelp({
      styleTitle: (title) => t.titles[title] ?? title,
      styleOptionText: (text) => t.placeholders[text] ?? text,
      styleSubcommandText: (text) => t.placeholders[text] ?? text,
    })
    .configureOutput({ outputError: (s, write) => write(t.commanderError(s.replace(/^error: /, 'gongwen: '))) })
    .addHelpText('after', t.programAfterHelp);
  // --color / --no-color, read by report.ts before any command prints.
  p.hook('preAction', (cmd) => setColourChoice(cmd.opts().color as boolean | undefined));
  for (const c of COMMANDS) c.register(p);
  return p;
}

/** The language of the messages: --lang, else the environment (messages.ts). */
function chooseLang(argv: string[]): void {
  const given = langArgument(argv);
  setLang(given === undefined ? localeLang() : parseLang(given));
}

/** Runs the command line `argv` (without node and the script); resolves to the exit code. */
export async function runProgram(argv: string[]): Promise<number> {
  try {
    chooseLang(argv);
  } catch (err) {
    if (!(err instanceof LangError)) throw err;
    setLang(localeLang());
    process.stderr.write(`gongwen: ${m().badLang(err.message)}\n`);
    return 2;
  }
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
      const cmd = argv.find((a) => p.commands.some((c) => c.name() === a));
      process.stderr.write(`gongwen: ${err.message}\n${m().usageHint(cmd)}\n`);
      return 2;
    }
    throw err;
  }
}
