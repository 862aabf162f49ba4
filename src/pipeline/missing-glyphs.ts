// Characters that no face of their role has: the font book draws them as the chain's empty
// glyph (a box), so each is said, with the role, before anyone prints the page.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { FontBook } from '../fonts/book-types.js';
import type { DocumentModel } from '../model/types.js';
import { FONT_ROLES, type FontRole } from '../profile/gbt9704.js';
import { memoByIdentity } from '../util/identity-memo.js';
import { blockText, ownText, type RoleText } from './role-text.js';

/** A block's missing characters by role, kept by the block and book (a batch's shared blocks are looked up once). */
const missingIn = memoByIdentity((t: RoleText, book: FontBook): Record<FontRole, string[]> => Object.fromEntries(FONT_ROLES.map((r) => [r, book.missing(r, t[r])])) as Record<FontRole, string[]>);

/** A warning per role listing the characters that no face of the role's chain has, in the order the text has them. */
export function missingGlyphs(model: DocumentModel, book: FontBook, file = model.meta.title): Diagnostic[] {
  const parts = [...model.sections.flatMap((s) => s.blocks.map((b) => missingIn(blockText(b), book))), missingIn(ownText(model), book)];
  const out: Diagnostic[] = [];
  for (const role of FONT_ROLES) {
    const missing = [...new Set(parts.flatMap((p) => p[role]))];
    if (missing.length) {
      out.push({
        file, line: 0, column: 0, severity: 'warning', ruleId: 'font-missing-glyph', source: 'render',
        message: `no ${role} font has ${missing.map((c) => `${c} (U+${c.codePointAt(0)!.toString(16).toUpperCase()})`).join(', ')}: add a font that has them to fonts/`,
      });
    }
  }
  return out;
}
