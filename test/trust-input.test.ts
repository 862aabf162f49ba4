// Data stays data and messages stay safe (issue 12): a field cannot change the document's
// structure, a document's bytes cannot reach the terminal as control sequences, output names
// fit the file system, and each message points at the place to fix.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { compileFile } from '../src/pipeline/compile.js';
import { formatDiagnostic } from '../src/diagnostics/diagnostic.js';
import { markdownEscape } from '../src/template/engine.js';
import type { Block, ParagraphBlock } from '../src/model/types.js';
import { writeIn } from './fixtures/write-in.js';

let dir: string;
const write = (name: string, text: string) => writeIn(dir, name, text);
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gw-input-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const blocksOf = async (p: string, record?: Record<string, unknown>) => {
  const r = await compileFile(p, { projectDir: dir, checks: false, record });
  return { r, blocks: r.model ? r.model.sections.flatMap((s) => s.blocks).filter((b) => b.type !== 'title') : ([] as Block[]) };
};
const textOf = (b: Block) => (b.type === 'paragraph' ? (b as ParagraphBlock).runs.map((x) => x.text).join('') : '');

describe('data fields are text', () => {
  it('a CSV value with blank lines, --- and 1. stays in its paragraph as text', async () => {
    const p = write('field.md', '---\nkind: annex\ntitle: 附件标题\n---\n\n{{说明}}\n\n结尾。\n');
    const values = ['分页\n\n---\n\n1. 列表注入', '---', '1. 第一', '- 条目', '+ 条目', '标题\n===', '    缩进代码', '> 引用', '&amp;实体&#x41;', '| a | b |\n|---|---|\n| 1 | 2 |', '```\n代码\n```', '* * *', '1) 项'];
    for (const v of values) {
      const { r, blocks } = await blocksOf(p, { 说明: v });
      expect(r.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic), v).toEqual([]);
      expect(blocks.map((b) => b.type), v).toEqual(['paragraph', 'paragraph']);
      expect(blocks.every((b) => (b as ParagraphBlock).runs.every((x) => !x.bold && !x.link)), v).toBe(true);
      expect(textOf(blocks[1])).toBe('结尾。');
    }
    const { blocks } = await blocksOf(p, { 说明: '分页\n\n---\n\n1. 列表注入' });
    expect(textOf(blocks[0])).toBe('分页--- 1. 列表注入');
    const amp = await blocksOf(p, { 说明: '&amp;实体&#x41;' });
    expect(textOf(amp.blocks[0])).toBe('&amp;实体&#x41;');
  });

  it('keeps dates, numbers and Latin words usable by helpers and readable', () => {
    expect(markdownEscape('2020-11-06')).toBe('2020-11-06');
    expect(markdownEscape('1.5')).toBe('1.5');
    expect(markdownEscape('first line\nsecond')).toBe('first line second');
    expect(markdownEscape('第一行\n第二行')).toBe('第一行第二行');
  });
});

describe('a document is written all or nothing', () => {
  it('when the PDF cannot be put in place, the old DOCX and PDF stay and no temporary file is left', async () => {
    const { writeFilesAtomic } = await import('../src/util/atomic-write.js');
    const { readdirSync, readFileSync, mkdirSync: mk } = await import('node:fs');
    const out = join(dir, 'atomic');
    mk(join(out, 'doc.pdf'), { recursive: true }); // a folder where the PDF goes: its rename fails
    writeFileSync(join(out, 'doc.docx'), 'OLD');
    await expect(writeFilesAtomic([{ path: join(out, 'doc.docx'), data: 'NEW' }, { path: join(out, 'doc.pdf'), data: 'NEW' }])).rejects.toThrow();
    expect(readFileSync(join(out, 'doc.docx'), 'utf8')).toBe('OLD');
    expect(readdirSync(out).sort()).toEqual(['doc.docx', 'doc.pdf']);
    // A new document whose second file fails leaves no first file either.
    mk(join(out, 'new.pdf'));
    await expect(writeFilesAtomic([{ path: join(out, 'new.docx'), data: 'NEW' }, { path: join(out, 'new.pdf'), data: 'NEW' }])).rejects.toThrow();
    expect(readdirSync(out).sort()).toEqual(['doc.docx', 'doc.pdf', 'new.pdf']);
    // And when all goes well, both are replaced.
    await writeFilesAtomic([{ path: join(out, 'doc.docx'), data: 'NEW' }, { path: join(out, 'x.pdf'), data: 'NEW' }]);
    expect(readFileSync(join(out, 'doc.docx'), 'utf8')).toBe('NEW');
    expect(readdirSync(out).sort()).toEqual(['doc.docx', 'doc.pdf', 'new.pdf', 'x.pdf']);
  });
});

describe('messages cannot drive the terminal', () => {
  it('control characters quoted from a document are shown as escapes', async () => {
    const p = write(
      'esc.md',
      '---\nkind: "\\e]0;pwned\\a\\e[2Jx\\u202e"\ntitle: 关于测试的通知\n---\n\n正文。\n',
    );
    const r = await compileFile(p, { projectDir: dir, checks: false });
    const lines = r.diagnostics.map(formatDiagnostic);
    expect(lines.some((l) => l.includes('\\u{1b}]0;pwned\\u{7}\\u{1b}[2J'))).toBe(true);
    for (const l of lines) expect(l).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
  });

  it('has no {{log}} helper: a document cannot print to the terminal', async () => {
    const p = write('log.md', '---\nkind: annex\ntitle: 附件标题\n---\n\n正文{{log "\\u001b[2J"}}。\n');
    const r = await compileFile(p, { projectDir: dir, checks: false });
    expect(r.diagnostics.map(formatDiagnostic).join('\n')).toMatch(/log\.md:6:3 error template: .*log/);
  });
});

describe('output names fit the file system', () => {
  it('cuts by UTF-8 bytes, between characters, and the longest file made from a name can be written', async () => {
    const { safeFileName, MAX_NAME_BYTES } = await import('../src/pipeline/batch.js');
    const { writeFilesAtomic } = await import('../src/util/atomic-write.js');
    const long = '国家火炬'.repeat(30); // 120 characters, 360 bytes
    const cut = safeFileName(long);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect(cut).toBe(long.slice(0, Math.floor(MAX_NAME_BYTES / 3)));
    // An emoji (4 bytes), one with a skin tone and a family (ZWJ sequence) at the cut stay whole or go whole.
    for (const emoji of ['😀', '👍🏽', '👨‍👩‍👧‍👦']) {
      for (let pad = 0; pad < 12; pad++) {
        const name = safeFileName('a'.repeat(MAX_NAME_BYTES - 8 + pad) + emoji + emoji);
        expect(name.startsWith('a')).toBe(true);
        const rest = name.replace(/^a+/, '');
        expect(rest === '' || rest === emoji || rest === emoji + emoji, JSON.stringify(rest)).toBe(true);
        expect(Buffer.from(name).toString('utf8')).toBe(name); // no lone surrogate
      }
    }
    // 82 Chinese characters (246 bytes): written with both extensions and a duplicate's suffix.
    const name = safeFileName('关于国家火炬特色产业基地复核'.repeat(6).slice(0, 82)) + '-99999';
    const out = join(dir, 'names');
    await writeFilesAtomic([{ path: join(out, `${name}.docx`), data: 'x' }, { path: join(out, `${name}.pdf`), data: 'x' }]);
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(out)).toHaveLength(2);
  });

  it('control characters and separators become _', async () => {
    const { safeFileName } = await import('../src/pipeline/batch.js');
    expect(safeFileName('../a/b\u001b[2J\u202ec')).toBe('__a_b_[2J_c');
  });
});

describe('messages point at the place to fix', () => {
  const errs = async (p: string, checks = false) => (await compileFile(p, { projectDir: dir, checks })).diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);

  it('unknown YAML tags and __proto__ keys are errors at their line, and no YAMLWarning reaches stderr', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    const p = write('tags.md', '---\nkind: annex\ntitle: !foo 附件标题\n__proto__: {kind: x}\n---\n\n正文。\n');
    const e = await errs(p);
    await new Promise((r) => setTimeout(r, 10));
    process.off('warning', onWarning);
    expect(e).toEqual([
      expect.stringMatching(/tags\.md:3:8 error yaml: 不支持 YAML 标签「!foo」/),
      expect.stringMatching(/tags\.md:4:1 error front-matter: 「__proto__」不能作字段名/),
    ]);
    expect(warnings).toEqual([]);
  });

  it('number: {a: 1} is a message at the field, not an internal error', async () => {
    const p = write('num.md', '---\nkind: annex\ntitle: 附件标题\nnumber: {a: 1}\n---\n\n正文。\n');
    const e = (await errs(p, true)).join('\n');
    expect(e).not.toMatch(/internal error/);
    expect(e).toMatch(/num\.md:4:9 error doc-number: 发文字号应写成一行文字/);
  });

  it('Handlebars syntax errors are whole: what was expected and what was found', async () => {
    const p = write('hbs.md', '---\nkind: annex\ntitle: 附件标题\n---\n\n正文。\n\n{{foo bar=}}\n');
    expect((await errs(p)).join('\n')).toMatch(/hbs\.md:8:1 error template: 模板语法错误：expected .*a name.* but found \}\} in `正文。\{\{foo bar=\}\}`/);
  });

  it('a damaged attached PDF is an error at its attachment when compiling (so check finds it)', async () => {
    const { PDFDocument, PDFName, PDFArray } = await import('pdf-lib');
    const doc = await PDFDocument.create();
    doc.addPage();
    (doc.catalog.Pages().get(PDFName.of('Kids')) as InstanceType<typeof PDFArray>).push(doc.catalog.get(PDFName.of('Pages'))!);
    writeFileSync(join(dir, 'loop.pdf'), await doc.save({ useObjectStreams: false }));
    const p = write(
      'att.md',
      '---\nkind: notice\nissuer: 某局\nnumber: 某发〔2020〕1号\ntitle: 关于测试的通知\ndate: 2020-11-06\nattachments:\n  - title: 附表\n    file: loop.pdf\n---\n\n正文。\n',
    );
    expect((await errs(p)).join('\n')).toMatch(/att\.md:9:11 error attachments: 附件「附表」的 PDF 无法使用（页面树循环：文件已损坏）/);
  });

  it('data over the size limit is one error, without "no column" errors for the list columns', async () => {
    const { truncateSync } = await import('node:fs');
    const { MAX_DATA_BYTES } = await import('../src/data/limits.js');
    writeFileSync(join(dir, 'big.csv'), 'a,b\n');
    truncateSync(join(dir, 'big.csv'), MAX_DATA_BYTES + 1); // sparse: no disk used
    const p = write('biglist.md', '---\nkind: list\ntitle: 名单\ndata: big.csv\ncolumns: [a, b, c, d]\n---\n');
    const e = await errs(p);
    expect(e).toHaveLength(1);
    expect(e[0]).toMatch(/error data-too-large/);
  });

  it('a missing glyph is reported at its line and column', async () => {
    const { placeMissingGlyphs } = await import('../src/pipeline/glyph-places.js');
    const src = { path: 'content/g.md', text: '---\ntitle: x\n---\n\n正文有表情😀和𠀀字。\n' } as never;
    const d = placeMissingGlyphs([{ file: 'x', line: 0, column: 0, severity: 'warning', ruleId: 'font-missing-glyph', message: 'no fangsong font has 😀 (U+1F600), 𠀀 (U+20000), 丂 (U+4E02): add a font that has them to fonts/' }], [src], 'content/g.md');
    expect(d.map(formatDiagnostic)).toEqual([
      'content/g.md:5:6 warning font-missing-glyph: no fangsong font has 😀 (U+1F600): add a font that has it to fonts/',
      'content/g.md:5:8 warning font-missing-glyph: no fangsong font has 𠀀 (U+20000): add a font that has it to fonts/',
      'content/g.md warning font-missing-glyph: no fangsong font has 丂 (U+4E02): add a font that has it to fonts/',
    ]);
  });
});

describe('template overrides are reported at their own lines', () => {
  it('a bad gw block in a project template is reported at its .hbs line, whatever loops and conditions did before it', async () => {
    const proj = join(dir, 'override');
    mkdirSync(join(proj, 'templates/annex'), { recursive: true });
    writeFileSync(
      join(proj, 'templates/annex/annex.hbs'),
      [
        '{{!--', '  a comment of', '  several lines', '--}}', // 1-4
        '{{#if label}}', '```gw:annex-label', '{{json label}}', '```', '', '{{/if}}', // 5-10
        '{{#each items}}', '第{{this}}行', '', '{{/each}}', // 11-14
        '```gw:annex-title', '{{json title}}', '```', '', // 15-18
        '```gw:no-such-block', '{}', '```', // 19-21
        '', '```gw:body', '```', '',
      ].join('\n'),
    );
    const p = join(proj, 'doc.md');
    writeFileSync(p, '---\nkind: annex\ntitle: 附件标题\nitems: [一, 二, 三]\n---\n\n正文。\n');
    const r = await compileFile(p, { projectDir: proj, checks: false });
    const lines = r.diagnostics.filter((d) => d.file.endsWith('annex.hbs')).map((d) => d.line);
    expect(r.diagnostics.map(formatDiagnostic).join('\n')).toMatch(/annex\.hbs:19:1 /);
    expect(lines).toEqual([19]);
  });
});
