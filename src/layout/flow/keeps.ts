// What stays together, written into the model for the renderers to draw (they decide none of it):
// a table's head with its first body rows and the rows of a merged cell that is not cut at page
// starts (tables/rows.ts, measured there against Chromium's print, when it drew the PDF), and
// the body's last paragraph with the 附件说明 or 署名 after it (§7.3.5.3: they never stand on a
// page without body text). That paragraph stays one paragraph (the clerk edits it in Word); the DOCX holds it by Word's own
// means, keep-with-next, and keep-lines-together when it is short ('whole'). LibreOffice moves a
// keep-with-next paragraph whole whatever it is told (content/2020-183.md: its 5-line paragraph
// went to page 2 with the signature, widow control on or off), so a short paragraph moves whole
// in every output; a longer one ('lines') may be split, its last two lines going over, and the
// DOCX holds it only where the paginator carried its lines over or where, moved whole, it stands
// with the signature on one page (distribute.ts, `held`): a 20-line paragraph held where the
// signature fitted after it went over whole in LibreOffice, a page past the PDF's content (a
// text-only notice of 25 paragraphs: the 版记 on odd page 9; test/docx-lo-imprint.test.ts). The
// body's first paragraph (right after the 主送 or the title) is not held: moved whole it would
// leave page 1 without body text (§7.3.3, content/2020-183.md in LibreOffice), the worse fault.
import type { Block, DocumentModel, ParagraphBlock, TableBlock } from '../../model/types.js';
import { NOMINAL } from '../measure/text-width.js';
import { paragraphLines } from './units.js';
import { keptRows, pageStartAllowed } from '../tables/rows.js';
import { memoByIdentity, sharedTable } from '../../util/identity-memo.js';

/** The longest last paragraph that moves whole with the signature: a quarter of a page. */
export const KEEP_WHOLE_MAX_LINES = 5;

export function fillKeeps(model: DocumentModel): DocumentModel {
  return {
    ...model,
    sections: model.sections.map((s) => ({ ...s, blocks: s.blocks.map((b, i) => keepsOf(b, s.blocks[i + 1], s.blocks[i - 1])) })),
  };
}

function keepsOf(b: Block, next: Block | undefined, prev: Block | undefined): Block {
  if (b.type === 'table') return tableKeeps(b);
  const first = prev === undefined || prev.type === 'recipients' || prev.type === 'title';
  if (b.type === 'paragraph' && !first && (next?.type === 'attachmentNote' || next?.type === 'signature')) return paragraphKeeps(b);
  return b;
}

// Once per paragraph a batch's documents share (util/identity-memo.ts).
const paragraphKeeps = memoByIdentity(keepsOfParagraph);

function keepsOfParagraph(b: ParagraphBlock): ParagraphBlock {
  const lines = paragraphLines(b, NOMINAL);
  return { ...b, keepWithNext: lines <= KEEP_WHOLE_MAX_LINES ? 'whole' : 'lines' };
}

const tableKeeps = memoByIdentity(keepsOfTable, sharedTable);

function keepsOfTable(t: TableBlock): TableBlock {
  const allowed = pageStartAllowed(t);
  const within = allowed.flatMap((ok, r) => (ok ? [] : [r]));
  return { ...t, keptRows: t.headerRows > 0 ? keptRows(t) : 0, ...(within.length ? { keepWithPrevious: within } : {}) };
}
