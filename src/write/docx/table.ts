// Content tables: column widths from the model's shares of the text width, header rows
// repeated on every page (tblHeader), rows that never split (cantSplit), and merges written
// by us: gridSpan for column spans, vMerge restart/continue for row spans (the docx library's
// rowSpan misbehaves with columnSpan, docx #514/#695). Tables leave the body grid and are laid
// out like the PDF's: lines exactly TABLE.lineFactor × the size (CSS line-height), TABLE.cellPaddingMm
// on every side (CSS padding), no character spacing, so rows wrap at the same widths and
// have the same heights in Word, LibreOffice and the PDF. Cells align vertically as the model
// says (top unless told; name lists centre their merged 省市).
//
// A merge the layout cut at its page starts (splitMergesAtPages, layout/tables/merges: name
// lists, grouped form rows) is written as the layout gives it: a vMerge restart on each page's
// first row, its value shown once on each page as in the PDF. That is right because LibreOffice
// starts its pages on the layout's rows (the paginator counts what LibreOffice adds: each row's
// border, the closing border, the padding on all four sides): measured on 197 generated lists
// of 1–130 rows (short, one-to-five-line and landscape names, with and without a note under
// the table), the 5 lists of content/ and the application's 大类/小类 tables, every page began on
// the layout's row (test/docx-lo-merges.test.ts, test/list-pages-lo.test.ts). The other ways
// were measured and dropped: a merge written whole shows its value on its first page only
// (2021-45-clusters: 山西's row 13 and 上海's rows 28–29 without 地区 at the tops of pages 2
// and 3); the value repeated in every row of a cut merge showed 山东 eight times on one page
// where the PDF shows it once. An official form's grouped rows are the exception: the layout
// stage writes them as their value in every row (layout/tables/merges.ts unmergeFormRows).

import type { TableBlock, TableCell, CellAlign } from '../../model/types.js';
import { TABLE } from '../../profile/gbt9704.js';
import { BoundedMemo } from '../../util/bounded-memo.js';
import { memoByIdentity } from '../../util/identity-memo.js';
import { paraXml, runsXml, tableLineSpacing, type LinkSink } from './paragraph.js';
import { STYLE } from './styles.js';
import { mmToTw, ptToEighth, ptToHalf } from './units.js';
import { XmlBytes } from './xml.js';

const JC: Record<CellAlign, string> = { left: 'left', center: 'center', right: 'right' };
type VAlign = NonNullable<TableCell['valign']>;
const VALIGN: Record<VAlign, string> = { top: 'top', middle: 'center', bottom: 'bottom' };

/** The cell's vertical alignment; top (the model's default, and Word's) is written as no element. */
function vAlignXml(v: TableCell['valign']): string {
  const val = v ? VALIGN[v] : undefined;
  return val && val !== 'top' ? `<w:vAlign w:val="${val}"/>` : '';
}

/** Column widths in twips that add up exactly to the table width. */
export function columnWidths(shares: number[], width: number): number[] {
  const total = shares.reduce((a, b) => a + (b > 0 ? b : 0), 0) || 1;
  const out = shares.map((s) => Math.floor(((s > 0 ? s : 0) / total) * width));
  const rest = width - out.reduce((a, b) => a + b, 0);
  if (out.length) out[out.length - 1] += rest;
  return out;
}

interface Origin {
  row: number;
  col: number;
  colSpan: number;
  /** The merge's alignment: Word and LibreOffice take it from the restart cell, but the
   * continue cells carry it too so no reader sees a merge with two alignments. */
  valign: TableCell['valign'];
}

/**
 * A table's XML by the table and the text width, across the documents of a process: a batch's
 * notices carry the same annex lists and forms, and writing a 52-row list was 1.6 ms of a
 * notice's 3.5 ms DOCX body. The key is the table's JSON (what tableXml reads is all in it), so
 * the XML is a pure function of it; a table with a link is left out (its relationship ids are
 * the document's), and so are big ones (a long list does not come again, and its key would
 * double what it holds).
 */
const MAX_KEPT_BYTES = 8 * 1024 * 1024;
const kept = new BoundedMemo<string, Uint8Array>(MAX_KEPT_BYTES);
const MAX_KEPT_ROWS = 400;

export function tableXml(t: TableBlock, textWidth: number, links: LinkSink): XmlBytes {
  const bytes = t.rows.length > MAX_KEPT_ROWS ? undefined : keptXml(t, textWidth);
  if (!bytes) return writeTable(t, textWidth, links);
  const out = new XmlBytes();
  out.addBytes(bytes);
  return out;
}

/**
 * The kept XML of a table without links, by the table object first (a batch's documents share
 * their tables by identity, pipeline/blocks-by-content.ts: the JSON key cost 3 % of a batch's main
 * thread), then by its JSON.
 */
const keptXml = memoByIdentity((t: TableBlock, textWidth: number): Uint8Array | undefined => {
  const key = `${textWidth}|${JSON.stringify(t)}`;
  if (key.includes('"link":')) return undefined;
  let bytes = kept.get(key);
  if (!bytes) {
    bytes = writeTable(t, textWidth, NO_LINKS).drain();
    kept.set(key, bytes, bytes.length + key.length);
  }
  return bytes;
});

/** A table without links records none. */
const NO_LINKS: LinkSink = {
  link(): string {
    throw new Error('a table kept by its XML has no links');
  },
};

function writeTable(t: TableBlock, textWidth: number, links: LinkSink): XmlBytes {
  const out = new XmlBytes();
  const ncols = t.columns.length;
  if (ncols === 0) return out;
  const widths = columnWidths(t.columns.map((c) => c.share), textWidth);
  const half = ptToHalf(TABLE.sizePt[t.size]);
  const sizeRPr = t.size === 'list' ? undefined : `<w:sz w:val="${half}"/><w:szCs w:val="${half}"/>`;
  // The style's exact line is the list size's; other sizes get their own.
  const spacing = sizeRPr ? tableLineSpacing(TABLE.sizePt[t.size]) : undefined;

  // Which cell covers each slot: spans are resolved once, so a null slot knows whether it
  // continues a vertical merge (emit a vMerge cell) or sits inside a column span (emit nothing).
  const owner: (Origin | undefined)[][] = t.rows.map(() => new Array<Origin | undefined>(ncols));
  t.rows.forEach((row, r) => {
    for (let c = 0; c < ncols; c++) {
      const cell = row[c];
      if (!cell) continue;
      const rs = Math.max(1, Math.floor(cell.rowSpan ?? 1));
      const cs = Math.max(1, Math.min(ncols - c, Math.floor(cell.colSpan ?? 1)));
      for (let i = r; i < Math.min(t.rows.length, r + rs); i++)
        for (let j = c; j < c + cs; j++) if (!owner[i][j]) owner[i][j] = { row: r, col: c, colSpan: cs, valign: cell.valign };
    }
  });

  const spanWidth = (c: number, cs: number) => widths.slice(c, c + cs).reduce((a, b) => a + b, 0);
  const border = ptToEighth(TABLE.borderPt);
  const pad = mmToTw(TABLE.cellPaddingMm);

  // The head keeps with the first body rows, and the rows of a merged cell that is not cut at
  // page starts keep together, as the layout stage says (keptRows, keepWithPrevious) and the PDF
  // draws them: Word and LibreOffice keep a row with the next when its paragraphs keepNext (the
  // head's style has it).
  const kept = t.keptRows ?? 0;
  const within = new Set(t.keepWithPrevious ?? []);
  const allowed = t.rows.map((_, r) => !within.has(r));
  const cellParas = (cell: TableCell | null, head: boolean, col: number, keep = false): string => {
    const align = cell?.align ?? t.columns[col]?.align ?? (head ? 'center' : 'left');
    const paragraphs = cell && cell.paragraphs.length ? cell.paragraphs : [[]];
    return paragraphs
      .map((runs) =>
        paraXml({
          style: head ? STYLE.tableHead : STYLE.table,
          keepNext: keep || undefined,
          jc: JC[align],
          spacing,
          markRPr: sizeRPr,
          body: runsXml(runs, { size: sizeRPr ? half : undefined, bold: cell?.bold }, links),
        }),
      )
      .join('');
  };

  const b = (side: string) => `<w:${side} w:val="single" w:sz="${border}" w:space="0" w:color="000000"/>`;
  const caption = t.caption ? paraXml({ style: STYLE.tableCaption, body: runsXml([{ text: t.caption }], {}) }) : '';
  out.add(
    caption +
      `<w:tbl><w:tblPr><w:tblW w:w="${textWidth}" w:type="dxa"/><w:jc w:val="center"/>` +
      `<w:tblBorders>${b('top')}${b('left')}${b('bottom')}${b('right')}${b('insideH')}${b('insideV')}</w:tblBorders>` +
      `<w:tblLayout w:type="fixed"/>` +
      `<w:tblCellMar><w:top w:w="${pad}" w:type="dxa"/><w:left w:w="${pad}" w:type="dxa"/><w:bottom w:w="${pad}" w:type="dxa"/><w:right w:w="${pad}" w:type="dxa"/></w:tblCellMar>` +
      `<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>` +
      `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`,
  );
  // Each row goes into the bytes as it is written (a 100,000-row list is 101 MB of XML).
  t.rows.forEach((row, r) => {
    const head = r < t.headerRows;
    const keep = !head && (r < kept - 1 || (r + 1 < t.rows.length && !allowed[r + 1]));
    let cells = '';
    for (let c = 0; c < ncols; ) {
      const cell = row[c];
      const o = owner[r][c];
      if (cell) {
        const cs = o && o.row === r && o.col === c ? o.colSpan : 1;
        const rs = Math.max(1, Math.floor(cell.rowSpan ?? 1));
        cells +=
          `<w:tc><w:tcPr><w:tcW w:w="${spanWidth(c, cs)}" w:type="dxa"/>` +
          (cs > 1 ? `<w:gridSpan w:val="${cs}"/>` : '') +
          (rs > 1 && r + 1 < t.rows.length ? '<w:vMerge w:val="restart"/>' : '') +
          `${vAlignXml(cell.valign)}</w:tcPr>${cellParas(cell, head, c, keep)}</w:tc>`;
        c += cs;
      } else if (o && o.row < r && o.col === c) {
        cells +=
          `<w:tc><w:tcPr><w:tcW w:w="${spanWidth(c, o.colSpan)}" w:type="dxa"/>` +
          (o.colSpan > 1 ? `<w:gridSpan w:val="${o.colSpan}"/>` : '') +
          `<w:vMerge/>${vAlignXml(o.valign)}</w:tcPr>${cellParas(null, head, c, keep)}</w:tc>`;
        c += o.colSpan;
      } else if (o && o.row === r && o.col < c) {
        c++; // inside a column span written by its origin
      } else {
        // A null nobody covers (malformed model): an empty cell keeps the grid whole.
        cells += `<w:tc><w:tcPr><w:tcW w:w="${widths[c]}" w:type="dxa"/></w:tcPr>${cellParas(null, head, c, keep)}</w:tc>`;
        c++;
      }
    }
    out.add(`<w:tr><w:trPr><w:cantSplit/>${head ? '<w:tblHeader/>' : ''}</w:trPr>${cells}</w:tr>`);
  });
  out.add('</w:tbl>');
  return out;
}
