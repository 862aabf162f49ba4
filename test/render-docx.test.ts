// write/docx: unzip the DOCX we write and check the WordprocessingML a word processor reads,
// then open one in LibreOffice (a real client) and read its PDF with poppler.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderDocx, renderDocxSync } from '../src/write/docx/index.js';
import { chineseCounting } from '../src/write/docx/numbering.js';
import { signatureColumns } from '../src/write/docx/blocks.js';
import { markSizePt } from '../src/write/docx/red-header.js';
import { noticeModel, listTable } from './fixtures/notice-model.js';
import { splitMergesAtPages } from '../src/layout/tables/merges.js';
import { TABLE } from '../src/profile/gbt9704.js';
import { layoutDocument, prepareLayout } from '../src/layout/index.js';
import type { DocumentModel, TableBlock, TableCell } from '../src/model/types.js';
import { sofficeToPdf } from './helpers/soffice.js';

type Parts = Record<string, string>;
function parts(docx: Uint8Array): Parts {
  const files = unzipSync(docx);
  const out: Parts = {};
  for (const [name, data] of Object.entries(files)) out[name] = strFromU8(data);
  return out;
}
const count = (s: string, re: RegExp) => (s.match(new RegExp(re.source, 'g')) ?? []).length;
/** The w:style element with the given display name. */
function style(styles: string, name: string): string {
  const m = styles.match(new RegExp(`<w:style [^>]*>(?:(?!</w:style>).)*?<w:name w:val="${name}"/>.*?</w:style>`, 's'));
  return m ? m[0].slice(m[0].lastIndexOf('<w:style ')) : '';
}

/** 52 rows: seed 000's annex size, provinces merged over runs of rows. */
function bigModel(): DocumentModel {
  const m = noticeModel();
  const rows: [string, string, string][] = [];
  const provs = ['北京', '天津', '河北', '山西', '内蒙古', '辽宁', '吉林', '江苏', '浙江', '安徽', '福建', '江西', '山东'];
  for (let i = 0; i < 52; i++) rows.push([`tjjd${320215100 + i}`, `国家火炬第${i + 1}号特色产业基地`, provs[Math.floor(i / 4)]]);
  (m.sections[1].blocks as unknown[])[2] = listTable(rows);
  return m;
}

describe('write/docx: package and styles', () => {
  let p: Parts;
  beforeAll(async () => {
    // The writer alone, on the model as compiled: what it writes of its own accord (the keeps
    // test below lays the notice out too, to see the layout's flags written).
    p = parts(await renderDocx(noticeModel()));
  });

  it('writes the parts Word needs', () => {
    for (const name of ['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/styles.xml', 'word/numbering.xml', 'word/settings.xml', 'word/fontTable.xml', 'word/footer1.xml', 'word/footer2.xml', 'docProps/core.xml'])
      expect(p[name], name).toBeTruthy();
    expect(p['word/_rels/document.xml.rels']).toContain('Target="https://tyrz.chinatorch.org.cn" TargetMode="External"');
  });

  it('has a named paragraph style for every element and level', () => {
    const names = ['GW Body', 'GW Heading 1', 'GW Heading 2', 'GW Heading 3', 'GW Heading 4', 'GW Title', 'GW Red Mark', 'GW Doc Number', 'GW Recipients', 'GW Attachment Note', 'GW Signature', 'GW Date', 'GW Note', 'GW Annex Label', 'GW Annex Title', 'GW Table', 'GW Table Head', 'GW Imprint', 'GW TOC 1', 'GW TOC 2', 'GW TOC 3'];
    for (const n of names) expect(style(p['word/styles.xml'], n), n).not.toBe('');
    // The body uses them.
    const doc = p['word/document.xml'];
    for (const id of ['GWBody', 'GWHeading1', 'GWHeading2', 'GWHeading3', 'GWHeading4', 'GWTitle', 'GWRedMark', 'GWDocNumber', 'GWRecipients', 'GWAttachmentNote', 'GWSignature', 'GWDate', 'GWNote', 'GWAnnexLabel', 'GWAnnexTitle', 'GWTable', 'GWTableHead', 'GWImprint'])
      expect(doc, id).toContain(`<w:pStyle w:val="${id}"/>`);
  });

  it('names the official fonts for every role, all four slots, no theme fonts', () => {
    const s = p['word/styles.xml'];
    expect(s).not.toMatch(/Theme=/);
    expect(p['word/document.xml']).not.toMatch(/Theme=/);
    expect(style(s, 'Normal')).toContain('w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="仿宋_GB2312" w:cs="Times New Roman"');
    expect(style(s, 'GW Heading 1')).toContain('w:eastAsia="黑体"');
    expect(style(s, 'GW Heading 2')).toContain('w:eastAsia="楷体_GB2312"');
    expect(style(s, 'GW Title')).toContain('w:eastAsia="方正小标宋简体"');
    expect(style(s, 'GW Table Head')).toContain('w:eastAsia="黑体"');
    expect(p['word/fontTable.xml']).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
    expect(p['word/fontTable.xml']).toContain('<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/>');
  });

  it('sizes: Normal 3号 (w:sz 32), title 2号 (44), tables 4号 (28), exact 579-twip body lines', () => {
    const s = p['word/styles.xml'];
    expect(style(s, 'Normal')).toContain('<w:sz w:val="32"/>');
    expect(style(s, 'Normal')).toContain('w:line="579" w:lineRule="exact"');
    expect(style(s, 'GW Title')).toContain('<w:sz w:val="44"/>');
    expect(style(s, 'GW Table')).toContain('<w:sz w:val="28"/>');
    // Table lines: exactly 1.25 × 14 pt = 17.5 pt (the PDF's line-height), characters unspaced.
    expect(style(s, 'GW Table')).toContain('w:line="350" w:lineRule="exact"');
    expect(style(s, 'GW Table')).toContain('<w:spacing w:val="0"/>');
    expect(style(s, 'GW Imprint')).toContain('<w:sz w:val="28"/>');
    expect(style(s, 'GW Body')).toContain('w:firstLineChars="200"');
  });

  it('sets up A4 with the GB/T 9704 margins and the 22-line grid', () => {
    const doc = p['word/document.xml'];
    expect(doc).toContain('<w:pgSz w:w="11906" w:h="16838"/>');
    expect(doc).toContain('<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"');
    // A line grid only: with a character grid LibreOffice fits 27 characters a line.
    expect(doc).toContain('<w:docGrid w:type="lines" w:linePitch="579"/>');
    // 22 lines fit the 225 mm text block.
    expect(22 * 579).toBeLessThanOrEqual(16838 - 2098 - 1984);
  });

  it('numbers headings with real numbering: 一、（一）1.（1）, suffix nothing, one instance per sequence', () => {
    const n = p['word/numbering.xml'];
    expect(n).toContain('<w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/><w:lvlText w:val="%1、"/>');
    expect(n).toContain('<w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/><w:lvlText w:val="（%2）"/>');
    expect(n).toContain('<w:numFmt w:val="decimal"/><w:suff w:val="nothing"/><w:lvlText w:val="%3."/>');
    expect(n).toContain('<w:numFmt w:val="decimal"/><w:suff w:val="nothing"/><w:lvlText w:val="（%4）"/>');
    const doc = p['word/document.xml'];
    // Six headings and two numbered paragraphs, none with a literal number.
    expect(count(doc, /<w:numPr>/)).toBe(8);
    expect(doc).not.toContain('>一、<');
    // Numbered paragraphs keep the body style and its indent.
    expect(doc).toMatch(/<w:pStyle w:val="GWBody"\/><w:numPr><w:ilvl w:val="2"\/><w:numId w:val="1"\/><\/w:numPr><w:ind [^>]*w:firstLineChars="200"/);
  });

  it('restarts numbering per sequence and falls back to literal numbers Word would not draw', () => {
    const m = noticeModel();
    m.sections[1].blocks.push(
      { type: 'heading', level: 1, number: '一、', runs: [{ text: '附件的第一部分' }], id: 'a-1', sequence: 1 },
      { type: 'heading', level: 1, number: '三、', runs: [{ text: '跳号' }], id: 'a-2', sequence: 1 },
      { type: 'heading', level: 2, number: '', runs: [{ text: '无编号' }], id: 'a-3', sequence: 1 },
    );
    const q = parts(renderDocxSync(m));
    expect(q['word/numbering.xml']).toContain('<w:num w:numId="2"><w:abstractNumId w:val="1"/>');
    expect(count(q['word/numbering.xml'], /<w:abstractNum /)).toBe(2);
    expect(q['word/document.xml']).toContain('<w:numId w:val="2"/>');
    expect(q['word/document.xml']).toContain('<w:t xml:space="preserve">三、</w:t>');
    expect(chineseCounting(10)).toBe('十');
    expect(chineseCounting(21)).toBe('二十一');
  });

  it('odd and even footers carry — PAGE —, right and left, one 字 in', () => {
    expect(p['word/settings.xml']).toContain('<w:evenAndOddHeaders/>');
    const odd = p['word/footer1.xml'];
    const even = p['word/footer2.xml'];
    for (const f of [odd, even]) {
      expect(f).toContain('<w:instrText xml:space="preserve"> PAGE </w:instrText>');
      expect(f).toContain('>— </w:t>');
      expect(f).toContain('> —</w:t>');
      expect(f).toContain('<w:pStyle w:val="GWFooter"/>');
    }
    expect(style(p['word/styles.xml'], 'GW Footer')).toContain('w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体" w:cs="宋体"');
    expect(style(p['word/styles.xml'], 'GW Footer')).toContain('<w:sz w:val="28"/>');
    expect(odd).toContain('<w:ind w:left="0" w:right="280" w:firstLine="0"/><w:jc w:val="right"/>');
    expect(even).toContain('<w:ind w:left="280" w:right="0" w:firstLine="0"/><w:jc w:val="left"/>');
    const doc = p['word/document.xml'];
    expect(doc).toContain('<w:footerReference w:type="default" r:id="rIdFooterOdd"/><w:footerReference w:type="even" r:id="rIdFooterEven"/>');
    // Footer line 7 mm below the text block: 35 − 7 mm − one 4号 line from the page foot.
    expect(doc).toMatch(/w:footer="130\d"/);
  });

  it('red header: fitted red 小标宋 mark 35 mm down, number, red rule; title lines broken', () => {
    const doc = p['word/document.xml'];
    const m = noticeModel().sections[0].blocks[0];
    if (m.type !== 'redHeader') throw new Error('fixture');
    const size = markSizePt(m);
    expect(size).toBeLessThanOrEqual(42);
    // The widest stacked line plus the suffix fits 156 mm.
    expect((9 + 2.5) * size).toBeLessThanOrEqual(442.3);
    expect(doc).toContain(`<w:sz w:val="${size * 2}"/>`);
    expect(doc).toContain('w:jc w:val="distribute"');
    expect(doc).toMatch(/<w:pBdr><w:bottom w:val="single" w:sz="12" w:space="\d+" w:color="FF0000"\/><\/w:pBdr>/);
    expect(doc).toContain('>国科火字〔2020〕191号<');
    expect(doc).toContain('关于开展2020年国家火炬特色产业基地</w:t></w:r><w:r><w:br/></w:r><w:r><w:t xml:space="preserve">复核工作的通知');
    expect(style(p['word/styles.xml'], 'GW Red Mark')).toContain('<w:color w:val="FF0000"/>');
  });

  it('signature geometry of §7.3.5.2 on the grid', () => {
    // Name 7 字, date 6.5 字: the date would end 1.5 字 from the edge, so it moves to 2 字 in.
    expect(signatureColumns(['科技部火炬中心'], '2020年11月6日')).toEqual({ name: 17.5, date: 19.5 });
    // A long name: name two 字 in from the right, date two 字 right of its first character.
    expect(signatureColumns(['中华人民共和国科学技术部火炬中心'], '2020年1月6日')).toEqual({ name: 10, date: 12 });
  });

  it('keeps the 附件说明 and the last body paragraph with the signature (never a page of signature alone, §7.3.5)', () => {
    const doc = p['word/document.xml'];
    const paras = [...doc.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<\/w:p>/gs)].map((x) => x[0]);
    const note = paras.findIndex((x) => x.includes('w:val="GWAttachmentNote"'));
    expect(note).toBeGreaterThan(0);
    expect(paras[note]).toContain('<w:keepNext/>');
    // The body's last paragraph keeps by the layout's flag (layout/flow/keeps.ts, keepWithNext),
    // which the writer reads: unflagged here (no layout stage), flagged after it.
    expect(paras[note - 1]).not.toContain('<w:keepNext/>');
    const laid = parts(renderDocxSync(prepareLayout(noticeModel())))['word/document.xml'];
    const lp = [...laid.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<\/w:p>/gs)].map((x) => x[0]);
    const ln = lp.findIndex((x) => x.includes('w:val="GWAttachmentNote"'));
    expect(lp[ln - 1]).toContain('<w:keepNext/>');
    expect(lp[ln - 2]).not.toContain('<w:keepNext/>');
  });

  it('tables: widths from shares, repeated header rows, rows kept whole, vertical merges written out', () => {
    const doc = p['word/document.xml'];
    const tbl = doc.slice(doc.indexOf('<w:tbl><w:tblPr><w:tblW w:w="8845"'));
    expect(tbl).toContain('<w:tblGrid><w:gridCol w:w="707"/><w:gridCol w:w="1769"/><w:gridCol w:w="5307"/><w:gridCol w:w="1062"/></w:tblGrid>');
    expect(count(tbl, /<w:tblHeader\/>/)).toBe(1);
    expect(count(tbl.slice(0, tbl.indexOf('</w:tbl>')), /<w:cantSplit\/>/)).toBe(7);
    // 江苏 spans 3 rows, 浙江 2: two restarts + 内蒙古 (1 row: none), three continues.
    expect(count(tbl, /<w:vMerge w:val="restart"\/>/)).toBe(2);
    expect(count(tbl, /<w:vMerge\/>/)).toBe(3);
    // The profile's 1.5 mm padding on all four sides, as the PDF's cells have.
    expect(tbl).toContain('<w:tblCellMar><w:top w:w="85" w:type="dxa"/><w:left w:w="85" w:type="dxa"/><w:bottom w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>');
  });

  it('merges across columns and rows at once (gridSpan with vMerge)', () => {
    const c = (text: string, extra: Partial<TableCell> = {}): TableCell => ({ paragraphs: [[{ text }]], ...extra });
    const t: TableBlock = {
      type: 'table', headerRows: 2, size: 'small',
      columns: [{ share: 0.25 }, { share: 0.25 }, { share: 0.25 }, { share: 0.25 }],
      rows: [
        [c('项目', { rowSpan: 2 }), c('金额', { colSpan: 2 }), null, c('备注', { rowSpan: 2 })],
        [null, c('2021'), c('2022'), null],
        [c('合计', { colSpan: 2, rowSpan: 2 }), null, c('1'), c('a')],
        [null, null, c('2'), c('b')],
      ],
    };
    const m = noticeModel();
    m.sections[0].blocks = [t];
    const doc = parts(renderDocxSync(m))['word/document.xml'];
    expect(count(doc, /<w:tblHeader\/>/)).toBe(2 + 1); // and the annex's list
    expect(doc).toContain('<w:tcW w:w="4422" w:type="dxa"/><w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>');
    expect(doc).toContain('<w:tcW w:w="4422" w:type="dxa"/><w:gridSpan w:val="2"/><w:vMerge/>');
    // Every row covers the 4 grid columns.
    const first = doc.slice(doc.indexOf('<w:tbl>'), doc.indexOf('</w:tbl>'));
    for (const row of first.split('<w:tr>').slice(1)) {
      const spans = [...row.matchAll(/<w:tc>(?:(?!<\/w:tc>).)*?<\/w:tc>/gs)].map((m) => Number(m[0].match(/gridSpan w:val="(\d)"/)?.[1] ?? 1));
      expect(spans.reduce((a, b) => a + b, 0)).toBe(4);
    }
    expect(doc).toContain('<w:sz w:val="24"/>'); // 小四
  });

  it("aligns cells vertically as the model says: top by default, a merge's alignment on all its rows", () => {
    const c = (text: string, extra: Partial<TableCell> = {}): TableCell => ({ paragraphs: [[{ text }]], ...extra });
    const t: TableBlock = {
      type: 'table', headerRows: 1, size: 'list',
      columns: [{ share: 0.5 }, { share: 0.25 }, { share: 0.25 }],
      rows: [
        [c('甲'), c('乙'), c('丙')],
        [c('长长长长长长长长长长长长长长长长长长长长长长长长长长'), c('江苏', { rowSpan: 2, valign: 'middle' }), c('底', { valign: 'bottom' })],
        [c('x'), null, c('顶', { valign: 'top' })],
      ],
    };
    const m = noticeModel();
    m.sections[0].blocks = [t];
    const doc = parts(renderDocxSync(m))['word/document.xml'];
    const tbl = doc.slice(doc.indexOf('<w:tbl>'), doc.indexOf('</w:tbl>'));
    const tcs = [...tbl.matchAll(/<w:tc>(?:(?!<\/w:tc>).)*?<\/w:tc>/gs)].map((x) => x[0]);
    expect(tcs).toHaveLength(9);
    const v = (tc: string) => tc.match(/<w:vAlign w:val="(\w+)"\/>/)?.[1] ?? 'top';
    expect(tcs.map(v)).toEqual(['top', 'top', 'top', 'top', 'center', 'bottom', 'top', 'center', 'top']);
    // The merge: restart and continue both centred; a top cell writes no element (Word's default).
    expect(tcs[4]).toContain('<w:vMerge w:val="restart"/><w:vAlign w:val="center"/>');
    expect(tcs[7]).toContain('<w:vMerge/><w:vAlign w:val="center"/>');
    expect(tcs[8]).not.toContain('vAlign');
  });

  it('writes a table split at page starts (splitMergesAtPages): the merge restarts there, its value again', () => {
    // 江苏 spans rows 1–3 of the body (model rows 2–4 with the head); a page starts at model row 3.
    const t = listTable();
    const jiangsu = t.rows.findIndex((r) => r[3]?.paragraphs[0][0].text === '江苏');
    expect(t.rows[jiangsu][3]!.rowSpan).toBe(3);
    const split = splitMergesAtPages({ ...t, rows: t.rows.map((r) => r.map((x) => (x && x.rowSpan ? { ...x, valign: 'middle' as const } : x))) }, [jiangsu + 1]);
    const m = noticeModel();
    m.sections[1].blocks = [split];
    const doc = parts(renderDocxSync(m))['word/document.xml'];
    const at = doc.indexOf('<w:tbl><w:tblPr><w:tblW w:w="8845"');
    const tbl = doc.slice(at, doc.indexOf('</w:tbl>', at));
    const rows = tbl.split('<w:tr>').slice(1);
    const last = (row: string) => [...row.matchAll(/<w:tc>(?:(?!<\/w:tc>).)*?<\/w:tc>/gs)].map((x) => x[0]).at(-1)!;
    const text = (tc: string) => [...tc.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((x) => x[1]).join('');
    // Row before the page: 江苏 alone (one row, no merge); the page's first row: 江苏 again,
    // restarting a merge of the two rows left; then one continue (LibreOffice starts its pages
    // on the layout's rows: test/docx-lo-merges.test.ts).
    expect(text(last(rows[jiangsu]))).toBe('江苏');
    expect(last(rows[jiangsu])).not.toContain('vMerge');
    expect(text(last(rows[jiangsu + 1]))).toBe('江苏');
    expect(last(rows[jiangsu + 1])).toContain('<w:vMerge w:val="restart"/><w:vAlign w:val="center"/>');
    expect(last(rows[jiangsu + 2])).toContain('<w:vMerge/><w:vAlign w:val="center"/>');
    expect(text(last(rows[jiangsu + 2]))).toBe('');
    expect(count(tbl, /江苏/)).toBe(2);
    // 浙江 (2 rows, not cut) is untouched: restarts are 浙江's and the new 江苏's.
    expect(count(tbl, /<w:vMerge w:val="restart"\/>/)).toBe(2);
    expect(count(tbl, /<w:vMerge\/>/)).toBe(2);
  });

  it('landscape sections turn the page and widen the table to the landscape text block', () => {
    const m = noticeModel();
    m.sections[1].orientation = 'landscape';
    const doc = parts(renderDocxSync(m))['word/document.xml'];
    expect(doc).toContain('<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>');
    expect(doc).toContain('<w:tbl><w:tblPr><w:tblW w:w="12756"');
  });

  it('landscape pages take the page number in the left margin, turned (§8): footers of their own', () => {
    const m = noticeModel();
    m.sections[1].orientation = 'landscape';
    const p = parts(renderDocxSync(m));
    const sects = [...p['word/document.xml'].matchAll(/<w:sectPr>.*?<\/w:sectPr>/gs)].map((x) => x[0]);
    const land = sects.filter((x) => x.includes('w:orient="landscape"'));
    expect(land.length).toBeGreaterThan(0);
    for (const x of land) {
      expect(x).toContain('<w:footerReference w:type="default" r:id="rIdFooterLandscapeOdd"/>');
      expect(x).toContain('<w:footerReference w:type="even" r:id="rIdFooterLandscapeEven"/>');
    }
    expect(p['word/_rels/document.xml.rels']).toContain('Id="rIdFooterLandscapeOdd" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer4.xml"');
    expect(p['[Content_Types].xml']).toContain('/word/footer5.xml');
    for (const f of ['word/footer4.xml', 'word/footer5.xml']) {
      expect(p[f]).toContain('vert="vert"');
      expect(p[f]).toContain('<w:instrText xml:space="preserve"> PAGE </w:instrText>');
      // The box's right edge is the portrait number line's top: 297 − (37 + 225 + 7) = 28 mm from the left edge.
      const x = Number(p[f].match(/<wp:positionH relativeFrom="page"><wp:posOffset>(\d+)/)![1]);
      const cx = Number(p[f].match(/<wp:extent cx="(\d+)"/)![1]);
      expect(x + cx).toBe(28 * 36000);
    }
    expect(p['word/footer4.xml']).toContain('<w:jc w:val="right"/>');
    expect(p['word/footer5.xml']).toContain('<w:jc w:val="left"/>');
  });
});

describe('write/docx: 版记 placement', () => {
  const render = (placement: DocumentModel['imprintPlacement']) => {
    const m = noticeModel();
    m.imprintPlacement = placement;
    return parts(renderDocxSync(m))['word/document.xml'];
  };
  const sections = (doc: string) => [...doc.matchAll(/<w:sectPr>.*?<\/w:sectPr>/gs)].map((x) => x[0]);

  it('is a table floating at the foot of the text block, with its rules and lines', () => {
    const doc = render('same-page');
    // Placed from the text block's top by its own height, its last rule on the block's foot.
    expect(doc).toMatch(/w:vertAnchor="margin" w:horzAnchor="page" w:tblpX="1587" w:tblpY="\d+"/);
    const y = Number(/w:tblpY="(\d+)"/.exec(doc)![1]);
    expect(y).toBeGreaterThan(10000);
    expect(y).toBeLessThan(12756);
    expect(doc).toContain('<w:top w:val="single" w:sz="8"'); // 0.35 mm
    expect(doc).toContain('<w:insideH w:val="single" w:sz="6"'); // 0.25 mm
    expect(doc).toContain('>抄送：</w:t>');
    expect(doc).toContain('>2020年11月9日印发</w:t>');
    expect(doc).toContain('<w:tab w:val="right" w:pos="8565"/>');
    expect(sections(doc)).toHaveLength(2);
  });

  it("'next-page' (the default) and 'after-blank' start the 版记's section on an even page (w:type evenPage)", () => {
    const next = sections(render(undefined));
    expect(next).toHaveLength(3);
    expect(next[2]).toContain('rIdFooterOdd');
    expect(next[2]).toContain('<w:type w:val="evenPage"/>');
    // The blank page is a section of its own, unnumbered (§7.5), and so is the 版记 page after it.
    const blank = sections(render('after-blank'));
    expect(blank).toHaveLength(4);
    expect(blank[2]).toContain('rIdFooterBlank');
    expect(blank[2]).toContain('<w:type w:val="nextPage"/>');
    expect(blank[3]).toContain('<w:type w:val="evenPage"/>');
    expect(blank[3]).toContain('rIdFooterBlank');
    expect(blank[3]).not.toContain('rIdFooterOdd');
  });
});

describe('write/docx: plan documents (cover, contents)', () => {
  const plan = (): DocumentModel => {
    const m = noticeModel();
    m.imprint = undefined;
    m.sections.unshift(
      { orientation: 'portrait', pageNumbers: false, part: 'cover', blocks: [{ type: 'cover', title: ['国家火炬创新型产业集群', '申报书'], author: '某某市人民政府', date: '2022年5月' }] },
      { orientation: 'portrait', pageNumbers: false, part: 'toc', blocks: [{ type: 'toc', title: '目录', depth: 3, pages: { 'h-1': 1, 'h-6': 2 } }] },
    );
    return m;
  };

  it('fills the TOC field with entries, dot leaders and page numbers, linked to heading bookmarks', () => {
    const doc = parts(renderDocxSync(plan()))['word/document.xml'];
    expect(doc).toContain('<w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText>');
    expect(doc).toContain('<w:hyperlink w:anchor="_Toc_h_1" w:history="1"><w:r><w:t xml:space="preserve">一、复核材料内容</w:t></w:r><w:r><w:tab/></w:r>');
    expect(doc).toContain('PAGEREF _Toc_h_1 \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t xml:space="preserve">1</w:t>');
    expect(doc).toContain('<w:bookmarkStart w:id="1" w:name="_Toc_h_1"/>');
    // Level 4 headings are beyond depth 3.
    expect(doc).not.toContain('w:anchor="_Toc_h_4"');
    expect(count(doc, /w:fldCharType="begin"/)).toBe(1 + 5);
    expect(count(doc, /w:fldCharType="end"/)).toBe(1 + 5);
    const styles = parts(renderDocxSync(plan()))['word/styles.xml'];
    expect(style(styles, 'GW TOC 1')).toContain('<w:tab w:val="right" w:leader="dot" w:pos="8845"/>');
    expect(style(styles, 'toc 1')).toContain('<w:basedOn w:val="GWTOC1"/>');
  });

  it('gives the cover and contents no page numbers and restarts at 1 for the body', () => {
    const doc = parts(renderDocxSync(plan()))['word/document.xml'];
    const s = [...doc.matchAll(/<w:sectPr>.*?<\/w:sectPr>/gs)].map((x) => x[0]);
    expect(s[0]).toContain('rIdFooterBlank');
    expect(s[1]).toContain('rIdFooterBlank');
    expect(s[2]).toContain('rIdFooterOdd');
    expect(s[2]).toContain('<w:pgNumType w:start="1"/>');
    expect(doc).toContain('>国家火炬创新型产业集群</w:t></w:r><w:r><w:br/></w:r>');
  });
});

describe('write/docx: reproducible and fast', () => {
  it('renders the same model to the same bytes, dated from meta.date', async () => {
    const a = await renderDocx(noticeModel());
    const b = await renderDocx(noticeModel());
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const core = parts(a)['docProps/core.xml'];
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2020-11-06T00:00:00Z</dcterms:created>');
    expect(core).toContain('<dc:title>关于开展2020年国家火炬特色产业基地复核工作的通知</dc:title>');
    expect(core).toContain('<dc:creator>科学技术部火炬高技术产业开发中心</dc:creator>');
    const m = noticeModel();
    delete m.meta.date;
    expect(parts(renderDocxSync(m))['docProps/core.xml']).toContain('2000-01-01T00:00:00Z');
  });

  it('renders a notice with a 52-row annex in well under 20 ms after warm-up', () => {
    const m = bigModel();
    for (let i = 0; i < 20; i++) renderDocxSync(m);
    // The fastest of several batches: other test files share the two cores, and the least
    // disturbed batch is the best estimate of the renderer's own cost.
    const batches: number[] = [];
    for (let b = 0; b < 7; b++) {
      const t0 = performance.now();
      for (let i = 0; i < 20; i++) renderDocxSync(m);
      batches.push((performance.now() - t0) / 20);
    }
    const ms = Math.min(...batches);
    console.log(`write/docx: ${ms.toFixed(2)} ms per notice with a 52-row table (best of 7 batches of 20)`);
    expect(ms).toBeLessThan(20);
  });
});

describe('write/docx in LibreOffice', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gw-docx-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the numbering glyphs, "— 1 —" page numbers and an A4 page', async () => {
    const m = noticeModel();
    // The annex restarts its own numbering.
    m.sections[1].blocks.push({ type: 'heading', level: 1, number: '一、', runs: [{ text: '附件说明事项' }], id: 'a-1', sequence: 1 });
    const file = join(dir, 'notice.docx');
    writeFileSync(file, await renderDocx(m));
    sofficeToPdf([file], dir, { profile: `${dir}/profile`, timeout: 120_000 });
    const pdf = join(dir, 'notice.pdf');
    const info = execFileSync('pdfinfo', [pdf]).toString();
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    expect(Number(info.match(/Pages:\s+(\d+)/)![1])).toBe(4);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
    const flat = text.replace(/[ \t]+/g, '');
    for (const glyphs of ['一、复核材料内容', '（一）基地近三年来', '1.基地主导产业', '2.基地内企业', '3.基地创新能力情况', '（1）研发经费投入强度', '（二）基地未来三年', '二、复核材料报送', '一、附件说明事项'])
      expect(flat, glyphs).toContain(glyphs);
    expect(text).toMatch(/—\s*1\s*—/);
    expect(text).toMatch(/—\s*2\s*—/);
    // Page 2 is even: its number stands at the left.
    const page2 = text.split('\f')[1];
    expect(page2).toMatch(/^\s{0,8}—\s*2\s*—/m);
    // The 版记 page (4, even, after the annex) ends with the imprint.
    const page4 = text.split('\f')[3].replace(/[ \t]+/g, '');
    expect(page4).toContain('2020年11月9日印发');
    expect(page4).toMatch(/—\s*4\s*—/);
    // 28 characters a body line (a full line of the first body paragraph, wrapped lines flush left).
    const lines = text.split('\n').map((l) => l.replace(/\s+/g, ''));
    const i = lines.findIndex((l) => l.startsWith('为推进区域特色产业高质量发展'));
    expect(lines[i]).toHaveLength(26);
    expect([...lines[i + 1]].length).toBe(28);
    // Table rows: lines of exactly 17.5 pt plus TABLE.cellPaddingMm above and below, as in the PDF.
    const bbox = execFileSync('pdftotext', ['-bbox', '-f', '3', '-l', '3', pdf, '-']).toString();
    const ys = [...bbox.matchAll(/yMin="([\d.]+)"[^>]*>tjjd/g)].map((m) => Number(m[1]));
    expect(ys.length).toBeGreaterThanOrEqual(4);
    // The codes sit at the top of their cells, so the distance between two rows' texts is the
    // first row's height: n × 17.5 pt + 2 × 1.5 mm + one border of the profile's width (0.75 pt,
    // the 1 px Chromium gave every thin border when it drew the PDF).
    const extra = (2 * Math.round((TABLE.cellPaddingMm * 1440) / 25.4)) / 20 + TABLE.borderPt;
    for (let k = 1; k < ys.length; k++) {
      const n = (ys[k] - ys[k - 1] - extra) / 17.5;
      expect(Math.abs(n - Math.round(n)), `row ${k}: ${ys[k] - ys[k - 1]} pt`).toBeLessThan(0.02);
    }
  });

  it('puts a landscape page number where the bound portrait pages have theirs (§8)', () => {
    const m = noticeModel();
    m.sections[1].orientation = 'landscape';
    const file = join(dir, 'landscape.docx');
    writeFileSync(file, renderDocxSync(m));
    sofficeToPdf([file], dir, { profile: `${dir}/profile`, timeout: 120_000 });
    const pdf = join(dir, 'landscape.pdf');
    expect(execFileSync('pdfinfo', ['-f', '3', '-l', '3', pdf]).toString()).toMatch(/Page\s+3 size:\s+841\.\d+ x 595/);
    const bbox = execFileSync('pdftotext', ['-bbox', '-f', '3', '-l', '3', pdf, '-']).toString();
    const words = [...bbox.matchAll(/xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</g)].map((w) => ({ x0: +w[1], y0: +w[2], x1: +w[3], y1: +w[4], t: w[5] }));
    // Page 3 is odd: on the upright bound page the number is bottom right, so on the landscape
    // page it stands in the left margin (22–28 mm), low down, ending 1 字 before the text block's
    // end at 28 + 156 mm, and nothing is left at the landscape page's foot.
    const mm = (v: number) => (v * 25.4) / 72;
    const three = words.find((w) => w.t === '3' && mm(w.x1) < 30);
    expect(three, 'page number in the left margin').toBeTruthy();
    expect(mm(three!.x0)).toBeGreaterThan(20);
    const dashes = words.filter((w) => w.t === '—' && mm(w.x1) < 30);
    expect(dashes).toHaveLength(2);
    const end = Math.max(...dashes.map((d) => mm(d.y1)));
    expect(end).toBeGreaterThan(28 + 156 - 14 * 25.4 / 72 - 2);
    expect(end).toBeLessThan(28 + 156 - 14 * 25.4 / 72 + 2);
    expect(words.some((w) => mm(w.y0) > 190 && /—|^3$/.test(w.t))).toBe(false);
  });
});
