// The text rules read the document's text, not only the content file: what a template wrote
// (at the template's line) and what a batch record put into {{…}} (at the data file's row and
// column). A record that leaves a field of the title, 主送, 署名 or 文号 empty is an error there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { compileFile } from '../src/build/compile.js';
import { formatDiagnostic } from '../src/diagnostics/diagnostic.js';
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

/** Each text rule, with a slip it must find and the rule id. */
const SLIPS: [string, string][] = [
  ['punct-halfwidth', '材料齐全,按时报送'],
  ['punct-pair', '《管理办法的通知'],
  ['quotes-straight', '所谓"双创"工作'],
  ['dash', '材料--按时报送'],
  ['ellipsis', '基地、园区...等'],
  ['range-hyphen', '2021-2023年发展'],
  ['fullwidth-alnum', '第２批基地'],
  ['cited-doc-number', '依据国科发火[2013]230号文件'],
];

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
  for (const [rule, slip] of SLIPS) {
    it(`${rule} fires at the template's line`, async () => {
      const tpl = join(dir, `templates/notice/notice.hbs`);
      const shipped = (await import('node:fs')).readFileSync(join(ROOT, 'templates/notice/notice.hbs'), 'utf8');
      writeFileSync(tpl, shipped.replace('```gw:body\n```\n', '```gw:body\n```\n\n联系事项：' + slip + '。\n'));
      const r = await compile(`t-${rule}.md`, HEAD().replace(/\{\{[^}]+\}\}/g, '甲'));
      const lineNo = (await import('node:fs')).readFileSync(tpl, 'utf8').split('\n').findIndex((l) => l.includes(slip)) + 1;
      const found = r.diagnostics.filter((d) => d.ruleId === rule);
      expect(found.length, r.diagnostics.map(formatDiagnostic).join('\n')).toBeGreaterThan(0);
      expect(found[0]).toMatchObject({ file: rel('templates/notice/notice.hbs'), line: lineNo });
      expect(found[0].column).toBeGreaterThan(5);
    });
  }
});

describe('rules on text a batch record put in', () => {
  beforeAll(() => cpSync(join(ROOT, 'templates/notice/notice.hbs'), join(dir, 'templates/notice/notice.hbs')));
  for (const [rule, slip] of SLIPS) {
    it(`${rule} fires at the record's row and column`, async () => {
      const r = await compile(`r-${rule}.md`, HEAD(), { 编号: '7', 基地名称: `国家火炬${slip}基地` }, ['编号', '基地名称']);
      const found = r.diagnostics.filter((d) => d.ruleId === rule);
      expect(found.length, r.diagnostics.map(formatDiagnostic).join('\n')).toBeGreaterThan(0);
      expect(found[0]).toMatchObject({ file: 'data/bases.csv', line: 5, column: 2 });
    });
  }

  it('a 文号 with [] filled by a record: the doc-number error names the row', async () => {
    const r = await compile('num.md', HEAD(), { 编号: '07', 基地名称: '国家火炬甲基地' });
    const d = r.diagnostics.find((x) => x.ruleId === 'doc-number')!;
    expect(d.message).toMatch(/不加前导0.*（data\/bases\.csv 第 5 行的记录）$/);
  });
});

describe('empty record fields the reader sees first', () => {
  it('an empty field in the title is an error at its cell; in the body it is not', async () => {
    const r = await compile('empty.md', HEAD(), { 编号: '7', 基地名称: ' ' }, ['编号', '基地名称']);
    const empty = r.diagnostics.filter((d) => d.ruleId === 'field-empty').map(formatDiagnostic);
    expect(empty).toEqual(['data/bases.csv:5:2 error field-empty: 「基地名称」在 data/bases.csv 第 5 行是空的，而标题（title）用到它：填写这一格，或从 title 中删去 {{基地名称}}']);
    expect(r.model).toBeUndefined();
  });
  it('an empty 文号 field and an empty 主送 field, one error each', async () => {
    const r = await compile('empty2.md', HEAD().replace('to: 各有关单位', 'to: "{{单位}}"'), { 编号: '', 基地名称: '甲', 单位: '' }, ['编号', '基地名称', '单位']);
    expect(r.diagnostics.filter((d) => d.ruleId === 'field-empty').map((d) => `${d.line}:${d.column}`)).toEqual(['5:1', '5:3']);
  });
});
