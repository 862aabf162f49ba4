// gongwen preview and build --watch, through the real command (node bin/gongwen.js, compiled
// dist/) in a project folder outside the checkout, watched by a real headless Chromium: open
// the page, save the file, see the new pages; a broken save shows its diagnostics and keeps
// the last good pages.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { CHROMIUM_PATH, LAUNCH_ARGS } from '../src/render/pdf/browser.js';
import { PreviewSession } from '../src/preview/session.js';
import { pageRuns, rasterize } from '../src/preview/rasterize.js';

const REPO = resolve(import.meta.dirname, '..');
const BIN = join(REPO, 'bin/gongwen.js');

const notice = (sentence: string, kind = 'notice') => `---
kind: ${kind}
issuer: 科学技术部火炬高技术产业开发中心
number: 国科火字〔2020〕191号
title: 关于开展复核工作的通知
to: 有关省、自治区科技厅
date: 2020-11-06
---

${sentence}

# 复核材料内容

请于规定时间内报送复核材料。
`;

let tmp = '';
let browser: Browser;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'gongwen-preview-test-'));
  // The user's browser: gongwen's print flags, less the rule that resolves every host to nothing
  // (the print pages need no network; this browser must reach the preview on 127.0.0.1).
  browser = await puppeteer.launch({ executablePath: CHROMIUM_PATH, headless: true, args: LAUNCH_ARGS.filter((a) => !a.startsWith('--host-resolver-rules')) });
});

afterAll(async () => {
  await browser?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Starts `gongwen ARGS` in `cwd`; `output()` is its stderr so far. */
function start(args: string[], cwd: string): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  child.stdout!.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((res) => child.on('close', (code) => res(code)));
  return { child, output: () => err, exited };
}

async function until<T>(what: string, fn: () => T | undefined, ms = 120_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const pdfText = (path: string) => spawnSync('pdftotext', [path, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');

async function fetchPdfText(url: string): Promise<string> {
  const res = await fetch(new URL('/document.pdf', url));
  expect(res.status).toBe(200);
  const path = join(tmp, `fetched-${Date.now()}.pdf`);
  writeFileSync(path, Buffer.from(await res.arrayBuffer()));
  return pdfText(path);
}

const build = (page: Page, key: 'build' | 'pagesBuild', n: number) =>
  page.waitForFunction((k, v) => document.body.dataset[k] === String(v), { timeout: 120_000, polling: 50 }, key, n);

describe('gongwen preview', () => {
  it('shows the pages and diagnostics, follows saves, and keeps the last good pages on a broken save', async () => {
    const dir = join(tmp, 'author');
    spawnSync('mkdir', ['-p', dir]);
    const file = join(dir, '通知.md');
    writeFileSync(file, notice('为推进区域特色产业高质量发展，现将有关要求通知如下：'));
    const p = start(['preview', '通知.md'], dir);
    try {
      const url = (await until('the URL', () => /http:\/\/127\.0\.0\.1:\d+\//.exec(p.output())))[0];
      const page = await browser.newPage();
      await page.goto(url);
      await build(page, 'pagesBuild', 1);
      const pages1 = await page.$$eval('#pages img', (imgs) => imgs.map((i) => (i as HTMLImageElement).src));
      expect(pages1.length).toBeGreaterThan(0);
      expect(pages1[0]).toMatch(/\/pages\/[0-9a-f]{32}\.jpg$/);
      // Every image arrived (a decoded JPEG of an A4 page at 120 dpi).
      expect(await page.$eval('#pages img', (i) => (i as HTMLImageElement).naturalWidth)).toBe(993);
      expect(await page.$$eval('#diagnostics li', (l) => l.length)).toBe(0);
      expect(await fetchPdfText(url)).toContain('为推进区域特色产业高质量发展');

      // A save: new text on the page's PDF, the images swapped in place.
      writeFileSync(file, notice('这是保存后出现的新句子，现将有关要求通知如下：'));
      await build(page, 'pagesBuild', 2);
      const pages2 = await page.$$eval('#pages img', (imgs) => imgs.map((i) => (i as HTMLImageElement).src));
      expect(pages2[0]).toMatch(/\/pages\/[0-9a-f]{32}\.jpg$/);
      expect(pages2[0]).not.toBe(pages1[0]);
      const text2 = await fetchPdfText(url);
      expect(text2).toContain('这是保存后出现的新句子');
      expect(text2).not.toContain('为推进区域特色产业高质量发展');
      expect(await page.$eval('#pages figure', (f) => f.className)).not.toContain('broken');

      // A broken save: its diagnostic beside the last good pages.
      writeFileSync(file, notice('坏的保存。', 'noticex'));
      await build(page, 'build', 3);
      const items = await page.$$eval('#diagnostics li.error', (l) => l.map((x) => x.textContent ?? ''));
      expect(items).toHaveLength(1);
      expect(items[0]).toMatch(/通知\.md:2:7 error field-value/);
      expect(items[0]).toContain('未知文种「noticex」');
      expect(await page.$eval('#status', (s) => s.textContent)).toContain('last good build');
      expect(await page.$eval('#pages img', (i) => (i as HTMLImageElement).src)).toBe(pages2[0]);
      expect(await fetchPdfText(url)).toContain('这是保存后出现的新句子');
      const diags = await (await fetch(new URL('/diagnostics.json', url))).json();
      expect(diags).toMatchObject({ files: 1, errors: 1, warnings: 0 });
      expect(diags.diagnostics[0]).toMatchObject({ file: '通知.md', line: 2, column: 7, severity: 'error', ruleId: 'field-value' });

      // Fixed again: new pages.
      writeFileSync(file, notice('修好以后的句子。'));
      await build(page, 'pagesBuild', 4);
      expect(await fetchPdfText(url)).toContain('修好以后的句子');
      expect(await page.$$eval('#diagnostics li', (l) => l.length)).toBe(0);
      await page.close();

      // Another host name (DNS rebinding) is refused.
      const status = await new Promise<number | undefined>((res) => {
        const u = new URL(url);
        request({ host: '127.0.0.1', port: u.port, path: '/document.pdf', headers: { Host: 'example.com' } }, (r) => res(r.statusCode)).end();
      });
      expect(status).toBe(403);
    } finally {
      p.child.kill('SIGTERM');
    }
    expect(await p.exited).toBe(0);
    expect(p.output()).toMatch(/build 1: \d+ pages?, 0 errors/);
  });

  it('says so when the port is taken', async () => {
    const dir = join(tmp, 'port');
    spawnSync('mkdir', ['-p', dir]);
    writeFileSync(join(dir, 'a.md'), notice('一句话。'));
    const first = start(['preview', 'a.md'], dir);
    try {
      const port = (await until('the URL', () => /127\.0\.0\.1:(\d+)/.exec(first.output())))[1];
      const second = spawnSync(process.execPath, [BIN, 'preview', 'a.md', '--port', port], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
      expect(second.status).toBe(2);
      expect(second.stderr).toContain(`--port ${port} is in use`);
    } finally {
      first.child.kill('SIGTERM');
    }
    expect(await first.exited).toBe(0);
  });
});

describe('the preview draws only the pages that changed', () => {
  it('runs of pages, one pdftoppm per core at most', () => {
    expect(pageRuns([], 2)).toEqual([]);
    expect(pageRuns([1], 2)).toEqual([[1, 1]]);
    expect(pageRuns([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 2)).toEqual([[1, 5], [6, 10]]);
    expect(pageRuns([3, 1, 2, 7], 2)).toEqual([[1, 3], [7, 7]]);
    expect(pageRuns([1, 3, 5], 2)).toEqual([[1, 1], [3, 3], [5, 5]]);
    expect(pageRuns([1, 2, 3, 4], 1)).toEqual([[1, 4]]);
  });

  it('after a save, keeps the images of pages drawn the same, and every image is what pdftoppm draws of the new PDF', async () => {
    // The seed notice (10 pages with its list) in a project of its own.
    const dir = join(tmp, 'keys');
    mkdirSync(dir, { recursive: true });
    for (const d of ['content', 'data', 'templates']) cpSync(join(REPO, d), join(dir, d), { recursive: true });
    const file = join(dir, 'content/2020-191.md');
    const original = readFileSync(file, 'utf8');
    const anchor = '为推进区域特色产业高质量发展';
    const session = await PreviewSession.open(file, dir);
    const fullRedraw = async (n: number) => {
      const d = mkdtempSync(join(tmp, 'full-'));
      writeFileSync(join(d, 'doc.pdf'), session.pdf!);
      const all = await rasterize(join(d, 'doc.pdf'), d, session.images.map((_, i) => i + 1));
      expect(all.size).toBe(session.images.length);
      session.images.forEach((im, i) => expect(readFileSync(im.path).equals(readFileSync(all.get(i + 1)!.path)), `save ${n}, page ${i + 1}`).toBe(true));
    };
    try {
      await session.rebuild();
      expect(session.state.ok).toBe(true);
      expect(session.state.pages.length).toBeGreaterThan(5);
      await fullRedraw(0);
      const before = session.images.map((im) => im.path);
      // One sentence longer on page 1: page 1 changes, the list pages at the end do not.
      writeFileSync(file, original.replace(anchor, `${anchor}（第一次修改）`));
      await session.rebuild();
      expect(session.state.ok).toBe(true);
      expect(session.state.changed).toContain(1);
      expect(session.state.changed.length).toBeLessThan(session.state.pages.length);
      const kept = session.images.filter((im, i) => im.path === before[i]).length;
      expect(kept).toBe(session.state.pages.length - session.state.changed.length);
      await fullRedraw(1);
      // Text of another font chunk (rare characters): whatever is kept still draws the same.
      writeFileSync(file, original.replace(anchor, `${anchor}龘龍亍丌鬱`));
      await session.rebuild();
      expect(session.state.ok).toBe(true);
      await fullRedraw(2);
      // Back to the first text: the first build's page 1 again.
      writeFileSync(file, original);
      await session.rebuild();
      await fullRedraw(3);
    } finally {
      await session.close();
    }
  }, 300_000);
});

describe('gongwen build --watch', () => {
  it('builds, then rebuilds the outputs on each save', async () => {
    const dir = join(tmp, 'watch');
    spawnSync('mkdir', ['-p', dir]);
    const file = join(dir, 'n.md');
    writeFileSync(file, notice('第一次的句子。'));
    const p = start(['build', 'n.md', '--watch', '--format', 'pdf'], dir);
    try {
      await until('watching', () => p.output().includes('watching'));
      expect(pdfText(join(dir, 'out/n.pdf'))).toContain('第一次的句子');
      writeFileSync(file, notice('第二次保存的句子。'));
      await until('the second build', () => (p.output().match(/^built out\/n\.pdf/gm) ?? []).length >= 2 || undefined);
      expect(pdfText(join(dir, 'out/n.pdf'))).toContain('第二次保存的句子');
      // A broken save leaves the last good PDF.
      writeFileSync(file, notice('坏的。', 'noticex'));
      await until('the error', () => p.output().includes('not built'));
      expect(pdfText(join(dir, 'out/n.pdf'))).toContain('第二次保存的句子');
    } finally {
      p.child.kill('SIGTERM');
    }
    expect(await p.exited).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('noticex');
  });
});
