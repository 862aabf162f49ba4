// Pure pieces of the command line, without a process: .gitignore matching, the code frame under
// a diagnostic, the numbers import reads headings from, and the project root.

import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isIgnored, parseGitignore } from '../src/pipeline/gitignore.js';
import { codeFrame, useColour } from '../src/cli/report.js';
import { importHtml, numberedLevel } from '../src/import/docx.js';
import { findProjectRoot } from '../src/cli/project.js';

describe('.gitignore', () => {
  const base = '/p';
  const rules = parseGitignore(['# comment', '', 'drafts/', '*.tmp.md', '!keep.tmp.md', '/top.md', 'a/**/z.md', 'docs/old/', 'b?.md', '[xy].md', '\\#hash.md'].join('\n'), base);
  const cases: [string, boolean, boolean][] = [
    ['/p/drafts', true, true],
    ['/p/sub/drafts', true, true],
    ['/p/drafts', false, false], // dir-only pattern, a file named drafts
    ['/p/x.tmp.md', false, true],
    ['/p/sub/x.tmp.md', false, true],
    ['/p/keep.tmp.md', false, false],
    ['/p/top.md', false, true],
    ['/p/sub/top.md', false, false], // anchored
    ['/p/a/z.md', false, true],
    ['/p/a/b/c/z.md', false, true],
    ['/p/docs/old', true, true],
    ['/p/other/docs/old', true, false], // a slash inside anchors it
    ['/p/b1.md', false, true],
    ['/p/b12.md', false, false],
    ['/p/x.md', false, true],
    ['/p/z.md', false, false],
    ['/p/#hash.md', false, true],
    ['/p/content/notice.md', false, false],
    ['/elsewhere/x.tmp.md', false, false],
  ];
  it.each(cases)('%s (folder %s) ignored: %s', (path, isDir, ignored) => {
    expect(isIgnored(rules, path, isDir)).toBe(ignored);
  });
});

describe('code frame', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gw-frame-'));
  const file = join(dir, 'a.md');
  writeFileSync(file, '---\nkind: notice\n---\n\n现将有关事项通知如下,请遵照执行.\n\tx,y\n');
  it('puts the caret under the column, CJK characters two wide', () => {
    const frame = codeFrame({ file, line: 5, column: 11, severity: 'warning', ruleId: 'punct-halfwidth', message: '' }, false);
    const [src, caret] = frame.split('\n');
    expect(src).toBe('5 | 现将有关事项通知如下,请遵照执行.');
    expect(caret).toBe(' '.repeat(4 + 20) + '^');
  });
  it('expands tabs and gives nothing for a whole-file diagnostic', () => {
    const [, caret] = codeFrame({ file, line: 6, column: 3, severity: 'error', ruleId: 'x', message: '' }, false).split('\n');
    expect(caret).toBe(' '.repeat(4 + 4 + 1) + '^');
    expect(codeFrame({ file, line: 0, column: 0, severity: 'error', ruleId: 'x', message: '' }, false)).toBe('');
  });
  it('colours only a terminal, never with NO_COLOR', () => {
    const tty = { isTTY: true } as NodeJS.WriteStream;
    const saved = process.env.NO_COLOR;
    delete process.env.NO_COLOR;
    expect(useColour({ isTTY: false } as NodeJS.WriteStream)).toBe(false);
    process.env.NO_COLOR = '1';
    expect(useColour(tty)).toBe(false);
    if (saved === undefined) delete process.env.NO_COLOR;
    else process.env.NO_COLOR = saved;
  });
});

describe('numbers that make headings', () => {
  it.each([
    ['一、总体要求', 1, 1, '总体要求'],
    ['十二、附则', 1, 12, '附则'],
    ['（三）工作安排', 2, 3, '工作安排'],
    ['(二十)其他', 2, 20, '其他'],
    ['1．基本情况', 3, 1, '基本情况'],
    ['10. 其他事项', 3, 10, '其他事项'],
    ['（2）数据来源', 4, 2, '数据来源'],
  ])('%s', (text, level, n, rest) => {
    expect(numberedLevel(text)).toEqual({ level, n, rest });
  });
  it.each(['2020年工作总结', '1.5倍以上', '一是加强领导', '（此件主动公开）'])('%s is no heading number', (text) => {
    expect(numberedLevel(text)).toBeUndefined();
  });
});

describe('project root', () => {
  it('walks up to gongwen.yaml or a content/ folder, else the file’s folder', () => {
    const root = mkdtempSync(join(tmpdir(), 'gw-root-'));
    mkdirSync(join(root, 'a/content/deep'), { recursive: true });
    mkdirSync(join(root, 'b/sub'), { recursive: true });
    mkdirSync(join(root, 'c'), { recursive: true });
    writeFileSync(join(root, 'b/gongwen.yaml'), 'rules: {}\n');
    expect(findProjectRoot(join(root, 'a/content/deep/x.md'))).toBe(join(root, 'a'));
    expect(findProjectRoot(join(root, 'a/content'))).toBe(join(root, 'a'));
    expect(findProjectRoot(join(root, 'b/sub/x.md'))).toBe(join(root, 'b'));
    expect(findProjectRoot(join(root, 'c/x.md'))).toBe(join(root, 'c'));
  });
});

describe('import of HTML as mammoth writes it', () => {
  it("Word's heading levels, numbered run-in paragraphs, tables, images", () => {
    const r = importHtml(
      '<p>某某工作方案</p><h1>总体要求</h1><p>正文一。</p><h2>工作目标</h2><p>正文二{{x}}。</p><h1>三、保障措施</h1><p>（一）加强领导。各部门要高度重视。</p>' +
        '<table><tr><td>a|b</td><td>c</td></tr><tr><td>1</td><td>2</td></tr></table><p><img src="x.png"/></p><p>3) 其他</p>',
    );
    expect(r.text).toBe(
      '---\nkind: annex\ntitle: 某某工作方案\n---\n\n# 总体要求\n\n正文一。\n\n## 工作目标\n\n正文二\\{{x}}。\n\n# 保障措施\n\n（一）加强领导。各部门要高度重视。\n\n' +
        '| a\\|b | c |\n| --- | --- |\n| 1 | 2 |\n\n3\\) 其他\n',
    );
    expect(r.findings.items.map((f) => [f.lost, f.at?.paragraph, f.message])).toEqual([
      [false, 6, '标题编号写的是「三、」，gongwen 按顺序编为「二、」：检查前面是否漏了一个标题'],
      [true, 9, '图片未导入：把图片另存为文件，在这里写 ![](图片.png)'],
    ]);
  });
});
