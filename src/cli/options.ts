// What the commands share: the options every command has, the --format list, the exit code of
// the command that ran. Light on purpose: main.ts loads this (and every command's
// registration) for --help and --version, so nothing here may import a stage.

import type { Command } from 'commander';
import { setVerbose } from '../util/log.js';
import { UsageError } from './project.js';
import type { Format, PdfStandard } from '../pipeline/build.js';
import { m } from './messages.js';

/** The exit status of the command that ran: 0 done, 1 an input has errors, 2 bad usage. */
export const outcome = { code: 0 };

/** What is built when neither --format nor gongwen.yaml's output.formats says. */
export const DEFAULT_FORMATS: readonly Format[] = ['docx', 'pdf'];

/** --format's list; undefined when it was not given (the project's default then holds). */
export function parseFormats(s: string | undefined): Format[] | undefined {
  if (s === undefined) return undefined;
  const parts = s.split(',').map((x) => x.trim().toLowerCase()).filter(Boolean);
  const bad = parts.filter((p) => p !== 'docx' && p !== 'pdf' && p !== 'ofd');
  if (bad.length || parts.length === 0) throw new UsageError(m().badFormat(s));
  return [...new Set(parts)] as Format[];
}

/** --pdf-standard's value; undefined when it was not given. */
export function parsePdfStandard(s: string | undefined): PdfStandard | undefined {
  if (s === undefined) return undefined;
  const v = s.trim().toLowerCase();
  if (v !== 'a-1b' && v !== 'a-2b') throw new UsageError(m().badPdfStandard(s));
  return v;
}

export interface CommonOptions {
  project?: string;
  quiet?: boolean;
  verbose?: boolean;
}

/** --project, --quiet, --verbose: on every command that reads content. */
export function withCommonOptions(cmd: Command): Command {
  return cmd
    .option('-p, --project <dir>', m().projectOption)
    .option('-q, --quiet', m().quietOption)
    .option('--verbose', m().verboseOption)
    .hook('preAction', (_this, action) => setVerbose(!!action.opts().verbose));
}

/** Runs a command body and records its exit status. */
export function runs<A extends unknown[]>(body: (...args: A) => Promise<number>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    outcome.code = await body(...args);
  };
}
