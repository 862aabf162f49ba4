// Tables in document order: the index that row markers, page starts and the facts use.
import type { DocumentModel, TableBlock } from '../../model/types.js';

export function tablesOf(model: DocumentModel): TableBlock[] {
  return model.sections.flatMap((s) => s.blocks.filter((b): b is TableBlock => b.type === 'table'));
}
