// The XLSX reader (src/data/xlsx.ts) on parts written as Excel and WPS write them: shared strings
// with rich runs and a phonetic guide, Excel's _x000D_ escapes, styles naming built-in and custom
// formats, the 1904 date system, ISO date cells, error cells, merged ranges and a namespace
// prefix. exceljs (a devDependency now) writes the workbook of the fuzz and application tests.
import { strToU8, zipSync } from 'fflate';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadRecords } from '../src/data/index.js';

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function workbook(parts: { sheet: string; strings?: string; styles?: string; date1904?: boolean; prefix?: string }): Uint8Array {
  const p = parts.prefix ?? '';
  const rels =
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
    (parts.strings ? `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : '') +
    (parts.styles ? `<Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/>` : '') +
    `</Relationships>`;
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    'xl/workbook.xml': strToU8(
      `<${p}workbook xmlns${p ? ':' + p.slice(0, -1) : ''}="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}">` +
        (parts.date1904 ? `<${p}workbookPr date1904="1"/>` : '') +
        `<${p}sheets><${p}sheet name="表&amp;一" sheetId="1" r:id="rId1"/></${p}sheets></${p}workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(rels),
    'xl/worksheets/sheet1.xml': strToU8(`<${p}worksheet xmlns${p ? ':' + p.slice(0, -1) : ''}="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${parts.sheet}</${p}worksheet>`),
  };
  if (parts.strings) files['xl/sharedStrings.xml'] = strToU8(`<sst>${parts.strings}</sst>`);
  if (parts.styles) files['xl/styles.xml'] = strToU8(`<styleSheet>${parts.styles}</styleSheet>`);
  return zipSync(files);
}

async function read(buf: Uint8Array) {
  const dir = mkdtempSync(join(tmpdir(), 'gw-xlsx-reader-'));
  writeFileSync(join(dir, 'a.xlsx'), buf);
  const r = await loadRecords('a.xlsx', { projectDir: dir });
  return { ...r, records: r.records.map((x) => ({ ...x })) };
}

const STYLES =
  '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>' +
  // cellStyleXfs come first in styles.xml; their xf entries are not the cells' styles.
  '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>' +
  '<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="31"/><xf numFmtId="10"/><xf numFmtId="49"/></cellXfs>';

describe('XLSX reader', () => {
  test('shared strings, rich runs, phonetic guide, escapes; formats by style; merged cells', async () => {
    const strings =
      '<si><t>姓名</t></si><si><t>日期</t></si><si><t>比例</t></si><si><t>单位</t></si>' +
      '<si><r><rPr><b/></rPr><t>张</t></r><r><t xml:space="preserve">三 </t></r><rPh sb="0" eb="1"><t>ちょう</t></rPh></si>' +
      '<si><t>科技局&amp;财政局_x000D_</t></si><si><t/></si>';
    const sheet =
      '<sheetData>' +
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>' +
      '<row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2" s="1"><v>44141</v></c><c r="C2" s="3"><v>0.125</v></c><c r="D2" t="s"><v>5</v></c></row>' +
      '<row r="3"><c r="A3" t="inlineStr"><is><t>李四</t></is></c><c r="B3" s="2"><v>44211</v></c><c r="C3" s="4"><v>7</v></c><c r="D3" s="0"/></row>' +
      '<row r="4"><c r="A4" t="str"><f>A3&amp;"!"</f><v>李四!</v></c><c r="B4" t="d"><v>2021-03-02T00:00:00</v></c><c r="C4" t="e"><v>#DIV/0!</v></c><c r="D4" t="s"><v>6</v></c></row>' +
      '</sheetData><mergeCells count="1"><mergeCell ref="D2:D4"/></mergeCells>';
    const r = await read(workbook({ sheet, strings, styles: STYLES }));
    expect(r.columns).toEqual(['姓名', '日期', '比例', '单位']);
    expect(r.rowNumbers).toEqual([2, 3, 4]);
    expect(r.records).toEqual([
      // Values are trimmed (grid-records.ts): the trailing space and the decoded _x000D_ go.
      { 姓名: '张三', 日期: '2020年11月6日', 比例: '12.50%', 单位: '科技局&财政局' },
      { 姓名: '李四', 日期: '2021年1月15日', 比例: '7', 单位: '科技局&财政局' },
      { 姓名: '李四!', 日期: '2021/3/2', 比例: '#DIV/0!', 单位: '科技局&财政局' },
    ]);
    expect(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual(['4:3 data-xlsx-error']);
  });

  test('the 1904 date system, a namespace prefix, cells without a reference, and the sheet by its name', async () => {
    const sheet =
      '<x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t>日期</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>数</x:t></x:is></x:c></x:row>' +
      '<x:row><x:c s="1"><x:v>42679</x:v></x:c><x:c><x:v>0.1</x:v></x:c></x:row></x:sheetData>';
    const buf = workbook({ sheet, styles: STYLES, date1904: true, prefix: 'x:' });
    const r = await read(buf);
    expect(r.diagnostics).toEqual([]);
    // 42679 in the 1904 system is 2020-11-06 (1,462 days later than in the 1900 system).
    expect(r.records).toEqual([{ 日期: '2020年11月6日', 数: '0.1' }]);
    const dir = mkdtempSync(join(tmpdir(), 'gw-xlsx-reader-'));
    writeFileSync(join(dir, 'b.xlsx'), buf);
    expect((await loadRecords('b.xlsx', { projectDir: dir, sheet: '表&一' })).records).toHaveLength(1);
    const bad = await loadRecords('b.xlsx', { projectDir: dir, sheet: '表二' });
    expect(bad.diagnostics.map((d) => d.message)).toEqual(['the workbook has no sheet "表二"; its sheets are "表&一"']);
  });

  test('a zip that is not a workbook is unreadable, said so', async () => {
    const r = await read(zipSync({ 'word/document.xml': strToU8('<w:document/>') }));
    expect(r.diagnostics.map((d) => `${d.ruleId}: ${d.message}`)).toEqual(['data-unreadable: cannot read the file as XLSX (is it an old .xls, or damaged?): it has no xl/workbook.xml']);
  });
});
