// What stays together, written into the model for the renderers to draw (they decide none of it):
// a table's head with its first body rows and the rows of a merged cell that is not cut at page
// starts (tables/rows.ts, measured against Chromium there). The body's last paragraph keeps
// with the 附件说明 or 署名 (§7.3.5.3) by the writers' own means: the DOCX marks it
// keep-with-next (write/docx/blocks.ts), the paginator carries its last lines over.
import type { Block, DocumentModel, TableBlock } from '../../model/types.js';
import { keptRows, pageStartAllowed } from '../tables/rows.js';

export function fillKeeps(model: DocumentModel): DocumentModel {
  return {
    ...model,
    sections: model.sections.map((s) => ({ ...s, blocks: s.blocks.map(keepsOf) })),
  };
}

function keepsOf(b: Block): Block {
  return b.type === 'table' ? tableKeeps(b) : b;
}

function tableKeeps(t: TableBlock): TableBlock {
  const allowed = pageStartAllowed(t);
  const within = allowed.flatMap((ok, r) => (ok ? [] : [r]));
  return { ...t, keptRows: t.headerRows > 0 ? keptRows(t) : 0, ...(within.length ? { keepWithPrevious: within } : {}) };
}
