// What stays together, written into the model for the renderers to draw (they decide none of it):
// a table's head with its first body rows and the rows of a merged cell that is not cut at page
// starts (tables/rows.ts, measured against Chromium there), and the last line of the body's
// paragraph before the 附件说明 or 署名 (§7.3.5.3: they never stand on a page without body text;
// the DOCX sets that line apart because LibreOffice moves a whole keep-with-next paragraph).
import type { Block, DocumentModel, ParagraphBlock, TableBlock } from '../../model/types.js';
import { BODY, GRID } from '../../profile/gbt9704.js';
import { lastLineStart } from '../lines/grid-lines.js';
import { keptRows, pageStartAllowed } from '../tables/rows.js';

export function fillKeeps(model: DocumentModel): DocumentModel {
  return {
    ...model,
    sections: model.sections.map((s) => ({ ...s, blocks: s.blocks.map((b, i) => keepsOf(b, s.blocks[i + 1])) })),
  };
}

function keepsOf(b: Block, next: Block | undefined): Block {
  if (b.type === 'table') return tableKeeps(b);
  if (b.type === 'paragraph' && (next?.type === 'attachmentNote' || next?.type === 'signature')) return paragraphKeeps(b);
  return b;
}

function tableKeeps(t: TableBlock): TableBlock {
  const allowed = pageStartAllowed(t);
  const within = allowed.flatMap((ok, r) => (ok ? [] : [r]));
  return { ...t, keptRows: t.headerRows > 0 ? keptRows(t) : 0, ...(within.length ? { keepWithPrevious: within } : {}) };
}

function paragraphKeeps(b: ParagraphBlock): ParagraphBlock {
  if (b.align === 'center' || b.align === 'right') return b;
  const prefix = b.number ?? b.bullet ?? '';
  const text = b.runs.map((r) => r.text).join('');
  const indent = b.indent === 'none' ? 0 : BODY.firstLineChars;
  const at = lastLineStart(prefix + text, GRID.charsPerLine, indent) - prefix.length;
  return at > 0 && at < text.length ? { ...b, lastLineAt: at } : b;
}
