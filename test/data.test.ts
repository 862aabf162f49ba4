// Data loaders on real files: GBK and UTF-8+BOM CSV with CRLF, a CSV with a short row, an XLSX
// with merged cells and Excel number formats, YAML and JSON, and the refusals (outside the
// project, too large, missing, old .xls).
import { describe, expect, test, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync, symlinkSync, mkdirSync, truncateSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { loadRecords, decodeText, formatExcelValue, formatGeneral, MAX_DATA_BYTES } from '../src/data/index.js';

const root = process.cwd();
const load = (p: string, sheet?: string) => loadRecords(p, { projectDir: root, sheet });
const plain = (recs: Record<string, string>[]) => recs.map((r) => ({ ...r }));
const errors = (d: { severity: string; ruleId: string }[]) => d.filter((x) => x.severity === 'error').map((x) => x.ruleId);

const expectedCsv = [
  { 账号: 'tjjd150616002', 基地名称: '国家火炬鄂尔多斯汽车及关键零部件特色产业基地', 省市: '内蒙古' },
  { 账号: 'tjjd320215107', 基地名称: '国家火炬无锡惠山石墨烯新材料特色产业基地,含"引号"', 省市: '江苏' },
  { 账号: 'tjjd320215108', 基地名称: '国家火炬无锡新区生物医药\n及医疗器械特色产业基地', 省市: '' },
  { 账号: 'tjjd320115106', 基地名称: '国家火炬南京新港光电及激光特色产业基地', 省市: '' },
];

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'gw-data-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const inTmp = (name: string, data: string | Uint8Array) => {
  writeFileSync(join(tmp, name), data);
  return loadRecords(name, { projectDir: tmp });
};

describe('CSV', () => {
  test('GBK with CRLF, as Excel saves "CSV" on Chinese Windows', async () => {
    const buf = readFileSync('test/fixtures/data-gbk-crlf.csv');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(buf)).toThrow();
    expect(decodeText(buf).encoding).toBe('gb18030');
    const r = await load('test/fixtures/data-gbk-crlf.csv');
    expect(r.diagnostics).toEqual([]);
    expect(r.columns).toEqual(['账号', '基地名称', '省市']);
    expect(plain(r.records)).toEqual(expectedCsv);
    // Line 4–5 hold one record (a quoted line break), line 6 is blank (",,"), line 7 the last.
    expect(r.rowNumbers).toEqual([2, 3, 4, 7]);
    expect(r.file).toBe('test/fixtures/data-gbk-crlf.csv');
  });

  test('UTF-8 with BOM and CRLF gives the same records, header without BOM', async () => {
    const buf = readFileSync('test/fixtures/data-utf8-bom-crlf.csv');
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(decodeText(buf).encoding).toBe('utf-8-bom');
    const r = await load('test/fixtures/data-utf8-bom-crlf.csv');
    expect(r.diagnostics).toEqual([]);
    expect(r.columns[0]).toBe('账号');
    expect(plain(r.records)).toEqual(expectedCsv);
  });

  test('GB18030 characters beyond GBK decode too', async () => {
    // 𠀀 (U+20000) is a four-byte GB18030 sequence.
    const r = await inTmp('gb18030.csv', iconv.encode('名称,地区\n𠀀塅村,湖南\n', 'gb18030'));
    expect(r.diagnostics).toEqual([]);
    expect(r.records[0].名称).toBe('𠀀塅村');
  });

  test('Excel "Unicode text": UTF-16LE with BOM, tab-separated', async () => {
    const body = Buffer.from('名称\t地区\r\n董家塅\t湖南\r\n', 'utf16le');
    const r = await inTmp('unicode.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), body]));
    expect(r.diagnostics).toEqual([]);
    expect(plain(r.records)).toEqual([{ 名称: '董家塅', 地区: '湖南' }]);
  });

  test('a short row and a long row are errors naming their lines', async () => {
    const r = await load('test/fixtures/data-short-row.csv');
    const d = r.diagnostics.filter((x) => x.ruleId === 'data-csv-fields');
    expect(d.map((x) => x.line)).toEqual([3, 4]);
    expect(d[0]).toMatchObject({ line: 3, message: '这一行有 2 个字段，表头有 3 个：补上漏掉的逗号或值' });
    expect(d[1]).toMatchObject({ line: 4, message: '这一行有 4 个字段，表头有 3 个：值中的逗号要加引号（"…,…"）或改用全角「，」' });
    expect(errors(r.diagnostics)).toEqual(['data-csv-fields', 'data-csv-fields']);
  });

  test('empty and duplicate header names', async () => {
    const r = await inTmp('heads.csv', '\n\n名称,,名称,,\n甲,x,乙,,\n');
    expect(r.diagnostics.map((d) => [d.ruleId, d.line, d.column])).toEqual([
      ['data-header-empty', 3, 2],
      ['data-header-duplicate', 3, 3],
    ]);
    expect(r.diagnostics[1].message).toContain('header "名称" appears twice (columns 1 and 3)');
    // The blank trailing columns (no name, no values) are dropped silently.
    expect(r.columns).toEqual(['名称']);
  });

  test('values are trimmed (also full-width spaces) and NFC-normalised; tabs are detected', async () => {
    const r = await inTmp('t.tsv', '名称\t说明\n\u3000江苏\u3000\tCafe\u0301, "x"\n');
    expect(r.diagnostics).toEqual([]);
    expect(plain(r.records)).toEqual([{ 名称: '江苏', 说明: 'Café, "x"' }]);
  });

  test('a header named __proto__ is data, not a prototype', async () => {
    const r = await inTmp('proto.csv', '__proto__,b\n1,2\n');
    expect(r.records[0]['__proto__']).toBe('1');
    expect(Object.getPrototypeOf(r.records[0])).toBe(null);
  });

  test('an empty file is an error', async () => {
    const r = await inTmp('empty.csv', '\r\n,,\r\n');
    expect(errors(r.diagnostics)).toEqual(['data-empty']);
  });
});

describe('XLSX', () => {
  test('merged cells, numbers as text, formulas, rich text, dates and formats as Excel shows them', async () => {
    const r = await load('test/fixtures/data-merged.xlsx');
    expect(r.diagnostics).toEqual([]);
    // Header on row 2 (row 1 blank); the formatted but empty column J and rows 8–12 are gone.
    expect(r.columns).toEqual(['账号', '基地名称', '省市', '批准日期', '金额', '占比', '编号', '备注']);
    expect(r.rowNumbers).toEqual([3, 4, 5, 6, 7]);
    const col = (k: string) => r.records.map((x) => x[k]);
    expect(col('省市')).toEqual(['江苏', '江苏', '江苏', '浙江', '浙江']);
    // Custom yyyy"年"m"月"d"日" and the built-in id 31 that Chinese Excel writes.
    expect(col('批准日期')).toEqual(['2020年11月6日', '2021年1月15日', '', '', '']);
    expect(col('金额')).toEqual(['1', '2.50', '0.3', '1,234,567', '']);
    expect(col('占比')).toEqual(['12.5%', '30%', '1', '', '']);
    // Stored as text: stays text, leading zeros and trailing zeros kept.
    expect(col('编号')).toEqual(['007', '1', '0.10', '', '']);
    expect(col('备注')).toEqual(['重点基地', '3.5', '', '', '']);
  });

  test('sheet by name, and a missing sheet lists the sheets', async () => {
    const r = await load('test/fixtures/data-merged.xlsx', '其他');
    expect(plain(r.records)).toEqual([{ 名称: '甲', 数量: '3' }]);
    const bad = await load('test/fixtures/data-merged.xlsx', '附件');
    expect(bad.diagnostics[0].message).toBe('the workbook has no sheet "附件"; its sheets are "名单", "其他"');
  });

  test('a file that is not an XLSX, and an old .xls', async () => {
    const r = await inTmp('broken.xlsx', 'not a zip');
    expect(errors(r.diagnostics)).toEqual(['data-unreadable']);
    const x = await inTmp('old.xls', 'x');
    expect(x.diagnostics[0].message).toContain('save it as .xlsx');
  });
});

describe('YAML and JSON', () => {
  test('an object with one list; scalars keep their typed text; lines of records', async () => {
    const r = await load('test/fixtures/data-bases.yaml');
    expect(r.diagnostics).toEqual([]);
    expect(r.columns).toEqual(['账号', '基地名称', '省市', '邮编', '金额', '批准日期']);
    expect(r.rowNumbers).toEqual([3, 7, 11]);
    expect(r.records[0].邮编).toBe('017000');
    expect(r.records[1].金额).toBe('1.50');
    expect(r.records[2].批准日期).toBe('2020-11-06');
    expect(r.records[2].省市).toBe('');
  });

  test('JSON array with positions', async () => {
    const r = await inTmp('list.json', '[\n  {"名称": "甲", "数量": 3},\n  {"名称": "乙", "数量": 1.0, "备注": null}\n]\n');
    expect(r.diagnostics).toEqual([]);
    expect(plain(r.records)).toEqual([
      { 名称: '甲', 数量: '3', 备注: '' },
      { 名称: '乙', 数量: '1.0', 备注: '' },
    ]);
    expect(r.rowNumbers).toEqual([2, 3]);
  });

  test('syntax errors, duplicate keys, nested values and wrong shapes carry positions', async () => {
    const syn = await inTmp('bad.yaml', '- 名称: 甲\n- 名称: [乙\n');
    expect(syn.diagnostics[0].ruleId).toBe('data-yaml-syntax');
    expect(syn.diagnostics[0].line).toBeGreaterThan(1);
    const dup = await inTmp('dup.yaml', '- 名称: 甲\n  名称: 乙\n');
    expect(dup.diagnostics[0]).toMatchObject({ ruleId: 'data-yaml-syntax', line: 2 });
    const nested = await inTmp('nested.yaml', '- 名称: 甲\n  成员:\n    - 张三\n');
    expect(nested.diagnostics[0]).toMatchObject({ ruleId: 'data-yaml-value', line: 3, column: 5 });
    const two = await inTmp('two.yaml', 'a: [{x: 1}]\nb: [{x: 2}]\n');
    expect(two.diagnostics[0].message).toContain('several lists ("a", "b")');
    const scalar = await inTmp('scalar.yaml', 'hello\n');
    expect(errors(scalar.diagnostics)).toEqual(['data-yaml-shape']);
  });
});

describe('refusals', () => {
  test('paths outside the project, also through a symlink', async () => {
    const up = await loadRecords('../outside.csv', { projectDir: tmp });
    expect(errors(up.diagnostics)).toEqual(['data-path']);
    const abs = await loadRecords('/etc/passwd', { projectDir: tmp });
    expect(errors(abs.diagnostics)).toEqual(['data-path']);
    mkdirSync(join(tmp, 'sub'), { recursive: true });
    symlinkSync('/etc/hostname', join(tmp, 'sub', 'link.csv'));
    const link = await loadRecords('sub/link.csv', { projectDir: tmp });
    expect(errors(link.diagnostics)).toEqual(['data-path']);
  });

  test('a missing file', async () => {
    const r = await loadRecords('nope.csv', { projectDir: tmp });
    expect(r.diagnostics[0].message).toBe('the data file "nope.csv" does not exist');
  });

  test('a file over the size limit is refused before reading', async () => {
    const p = join(tmp, 'huge.csv');
    writeFileSync(p, '');
    truncateSync(p, MAX_DATA_BYTES + 1); // sparse: no 50 MB written
    const r = await loadRecords('huge.csv', { projectDir: tmp });
    expect(r.diagnostics[0]).toMatchObject({ ruleId: 'data-too-large', severity: 'error' });
    expect(r.diagnostics[0].message).toBe('"huge.csv" is 50.0 MB; data files are limited to 50.0 MB');
  });
});

describe('Excel number formats', () => {
  test('General', () => {
    expect(formatGeneral(1)).toBe('1');
    expect(formatGeneral(0.1 + 0.2)).toBe('0.3');
    expect(formatGeneral(-2.5)).toBe('-2.5');
    expect(formatGeneral(1e21)).toBe('1E+21');
  });
  test('numbers, percentages, literals, sections', () => {
    expect(formatExcelValue(1234.5, '#,##0.00')).toBe('1,234.50');
    expect(formatExcelValue(0.256, '0.0%')).toBe('25.6%');
    expect(formatExcelValue(12, '0"元"')).toBe('12元');
    expect(formatExcelValue(-5, '0.00;[Red](0.00)')).toBe('(5.00)');
    expect(formatExcelValue(-5, '0.00')).toBe('-5.00');
    expect(formatExcelValue(3.14159, '0.##')).toBe('3.14');
    expect(formatExcelValue(12345, '0.00E+00')).toBe('1.23E+04');
    expect(formatExcelValue(7, '@')).toBe('7');
  });
  test('dates and times', () => {
    const d = new Date(Date.UTC(2020, 10, 6, 14, 5, 9));
    expect(formatExcelValue(d, 'yyyy"年"m"月"d"日"')).toBe('2020年11月6日');
    expect(formatExcelValue(d, 'mm-dd-yy')).toBe('2020/11/6'); // id 14 as Chinese Excel shows it
    expect(formatExcelValue(d, 'yyyy-mm-dd hh:mm:ss')).toBe('2020-11-06 14:05:09');
    expect(formatExcelValue(d, 'h:mm AM/PM')).toBe('2:05 PM');
    expect(formatExcelValue(d, 'yyyy/m/d aaaa')).toBe('2020/11/6 星期五');
    expect(formatExcelValue(44141, 'yyyy"年"m"月"d"日"')).toBe('2020年11月6日'); // a serial number
    expect(formatExcelValue(d, undefined)).toBe('2020/11/6 14:05');
  });
});

describe('example data', () => {
  test('seed 000: 52 bases, 省市 on the first row of each group', async () => {
    const r = await load('data/2020-191-bases.csv');
    expect(r.diagnostics).toEqual([]);
    expect(r.columns).toEqual(['账号', '基地名称', '省市']);
    expect(r.records).toHaveLength(52);
    expect(readFileSync('data/2020-191-bases.csv')[0]).not.toBe(0xef); // UTF-8 without BOM
    const firsts = r.records.map((x) => x.省市).filter((x) => x !== '');
    expect(firsts).toEqual(['内蒙古', '江苏', '浙江', '安徽', '山东', '河南', '湖南', '广东', '广西', '四川', '贵州', '云南', '甘肃', '大连', '青岛']);
    expect(r.records[51].基地名称).toBe('国家火炬黄岛船舶与海洋装备特色产业基地');
  });

  test('seed 001 附件3: 109 clusters in 28 regions, OCR errors fixed', async () => {
    const r = await load('data/2021-45-clusters.csv');
    expect(r.diagnostics).toEqual([]);
    expect(r.columns).toEqual(['地区', '集群名称', '建设单位', '类型']);
    expect(r.records).toHaveLength(109);
    expect(r.records.filter((x) => x.地区 !== '')).toHaveLength(28);
    const text = readFileSync('data/2021-45-clusters.csv', 'utf8');
    for (const bad of ['即郭', '海坊', '萍泽', '荷泽', '十堪', '清河泾', '钮电', '小揽', '仲皑', '〈', '〉', '(', '|', '罪羊', '德、阳']) expect(text).not.toContain(bad);
    expect(new Set(r.records.map((x) => x.类型))).toEqual(new Set(['试点', '（培育）']));
    expect(r.records.every((x) => x.集群名称.endsWith('产业集群'))).toBe(true);
  });
});
