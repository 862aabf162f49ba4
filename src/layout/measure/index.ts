// Measures of the layout stage: the width of text and of table columns.

import type { DocumentModel, TableBlock } from '../../model/types.js';
import { LANDSCAPE, PAGE } from '../../profile/gbt9704.js';
import { allocateTable } from './columns.js';
import { memoByIdentity, sharedTable } from '../../util/identity-memo.js';

/** A table allocated at a width: once per table a batch's documents share (util/identity-memo.ts). */
const allocated = memoByIdentity((t: TableBlock, widthMm: number) => allocateTable(t, widthMm).table, sharedTable);

export { allocateTable, allocateWidths, isFigure } from './columns.js';
export { gridWidth, textWidth } from './text-width.js';

/**
 * The model with every table's column shares allocated from its content, its cell text broken
 * into lines, and its figures right-aligned (pure). Idempotent: the breaks it wrote are taken
 * out and made again.
 */
export function fillColumnWidths(model: DocumentModel): DocumentModel {
  return {
    ...model,
    sections: model.sections.map((s) => {
      const width = s.orientation === 'landscape' ? LANDSCAPE.textWidthMm : PAGE.textWidthMm;
      return { ...s, blocks: s.blocks.map((b) => (b.type === 'table' ? allocated(b, width) : b)) };
    }),
  };
}
