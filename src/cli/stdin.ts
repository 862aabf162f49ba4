// `-` as an input: one document read from standard input, as a file of the current folder would
// be (its relative paths — attachments, data — are read from there, inside the project). It is
// shown as <stdin> in diagnostics, as eslint shows <text>.

import { resolve } from 'node:path';
import { DiagnosticError, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../source/types.js';
import { m } from './messages.js';
import { UsageError } from './project.js';

export const STDIN_NAME = '<stdin>';

/** The inputs with `-` taken out; `stdin` when it was there (alone: one document in). */
export function stdinInput(inputs: readonly string[]): { stdin: boolean; files: string[] } {
  const files = inputs.filter((i) => i !== '-');
  const n = inputs.length - files.length;
  if (n === 0) return { stdin: false, files };
  if (n > 1 || files.length > 0) throw new UsageError(m().stdinOnce);
  return { stdin: true, files };
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks);
}

/** Standard input as a content file of the current folder, or the diagnostics of its front matter. */
export async function readStdinSource(): Promise<{ source?: SourceFile; diagnostics: Diagnostic[]; path: string }> {
  const { parseSource, MAX_SOURCE_BYTES } = await import('../source/read.js');
  const raw = await readAll(process.stdin);
  const path = resolve(STDIN_NAME);
  if (raw.length > MAX_SOURCE_BYTES) {
    return { path, diagnostics: [{ file: STDIN_NAME, line: 0, column: 0, severity: 'error', ruleId: 'limit', message: `input is ${raw.length} bytes; content files are limited to ${MAX_SOURCE_BYTES}`, source: 'source' }] };
  }
  try {
    return { path, source: parseSource(STDIN_NAME, path, raw), diagnostics: [] };
  } catch (err) {
    if (err instanceof DiagnosticError) return { path, diagnostics: err.diagnostics };
    throw err;
  }
}
