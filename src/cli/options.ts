// What the commands share: the options every command has, the --format list, the exit code of
// the command that ran. Light on purpose: main.ts loads this (and every command's
// registration) for --help and --version, so nothing here may import a stage.

import type { Command } from 'commander';
import { setVerbose } from '../util/log.js';
import { UsageError } from './project.js';
import type { Format } from '../pipeline/build.js';
import { m } from './messages.js';

/** The exit status of the command that ran: 0 done, 1 an input has errors, 2 bad usage. */
export const outcome = { code: 0 };

export function parseFormats(s: string | undefined): Format[] {
  if (!s) return ['docx', 'pdf'];
  const parts = s.split(',').map((x) => x.trim().toLowerCase()).filter(Boolean);
  const bad = parts.filter((p) => p !== 'docx' && p !== 'pdf');
  if (bad.length || parts.length === 0) throw new UsageError(m().badFormat(s));
  return [...new Set(parts)] as Format[];
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
