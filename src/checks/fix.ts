// check --fix: applies the replacements the rules suggest when they are safe — full-width
// punctuation (punct-halfwidth, quotes-straight), 〔〕 in a 文号 (doc-number, cited-doc-number),
// —— and …… (dash, ellipsis), a date whose numbers are clear (date-format: 2026年03月02日 →
// 2026年3月2日, the date the message states). Safe means the replacement only changes how a mark is written,
// never a word: other rules' findings (a skipped heading number, a short plan) need a person.
// Fixes are applied to the content file only (not a template's or data file's cells), last
// first so that earlier columns stay right; a fix overlapping one already taken waits for the
// next run. Each change is returned (file:line: old → new), for the command to print; a dry run
// returns them without writing.

import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Diagnostic, Fix } from '../diagnostics/diagnostic.js';
import { writeFileAtomic } from '../util/atomic-write.js';

export const SAFE_FIX_RULES: ReadonlySet<string> = new Set(['punct-halfwidth', 'quotes-straight', 'doc-number', 'cited-doc-number', 'dash', 'ellipsis', 'date-format']);

/** One change --fix made (or would make): the text replaced on a line, and its replacement. */
export interface FixChange {
  file: string;
  line: number;
  old: string;
  new: string;
}

/** The text with the fixes applied; `applied` counts them, `changes` says each (last line first). */
export function applyFixes(text: string, fixes: readonly Fix[]): { text: string; applied: number; changes: { line: number; old: string; new: string }[] } {
  const lines = text.split('\n');
  const sorted = fixes.filter((f) => f.line === f.endLine && f.endColumn >= f.column).sort((a, b) => b.line - a.line || b.column - a.column);
  let applied = 0;
  const changes: { line: number; old: string; new: string }[] = [];
  let last: Fix | undefined;
  for (const f of sorted) {
    if (last && last.line === f.line && f.endColumn > last.column) continue; // overlaps the one after it
    const chars = [...(lines[f.line - 1] ?? '')];
    if (f.endColumn - 1 > chars.length) continue;
    const old = chars.splice(f.column - 1, f.endColumn - f.column, ...f.text).join('');
    changes.push({ line: f.line, old, new: f.text });
    lines[f.line - 1] = chars.join('');
    applied++;
    last = f;
  }
  return { text: lines.join('\n'), applied, changes };
}

/** Applies the safe fixes of `diags` to their files (not with `dryRun`); returns each change, in file order. */
/**
 * `projectDir`: a content file that is a link is fixed at its target, which must lie inside the
 * project (before, the link was replaced by a fixed copy and its target stayed unfixed).
 */
export async function fixFiles(diags: readonly Diagnostic[], opts: { dryRun?: boolean; projectDir?: string } = {}): Promise<FixChange[]> {
  const byFile = new Map<string, Fix[]>();
  for (const d of diags) {
    if (!d.fix || !SAFE_FIX_RULES.has(d.ruleId)) continue;
    const list = byFile.get(d.file) ?? [];
    if (!list.some((f) => f.line === d.fix!.line && f.column === d.fix!.column)) list.push(d.fix);
    byFile.set(d.file, list);
  }
  const done: FixChange[] = [];
  for (const [file, fixes] of byFile) {
    const abs = resolve(file);
    const text = await readFile(abs, 'utf8');
    // Files are read with CRLF normalised (source/read.ts): keep the file's own line ends.
    const crlf = text.includes('\r\n');
    const out = applyFixes(crlf ? text.replace(/\r\n/g, '\n') : text, fixes);
    if (out.applied === 0) continue;
    if (!opts.dryRun) await writeFileAtomic(abs, crlf ? out.text.replace(/\n/g, '\r\n') : out.text, { followLinksInside: opts.projectDir ?? dirname(abs) });
    done.push(...out.changes.reverse().map((c) => ({ file, ...c })));
  }
  return done;
}
