// The page-flow keeps of issue 9: a table's head with two body rows
// (placeRows, keptRows, the paginator), the body's last paragraph that keeps with the signature
// (whole, by Word's keep-with-next), hard line breaks that keep the indent, and the flags the
// DOCX writes for them.
import { describe, expect, it } from 'vitest';
import { breakGridLines, gridLinesOf } from '../src/layout/lines/grid-lines.js';
import { KEEP_WHOLE_MAX_LINES } from '../src/layout/flow/keeps.js';
import { KEPT_ROWS, keptRows, placeRows, rowHeights } from '../src/layout/tables/rows.js';
import { GRID, TABLE } from '../src/profile/gbt9704.js';
import { distribute } from '../src/layout/flow/distribute.js';
import { unitsOf } from '../src/layout/flow/units.js';
import { LINE_PT, TEXT_HEIGHT_PT, TEXT_WIDTH_PT } from '../src/layout/measure/metrics.js';
import { renderDocx, renderDocxSync } from '../src/write/docx/index.js';
import { layoutDocument, prepareLayout } from '../src/layout/index.js';
import type { Block, DocumentModel, TableBlock, TableCell } from '../src/model/types.js';
import { unzipSync, strFromU8 } from 'fflate';

const cell = (text: string): TableCell => ({ paragraphs: [[{ text }]] });
/** A table of `head` head rows and `body` body rows, two columns. */
const table = (head: number, body: number): TableBlock => ({
  type: 'table',
  columns: [{ share: 0.5 }, { share: 0.5 }],
  headerRows: head,
  rows: [...Array(head + body).keys()].map((r) => [cell(r < head ? '指标' : `行${r}`), cell('1')]),
  size: 'body',
});
const H = 600;

describe('placeRows: a head keeps two body rows on the page the table starts', () => {
  it('keptRows: the head and two body rows; fewer when the table is shorter; one row without a head', () => {
    expect(KEPT_ROWS).toBe(2);
    expect(keptRows(table(1, 8))).toBe(3);
    expect(keptRows(table(2, 8))).toBe(4);
    expect(keptRows(table(1, 1))).toBe(2);
    expect(keptRows(table(0, 8))).toBe(1);
  });

  // Rows of 30 pt; the head and two rows need 90 pt.
  const heights = Array(9).fill(30);
  it.each([
    // [room left on the page, page of the first body row]
    [90, 0],
    [89, 1], // head + one row would fit: the table moves (was: head + 1 row at the foot)
    [60, 1],
    [31, 1],
    [120, 0],
  ])('with %i pt left the first body row is on page %i', (room, page) => {
    const p = placeRows(table(1, 8), heights, H - room, H);
    expect(p.rowPage[1]).toBe(page);
    expect(p.rowPage[0]).toBe(page); // the head with it
    // Wherever the table starts, its first page holds the head and at least two body rows.
    const first = p.rowPage.filter((x, r) => r > 0 && x === p.rowPage[0]).length;
    expect(first).toBeGreaterThanOrEqual(2);
  });

  it('a page start inside the table repeats the head; the rows after it are counted from the head', () => {
    const p = placeRows(table(1, 8), heights, H - 120, H);
    expect(p.rowPage.slice(0, 4)).toEqual([0, 0, 0, 0]);
    expect(p.pageStarts).toEqual([4]);
    expect(p.endPt).toBe(30 + 5 * 30);
  });

  it('two head rows keep two body rows; a table of one body row keeps it; no head keeps the first row', () => {
    expect(placeRows(table(2, 8), heights, H - 119, H).rowPage[2]).toBe(1);
    expect(placeRows(table(2, 8), heights, H - 120, H).rowPage[2]).toBe(0);
    expect(placeRows(table(1, 1), heights, H - 60, H).rowPage).toEqual([0, 0]);
    expect(placeRows(table(0, 8), heights, H - 30, H).rowPage[0]).toBe(0);
  });

  it('at a page top a group taller than the page runs on (no empty page)', () => {
    const tall = [30, 400, 400, 30];
    const p = placeRows(table(1, 3), tall, 0, H);
    expect(p.rowPage).toEqual([0, 0, 1, 1]);
  });

  it.each([...Array(40).keys()])('the paginator: %i body lines, then a table — never the head and one row at a foot', (k) => {
    const blocks: Block[] = [];
    for (let i = 0; i < k; i++) blocks.push({ type: 'paragraph', runs: [{ text: '文'.repeat(26) }] });
    blocks.push(table(1, 12));
    const model: DocumentModel = { meta: { title: 't', lang: 'zh-CN' }, sections: [{ orientation: 'portrait', pageNumbers: true, part: 'body', blocks }], appendPdfs: [] };
    const f = distribute(model);
    const starts = f.tableStarts.get(0) ?? [];
    // The first page start leaves at least two body rows before it.
    if (starts.length) expect(starts[0]).toBeGreaterThanOrEqual(3);
    // The table starts on the page of the last line exactly when the head and two rows fit below it
    // (after the half line between text and a table).
    const used = k === 0 ? 0 : k % 22 === 0 ? TEXT_HEIGHT_PT : (k % 22) * LINE_PT;
    const kept = rowHeights(blocks[k] as TableBlock, TEXT_WIDTH_PT).slice(0, 3).reduce((a, b) => a + b, 0);
    const moved = used > 0 && used + TABLE.spaceAroundLines * LINE_PT + kept > TEXT_HEIGHT_PT + 0.5;
    expect(f.blockPages[0][k] - (k ? f.blockPages[0][k - 1] : 1)).toBe(moved ? 1 : 0);
  });
});

describe('hard line breaks: every line after one starts at the first-line indent', () => {
  it.each([
    ['联系人：王某某\n联系电话：027-87651009\n报送地址：武汉市东湖新技术开发区高新大道999号', [['联系人：王某某', 2], ['联系电话：027-87651009', 2], ['报送地址：武汉市东湖新技术开发区高新大道999号', 2]]],
    ['联系人\n' + '文'.repeat(30), [['联系人', 2], ['文'.repeat(26), 2], ['文'.repeat(4), 0]]],
    ['文'.repeat(27), [['文'.repeat(26), 2], ['文', 0]]],
  ] as [string, [string, number][]][])('%s', (text, lines) => {
    expect(gridLinesOf(text, 28, 2).map((l) => [l.text, l.indent])).toEqual(lines);
    expect(breakGridLines(text, 28, 2)).toEqual(lines.map((l) => l[0]));
  });
});

/** A notice without 版头: a body paragraph of `n` lines, 附件说明, 署名. */
function notice(n: number, withTable = false): DocumentModel {
  const blocks: Block[] = [];
  if (withTable) blocks.push(table(1, 4));
  const runs = n === 1 ? [{ text: '甲'.repeat(26) }] : [{ text: '甲'.repeat(26) }, { text: '乙'.repeat(28 * (n - 1) - 3), bold: true }, { text: '丙丙丙' }];
  blocks.push({ type: 'paragraph', runs });
  blocks.push({ type: 'attachmentNote', items: ['附件名称'] });
  blocks.push({ type: 'signature', names: ['科技部火炬中心'], date: '2020年11月6日' });
  return { meta: { title: 't', lang: 'zh-CN' }, sections: [{ orientation: 'portrait', pageNumbers: true, part: 'body', blocks }], appendPdfs: [] };
}

describe('the renderers express the keeps', () => {
  it('DOCX: the body\'s last paragraph stays one paragraph, with its indent, and keeps with the 附件说明 (widow control on it); the one before does not keep', async () => {
    const m = notice(3);
    m.sections[0].blocks.unshift({ type: 'paragraph', runs: [{ text: '前文。' }] });
    const x = strFromU8(unzipSync(await renderDocx(prepareLayout(m)))['word/document.xml']);
    const paras = [...x.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<\/w:p>/gs)].map((m) => m[0]);
    const note = paras.findIndex((p) => p.includes('GWAttachmentNote'));
    const text = (p: string) => [...p.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(text(paras[note - 1])).toBe('甲'.repeat(26) + '乙'.repeat(28 * 2 - 3) + '丙丙丙');
    expect(paras[note - 1]).toContain('<w:keepNext/>');
    expect(paras[note - 1]).toContain('<w:widowControl/>');
    expect(paras[note - 1]).toContain('<w:keepLines/>'); // 3 lines: it moves whole, in LibreOffice as in Word
    expect(paras[note - 1]).not.toContain('w:firstLine="0"');
    expect(x).not.toContain('GWBodyTail');
    expect(text(paras[note - 2])).toBe('前文。');
    expect(paras[note - 2]).not.toContain('<w:keepNext/>');
  });

  it('DOCX: a last paragraph longer than KEEP_WHOLE_MAX_LINES may split (no keep-lines-together), still one paragraph', async () => {
    const m = notice(KEEP_WHOLE_MAX_LINES + 1);
    m.sections[0].blocks.unshift({ type: 'paragraph', runs: [{ text: '前文。' }] });
    // Held by the layout's decision (it fits with the 附件说明 and 署名 on a page).
    const x = strFromU8(unzipSync(await renderDocx(layoutDocument(prepareLayout(m)).model))['word/document.xml']);
    const paras = [...x.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<\/w:p>/gs)].map((m) => m[0]);
    const note = paras.findIndex((p) => p.includes('GWAttachmentNote'));
    expect(paras[note - 1]).toContain('<w:keepNext/>');
    expect(paras[note - 1]).not.toContain('<w:keepLines/>');
    expect(paras[note - 1].split('<w:t ').length - 1).toBe(3);
  });

  it('DOCX: the body\'s only paragraph (right after the 主送) is not held: moved whole it would leave page 1 without body', async () => {
    const m = notice(3);
    m.sections[0].blocks.unshift({ type: 'recipients', text: '各省、自治区、直辖市科技厅：' });
    const x = strFromU8(unzipSync(await renderDocx(prepareLayout(m)))['word/document.xml']);
    const paras = [...x.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<\/w:p>/gs)].map((m) => m[0]);
    const note = paras.findIndex((p) => p.includes('GWAttachmentNote'));
    expect(paras[note - 1]).toContain('甲甲');
    expect(paras[note - 1]).not.toContain('<w:keepNext/>');
  });

  it('DOCX: each line after a hard break is a paragraph of the body style (two-character indent), the number on the first only', async () => {
    const m = notice(1);
    m.sections[0].blocks.unshift({ type: 'paragraph', runs: [{ text: '联系人：王某某\n联系电话：' }, { text: '027-87651009', bold: true }, { text: '\n报送地址：武汉市' }] });
    const x = strFromU8(unzipSync(await renderDocx(prepareLayout(m)))['word/document.xml']);
    const paras = [...x.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<\/w:p>/gs)].map((m) => m[0]);
    const text = (p: string) => [...p.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    const at = paras.findIndex((p) => text(p) === '联系人：王某某');
    expect(at).toBeGreaterThanOrEqual(0);
    expect(paras.slice(at, at + 3).map(text)).toEqual(['联系人：王某某', '联系电话：027-87651009', '报送地址：武汉市']);
    for (const p of paras.slice(at, at + 3)) {
      expect(p).toContain('<w:pStyle w:val="GWBody"/>');
      expect(p).not.toContain('<w:br/>');
      expect(p).not.toContain('w:firstLine="0"');
    }
    expect(paras[at + 1]).toContain('<w:b/>');
  });

  it('DOCX: a one-line paragraph stays whole; the head and the first body row keepNext, the second row does not', async () => {
    const m = notice(1, true);
    const x = strFromU8(unzipSync(await renderDocx(prepareLayout(m)))['word/document.xml']);
    expect(x.split('甲').length - 1).toBe(26);
    const rows = [...x.matchAll(/<w:tr>(?:(?!<\/w:tr>).)*?<\/w:tr>/gs)].map((r) => r[0]);
    expect(rows).toHaveLength(5);
    expect(rows[1]).toContain('<w:keepNext/>');
    expect(rows[2]).not.toContain('<w:keepNext/>');
    expect(rows[0]).toContain('<w:tblHeader/>');
  });

});

/**
 * A notice without 版头: a first paragraph of `f` lines, the last of `n` lines, 署名 (and a
 * 附件说明 when `note`), on the grid's 28 characters a line.
 */
function tailNotice(f: number, n: number, note = false): DocumentModel {
  const para = (k: number, c: string): Block => ({ type: 'paragraph', runs: [{ text: c.repeat(GRID.charsPerLine - 2 + GRID.charsPerLine * (k - 1)) }] });
  const blocks: Block[] = [para(f, '甲'), para(n, '乙')];
  if (note) blocks.push({ type: 'attachmentNote', items: ['附件名称'] });
  blocks.push({ type: 'signature', names: ['科技部火炬中心'], date: '2020年11月6日' });
  return { meta: { title: 't', lang: 'zh-CN' }, sections: [{ orientation: 'portrait', pageNumbers: true, part: 'body', blocks }], appendPdfs: [] };
}

// Issue 21: LibreOffice moves a keep-with-next paragraph whole, where Word carries its last lines.
// A 20-line last paragraph held where the signature fitted after it ran LibreOffice's content a
// page past the PDF's (text-only notices of 25 and 58 paragraphs: the 版记 on an odd page). So
// a long ('lines') last paragraph is held only by the layout's decision: where the paginator
// carried its last lines over to the signature's page, or where it stands with the signature on
// one page when moved whole; a short one ('whole') always.
describe('the DOCX holds the body\'s last paragraph where the layout decided to', () => {
  const H = TEXT_HEIGHT_PT;
  const cases = [...Array(44).keys()].flatMap((i) => [1, 2, 6, 11, 17, 18, 20, 22, 30].flatMap((n) => [[i + 1, n, false], [i + 1, n, true]] as [number, number, boolean][]));
  const seen = { carried: 0, fits: 0, free: 0 };

  it.each([
    // [first paragraph's lines, last paragraph's lines, held]
    [1, 20, true], // lines 2–21: the signature does not fit after it, its last two lines go over
    [10, 20, false], // page 2, lines 9–20 left: the signature fits after it (text25's shape)
    [10, 11, true], // moved whole, it stands with the signature on a page
    [10, 3, true], // short: always whole
    [12, 30, true], // its 20 lines after the page break fill page 2: the last two go over (the signature stood alone on page 3)
  ])('first paragraph of %i lines, last of %i: held %s', (f, n, held) => {
    const x = strFromU8(unzipSync(renderDocxSync(layoutDocument(prepareLayout(tailNotice(f, n))).model))['word/document.xml']);
    const paras = [...x.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<\/w:p>/gs)].map((m) => m[0]);
    const last = paras.findIndex((p) => p.includes('乙'));
    expect(paras[last].includes('<w:keepNext/>')).toBe(held);
    expect(paras[last - 1]).not.toContain('<w:keepNext/>');
  });

  it.each(cases)('first paragraph of %i lines, last of %i (附件说明: %s): keep-with-next by the paginator\'s decision', (f, n, note) => {
    const prepared = prepareLayout(tailNotice(f, n, note));
    const laid = layoutDocument(prepared);
    const flow = distribute(prepared);
    const blocks = prepared.sections[0].blocks;
    // What must stand with the last paragraph, in points (the layout's own units of those blocks).
    const tail = blocks.slice(2).flatMap((b, i) => unitsOf(b, blocks[i + 1], 0, [])).reduce((a, u) => a + ('lines' in u ? (u.lines + ((u.kind === 'box' && u.marginLines) || 0)) * LINE_PT : 0), 0);
    // Carried: a piece of it ends with room for another line on its page, its lines going on.
    const pieces = flow.pieces.filter((p) => p.kind === 'lines' && p.block === 1);
    const carried = pieces.slice(0, -1).some((p) => p.kind === 'lines' && p.y + (p.count + 1) * LINE_PT <= H + 0.01);
    const fits = n * LINE_PT + tail <= H;
    const whole = n <= KEEP_WHOLE_MAX_LINES;
    const held = carried || fits;
    if (carried && !fits) seen.carried++;
    if (fits) seen.fits++;
    if (!held) seen.free++;
    expect(laid.facts.held.some((h) => h.section === 0 && h.block === 1)).toBe(held);
    expect(laid.model.sections[0].blocks[1]).toMatchObject({ keepWithNext: whole ? 'whole' : 'lines', ...(held ? { held: true } : {}) });
    const x = strFromU8(unzipSync(renderDocxSync(laid.model))['word/document.xml']);
    const paras = [...x.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<\/w:p>/gs)].map((m) => m[0]);
    const last = paras.findIndex((p) => p.includes('乙'));
    expect(paras[last].includes('<w:keepNext/>'), 'keep-with-next').toBe(held || whole);
    expect(paras[last].includes('<w:keepLines/>'), 'keep-lines-together').toBe(whole);
    expect(paras[last - 1]).not.toContain('<w:keepNext/>');
    // The paginator never leaves the signature without body text above it (§7.3.5.3), also
    // where the paragraph's lines left after a page break fill the next page (they were not
    // carried over: the signature stood alone on the page after them).
    const sig = flow.pieces.find((p) => p.block === blocks.length - 1)!;
    expect(pieces.at(-1)!.page).toBe(sig.page);
  });

  it('the cases cover each decision: carried over though too long to move whole, fitting a page, not held', () => {
    expect(seen.carried).toBeGreaterThan(10);
    expect(seen.fits).toBeGreaterThan(10);
    expect(seen.free).toBeGreaterThan(10);
  });
});
