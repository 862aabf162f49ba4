// The front end: content file → model, and every input error as file:line:col diagnostics.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { compileFile } from '../src/pipeline/compile.js';
import { formatDiagnostic } from '../src/diagnostics/diagnostic.js';
import type { Block, DocumentModel, HeadingBlock, ParagraphBlock } from '../src/model/types.js';
import { chineseCount } from '../src/model/numbering.js';
import { fillDisplayLines } from '../src/layout/lines/index.js';


const ROOT = join(__dirname, '..');
let dir: string;

function write(name: string, text: string): string {
  const p = join(dir, name);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, text);
  return p;
}

const NOTICE = (extra = '', body = '正文。') => `---
kind: notice
issuer: 科学技术部火炬高技术产业开发中心
number: 国科火字〔2020〕191号
title: 关于开展2020年国家火炬特色产业基地复核工作的通知
to: 有关省、自治区、计划单列市科技厅（局）
date: 2020-11-06
${extra}---

${body}
`;

const text = (b: { runs: { text: string }[] }) => b.runs.map((r) => r.text).join('');
const blocksOf = (m: { sections: { blocks: Block[] }[] }) => m.sections.flatMap((s) => s.blocks);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gw-compile-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('numbering', () => {
  it('counts in Chinese as Word does', () => {
    expect([1, 9, 10, 11, 19, 20, 21, 99, 100, 105, 110].map(chineseCount)).toEqual(['一', '九', '十', '十一', '十九', '二十', '二十一', '九十九', '一百', '一百零五', '一百一十']);
  });

  it('numbers headings 一、（一）1.（1）, restarting under each parent, and lists one level down', async () => {
    const p = write(
      'num.md',
      NOTICE('', `# 复核材料内容

## 发展情况

1. 第一项。
2. 第二项。

## （三）规划

# 二、报送

1. 报送甲。
2. 报送乙。

### 细则

#### 要点
`),
    );
    const r = await compileFile(p, { projectDir: dir });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const blocks = blocksOf(r.model!);
    const numbered = blocks
      .filter((b): b is HeadingBlock | ParagraphBlock => (b.type === 'heading' && !!b.number) || (b.type === 'paragraph' && !!b.number))
      .map((b) => `${b.number}${text(b)}`);
    expect(numbered).toEqual([
      '一、复核材料内容',
      '（一）发展情况',
      '1.第一项。',
      '2.第二项。',
      // A typed number of the wrong value is replaced, not doubled.
      '（二）规划',
      '二、报送',
      // Under a heading whose number the author typed, "1." is kept as written (third level).
      '1.报送甲。',
      '2.报送乙。',
      '3.细则',
      '（1）要点',
    ]);
  });

  it('keeps an annex\'s own "1." under a typed 一、 heading; a hard break breaks the line', async () => {
    const p = write('own.md', NOTICE('', '# 一、集群基本情况\n\n1. 集群现状。\n2. 集群优势。\n\n# 二、联系方式\n\n联系人：张三\\\n联系电话：010-88656275  \n报送地址：北京市\n'));
    const r = await compileFile(p, { projectDir: dir });
    const blocks = blocksOf(r.model!);
    const items = blocks.filter((b): b is ParagraphBlock => b.type === 'paragraph' && !!b.number).map((b) => b.number + text(b));
    expect(items).toEqual(['1.集群现状。', '2.集群优势。']);
    const contact = blocks.find((b): b is ParagraphBlock => b.type === 'paragraph' && text(b).startsWith('联系人'))!;
    expect(contact.runs).toEqual([
      { text: '联系人：张三' },
      { text: '\n', lineBreak: 'author' },
      { text: '联系电话：010-88656275' },
      { text: '\n', lineBreak: 'author' },
      { text: '报送地址：北京市' },
    ]);
  });

  it('does not number twice a heading that already starts with its number', async () => {
    const p = write('typed.md', NOTICE('', '# 一、复核材料内容\n\n## （一）发展情况\n\n### 1. 概况\n\n#### （1）规模\n'));
    const r = await compileFile(p, { projectDir: dir });
    const hs = blocksOf(r.model!).filter((b): b is HeadingBlock => b.type === 'heading');
    expect(hs.map((h) => h.number + text(h))).toEqual(['一、复核材料内容', '（一）发展情况', '1.概况', '（1）规模']);
  });
});

describe('the seed-000 notice', () => {
  it('compiles content/2020-191.md to the GB/T 9704 parts in order', async () => {
    const r = await compileFile(join(ROOT, 'content/2020-191.md'), { projectDir: ROOT });
    expect(r.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([]);
    const [body, annex] = r.model!.sections;
    expect(body.blocks.map((b) => b.type).filter((t) => t !== 'paragraph' && t !== 'heading')).toEqual([
      'redHeader', 'title', 'recipients', 'attachmentNote', 'signature', 'note',
    ]);
    const header = body.blocks[0];
    expect(header).toMatchObject({ type: 'redHeader', lines: ['科学技术部火炬', '高技术产业开发中心'], suffix: '文件', number: '国科火字〔2020〕191号' });
    const sig = body.blocks.find((b) => b.type === 'signature');
    expect(sig).toMatchObject({ type: 'signature', names: ['科技部火炬中心'], date: '2020年11月6日' });
    expect(body.blocks.find((b) => b.type === 'note')).toMatchObject({ type: 'note', text: '（此件主动公开）' });
    const items = body.blocks.filter((b): b is ParagraphBlock => b.type === 'paragraph' && !!b.number).map((b) => b.number);
    expect(items.slice(0, 9)).toEqual(['（一）', '1.', '2.', '3.', '4.', '5.', '6.', '7.', '（二）']);
    expect(items).toContain('（三）');
    expect(annex.part).toBe('annex');
    expect(annex.blocks[0]).toMatchObject({ type: 'annexLabel', text: '附件' });
    const table = annex.blocks.find((b) => b.type === 'table');
    expect(table && table.type === 'table' && table.rows.length).toBe(53);
    expect(r.model!.imprint).toMatchObject({ printer: '科学技术部火炬高技术产业开发中心办公室', printed: '2020年11月9日' });
    expect(r.model!.imprint!.cc).toMatch(/。$/);
  });

  it('joins soft line breaks between Chinese characters without a space', async () => {
    const p = write('soft.md', NOTICE('', '基地复核材料通过系统打印盖公章后报送省科技厅\n审核。English words\njoin with a space.'));
    const r = await compileFile(p, { projectDir: dir });
    const para = blocksOf(r.model!).find((b): b is ParagraphBlock => b.type === 'paragraph')!;
    expect(text(para)).toBe('基地复核材料通过系统打印盖公章后报送省科技厅审核。English words join with a space.');
  });
});

describe('titles', () => {
  it('the model carries the title unbroken; the layout stage breaks it (seed 000)', () => {
    const model: DocumentModel = {
      meta: { title: 't', lang: 'zh-CN' },
      appendPdfs: [],
      sections: [{ orientation: 'portrait', pageNumbers: true, part: 'body', blocks: [
        { type: 'redHeader', lines: ['科学技术部火炬高技术产业开发中心'], suffix: '文件' },
        { type: 'title', variant: 'document', lines: ['关于开展2020年国家火炬特色产业基地复核工作的通知'] },
      ] }],
    };
    const filled = fillDisplayLines(model);
    expect(filled.sections[0].blocks).toEqual([
      { type: 'redHeader', lines: ['科学技术部火炬', '高技术产业开发中心'], suffix: '文件' },
      { type: 'title', variant: 'document', lines: ['关于开展2020年国家火炬特色产业基地', '复核工作的通知'] },
    ]);
    expect(fillDisplayLines(filled)).toEqual(filled);
    expect(model.sections[0].blocks[1]).toMatchObject({ lines: ['关于开展2020年国家火炬特色产业基地复核工作的通知'] });
  });
});

describe('templates', () => {
  it('uses a copy of a template in the project before the shipped one', async () => {
    const proj = mkdtempSync(join(tmpdir(), 'gw-tpl-'));
    try {
      mkdirSync(join(proj, 'templates/annex'), { recursive: true });
      writeFileSync(join(proj, 'templates/annex/annex.hbs'), '```gw:annex-title\n{{json title}}\n```\n\n本附件由项目模板生成。\n\n```gw:body\n```\n');
      writeFileSync(join(proj, 'a.md'), '---\nkind: annex\ntitle: 附件标题\n---\n\n正文。\n');
      const r = await compileFile(join(proj, 'a.md'), { projectDir: proj });
      const texts = blocksOf(r.model!).filter((b): b is ParagraphBlock => b.type === 'paragraph').map(text);
      expect(texts).toEqual(['本附件由项目模板生成。', '正文。']);
    } finally {
      rmSync(proj, { recursive: true, force: true });
    }
  });

  it('names the template file and line of a field the template uses but the document lacks', async () => {
    const proj = mkdtempSync(join(tmpdir(), 'gw-tpl-'));
    try {
      mkdirSync(join(proj, 'templates/annex'), { recursive: true });
      writeFileSync(join(proj, 'templates/annex/annex.hbs'), '```gw:annex-title\n{{json title}}\n```\n\n编制单位：{{unit}}\n');
      writeFileSync(join(proj, 'a.md'), '---\nkind: annex\ntitle: 附件标题\n---\n\n正文。\n');
      const r = await compileFile(join(proj, 'a.md'), { projectDir: proj });
      expect(r.diagnostics.map(formatDiagnostic)[0]).toMatch(/templates\/annex\/annex\.hbs:5:\d+ error template: 缺少字段「unit」：模板用到了它/);
      writeFileSync(join(proj, 'templates/annex/annex.hbs'), '{{#if title}}\n```gw:annex-title\n');
      const r2 = await compileFile(join(proj, 'a.md'), { projectDir: proj });
      expect(r2.diagnostics.map(formatDiagnostic)[0]).toMatch(/templates\/annex\/annex\.hbs:\d+:\d+ error template: 模板语法错误/);
    } finally {
      rmSync(proj, { recursive: true, force: true });
    }
  });
});

describe('input errors', () => {
  async function diags(name: string, content: string) {
    const p = write(name, content);
    const r = await compileFile(p, { projectDir: dir });
    // A model comes back only when the errors are the checks' (a 发文字号: doc-number); never rendered.
    if (r.model) expect(r.diagnostics.filter((d) => d.severity === 'error').every((d) => d.source === 'check')).toBe(true);
    expect(r.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    return r.diagnostics.map(formatDiagnostic);
  }

  it('points at a malformed 发文字号 by line and column', async () => {
    const out = await diags('badnum.md', NOTICE().replace('国科火字〔2020〕191号', '国科火字[2020]191号'));
    expect(out).toEqual([expect.stringMatching(/badnum\.md:4:13 error doc-number: 发文字号的年份应使用六角括号〔〕，不用「\[\]」，应写作「国科火字〔2020〕191号」/)]);
  });

  it('reports a leading zero and a missing 号', async () => {
    expect((await diags('zero.md', NOTICE().replace('191号', '091号')))[0]).toMatch(/:4:\d+ error doc-number: .*不加前导0/);
    expect((await diags('hao.md', NOTICE().replace('191号', '191')))[0]).toMatch(/:4:\d+ error doc-number: .*号/);
  });

  it('reports every problem at once', async () => {
    const bad = NOTICE().replace('国科火字〔2020〕191号', '国科火字(2020)191号').replace('date: 2020-11-06', 'date: 2020-13-45').replace('title: 关于开展2020年国家火炬特色产业基地复核工作的通知\n', '');
    const out = await diags('many.md', bad);
    expect(out.length).toBe(3);
    expect(out.join('\n')).toMatch(/error doc-number:/);
    expect(out.join('\n')).toMatch(/error field-value: 「date」不是有效日期/);
    expect(out.join('\n')).toMatch(/error field-missing: 缺少必填字段「title」（标题）/);
  });

  it('names an unknown kind', async () => {
    const out = await diags('kind.md', '---\nkind: memo\n---\n正文\n');
    expect(out[0]).toMatch(/kind\.md:2:7 error field-value: 未知文种「memo」/);
  });

  it('gives the line of a YAML syntax error', async () => {
    const out = await diags('yaml.md', '---\nkind: notice\ntitle: [unclosed\nnumber: x\n---\n正文\n');
    expect(out[0]).toMatch(/yaml\.md:[34]:\d+ error yaml: YAML 语法错误/);
  });

  it('refuses executable front matter', async () => {
    const out = await diags('js.md', '---js\n{ kind: (function(){ require("fs").writeFileSync("/tmp/pwned", "x"); return "notice" })() }\n---\n正文\n');
    expect(out[0]).toMatch(/error front-matter: .*不接受可执行的文件头/);
  });

  it('refuses raw HTML with its line', async () => {
    const out = await diags('html.md', NOTICE('', '第一段。\n\n<script>alert(1)</script>\n\n正文<b>粗</b>'));
    expect(out).toEqual([
      expect.stringMatching(/html\.md:12:1 error raw-html:/),
      expect.stringMatching(/html\.md:14:1 error raw-html:/),
    ]);
  });

  it('reports a missing attachment file and one outside the project', async () => {
    const out = await diags('att.md', NOTICE('attachments:\n  - title: 名单\n    file: nowhere.md\n  - title: 密码\n    file: ../../../etc/passwd\n'));
    expect(out[0]).toMatch(/att\.md:10:11 error attachments: 附件文件「nowhere\.md」不存在/);
    expect(out[1]).toMatch(/att\.md:12:11 error attachments: .*在项目文件夹之外/);
  });

  it('reports a field the body uses but nobody defines, at the body line', async () => {
    const out = await diags('tpl.md', NOTICE('', '第一段。\n\n致{{基地名称}}：'));
    expect(out[0]).toMatch(/tpl\.md:12:\d+ error template: 缺少字段「基地名称」/);
  });

  it('reports an unreadable file', async () => {
    const r = await compileFile(join(dir, 'nope.md'), { projectDir: dir });
    expect(r.diagnostics.map(formatDiagnostic)[0]).toMatch(/nope\.md error read: cannot read file: no such file/);
  });
});
