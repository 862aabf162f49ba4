// Issue 19's "done when", on every example in content/ (and a notice with rare characters, 塅 and
// 〇, written beside them in a copy): `gongwen build`, `batch` and `preview` start no program but
// node (strace sees every execve; without strace a preloaded hook records child_process calls);
// each PDF gives back every source paragraph and heading exactly (pdftotext), embeds only subsets
// with ToUnicode (pdffonts), is tagged (pdfinfo) and passes qpdf --check.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Block, DocumentModel } from '../src/model/types.js';
import { compileFile } from '../src/pipeline/compile.js';
import { pdffonts, pdfinfo, qpdfCheck, run } from './helpers/pdf-tools.js';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin/gongwen.js');
const NODE = realpathSync(process.execPath);
const STRACE = spawnSync('sh', ['-c', 'command -v strace'], { encoding: 'utf8' }).stdout.trim();

const RARE = `---
kind: notice
issuer: 示例市科学技术局
number: 示科字〔2026〕1号
title: 关于董家塅片区二〇二六年度科技项目的通知
to: 各区科技局
date: 2026-01-05
---

董家塅街道、石峰区二〇二六年度的项目，于二〇二六年三月前报送。

一、申报范围

塅、〇：罕见字也须原样读回，董家塅的塅字在宋体、黑体、楷体中都有。
`;

const real = (p: string): string => {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
};

let dir: string;
/** Programs each command started, other than node itself. */
const started: Record<string, string[]> = {};

/** The command line that runs the CLI with `args` in `dir` while recording the programs it starts. */
function tracedCommand(name: string, args: string[]): { cmd: string; argv: string[]; read: () => string[] } {
  const log = join(dir, `${name}.trace`);
  if (STRACE) {
    // execve under strace -f: any program, however started. Every attempt counts, found or not
    // (a program looked up along PATH is tried in each folder); the first is node itself.
    const read = () => {
      const calls = readFileSync(log, 'utf8').split('\n').filter((l) => /execve\(/.test(l));
      expect(calls.length).toBeGreaterThan(0);
      return calls.map((l) => /execve\("([^"]*)"/.exec(l)![1]).filter((p) => real(p) !== NODE);
    };
    return { cmd: STRACE, argv: ['-f', '-qq', '-e', 'trace=execve', '-o', log, process.execPath, BIN, ...args], read };
  }
  // Without strace: a preloaded hook records every child_process call.
  const hook = join(dir, 'exec-hook.mjs');
  writeFileSync(
    hook,
    `import cp from 'node:child_process';\nimport { syncBuiltinESMExports } from 'node:module';\nimport { appendFileSync } from 'node:fs';\n` +
      `for (const k of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) {\n  const orig = cp[k];\n` +
      `  cp[k] = function (...a) { appendFileSync(process.env.GW_EXEC_LOG, String(a[0]) + '\\n'); return orig.apply(this, a); };\n}\nsyncBuiltinESMExports();\n`,
  );
  writeFileSync(log, '');
  process.env.GW_EXEC_LOG = log;
  return { cmd: process.execPath, argv: ['--import', hook, BIN, ...args], read: () => readFileSync(log, 'utf8').split('\n').filter(Boolean) };
}

/** Runs the CLI to its end, recording the programs it starts. */
function traced(name: string, args: string[]): void {
  const t = tracedCommand(name, args);
  const r = spawnSync(t.cmd, t.argv, { cwd: dir, encoding: 'utf8', timeout: 600_000, env: { ...process.env } });
  expect(r.status, r.stderr).toBe(0);
  started[name] = t.read();
}

/** `gongwen preview FILE`, traced: waits for its first pages and its PDF, then stops it. */
async function tracedPreview(file: string): Promise<void> {
  const t = tracedCommand('preview', ['preview', file]);
  const child = spawn(t.cmd, t.argv, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GONGWEN_LANG: 'en' } });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((res) => child.on('close', () => res()));
  try {
    const until = async <T>(what: string, fn: () => Promise<T | undefined> | T | undefined): Promise<T> => {
      for (const end = Date.now() + 120_000; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
        const v = await fn();
        if (v) return v;
      }
      throw new Error(`timed out waiting for ${what}: ${out}`);
    };
    const url = (await until('the URL', () => /http:\/\/127\.0\.0\.1:\d+\//.exec(out) ?? undefined))[0];
    const state = await until('the first pages', async () => {
      const s = (await (await fetch(new URL('/state.json', url))).json()) as { pagesBuild: number; pages: { key: string }[] };
      return s.pagesBuild >= 1 ? s : undefined;
    });
    expect((await fetch(new URL(`/pages/${state.pages[0].key}.svg`, url))).status).toBe(200);
    const pdf = await fetch(new URL('/document.pdf', url));
    expect(pdf.status).toBe(200);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 4).toString('latin1')).toBe('%PDF');
  } finally {
    // Under strace the signal goes to node itself (strace would detach and leave it running):
    // its pid is the first execve's in the trace (strace pads a short pid: "1716  execve(").
    const first = STRACE ? /^(\d+)\s+execve/.exec(readFileSync(join(dir, 'preview.trace'), 'utf8')) : null;
    const pid = first ? Number(first[1]) : child.pid!;
    process.kill(pid, 'SIGTERM');
    // A preview that does not end on SIGTERM is a failure, not a hung test run.
    const ended = await Promise.race([exited.then(() => true), new Promise<boolean>((res) => setTimeout(() => res(false), 20_000))]);
    if (!ended) {
      for (const p of [pid, child.pid!]) {
        try {
          process.kill(p, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
    }
    expect(ended, 'the preview ends on SIGTERM').toBe(true);
  }
  started.preview = t.read();
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gw-examples-'));
  for (const d of ['content', 'data']) cpSync(join(ROOT, d), join(dir, d), { recursive: true });
  writeFileSync(join(dir, 'content', 'rare-chars.md'), RARE);
  traced('build', ['build', 'content', '--out', 'out', '-q']);
  writeFileSync(join(dir, 'data', 'each.csv'), '编号,基地名称\n1,董家塅片区\n2,国家火炬乙特色产业基地\n');
  writeFileSync(
    join(dir, 'content', 'each.md'),
    RARE.replace('示科字〔2026〕1号', '示科字〔2026〕{{编号}}号').replace('to: 各区科技局', 'to: "{{基地名称}}"'),
  );
  traced('batch', ['batch', 'content/each.md', '--data', 'data/each.csv', '--each', '--out', 'out-batch', '--name', 'each-{{编号}}', '-q']);
  await tracedPreview('content/rare-chars.md');
}, 900_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const pdfsOf = (out: string): string[] => readdirSync(join(dir, out)).filter((f) => f.endsWith('.pdf')).map((f) => join(dir, out, f));

/** The text of every paragraph and heading of a model (annexes included), as the source has it. */
function sourceTexts(model: DocumentModel): string[] {
  const blocks: Block[] = model.sections.flatMap((s) => s.blocks);
  return blocks
    .filter((b) => b.type === 'heading' || b.type === 'paragraph')
    .map((b) => {
      const h = b as Extract<Block, { type: 'heading' | 'paragraph' }>;
      const lead = h.type === 'heading' ? h.number : (h.number ?? h.bullet ?? '');
      return (lead + h.runs.map((x) => x.text).join('')).replace(/\n/g, '');
    })
    .filter((t) => t.trim());
}

describe('every example, built', () => {
  it('builds a PDF and a DOCX of every example and of the rare-character notice', () => {
    const names = pdfsOf('out').map((p) => basename(p, '.pdf'));
    expect(names).toContain('rare-chars');
    expect(names.length).toBeGreaterThanOrEqual(8);
    for (const n of names) expect(existsSync(join(dir, 'out', `${n}.docx`)), n).toBe(true);
  });

  it('starts no program other than node (build, batch and preview)', () => {
    expect(started.build).toEqual([]);
    expect(started.batch).toEqual([]);
    expect(started.preview).toEqual([]);
    expect(pdfsOf('out-batch')).toHaveLength(2);
  });

  /** Paragraphs with a 2-em dash (——), checked on their own below. */
  const dashed: { name: string; text: string; t: string }[] = [];

  it("gives back each source paragraph's and heading's text exactly, 塅 and 〇 included", async () => {
    let checked = 0;
    for (const pdf of pdfsOf('out')) {
      const name = basename(pdf, '.pdf');
      const r = await compileFile(join(dir, 'content', `${name}.md`), { projectDir: dir });
      expect(r.model, name).toBeDefined();
      // In drawing order (-raw), lines joined, page numbers left out: a paragraph broken over
      // lines and pages reads whole.
      const text = run('pdftotext', ['-raw', pdf, '-']).split(/[\n\f]/).filter((l) => !/^—\s*\d+\s*—$/.test(l.trim())).join('');
      for (const t of sourceTexts(r.model!)) {
        if (t.includes('——')) dashed.push({ name, text, t });
        else expect(text, `${name}: ${t}`).toContain(t.replace(/\u3000/g, ' '));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
    const rare = run('pdftotext', ['-raw', join(dir, 'out', 'rare-chars.pdf'), '-']).replace(/[\n\f]/g, '');
    expect(rare).toContain('董家塅街道、石峰区二〇二六年度的项目');
    expect(rare).toContain('塅、〇：罕见字也须原样读回，董家塅的塅字在宋体、黑体、楷体中都有。');
  });

  // The two dashes of "——" are separate glyphs, each 14.1 pt wide in its 16 pt cell; on a
  // justified line the extra space between them passes poppler's word gap and "— —" comes back.
  it('gives back a 2-em dash (——) whole, on a justified line too', () => {
    expect(dashed.length).toBeGreaterThan(0);
    for (const { name, text, t } of dashed) expect(text, `${name}: ${t}`).toContain(t.replace(/\u3000/g, ' '));
  });

  it('embeds only subsets with ToUnicode, is tagged, and passes qpdf --check', () => {
    for (const pdf of [...pdfsOf('out'), ...pdfsOf('out-batch')]) {
      const name = basename(pdf);
      const fonts = pdffonts(pdf);
      expect(fonts.length, name).toBeGreaterThan(0);
      for (const f of fonts) {
        expect(f.type, `${name}: ${f.name}`).not.toMatch(/Type 3/);
        expect([f.name, f.emb, f.sub, f.uni], name).toEqual([expect.stringMatching(/^[A-Z]{6}\+/), 'yes', 'yes', 'yes']);
      }
      expect(pdfinfo(pdf).Tagged, name).toBe('yes');
      const q = qpdfCheck(pdf);
      expect(q.status, `${name}: ${q.output}`).toBe(0);
    }
  });

  it("draws the examples' seals and the 2022 application's SVG figure: the PNG seal as a picture, the SVG seals and the chain diagram as paths in their own colours", () => {
    const out = (name: string) => join(dir, 'out', `${name}.pdf`);
    const pageOf = (pdf: string, text: string): number => {
      const n = Number(execFileSync('pdfinfo', [pdf]).toString().match(/Pages:\s+(\d+)/)![1]);
      for (let i = 1; i <= n; i++) if (execFileSync('pdftotext', ['-f', String(i), '-l', String(i), pdf, '-']).toString().replace(/\s+/g, '').includes(text)) return i;
      throw new Error(`${pdf}: no page with ${text}`);
    };
    // Pixels of a colour on a page drawn at 20 dpi (a binary PPM: header, then RGB triples).
    const pixels = (pdf: string, page: number, is: (r: number, g: number, b: number) => boolean): number => {
      const ppm = execFileSync('pdftoppm', ['-r', '20', '-f', String(page), '-l', String(page), pdf]);
      let at = 0;
      for (let fields = 0; fields < 4; ) if (ppm[at++] === 0x0a || ppm[at - 1] === 0x20) fields++;
      let n = 0;
      for (let i = at; i + 2 < ppm.length; i += 3) if (is(ppm[i], ppm[i + 1], ppm[i + 2])) n++;
      return n;
    };
    const red = (r: number, g: number, b: number) => r > 150 && g < 110 && b < 110;
    const blue = (r: number, g: number, b: number) => b > 120 && b > r + 40;
    const images = (pdf: string) => execFileSync('pdfimages', ['-list', pdf]).toString().split('\n').slice(2).filter((l) => l.trim().split(/\s+/)[2] === 'image').length;
    expect(images(out('sealed-notice'))).toBe(1);
    expect(pixels(out('sealed-notice'), pageOf(out('sealed-notice'), '2026年'), red)).toBeGreaterThan(100);
    expect(images(out('joint-sealed-notice'))).toBe(0);
    expect(pixels(out('joint-sealed-notice'), pageOf(out('joint-sealed-notice'), '示例市工业和信息化局'), red)).toBeGreaterThan(300);
    const app = out('2022-cluster-application');
    expect(pixels(app, pageOf(app, '图1江城智能传感器产业链图谱'), blue)).toBeGreaterThan(200);
  });
});
