// gongwen preview and build --watch, through the real command (node bin/gongwen.js, compiled
// dist/) in a project folder outside the checkout, read over HTTP as the preview page reads it
// (no browser: the page's drawing is the SVG the server sends): save the file, see the new
// pages; a broken save shows its diagnostics and keeps the last good pages.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PreviewSession } from '../src/preview/session.js';
import { withoutPaths } from '../src/preview/server.js';
import { watchProject } from '../src/preview/watch.js';

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

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'gongwen-preview-test-'));
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Starts `gongwen ARGS` in `cwd`; `output()` is its stderr so far. */
function start(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  child.stdout!.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((res) => child.on('close', (code) => res(code)));
  return { child, output: () => err, exited };
}

async function until<T>(what: string, fn: () => T | undefined | Promise<T | undefined>, ms = 120_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
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

interface State {
  build: number;
  pagesBuild: number;
  ok: boolean;
  pages: { key: string; width: number; height: number }[];
  faces: string[];
  changed: number[];
}
const state = async (url: string): Promise<State> => (await fetch(new URL('/state.json', url))).json() as Promise<State>;
const built = (url: string, key: 'build' | 'pagesBuild', n: number) => until(`${key} ${n}`, async () => ((await state(url))[key] >= n ? state(url) : undefined));
/** The text a page's SVG draws, in order. */
const svgText = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join('');

describe('gongwen preview', () => {
  it('shows the pages and diagnostics, follows saves, and keeps the last good pages on a broken save', async () => {
    const dir = join(tmp, 'author');
    spawnSync('mkdir', ['-p', dir]);
    const file = join(dir, '通知.md');
    writeFileSync(file, notice('为推进区域特色产业高质量发展，现将有关要求通知如下：'));
    const p = start(['preview', '通知.md'], dir, { LANG: 'en_US.UTF-8', GONGWEN_LANG: 'en' });
    try {
      const url = (await until('the URL', () => /http:\/\/127\.0\.0\.1:\d+\//.exec(p.output())))[0];
      const html = await (await fetch(url)).text();
      expect(html).toContain('gongwen preview');
      const s1 = await built(url, 'pagesBuild', 1);
      expect(s1.pages.length).toBeGreaterThan(0);
      expect(s1.pages[0].key).toMatch(/^[0-9a-f]{32}$/);
      const svg1 = await (await fetch(new URL(`/pages/${s1.pages[0].key}.svg`, url))).text();
      expect(svg1).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 595.276 841.89"/);
      expect(svgText(svg1)).toContain('为推进区域特色产业高质量发展');
      // Each face the pages draw with is served whole (an sfnt: TrueType or OpenType).
      for (const key of s1.faces) {
        const font = Buffer.from(await (await fetch(new URL(`/fonts/${key}`, url))).arrayBuffer());
        expect(['00010000', '4f54544f', '74727565']).toContain(font.subarray(0, 4).toString('hex'));
      }
      expect((await (await fetch(new URL('/diagnostics.json', url))).json()).diagnostics).toHaveLength(0);
      expect(await fetchPdfText(url)).toContain('为推进区域特色产业高质量发展');
      // The same pages as OFD, to download (a zip whose first entry is OFD.xml).
      const ofd = Buffer.from(await (await fetch(new URL('/document.ofd', url))).arrayBuffer());
      expect(ofd.subarray(0, 4).toString('hex')).toBe('504b0304');
      expect(ofd.subarray(30, 37).toString()).toBe('OFD.xml');

      // A save: new text on the page, a new key for page 1.
      writeFileSync(file, notice('这是保存后出现的新句子，现将有关要求通知如下：'));
      const s2 = await built(url, 'pagesBuild', 2);
      expect(s2.pages[0].key).not.toBe(s1.pages[0].key);
      expect(s2.changed).toContain(1);
      const svg2 = await (await fetch(new URL(`/pages/${s2.pages[0].key}.svg`, url))).text();
      expect(svgText(svg2)).toContain('这是保存后出现的新句子');
      const text2 = await fetchPdfText(url);
      expect(text2).toContain('这是保存后出现的新句子');
      expect(text2).not.toContain('为推进区域特色产业高质量发展');
      // The last build's page is gone from the server.
      expect((await fetch(new URL(`/pages/${s1.pages[0].key}.svg`, url))).status).toBe(404);

      // A broken save: its diagnostic beside the last good pages.
      writeFileSync(file, notice('坏的保存。', 'noticex'));
      const s3 = await built(url, 'build', 3);
      expect(s3.ok).toBe(false);
      expect(s3.pagesBuild).toBe(2);
      expect(s3.pages[0].key).toBe(s2.pages[0].key);
      expect(await fetchPdfText(url)).toContain('这是保存后出现的新句子');
      const diags = await (await fetch(new URL('/diagnostics.json', url))).json();
      expect(diags).toMatchObject({ files: 1, errors: 1, warnings: 0 });
      expect(diags.diagnostics[0]).toMatchObject({ file: '通知.md', line: 2, column: 7, severity: 'error', ruleId: 'field-value' });
      expect(diags.diagnostics[0].message).toContain('未知文种「noticex」');

      // Fixed again: new pages.
      writeFileSync(file, notice('修好以后的句子。'));
      await built(url, 'pagesBuild', 4);
      expect(await fetchPdfText(url)).toContain('修好以后的句子');

      // A file the document does not read (a log written into the project) builds nothing.
      const before = (await state(url)).build;
      for (let i = 0; i < 5; i++) writeFileSync(join(dir, 'preview.log'), `line ${i}\n`, { flag: 'a' });
      await new Promise((r) => setTimeout(r, 500));
      expect((await state(url)).build).toBe(before);

      // Another host name (DNS rebinding) is refused.
      const u = new URL(url);
      const status = await new Promise<number | undefined>((res) => {
        request({ host: '127.0.0.1', port: u.port, path: '/document.pdf', headers: { Host: 'example.com' } }, (r) => res(r.statusCode)).end();
      });
      expect(status).toBe(403);

      // A client that connects and says nothing is closed, not kept.
      const closedAfter = await new Promise<number>((res) => {
        const t0 = Date.now();
        const sock = connect(Number(u.port), '127.0.0.1');
        // Read what the server says (its 408), so that its end of the connection is seen.
        sock.resume();
        sock.on('close', () => res(Date.now() - t0));
        sock.on('error', () => undefined);
      });
      expect(closedAfter).toBeLessThan(40_000);
    } finally {
      p.child.kill('SIGTERM');
    }
    expect(await p.exited).toBe(0);
    expect(p.output()).toMatch(/build 1: \d+ pages?, 0 errors/);
  }, 180_000);

  it('writes no temporary files: a killed preview leaves nothing behind', async () => {
    const dir = join(tmp, 'killed');
    const own = join(tmp, 'own-tmp');
    mkdirSync(dir, { recursive: true });
    mkdirSync(own, { recursive: true });
    writeFileSync(join(dir, 'a.md'), notice('一句话。'));
    const p = start(['preview', 'a.md'], dir, { TMPDIR: own });
    const url = (await until('the URL', () => /http:\/\/127\.0\.0\.1:\d+\//.exec(p.output())))[0];
    await built(url, 'pagesBuild', 1);
    p.child.kill('SIGKILL');
    await p.exited;
    expect(readdirSync(own)).toEqual([]);
    expect(readdirSync(dir)).toEqual(['a.md']);
  }, 120_000);

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
  it('after a save, keeps the keys of pages drawn the same; every kept drawing is what the new layout draws', async () => {
    // The seed notice (10 pages with its list) in a project of its own.
    const dir = join(tmp, 'keys');
    mkdirSync(dir, { recursive: true });
    for (const d of ['content', 'data', 'templates']) cpSync(join(REPO, d), join(dir, d), { recursive: true });
    const file = join(dir, 'content/2020-191.md');
    const original = readFileSync(file, 'utf8');
    const anchor = '为推进区域特色产业高质量发展';
    const session = await PreviewSession.open(file, dir);
    try {
      await session.rebuild();
      expect(session.state.ok).toBe(true);
      expect(session.state.pages.length).toBeGreaterThan(5);
      const before = session.state.pages.map((p) => p.key);
      // One sentence longer on page 1: page 1 changes, the list pages at the end do not.
      writeFileSync(file, original.replace(anchor, `${anchor}（第一次修改）`));
      await session.rebuild();
      expect(session.state.ok).toBe(true);
      expect(session.state.changed).toContain(1);
      expect(session.state.changed.length).toBeLessThan(session.state.pages.length);
      const kept = session.state.pages.filter((p, i) => p.key === before[i]).length;
      expect(kept).toBe(session.state.pages.length - session.state.changed.length);
      // A page's key is its drawing: every shown key has its SVG.
      for (const p of session.state.pages) expect(session.svgs.get(p.key)).toMatch(/^<svg /);
      // Back to the first text: the first build's keys again.
      writeFileSync(file, original);
      await session.rebuild();
      expect(session.state.pages.map((p) => p.key)).toEqual(before);
    } finally {
      await session.close();
    }
  }, 300_000);

  it('an error page names no absolute path', () => {
    expect(withoutPaths("ENOENT: no such file or directory, open '/tmp/gongwen-x/pages/a.svg'")).toBe("ENOENT: no such file or directory, open '…'");
    expect(withoutPaths('C:\\Users\\clerk\\AppData\\x.pdf failed')).toBe('… failed');
    expect(withoutPaths('content/通知.md: bad')).toBe('content/通知.md: bad');
  });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The ways editors save: in place (VS Code, nano), a temporary file renamed over the file, vim's backup rename (the file renamed to file~, a new one written). */
const SAVES: Record<string, (file: string, text: string) => void> = {
  'in place': (file, text) => writeFileSync(file, text),
  'temporary file renamed over': (file, text) => {
    writeFileSync(`${file}.tmp`, text);
    renameSync(`${file}.tmp`, file);
  },
  "vim's backup rename": (file, text) => {
    renameSync(file, `${file}~`);
    writeFileSync(file, text);
    rmSync(`${file}~`);
  },
};

describe('the last save always shows', () => {
  // A reader gathered as the session gathers its builds (one at a time; a batch during a build
  // asks for one more): each build reads the file, then works a while.
  function reader(file: string) {
    let running = false;
    let again = false;
    const r = { read: '', builds: 0, onChange: () => void build() };
    const build = async () => {
      if (running) return void (again = true);
      running = true;
      do {
        again = false;
        r.builds++;
        await sleep(5);
        r.read = readFileSync(file, 'utf8');
        await sleep(60);
      } while (again);
      running = false;
    };
    return r;
  }

  for (const [how, save] of Object.entries(SAVES)) {
    it(`three saves in quick succession, ${how}: the build after them reads the last`, async () => {
      const dir = mkdtempSync(join(tmp, 'saves-'));
      const file = join(dir, 'a.md');
      writeFileSync(file, 'v0');
      const r = reader(file);
      const w = watchProject(dir, [], r.onChange);
      try {
        await w.ready;
        // Saves 0, 15 and 30 ms apart: inside and outside chokidar's 50 ms window, once dropped the last save.
        for (const [round, gap] of [0, 15, 30, 15, 15].entries()) {
          const builds = r.builds;
          for (let i = 1; i <= 3; i++) {
            save(file, `round ${round} save ${i}`);
            await sleep(gap);
          }
          await until(`round ${round}'s last save read (read: ${r.read})`, () => r.read === `round ${round} save 3` && r.builds > builds, 10_000);
        }
      } finally {
        await w.close();
      }
    }, 60_000);
  }

  it('a save while the watcher makes its first scan is handed on when the scan ends', async () => {
    const dir = mkdtempSync(join(tmp, 'scan-'));
    mkdirSync(join(dir, 'content'));
    for (let i = 0; i < 50; i++) writeFileSync(join(dir, 'content', `f${i}.md`), 'x');
    const old = Date.now() / 1000 - 60;
    for (let i = 0; i < 50; i++) utimesSync(join(dir, 'content', `f${i}.md`), old, old);
    const batches: string[][] = [];
    const w = watchProject(dir, [], (paths) => batches.push(paths));
    try {
      // Saved before chokidar has watched the file (it scans after this tick).
      writeFileSync(join(dir, 'content/f7.md'), 'saved during the scan');
      await w.ready;
      await until('the batch', () => batches.length > 0 || undefined, 10_000);
      expect(batches[0]).toEqual([join(dir, 'content/f7.md')]);
    } finally {
      await w.close();
    }
  });

  it('saves during a redraw: the preview shows the last one', async () => {
    const dir = join(tmp, 'redraw');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'a.md');
    writeFileSync(file, notice('第一次的句子。'));
    const session = await PreviewSession.open(file, dir);
    const w = watchProject(dir, [], () => void session.rebuild());
    try {
      await w.ready;
      await session.rebuild();
      expect(session.state.ok).toBe(true);
      const shown = () => svgText(session.svgs.get(session.state.pages[0].key) ?? '');
      for (const [round, save] of Object.values(SAVES).entries()) {
        // A save starts a redraw; two more land while it draws, 15 ms apart.
        const drawing = new Promise<void>((res) => {
          const stop = session.onUpdate((s) => s.building && (stop(), res()));
        });
        save(file, notice(`第${round}轮第一次保存。`));
        await drawing;
        save(file, notice(`第${round}轮第二次保存。`));
        await sleep(15);
        save(file, notice(`第${round}轮最后一次保存。`));
        await until(`round ${round}'s last save shown`, () => !session.state.building && shown().includes(`第${round}轮最后一次保存`), 60_000);
      }
    } finally {
      await w.close();
      await session.close();
    }
  }, 180_000);
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
