// Where a missing glyph is: the PDF stage knows which characters no font of a role has, not
// where they came from. Each gets its own warning at its first occurrence in the document's
// source files (the content file, then its attachments), so an editor can jump to it; a
// character that only a data record holds stays at the file.

import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../source/types.js';

const CHAR = /(\S+) \(U\+([0-9A-F]{4,6})\)/g;

function place(sources: readonly SourceFile[], ch: string): { file: string; line: number; column: number } | undefined {
  for (const s of sources) {
    const at = s.text.indexOf(ch);
    if (at < 0) continue;
    const before = s.text.slice(0, at);
    const line = before.split('\n').length;
    const column = [...before.slice(before.lastIndexOf('\n') + 1)].length + 1;
    return { file: s.path, line, column };
  }
  return undefined;
}

/** Splits `font-missing-glyph` warnings into one per character, at its place in the sources. */
export function placeMissingGlyphs(diags: readonly Diagnostic[], sources: readonly SourceFile[], file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of diags) {
    if (d.ruleId !== 'font-missing-glyph') {
      out.push({ ...d, file });
      continue;
    }
    const role = /^no (\S+) font has/.exec(d.message)?.[1] ?? '';
    for (const m of d.message.matchAll(CHAR)) {
      const ch = String.fromCodePoint(parseInt(m[2], 16));
      const where = place(sources, ch) ?? { file, line: 0, column: 0 };
      out.push({ ...d, ...where, message: `no ${role} font has ${ch} (U+${m[2]}): add a font that has it to fonts/` });
    }
  }
  return out;
}
