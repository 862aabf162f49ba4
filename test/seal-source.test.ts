// Front matter `seal` and `sealSize`: what a content file may ask for, and every mistake as a
// diagnostic at its line; then `gongwen build` on the examples, as a user runs it.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFile } from '../src/pipeline/compile.js';
import type { Block, SignatureBlock } from '../src/model/types.js';
import { discPng } from './fixtures/seal-images.js';
import { expectInOrder } from './fixtures/in-order.js';

const ROOT = join(__dirname, '..');
let dir: string;
let outside: string;

function write(name: string, text: string | Uint8Array): string {
  const p = join(dir, name);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, text);
  return p;
}

const NOTICE = (extra: string) => `---
kind: notice
issuer: 示例市科学技术局
title: 关于开展示例工作的通知
date: 2026-11-20
${extra}
---

正文。
`;

const signatureOf = (blocks: Block[]) => blocks.find((b): b is SignatureBlock => b.type === 'signature')!;

async function compile(extra: string) {
  const p = write(`doc-${Math.random().toString(36).slice(2)}.md`, NOTICE(extra));
  const r = await compileFile(p, { projectDir: dir });
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  return { r, errors, sig: r.model ? signatureOf(r.model.sections.flatMap((s) => s.blocks)) : undefined };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gw-seal-src-'));
  outside = mkdtempSync(join(tmpdir(), 'gw-seal-outside-'));
  write('seals/a.png', discPng(64, [255, 0, 0]));
  write('seals/b.svg', '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" viewBox="0 0 100 100"><circle cx="50" cy="50" r="48" fill="none" stroke="red" stroke-width="4"/></svg>');
  write('seals/evil.svg', '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><image href="http://example.com/x.png" width="100" height="100"/></svg>');
  write('seals/script.svg', '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><script>alert(1)</script></svg>');
  write('seals/fake.png', 'not a png');
  write('seals/seal.jpg', 'jpeg');
  writeFileSync(join(outside, 'seal.png'), discPng(32, [255, 0, 0]));
  symlinkSync(join(outside, 'seal.png'), join(dir, 'seals/link.png'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('seal in the front matter', () => {
  it('absent or false: the form without seal', async () => {
    for (const extra of ['', 'seal: false']) {
      const { errors, sig } = await compile(extra);
      expect(errors).toEqual([]);
      expect(sig.seal).toBeUndefined();
    }
  });

  it('true: the sealed form with space for a hand stamp, 42 mm', async () => {
    const { errors, sig } = await compile('seal: true');
    expect(errors).toEqual([]);
    expect(sig!.seal).toEqual({ sizeMm: 42, images: [null] });
  });

  it('a PNG or SVG inside the project: its bytes, size and name in the model; sealSize in mm', async () => {
    const png = await compile('seal: seals/a.png\nsealSize: 40');
    expect(png.errors).toEqual([]);
    expect(png.sig!.seal!.sizeMm).toBe(40);
    const img = png.sig!.seal!.images[0]!;
    expect(img).toMatchObject({ format: 'png', path: 'seals/a.png', width: 64, height: 64 });
    expect(Buffer.from(img.bytes).equals(readFileSync(join(dir, 'seals/a.png')))).toBe(true);
    const svg = await compile('seal: seals/b.svg');
    expect(svg.errors).toEqual([]);
    expect(svg.sig!.seal!.images[0]).toMatchObject({ format: 'svg', width: 100, height: 100 });
  });

  it('joint issuance: one per office, in order; true for a hand stamp among images', async () => {
    const { errors, sig } = await compile('signature: [甲局, 乙局, 丙局]\nseal: [seals/a.png, true, seals/b.svg]');
    expect(errors).toEqual([]);
    expect(sig!.seal!.images.map((i) => i?.format ?? null)).toEqual(['png', null, 'svg']);
    const all = await compile('signature: [甲局, 乙局, 丙局]\nseal: true');
    expect(all.sig!.seal!.images).toEqual([null, null, null]);
  });

  it.each([
    ['seal: https://example.com/seal.png', /网址.*不会下载/],
    ['seal: /etc/passwd.png', /项目文件夹之外/],
    ['seal: ../outside.png', /项目文件夹之外/],
    ['seal: seals/link.png', /项目文件夹之外/],
    ['seal: seals/missing.png', /不存在/],
    ['seal: seals/seal.jpg', /PNG.*SVG/],
    ['seal: seals/fake.png', /不是 PNG/],
    ['seal: seals/evil.svg', /href/],
    ['seal: seals/script.svg', /script/],
    ['seal: 42', /图片路径.*或 true/],
    ['seal: true\nsealSize: 5', /sealSize/],
    ['seal: true\nsealSize: big', /sealSize/],
    ['signature: [甲局, 乙局]\nseal: seals/a.png', /联合行文.*列表/],
    ['signature: [甲局, 乙局]\nseal: [seals/a.png]', /联合行文.*2 个署名/],
    ['signature: [科学技术部火炬高技术产业开发中心, 国家发展和改革委员会高技术产业司, 工业和信息化部中小企业局, 财政部经济建设司, 商务部外国投资管理司]\nseal: true', /一页只有 22 行/],
  ])('%s: an error at its line, in Chinese, rule "seal"', async (extra, message) => {
    const { errors } = await compile(extra);
    expect(errors.length).toBeGreaterThan(0);
    const e = errors[0];
    expect(e.ruleId).toBe('seal');
    expect(e.message).toMatch(message);
    const line = NOTICE(extra).split('\n').findIndex((l) => l.startsWith(e.message.startsWith('印章尺寸') ? 'sealSize' : 'seal:')) + 1;
    expect(e.line).toBe(line);
  });
});

describe('gongwen build on the examples', () => {
  let out: string;
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'gw-seal-build-'));
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/gongwen.js'), 'build', 'content/sealed-notice.md', 'content/joint-sealed-notice.md', '--out', out], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`build failed (${r.status}):\n${r.stderr}`);
  }, 300_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes the documents and nothing else (the seal goes into no other file)', () => {
    expect(readdirSync(out).sort()).toEqual(['joint-sealed-notice.docx', 'joint-sealed-notice.pdf', 'sealed-notice.docx', 'sealed-notice.pdf']);
  });

  it('a PNG seal: one image in the PDF at 42 mm, one picture in the DOCX', () => {
    const list = execFileSync('pdfimages', ['-list', join(out, 'sealed-notice.pdf')], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim().split(/\s+/)[2] === 'image');
    expect(list.length).toBe(1);
    const media = Object.keys(unzipSync(readFileSync(join(out, 'sealed-notice.docx')))).filter((k) => k.startsWith('word/media/'));
    expect(media).toEqual(['word/media/image1.png']);
  });

  it('SVG seals: vector paths in the PDF, a PNG of them in the DOCX beside the SVG (Word 2016+ reads the SVG, LibreOffice the PNG); the lettering is no PDF text', () => {
    const zip = unzipSync(readFileSync(join(out, 'joint-sealed-notice.docx')));
    const media = Object.keys(zip).filter((k) => k.startsWith('word/media/'));
    expect(media.filter((k) => k.endsWith('.svg')).length).toBe(3);
    expect(media.filter((k) => k.endsWith('.png')).length).toBe(3);
    const xml = strFromU8(zip['word/document.xml']);
    expect([...xml.matchAll(/<asvg:svgBlip /g)].length).toBe(3);
    // The PNG pictures are 600 dpi drawings of the 42 mm seals.
    const png = zip[media.find((k) => k.endsWith('.png'))!];
    expect(Buffer.from(png.subarray(16, 20)).readUInt32BE()).toBe(992);
    const text = execFileSync('pdftotext', [join(out, 'joint-sealed-notice.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expectInOrder(text.slice(text.indexOf('2026年12月1日至12月20日')), ['示例市科学技术局', '示例市财政局', '示例市工业和信息化局', '2026年11月25日']);
    expect(text).not.toContain('示例印章');
    // The PDF draws the reduced SVG as paths (no picture of it), in the seals' red.
    const images = execFileSync('pdfimages', ['-list', join(out, 'joint-sealed-notice.pdf')], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim().split(/\s+/)[2] === 'image');
    expect(images.length).toBe(0);
    const ppm = execFileSync('pdftoppm', ['-r', '20', '-f', '2', '-l', '2', join(out, 'joint-sealed-notice.pdf')]);
    let red = 0;
    const header = ppm.indexOf('255\n') + 4;
    for (let i = header; i + 2 < ppm.length; i += 3) if (ppm[i] > 150 && ppm[i + 1] < 110 && ppm[i + 2] < 110) red++;
    expect(red).toBeGreaterThan(200);
  });
});
