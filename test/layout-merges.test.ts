// A form's merged rows on pages, in the layout stage: a page starts only where no merged cell
// continues (unless the table repeats its merged cells), a merge that does not fit goes to the
// next page whole, and the DOCX keeps the merge's rows together the same way.
import { describe, expect, it } from 'vitest';
import { firstRows, pageStartAllowed, placeRows } from '../src/layout/tables/rows.js';
import { renderDocxSync } from '../src/write/docx/index.js';
import { prepareLayout } from '../src/layout/index.js';
import type { DocumentModel, TableBlock, TableCell } from '../src/model/types.js';

const c = (text: string, x: Partial<TableCell> = {}): TableCell => ({ paragraphs: [[{ text }]], ...x });

/** `n` body rows; column 0 merged over the rows given as [start, span]; an optional head row. */
function form(n: number, merges: [number, number][], head = 0, repeat = false): TableBlock {
  const rows: (TableCell | null)[][] = [];
  if (head) rows.push([c('类'), c('名')]);
  const cover = new Set<number>();
  for (const [s, k] of merges) for (let i = s + 1; i < s + k; i++) cover.add(i);
  for (let i = 0; i < n; i++) {
    const merge = merges.find(([s]) => s === i);
    rows.push([merge ? c('合并', { rowSpan: merge[1], valign: 'middle' }) : cover.has(i) ? null : c('单'), c(`第${i}行`)]);
  }
  return { type: 'table', columns: [{ share: 0.3 }, { share: 0.7 }], headerRows: head, rows, size: 'small', fixedColumns: true, ...(repeat ? { repeatMergedOnBreak: true } : {}) };
}

const H = 100; // a page of 100 pt, rows of 10
const tens = (t: TableBlock) => t.rows.map(() => 10);

describe('pageStartAllowed', () => {
  it('forbids a page start inside a merge, allows it at the merge\'s first row and after it', () => {
    expect(pageStartAllowed(form(6, [[1, 3]]))).toEqual([true, true, false, false, true, true]);
  });
  it('allows every row in a table that repeats its merged cells (they are cut at page starts)', () => {
    expect(pageStartAllowed(form(6, [[1, 3]], 0, true)).every(Boolean)).toBe(true);
  });
  it('counts the head: a merge in body rows of a table with a head', () => {
    expect(pageStartAllowed(form(4, [[0, 2]], 1))).toEqual([true, true, false, true, true]);
  });
});

describe('placeRows with a closing border (what Word and LibreOffice add below a page\'s last row)', () => {
  it('a page\'s rows leave room for it: ten rows of 10 pt fill a 100 pt page without it, nine with it', () => {
    const t = form(20, []);
    expect(placeRows(t, tens(t), 0, H, 0.01).pageStarts).toEqual([10]);
    expect(placeRows(t, tens(t), 0, H, 0.01, 0.75).pageStarts).toEqual([9, 18]);
    expect(placeRows(t, tens(t), 0, H + 0.75, 0.01, 0.75).pageStarts).toEqual([10]);
  });
  it('the text after the table starts below it, and a table that fits only without it moves on', () => {
    const t = form(3, []);
    expect(placeRows(t, tens(t), 40, H, 0.01, 0.75).endPt).toBeCloseTo(70.75);
    expect(placeRows(form(3, [[0, 3]]), tens(t), 70, H, 0.01, 0.75).rowPage[0]).toBe(1);
    expect(placeRows(form(3, [[0, 3]]), tens(t), 69.25, H, 0.01, 0.75).rowPage[0]).toBe(0);
  });
});

describe('placeRows with merged rows', () => {
  it('breaks before a merge that does not fit, not inside it', () => {
    // Rows 7–9 merged; 9 rows of 10 pt fit below 5 pt, the 10th would not: without the merge
    // the page would start at row 9 (inside it), with it at row 7.
    const t = form(12, [[7, 3]]);
    expect(placeRows(t, tens(t), 5, H).pageStarts).toEqual([7]);
    expect(placeRows(form(12, []), tens(t), 5, H).pageStarts).toEqual([9]);
  });
  it('puts a page start inside a merge taller than the page (nothing else would do)', () => {
    const t = form(25, [[0, 25]]);
    expect(placeRows(t, tens(t), 0, H).pageStarts).toEqual([10, 20]);
  });
  it('moves the table when its first merge does not fit where it starts', () => {
    const t = form(8, [[0, 3]]);
    expect(firstRows(t)).toBe(3);
    const p = placeRows(t, tens(t), 75, H); // room for two rows, the merge needs three
    expect(p.rowPage[0]).toBe(1);
    expect(p.pageStarts).toEqual([]);
    // Room for three: the table stays.
    expect(placeRows(t, tens(t), 70, H).rowPage[0]).toBe(0);
  });
  it('keeps the head with its kept rows and the merge they are in', () => {
    const t = form(8, [[1, 4]], 1);
    expect(firstRows(t)).toBe(6); // head, rows 0–1 kept, the merge to row 4 (index 5)
  });
});

describe('DOCX: the rows of a merge keep together', () => {
  const doc = (t: TableBlock): DocumentModel => ({
    meta: { title: 't', lang: 'zh-CN' },
    sections: [{ orientation: 'portrait', pageNumbers: true, part: 'body', blocks: [t] }],
    appendPdfs: [],
  });
  const rowsOf = async (t: TableBlock) => {
    const { unzipSync, strFromU8 } = await import('fflate');
    const xml = strFromU8(unzipSync(renderDocxSync(prepareLayout(doc(t))))['word/document.xml']);
    return [...xml.matchAll(/<w:tr>.*?<\/w:tr>/g)].map((m) => m[0].includes('<w:keepNext/>'));
  };
  it('marks every row of a merge but its last keep-with-next', async () => {
    expect(await rowsOf(form(6, [[1, 3]]))).toEqual([false, true, true, false, false, false]);
  });
  it('leaves a repeating table\'s merges free (they are cut at page starts)', async () => {
    expect(await rowsOf(form(6, [[1, 3]], 0, true))).toEqual([false, false, false, false, false, false]);
  });
});
