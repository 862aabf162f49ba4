// gongwen import on untrusted DOCX files and unwritable targets (issue 23): a zip bomb, a part
// that lies about its size, a huge paragraph, too many paragraphs, output past what a content
// file may hold, a link target that tries to leave its link, files that are not Word files,
// and --force onto a read-only file, a read-only folder and a full disk. Each ends with a
// message that says what failed, where and what to do (no stack, no internal code), writes
// nothing or everything, and never loses or changes the mode of the file it would replace.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import MarkdownIt from 'markdown-it';
import { cliCopy, REPO } from './fixtures/cli-copy.js';
import { declareSize, minimalDocx, para } from './fixtures/import/minimal-docx.js';

let tmp = '';
let bin = '';
// The import command's own messages in Chinese, as a clerk's machine says them.
const ZH = { ...process.env, GONGWEN_LANG: 'zh' };
const run = (args: string[], cwd: string, shell?: string) =>
  shell
    ? spawnSync('bash', ['-c', `${shell}; exec "$0" "$@"`, process.execPath, bin, ...args], { cwd, encoding: 'utf8', timeout: 170_000, env: ZH })
    : spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 170_000, env: ZH });

/** No stack trace, no internal error code, no JavaScript error name in what the user reads. */
function plainMessage(stderr: string) {
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toMatch(/TypeError|RangeError|ReferenceError|reading '|ERR_|EX_SOFTWARE|internal/);
}

const NOTICE = [
  '科学技术部火炬高技术产业开发中心文件',
  '国科火字〔2026〕12号',
  '关于开展2026年度火炬计划项目申报工作的通知',
  '各省、自治区、直辖市科技厅（委、局）：',
  '为做好2026年度申报工作，现将有关事项通知如下：',
];
const TAIL = ['科学技术部火炬高技术产业开发中心', '2026年3月2日'];
const noticeBody = (middle: string[]) => [...NOTICE, ...middle, ...TAIL].map(para).join('');

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'gongwen-import-hostile-'));
  chmodSync(tmp, 0o755);
  bin = cliCopy(join(tmp, 'gongwen'));
}, 300_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

function folder(name: string): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755);
  return dir;
}

describe('bounds on what a DOCX expands to', () => {
  it('a zip bomb (a 100 MB document.xml in 100 KB) stops at the central directory, before inflating', () => {
    const dir = folder('bomb');
    const xml = new Uint8Array(100 * 1024 * 1024).fill(0x20);
    const docx = minimalDocx(xml, {}, 9);
    expect(docx.length).toBeLessThan(300 * 1024);
    writeFileSync(join(dir, 'bomb.docx'), docx);
    const r = run(['import', 'bomb.docx'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('bomb.docx: 文件解压后超过 64.0 MB（zip 目录声明的大小）');
    expect(r.stderr).toContain('未写入任何文件');
    plainMessage(r.stderr);
    expect(readdirSync(dir)).toEqual(['bomb.docx']);
  });

  it('a part that declares 2 KB and inflates to 40 MB is stopped at 2 KB', () => {
    const dir = folder('liar');
    const docx = declareSize(minimalDocx(new Uint8Array(40 * 1024 * 1024).fill(0x20), {}, 9), 'word/document.xml', 2048);
    writeFileSync(join(dir, 'liar.docx'), docx);
    const r = run(['import', 'liar.docx'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('部件 word/document.xml 解压后超过它声明的 2 KB：可能是压缩炸弹，未导入');
    plainMessage(r.stderr);
  });

  it('one huge paragraph (a million characters) is refused with its paragraph number', () => {
    const dir = folder('huge-paragraph');
    writeFileSync(join(dir, 'p.docx'), minimalDocx(noticeBody(['申'.repeat(1024 * 1024)])));
    const r = run(['import', 'p.docx'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/p\.docx: 第 6 段有 10486\d\d 个字符（上限 200000），不像公文的一段：未导入/);
    plainMessage(r.stderr);
    expect(existsSync(join(dir, 'p.md'))).toBe(false);
  });

  it('30,000 paragraphs are refused before mammoth reads them', () => {
    const dir = folder('many');
    writeFileSync(join(dir, 'many.docx'), minimalDocx(noticeBody(Array.from({ length: 30_000 }, () => '请认真组织实施。'))));
    const r = run(['import', 'many.docx'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('正文超过 20000 段，远超一份公文：未导入');
    plainMessage(r.stderr);
  });

  it('70,000 runs, or 300,000 XML elements in few runs, are refused before mammoth reads them (it holds about 2 KB per element)', () => {
    const dir = folder('runs');
    const tenRuns = '<w:p>' + Array.from({ length: 10 }, (_, k) => `<w:r><w:t>申报${k}</w:t></w:r>`).join('') + '</w:p>';
    writeFileSync(join(dir, 'runs.docx'), minimalDocx(tenRuns.repeat(7000)));
    const marks = '<w:p>' + '<w:bookmarkStart w:id="1" w:name="x"/>'.repeat(20) + '<w:r><w:t>一</w:t></w:r></w:p>';
    writeFileSync(join(dir, 'marks.docx'), minimalDocx(marks.repeat(15_000)));
    const r = run(['import', 'runs.docx'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('runs.docx: 正文超过 60000 个文字片段（w:r），远超一份公文：未导入');
    const m = run(['import', 'marks.docx'], dir);
    expect(m.status).toBe(1);
    expect(m.stderr).toContain('marks.docx: 正文的 XML 超过 300000 个元素，远超一份公文：未导入');
    expect(readdirSync(dir).sort()).toEqual(['marks.docx', 'runs.docx']);
  });

  it('tables nested 3,000 deep (which overflowed the stack of mammoth) are refused by their depth', () => {
    const dir = folder('nested');
    const t = 3000;
    writeFileSync(join(dir, 'nested.docx'), minimalDocx(noticeBody(['表格']).replace('<w:p><w:r><w:t xml:space="preserve">表格</w:t></w:r></w:p>', '<w:tbl><w:tr><w:tc>'.repeat(t) + para('表中表') + '</w:tc></w:tr></w:tbl>'.repeat(t))));
    const r = run(['import', 'nested.docx'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('nested.docx: 正文的 XML 嵌套超过 64 层（表格套表格或内容控件套内容控件），远超一份公文：未导入\n未写入任何文件\n');
  });

  it('Markdown past what a content file may hold (5 MB) is not written', () => {
    const dir = folder('output');
    const long = '为深入实施创新驱动发展战略，推动创新型产业集群高质量发展，'.repeat(40);
    writeFileSync(join(dir, 'big.docx'), minimalDocx(noticeBody(Array.from({ length: 2200 }, () => long))));
    const r = run(['import', 'big.docx'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/导入的内容文件会有 [\d.]+ MB，超过内容文件的上限 5\.0 MB：未写入/);
    expect(readdirSync(dir)).toEqual(['big.docx']);
  });

  it('120 annex pages are refused (each would be a file); 150 findings are listed as 100 and a count', () => {
    const dir = folder('many-annexes');
    const pages = Array.from({ length: 120 }, (_, k) => [`附件${k + 1}`, `名单${k + 1}`, '内容。']).flat();
    writeFileSync(join(dir, 'pages.docx'), minimalDocx(noticeBody([]).replace(/<\/w:p>$/, '</w:p>' + pages.map(para).join(''))));
    const r = run(['import', 'pages.docx'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('pages.docx: 文件有 120 个附件页（上限 99），不像一份公文：未写入');
    expect(readdirSync(dir)).toEqual(['pages.docx']);
    const links = Array.from({ length: 150 }, (_, k) => `<w:p><w:hyperlink r:id="rId${k + 10}"><w:r><w:t>链接${k}</w:t></w:r></w:hyperlink></w:p>`).join('');
    writeFileSync(join(dir, 'links.docx'), minimalDocx(noticeBody([]).replace(/^(.*?国科火字〔2026〕12号.*?<\/w:p>)/, `$1${links}`), Object.fromEntries(Array.from({ length: 150 }, (_, k) => [`rId${k + 10}`, `javascript:void(${k})`]))));
    const l = run(['import', 'links.docx'], dir);
    expect(l.status, l.stderr).toBe(0);
    expect(l.stderr.split('\n').filter((x) => x.includes('提示: 链接')).length).toBe(100);
    expect(l.stderr).toContain('links.docx: 另有 50 处未列出');
  });

  it('files that are not Word files: what it is and what to do, no stack', () => {
    const dir = folder('not-word');
    writeFileSync(join(dir, 'text.docx'), '这不是 Word 文件'.repeat(10));
    writeFileSync(join(dir, 'empty-zip.docx'), zipSync({ 'readme.txt': strToU8('hello') }));
    writeFileSync(join(dir, 'sheet.docx'), zipSync({ 'xl/workbook.xml': strToU8('<workbook/>') }));
    const cases: [string, string][] = [
      ['text.docx', '不是 Word 文件（.docx 是 zip 压缩包，这个文件不是）'],
      ['empty-zip.docx', '文件里没有正文（word/document.xml）'],
      ['sheet.docx', '这是 Excel 文件，不是 Word 文件'],
    ];
    for (const [file, message] of cases) {
      const r = run(['import', file], dir);
      expect(r.status, file).toBe(1);
      expect(r.stderr, file).toContain(`${file}: ${message}`);
      plainMessage(r.stderr);
    }
    const missing = run(['import', 'nosuch.docx'], dir);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('nosuch.docx: 没有这个文件\n');
  });
});

describe('link targets from the file', () => {
  it('a target with ) and ](javascript: stays inside its link; javascript: and file: targets keep only the text', () => {
    const dir = folder('links');
    const hostile = 'https://kjt.example.gov.cn/sb)x](javascript:alert(1)) "<b>{{x}}';
    const xmlBody = [
      ...NOTICE.map(para),
      '<w:p><w:r><w:t xml:space="preserve">申报网址：</w:t></w:r><w:hyperlink r:id="rId7"><w:r><w:t>火炬申报系统</w:t></w:r></w:hyperlink><w:r><w:t>，请登录填报。</w:t></w:r></w:p>',
      '<w:p><w:hyperlink r:id="rId8"><w:r><w:t>点此下载</w:t></w:r></w:hyperlink><w:r><w:t>附件模板。</w:t></w:r></w:p>',
      '<w:p><w:hyperlink r:id="rId9"><w:r><w:t>本地文件</w:t></w:r></w:hyperlink><w:r><w:t>不可用。</w:t></w:r></w:p>',
      ...TAIL.map(para),
    ].join('');
    writeFileSync(join(dir, 'links.docx'), minimalDocx(xmlBody, { rId7: hostile, rId8: 'javascript:alert(document.cookie)', rId9: 'file:///etc/passwd' }));
    const r = run(['import', 'links.docx'], dir);
    expect(r.status, r.stderr).toBe(0);
    const md = readFileSync(join(dir, 'links.md'), 'utf8');
    const tokens = new MarkdownIt().parseInline(md.split('\n---\n')[1], {}).flatMap((t) => t.children ?? []);
    const links = tokens.filter((t) => t.type === 'link_open').map((t) => t.attrGet('href'));
    expect(links).toEqual(['https://kjt.example.gov.cn/sb%29x%5D%28javascript:alert%281%29%29%20%22%3Cb%3E%7B%7Bx%7D%7D']);
    expect(md).toContain('申报网址：[火炬申报系统](https://kjt.example.gov.cn/sb%29x%5D%28javascript:alert%281%29%29%20%22%3Cb%3E%7B%7Bx%7D%7D)，请登录填报。');
    expect(md).toContain('\n点此下载附件模板。\n');
    expect(md).toContain('\n本地文件不可用。\n');
    expect(md).not.toMatch(/\]\((javascript|file):/);
    expect(r.stderr).toMatch(/第 7 段「点此下载附件模板。」: 提示: 链接「点此下载」的目标不是 http\(s\) 或 mailto 地址（javascript:alert\(document\.cookie\)），只保留了文字/);
    expect(r.stderr).toMatch(/链接「本地文件」的目标不是 http\(s\) 或 mailto 地址（file:\/\/\/etc\/passwd）/);
  });
});

describe('import --force never destroys the file it replaces', () => {
  const make = (dir: string) => writeFileSync(join(dir, '通知.docx'), minimalDocx(noticeBody(Array.from({ length: 300 }, (_, k) => `第${k + 1}项：请各单位按要求认真组织实施，确保工作质量。`))));

  it('replaces atomically and keeps the old file\'s mode (a private 0600 stays 0600)', () => {
    const dir = folder('mode');
    make(dir);
    writeFileSync(join(dir, '通知.md'), 'old draft\n');
    chmodSync(join(dir, '通知.md'), 0o600);
    const r = run(['import', '通知.docx', '--force'], dir);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(dir, '通知.md'), 'utf8')).toMatch(/^---\nkind: notice\n/);
    expect(statSync(join(dir, '通知.md')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(['通知.docx', '通知.md']);
  });

  it('without --force an existing file is kept (exit 2); a linked file is replaced at its target, the link kept; a folder is refused', () => {
    const dir = folder('links-and-clash');
    make(dir);
    writeFileSync(join(dir, '通知.md'), 'old draft\n');
    const r = run(['import', '通知.docx'], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('通知.md 已存在：加 --force 替换（新文件写好之前原文件不动），或用 -o 另取文件名');
    expect(readFileSync(join(dir, '通知.md'), 'utf8')).toBe('old draft\n');
    mkdirSync(join(dir, 'drafts'));
    writeFileSync(join(dir, 'drafts/real.md'), 'old\n');
    symlinkSync('drafts/real.md', join(dir, 'linked.md'));
    const l = run(['import', '通知.docx', '-o', 'linked.md', '--force'], dir);
    expect(l.status, l.stderr).toBe(0);
    expect(lstatSync(join(dir, 'linked.md')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'drafts/real.md'), 'utf8')).toMatch(/^---\nkind: notice\n/);
    mkdirSync(join(dir, 'folder.md'));
    const f = run(['import', '通知.docx', '-o', 'folder.md', '--force'], dir);
    expect(f.status).toBe(1);
    expect(f.stderr).toBe('folder.md 是文件夹，不能写成内容文件：用 -o 另取文件名\n未写入任何文件\n');
  });

  it('a read-only file is not replaced, even by --force', () => {
    const dir = folder('read-only-file');
    make(dir);
    writeFileSync(join(dir, '通知.md'), 'signed-off text\n');
    chmodSync(join(dir, '通知.md'), 0o444);
    const r = run(['import', '通知.docx', '--force'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('通知.md 是只读文件，--force 也不替换它：先改为可写（chmod u+w），或用 -o 另取文件名\n未写入任何文件\n');
    expect(readFileSync(join(dir, '通知.md'), 'utf8')).toBe('signed-off text\n');
  });

  it('a folder the user cannot write: the old file stays, the message names the folder', (ctx) => {
    // As an ordinary user (nobody), who must be able to read gongwen's own files: a checkout in
    // a private folder (mktemp -d is 0700) cannot be run by nobody at all, which says nothing
    // about import.
    const readable = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', `require('fs').accessSync(${JSON.stringify(join(REPO, 'node_modules/commander/package.json'))})`], { encoding: 'utf8' });
    if (readable.status !== 0) return ctx.skip();
    const dir = folder('read-only-folder');
    make(dir);
    writeFileSync(join(dir, '通知.md'), 'old draft\n');
    chmodSync(join(dir, '通知.md'), 0o666);
    chmodSync(dir, 0o555);
    // As an ordinary user (nobody): root writes anywhere.
    const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, bin, 'import', '通知.docx', '--force'], { cwd: dir, encoding: 'utf8', timeout: 170_000, env: ZH });
    chmodSync(dir, 0o755);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toBe('通知.md 未写入：没有在 . 写文件的权限（文件夹只读），原有文件未改动；用 -o 写到可写的文件夹\n');
    expect(readFileSync(join(dir, '通知.md'), 'utf8')).toBe('old draft\n');
  });

  it('a full disk (a 16 KB file size limit) leaves the old file whole and no temporary file', () => {
    const dir = folder('full');
    make(dir);
    writeFileSync(join(dir, '通知.md'), 'old draft\n');
    const r = run(['import', '通知.docx', '--force', '-o', 'content/../通知.md'], dir, 'ulimit -f 16');
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toBe('通知.md 未写入：磁盘空间不足（.），原有文件未改动；腾出空间后再导入，或用 -o 写到别处\n');
    plainMessage(r.stderr);
    expect(readFileSync(join(dir, '通知.md'), 'utf8')).toBe('old draft\n');
    expect(readdirSync(dir).sort()).toEqual(['content', '通知.docx', '通知.md'].filter((f) => existsSync(join(dir, f))).sort());
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});
