// Characters that no face of their role has: the font book draws them as the chain's empty
// glyph (a box), so each is said, with the role, before anyone prints the page.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { FontBook } from '../fonts/book-types.js';
import type { DocumentModel } from '../model/types.js';
import type { FontRole } from '../profile/gbt9704.js';
import { textByRole } from './role-text.js';

const ROLES: readonly FontRole[] = ['fangsong', 'xiaobiaosong', 'heiti', 'kaiti', 'song'];

/** A warning per role listing the characters that no face of the role's chain has. */
export function missingGlyphs(model: DocumentModel, book: FontBook, file = model.meta.title): Diagnostic[] {
  const text = textByRole(model);
  const out: Diagnostic[] = [];
  for (const role of ROLES) {
    const missing = book.missing(role, text[role]);
    if (missing.length) {
      out.push({
        file, line: 0, column: 0, severity: 'warning', ruleId: 'font-missing-glyph', source: 'render',
        message: `no ${role} font has ${missing.map((c) => `${c} (U+${c.codePointAt(0)!.toString(16).toUpperCase()})`).join(', ')}: add a font that has them to fonts/`,
      });
    }
  }
  return out;
}
