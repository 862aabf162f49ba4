// Where a printed table's pages start, from the pages its row markers were reported on: the
// Chromium path's layout print (measuredFacts), which no caller uses now.
import type { TableBlock } from '../../model/types.js';
import { rowMarkName } from '../measure/positions.js';

/** Rows of table `index` (document order) that start a page, from the row markers' pages. */
export function pageStartRows(t: TableBlock, index: number, pageOf: Map<string, number>): number[] {
  const starts: number[] = [];
  for (let r = t.headerRows + 1; r < t.rows.length; r++) {
    const a = pageOf.get(rowMarkName(index, r - 1));
    const b = pageOf.get(rowMarkName(index, r));
    if (a !== undefined && b !== undefined && a !== b) starts.push(r);
  }
  return starts;
}
