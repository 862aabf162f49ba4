// The preview and import commands speak the user's language (issue 22: their help and messages
// were English, or Chinese only, whatever the locale): help, usage errors, progress lines and the
// preview page, in Chinese under a Chinese locale, in English otherwise, --lang choosing.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliCopy } from './fixtures/cli-copy.js';

let tmp = '';
let bin = '';
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'gongwen-zh-'));
  bin = cliCopy(join(tmp, 'gongwen'));
  mkdirSync(join(tmp, 'p'));
  writeFileSync(join(tmp, 'p/通知.md'), '---\nkind: notice\nissuer: 某某市科学技术局\ntitle: 关于开展检查的通知\nto: 各区县科技局\nsignature: 某某市科学技术局\ndate: 2025-05-06\n---\n\n现将有关事项通知如下。\n');
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const ZH = { LANG: 'zh_CN.UTF-8', LC_ALL: '', LC_MESSAGES: '', GONGWEN_LANG: '' };
const EN = { LANG: 'C', LC_ALL: '', LC_MESSAGES: '', GONGWEN_LANG: '' };
function gongwen(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: join(tmp, 'p'), encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1', ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('help and usage errors', () => {
  it('preview --help and import --help in Chinese under a Chinese locale, in English under C', () => {
    const pz = gongwen(['preview', '--help'], ZH).stdout;
    expect(pz).toContain('按打印效果显示公文的页面及其问题');
    expect(pz).toContain('--port <n>');
    expect(pz).toContain('监听的端口');
    expect(pz).toContain('示例：');
    expect(pz).not.toMatch(/A web page|Examples:|the port to listen/);
    const iz = gongwen(['import', '--help'], ZH).stdout;
    expect(iz).toContain('把 Word 文件（.docx）读成内容文件');
    expect(iz).toContain('替换已有的文件');
    expect(iz).toContain('退出码：0 全部放置');
    expect(iz).not.toMatch(/Read a Word file|Exit status|replace files/);
    const top = gongwen(['--help'], ZH).stdout;
    expect(top).toContain('实时预览：按打印效果显示页面，每次保存重新生成');
    expect(top).toContain('从旧的 Word 文件（.docx）生成内容文件');
    expect(gongwen(['import', '--help'], EN).stdout).toContain('Exit status: 0 everything placed');
    expect(gongwen(['preview', '--help', '--lang', 'en'], ZH).stdout).toContain('the port to listen on');
  });

  it('their own errors follow the language', () => {
    const doc = gongwen(['import', '旧通知.doc'], ZH);
    expect(doc.status).toBe(2);
    expect(doc.stderr).toContain('import 读取 .docx 文件（Word 2007 及以后），不能读「旧通知.doc」；.doc 请先另存为 .docx');
    const missing = gongwen(['import', 'nosuch.docx'], EN);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('nosuch.docx: no such file\n');
    expect(gongwen(['import', 'nosuch.docx'], ZH).stderr).toBe('nosuch.docx: 没有这个文件\n');
    const port = gongwen(['preview', '通知.md', '--port', '99999'], ZH);
    expect(port.status).toBe(2);
    expect(port.stderr).toContain('--port 取 0–65535 的端口号（不是「99999」）');
    expect(gongwen(['preview', 'nosuch.md'], ZH).stderr).toContain('preview：文件 nosuch.md 不存在');
  });
});

/** Starts a preview, waits for its first build, fetches the page, stops it. */
async function previewRun(args: string[], env: Record<string, string>): Promise<{ stderr: string; html: string }> {
  const child = spawn(process.execPath, [bin, 'preview', '通知.md', ...args], { cwd: join(tmp, 'p'), env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise((res) => child.on('exit', res));
  try {
    const deadline = Date.now() + 100_000;
    while (!/(build 1|第 1 次生成)/.test(stderr) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(stderr)?.[0];
    expect(url, stderr).toBeDefined();
    const html = await (await fetch(url!)).text();
    return { stderr, html };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

describe('preview', () => {
  it('says what it serves and each build in Chinese, and the page is Chinese; --lang en makes both English', async () => {
    const zh = await previewRun([], ZH);
    expect(zh.stderr).toMatch(/^通知\.md 的预览：http:\/\/127\.0\.0\.1:\d+\/（按 Ctrl-C 停止）$/m);
    expect(zh.stderr).toMatch(/^第 1 次生成：\d+ 页，0 个错误，\d+ 个警告，用时 \d+ 毫秒$/m);
    expect(zh.html).toContain('<html lang="zh-CN">');
    const en = await previewRun(['--lang', 'en'], ZH);
    expect(en.stderr).toMatch(/^preview of 通知\.md: http:\/\/127\.0\.0\.1:\d+\/ {2}\(Ctrl-C to stop\)$/m);
    expect(en.stderr).toMatch(/^build 1: \d+ pages?, 0 errors, \d+ warnings?, \d+ ms$/m);
    expect(en.html).toContain('<html lang="en">');
  });
});
