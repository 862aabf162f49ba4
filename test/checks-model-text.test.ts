// The rules read the document's text, not only the content file: what a template wrote (at the
// template's line and column) and what a batch record put into {{…}} (at the data file's row
// and column). A record that leaves a field of the title, 主送, 署名 or 文号 empty is an error there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { compileFile } from '../src/pipeline/compile.js';
import { formatDiagnostic, hasErrors } from '../src/diagnostics/diagnostic.js';
import { displayPath } from '../src/source/paths.js';

const ROOT = join(__dirname, '..');
let dir: string;
const rel = (p: string) => displayPath(join(dir, p));

const HEAD = (extra = '') => `---
kind: notice
issuer: 科学技术部火炬高技术产业开发中心
number: 国科火字〔2020〕{{编号}}号
title: 关于{{基地名称}}复核的通知
to: 各有关单位
date: 2020-11-06
${extra}---

请{{基地名称}}按要求报送材料。
`;

/**
 * Each rule that reads the document's text: a paragraph with a slip, and the characters the
 * finding must point at (its first report in the paragraph).
 */
const SLIPS: [rule: string, paragraph: string, at: string][] = [
  ['punct-halfwidth', '联系事项：材料齐全,按时报送。', ','],
  ['punct-pair', '依据《管理办法的通知开展工作。', '《'],
  ['quotes-straight', '所谓"双创"工作。', '"'],
  ['dash', '材料--按时报送。', '--'],
  ['ellipsis', '基地、园区...等。', '...'],
  ['range-hyphen', '做好2021-2023年的工作。', '-'],
  ['fullwidth-alnum', '第２批基地。', '２'],
  ['cited-doc-number', '依据国科发火[2013]230号文件。', '['],
  ['heading-number-style', '1、按时报送材料。', '1、'],
  ['heading-number-skip', '三、按时报送材料。', '三、'],
  ['credit-code', '统一社会信用代码：91350100M000100Y44。', '9135'],
  ['attachment-note', '附件: 基地名单', '附件'],
];

/** Rules on the structure a template writes (a record's value cannot make a heading or a link: it is escaped). */
const TEMPLATE_ONLY: [rule: string, line: string, at: string][] = [
  ['heading-skip', '### 三级标题', '#'],
  ['heading-depth', '##### 五级标题', '#'],
  ['link', '见[网站](ftp://x.cn)。', '['],
  ['heading-number-level', '# 1、发展定位', '1、'],
];

const column = (line: string, at: string) => [...line.slice(0, line.indexOf(at))].length + 1;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gw-model-text-'));
  mkdirSync(join(dir, 'templates/notice'), { recursive: true });
  cpSync(join(ROOT, 'templates/notice/notice.hbs'), join(dir, 'templates/notice/notice.hbs'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function compile(name: string, content: string, record?: Record<string, string>, columns?: string[]) {
  const p = join(dir, name);
  writeFileSync(p, content);
  const origin = record ? { file: 'data/bases.csv', row: 5, columns: columns ?? Object.keys(record) } : undefined;
  return compileFile(p, { projectDir: dir, record, origin });
}

describe('rules on text a template wrote', () => {
  const shipped = readFileSync(join(ROOT, 'templates/notice/notice.hbs'), 'utf8');
  for (const [rule, line, at] of [...SLIPS, ...TEMPLATE_ONLY]) {
    it(`${rule} fires at the template's line and column`, async () => {
      const tpl = join(dir, `templates/notice/notice.hbs`);
      writeFileSync(tpl, shipped.replace('```gw:body\n```\n', '```gw:body\n```\n\n' + line + '\n'));
      const r = await compile(`t-${rule}.md`, HEAD().replace(/\{\{[^}]+\}\}/g, '甲'));
      const lineNo = readFileSync(tpl, 'utf8').split('\n').indexOf(line) + 1;
      const found = r.diagnostics.filter((d) => d.ruleId === rule);
      expect(found.length, r.diagnostics.map(formatDiagnostic).join('\n')).toBeGreaterThan(0);
      expect(found[0]).toMatchObject({ file: rel('templates/notice/notice.hbs'), line: lineNo, column: column(line, at) });
      expect(found[0].fix, 'a template is not edited by --fix').toBeUndefined();
    });
  }
  afterAll(() => writeFileSync(join(dir, 'templates/notice/notice.hbs'), shipped));
});

describe('rules on text a batch record put in', () => {
  for (const [rule, paragraph] of SLIPS) {
    it(`${rule} fires at the record's row and column`, async () => {
      const body = '\n{{事项}}\n';
      const r = await compile(`r-${rule}.md`, HEAD() + body, { 编号: '7', 基地名称: '甲', 事项: paragraph }, ['编号', '基地名称', '事项']);
      const found = r.diagnostics.filter((d) => d.ruleId === rule);
      expect(found.length, r.diagnostics.map(formatDiagnostic).join('\n')).toBeGreaterThan(0);
      expect(found[0]).toMatchObject({ file: 'data/bases.csv', line: 5, column: 3 });
      expect(found[0].fix, 'a data cell is not edited by --fix').toBeUndefined();
    });
  }

  it('a value in the title and the body is one finding, at its cell', async () => {
    const r = await compile('twice.md', HEAD(), { 编号: '7', 基地名称: '国家火炬材料齐全,按时报送基地' }, ['编号', '基地名称']);
    expect(r.diagnostics.filter((d) => d.ruleId === 'punct-halfwidth').map(formatDiagnostic)).toEqual([
      'data/bases.csv:5:2 warning punct-halfwidth: 中文中应使用全角「，」，不用半角「,」',
    ]);
  });

  it('a typed number from a record in a heading: heading-number-level at the cell', async () => {
    const r = await compile('hn.md', HEAD() + '\n# {{标题}}\n', { 编号: '7', 基地名称: '甲', 标题: '1、发展定位' }, ['编号', '基地名称', '标题']);
    expect(r.diagnostics.find((d) => d.ruleId === 'heading-number-level')).toMatchObject({ file: 'data/bases.csv', line: 5, column: 3 });
  });

  it('text of the content file around a value keeps its columns', async () => {
    const r = await compile('around.md', HEAD().replace('按要求报送材料。', '按要求,报送材料。'), { 编号: '7', 基地名称: '国家火炬甲基地' }, ['编号', '基地名称']);
    const d = r.diagnostics.find((x) => x.ruleId === 'punct-halfwidth')!;
    expect(d).toMatchObject({ file: rel('around.md'), line: 10, column: 13 }); // 请{{基地名称}}按要求, in the file
    expect(d.message).toMatch(/（data\/bases\.csv 第 5 行的记录）$/);
  });

  it('a 文号 with [] filled by a record: the doc-number error names the row', async () => {
    const r = await compile('num.md', HEAD(), { 编号: '07', 基地名称: '国家火炬甲基地' });
    const d = r.diagnostics.find((x) => x.ruleId === 'doc-number')!;
    expect(d.message).toMatch(/不加前导0.*（data\/bases\.csv 第 5 行的记录）$/);
  });

  it('positions stay out of the model: two rows with the same values make the same model', async () => {
    const a = await compile('same.md', HEAD(), { 编号: '7', 基地名称: '国家火炬甲基地' }, ['编号', '基地名称']);
    const p = join(dir, 'same.md');
    const b = await compileFile(p, { projectDir: dir, record: { 编号: '7', 基地名称: '国家火炬甲基地' }, origin: { file: 'data/other.csv', row: 9, columns: ['基地名称', '编号'] } });
    expect(JSON.stringify(b.model)).toBe(JSON.stringify(a.model));
  });
});

describe('empty record fields the reader sees first', () => {
  it('an empty field in the title is an error at its cell; in the body it is not', async () => {
    const r = await compile('empty.md', HEAD(), { 编号: '7', 基地名称: ' ' }, ['编号', '基地名称']);
    const empty = r.diagnostics.filter((d) => d.ruleId === 'field-empty').map(formatDiagnostic);
    expect(empty).toEqual(['data/bases.csv:5:2 error field-empty: 「基地名称」在 data/bases.csv 第 5 行是空的，而标题（title）用到它：填写这一格，或从 title 中删去 {{基地名称}}']);
    expect(hasErrors(r.diagnostics)).toBe(true); // the record is not built
  });
  it('an empty 文号 field and an empty 主送 field, one error each', async () => {
    const r = await compile('empty2.md', HEAD().replace('to: 各有关单位', 'to: "{{单位}}"'), { 编号: '', 基地名称: '甲', 单位: '' }, ['编号', '基地名称', '单位']);
    expect(r.diagnostics.filter((d) => d.ruleId === 'field-empty').map((d) => `${d.line}:${d.column}`)).toEqual(['5:1', '5:3']);
  });
});
