// The font book: which face draws each character of each role, the sfnt cache across
// processes, the system and user fonts found by their names, and hb-subset's subsets compared
// glyph by glyph with the original (pdf-lib's subsetter broke 22 of 29 CJK glyphs).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FontRole } from '../src/profile/gbt9704.js';
import { loadFontBook } from '../src/fonts/book.js';
import { bestRole } from '../src/fonts/families.js';
import { readSfntFileNames } from '../src/fonts/font-names.js';
import { buildSfnt, readDirectory, table } from '../src/fonts/sfnt.js';
import { subsetFace } from '../src/fonts/subset.js';
import { CFF_TEST_CPS, cffTestFont, cidOfGlyph } from './fonts-cff.js';

const require = createRequire(import.meta.url);
interface KitFont {
  getGlyph(id: number): { path: { toSVG(): string }; advanceWidth: number };
  glyphForCodePoint(cp: number): { id: number };
  familyName: string;
  numGlyphs: number;
  'CFF '?: { isCIDFont: boolean; topDict: { charset: { glyphs?: number[] } } };
}
const fontkit = require('fontkit') as { create(b: Buffer): KitFont };

const work = mkdtempSync(join(tmpdir(), 'gw-fontbook-'));
const saved = { cache: process.env.GONGWEN_CACHE_DIR, system: process.env.GONGWEN_SYSTEM_FONTS, dirs: process.env.GONGWEN_SYSTEM_FONT_DIRS };
beforeAll(() => {
  process.env.GONGWEN_CACHE_DIR = join(work, 'cache');
  process.env.GONGWEN_SYSTEM_FONTS = '0';
});
afterAll(() => {
  for (const [k, v] of [['GONGWEN_CACHE_DIR', saved.cache], ['GONGWEN_SYSTEM_FONTS', saved.system], ['GONGWEN_SYSTEM_FONT_DIRS', saved.dirs]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  rmSync(work, { recursive: true, force: true });
});

const BODY = '关于开展2024年度安全生产检查工作的通知：各有关单位，为深入贯彻落实（一）。';
const cps = (s: string) => [...s].map((c) => c.codePointAt(0)!);

/** A font's tables with a new name table (Windows Unicode records) and OS/2 weight. */
function renamed(sfnt: Uint8Array, family: string, weight: number): Uint8Array {
  const d = readDirectory(sfnt);
  const records: [number, string][] = [[1, family], [2, weight >= 600 ? 'Bold' : 'Regular'], [4, family], [6, 'TestFace' + weight]];
  const strings = records.map(([, s]) => Buffer.from(s, 'utf16le').swap16());
  const head = Buffer.alloc(6 + 12 * records.length);
  head.writeUInt16BE(0, 0);
  head.writeUInt16BE(records.length, 2);
  head.writeUInt16BE(head.length, 4);
  let off = 0;
  records.forEach(([id], i) => {
    const r = 6 + 12 * i;
    head.writeUInt16BE(3, r);
    head.writeUInt16BE(1, r + 2);
    head.writeUInt16BE(0x409, r + 4);
    head.writeUInt16BE(id, r + 6);
    head.writeUInt16BE(strings[i].length, r + 8);
    head.writeUInt16BE(off, r + 10);
    off += strings[i].length;
  });
  const tables = [...d.tables.values()].map((t) => {
    let data: Uint8Array = sfnt.subarray(t.offset, t.offset + t.length);
    if (t.tag === 'name') data = Buffer.concat([head, ...strings]);
    if (t.tag === 'OS/2') {
      data = Uint8Array.from(data);
      data[4] = weight >> 8;
      data[5] = weight & 0xff;
    }
    return { tag: t.tag, data };
  });
  return buildSfnt(d.version, tables);
}

describe('font book: substitutes', () => {
  it('draws body text from the whole simplified-Chinese file and rare characters from a slice', async () => {
    const book = await loadFontBook(join(work, 'empty-project'));
    for (const role of ['fangsong', 'heiti', 'kaiti', 'xiaobiaosong', 'song'] as FontRole[]) {
      const glyphs = cps(BODY).map((cp) => book.glyph(role, false, cp));
      for (const g of glyphs) expect(g.gid).toBeGreaterThan(0);
      // The ideographs of the body come from one face: one run per line, not one per slice.
      const han = cps(BODY).flatMap((cp, i) => (cp >= 0x4e00 && cp <= 0x9fff ? [glyphs[i].face] : []));
      expect(new Set(han).size).toBe(1);
      expect(book.missing(role, BODY + '塅〇')).toEqual([]);
      expect(book.glyph(role, false, 0x5845 /* 塅 */).gid).toBeGreaterThan(0);
      expect(book.glyph(role, false, 0x3007 /* 〇 */).gid).toBeGreaterThan(0);
      // A form's ticked choice: no CJK substitute has ☑, the symbols face at the end of every chain does.
      expect(book.missing(role, '☑□')).toEqual([]);
      expect(book.face(book.glyph(role, false, 0x2611).face).family).toMatch(/Symbols 2/);
      expect(book.face(book.glyph(role, true, 0x2611).face).family).toMatch(/Symbols 2/);
      // Full-width characters are 1 em; figures are narrower.
      expect(book.glyph(role, false, 0x5173).advanceEm).toBeCloseTo(1, 3);
      expect(book.glyph(role, false, 0x32).advanceEm).toBeLessThan(0.75);
      const info = book.face(glyphs[0].face);
      expect(info.unitsPerEm).toBeGreaterThan(0);
      expect(info.ascender).toBeGreaterThan(0);
      expect(info.descender).toBeLessThan(0);
      expect(info.postscriptName).toMatch(/^[\x21-\x7e]+$/);
    }
    // 塅 is not in the whole simplified-Chinese file of Noto Serif SC: it comes from a slice.
    expect(book.glyph('fangsong', false, 0x5845).face).not.toBe(book.glyph('fangsong', false, 0x5173).face);
    expect(book.missing('fangsong', '关😀于😀')).toEqual(['😀']);
    const none = book.glyph('fangsong', false, 0x1f600);
    expect(none.gid).toBe(0);
    expect(none.advanceEm).toBe(1);
    expect(book.substitutions.map((s) => s.role).sort()).toEqual(['fangsong', 'heiti', 'kaiti', 'song', 'xiaobiaosong']);
    expect(book.describe().find((r) => r.role === 'kaiti')!.faces[0].name).toMatch(/LXGW WenKai/);
  });

  it("finds every code point's glyph as fontkit does (cmap formats 4 and 12), and none for others", async () => {
    const book = await loadFontBook(join(work, 'empty-project'));
    const { openFace } = await import('../src/fonts/face.js');
    for (const [role, cp] of [['fangsong', 0x5173], ['kaiti', 0x5173], ['fangsong', 0x5845]] as const) {
      const sfnt = await book.sfnt(book.glyph(role, false, cp).face);
      const face = openFace(sfnt);
      const kit = fontkit.create(Buffer.from(sfnt)) as KitFont & { characterSet: number[] };
      const set = new Set(kit.characterSet);
      expect(set.size).toBeGreaterThan(10);
      for (const c of set) expect(face.glyphOf(c)).toBe(kit.glyphForCodePoint(c).id);
      for (let c = 0; c < 0x30000; c += 17) if (!set.has(c)) expect(face.glyphOf(c)).toBe(0);
    }
  });

  it('draws bold runs from the bold file', async () => {
    const book = await loadFontBook(join(work, 'empty-project'));
    const regular = book.glyph('heiti', false, 0x5173);
    const bold = book.glyph('heiti', true, 0x5173);
    expect(bold.face).not.toBe(regular.face);
    expect(book.face(bold.face).postscriptName).toMatch(/Bold/);
    expect(book.glyph('fangsong', true, 0x5173).face).toBe(book.glyph('song', true, 0x5173).face);
  });

  it('returns the sfnt of a face, which fontkit reads', async () => {
    const book = await loadFontBook(join(work, 'empty-project'));
    const g = book.glyph('kaiti', false, 0x5173);
    const sfnt = await book.sfnt(g.face);
    const font = fontkit.create(Buffer.from(sfnt));
    expect(font.glyphForCodePoint(0x5173).id).toBe(g.gid);
    expect(font.familyName).toMatch(/LXGW WenKai/);
  });
});

describe('font book: user and system fonts by their names', () => {
  let named: (family: string, weight: number) => Promise<Uint8Array>;
  let latinOnly: Uint8Array;
  beforeAll(async () => {
    const book = await loadFontBook(join(work, 'empty-project'));
    // A small real font: a subset of the substitute with its cmap, renamed.
    const sfnt = await book.sfnt(book.glyph('song', false, 0x5173).face);
    const subsetOf = (text: string) => subsetFace(sfnt, cps(text).map((cp) => ({ cp, gid: book.glyph('song', false, cp).gid })), { keepCmap: true });
    const sub = await subsetOf('关于通知一二三的是在不了有和人这中大为上个国我以要他');
    latinOnly = (await subsetOf('ABC')).bytes;
    named = async (family, weight) => renamed(sub.bytes, family, weight);
  });

  it('matches a font by the names in its name table', async () => {
    const file = join(work, 'names', 'whatever.ttf');
    mkdirSync(join(work, 'names'), { recursive: true });
    writeFileSync(file, await named('仿宋_GB2312', 400));
    const [face] = readSfntFileNames(file);
    expect(face.names).toContain('仿宋_GB2312');
    expect(bestRole(face.names)).toMatchObject({ role: 'fangsong', family: '仿宋_GB2312' });
    expect(face.bold).toBe(false);
    expect(bestRole(['WenQuanYi Zen Hei', 'LXGW WenKai', '文泉驿正黑'])).toBeUndefined();
  });

  const TTC = '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc';
  it.skipIf(!existsSync(TTC))('reads each font of a collection (.ttc: Windows has 宋体 in simsun.ttc) as a font of its own', async () => {
    const { readFileSync } = await import('node:fs');
    const { extractFace } = await import('../src/fonts/sfnt.js');
    const faces = readSfntFileNames(TTC);
    expect(faces.length).toBeGreaterThan(1);
    const bytes = readFileSync(TTC);
    const whole = require('fontkit').create(bytes) as { fonts: (KitFont & { postscriptName: string })[] };
    faces.forEach((face, i) => {
      const alone = fontkit.create(Buffer.from(extractFace(bytes, i))) as KitFont & { postscriptName: string };
      expect(alone.postscriptName).toBe(whole.fonts[i].postscriptName);
      expect(face.names).toContain(whole.fonts[i].familyName);
      const gid = alone.glyphForCodePoint(0x5173).id;
      expect(gid).toBeGreaterThan(0);
      expect(alone.getGlyph(gid).path.toSVG()).toBe(whole.fonts[i].getGlyph(gid).path.toSVG());
    });
  });

  it("puts the user's fonts first, then the system's, then the substitute", async () => {
    const sys = join(work, 'sysfonts');
    mkdirSync(join(sys, 'sub'), { recursive: true });
    writeFileSync(join(sys, 'sub', 'simhei.ttf'), await named('SimHei', 400));
    writeFileSync(join(sys, 'fs.ttf'), await named('FangSong', 400));
    writeFileSync(join(sys, 'notes.txt'), 'not a font');
    const project = join(work, 'project-user');
    mkdirSync(join(project, 'fonts'), { recursive: true });
    writeFileSync(join(project, 'fonts', 'a.ttf'), await named('仿宋_GB2312', 400));
    writeFileSync(join(project, 'fonts', 'b.ttf'), await named('仿宋_GB2312', 700));
    writeFileSync(join(project, 'fonts', 'c.ttf'), renamed(latinOnly, '方正小标宋简体', 400));
    writeFileSync(join(project, 'fonts', 'd.ttf'), 'not a font');
    process.env.GONGWEN_SYSTEM_FONT_DIRS = sys;
    delete process.env.GONGWEN_SYSTEM_FONTS;
    try {
      const book = await loadFontBook(project);
      const fs = book.glyph('fangsong', false, 0x5173);
      expect(book.face(fs.face).source).toBe(join(project, 'fonts', 'a.ttf'));
      expect(book.face(book.glyph('fangsong', true, 0x5173).face).source).toBe(join(project, 'fonts', 'b.ttf'));
      // Not in the user's font: the next face of the chain (the system's FangSong has it neither).
      expect(book.face(book.glyph('fangsong', false, 0x5e74 /* 年 */).face).source).toBe('@fontsource/noto-serif-sc');
      // A font named for a role but without Chinese characters, and a file that is no font: warned about.
      expect(book.diagnostics.map((d) => [d.file, d.ruleId])).toEqual([
        [join('fonts', 'd.ttf'), 'font-unreadable'],
        [join(project, 'fonts', 'c.ttf'), 'font-no-chinese'],
      ]);
      expect(book.face(book.glyph('xiaobiaosong', false, 0x5173).face).source).toBe('@fontsource/noto-serif-sc');
      expect(book.face(book.glyph('xiaobiaosong', false, 0x41).face).source).toBe(join(project, 'fonts', 'c.ttf'));
      const hei = book.glyph('heiti', false, 0x5173);
      expect(book.face(hei.face).source).toBe(join(sys, 'sub', 'simhei.ttf'));
      expect(book.substitutions.map((s) => s.role).sort()).toEqual(['kaiti', 'song']);
      const fang = book.describe().find((r) => r.role === 'fangsong')!.faces;
      expect(fang.map((f) => f.source).slice(0, 3)).toEqual([join(project, 'fonts', 'a.ttf'), join(sys, 'fs.ttf'), '@fontsource/noto-serif-sc']);
      // The scan is kept in the cache folder.
      expect(existsSync(join(work, 'cache', 'system-fonts.json'))).toBe(true);
      // Off: the system's SimHei is not used.
      const off = await loadFontBook(project, { systemFonts: false });
      expect(off.face(off.glyph('heiti', false, 0x5173).face).source).toBe('@fontsource/noto-sans-sc');
      // A font added to a folder changes its mtime: the next scan sees it.
      writeFileSync(join(sys, 'kai.ttf'), await named('楷体_GB2312', 400));
      const again = await loadFontBook(join(work, 'project-user-2'));
      expect(again.face(again.glyph('kaiti', false, 0x5173).face).source).toBe(join(sys, 'kai.ttf'));
      expect(again.face(again.glyph('heiti', false, 0x5173).face).source).toBe(join(sys, 'sub', 'simhei.ttf'));
    } finally {
      process.env.GONGWEN_SYSTEM_FONTS = '0';
      delete process.env.GONGWEN_SYSTEM_FONT_DIRS;
    }
  });

  it("does not take this machine's WenQuanYi or LXGW fonts for 黑体 or 楷体", async () => {
    delete process.env.GONGWEN_SYSTEM_FONTS;
    try {
      const book = await loadFontBook(join(work, 'project-system'));
      for (const role of ['heiti', 'kaiti'] as FontRole[]) {
        const source = book.face(book.glyph(role, false, 0x5173).face).source;
        expect(source).toMatch(/^@fontsource\//);
      }
    } finally {
      process.env.GONGWEN_SYSTEM_FONTS = '0';
    }
  });
});

describe('font book across processes', () => {
  const DIST = fileURLToPath(new URL('../dist/fonts/book.js', import.meta.url));
  const script = `
    const { loadFontBook } = await import(${JSON.stringify(DIST)});
    const { sfntCacheStats } = await import(${JSON.stringify(DIST.replace('book.js', 'sfnt-cache.js'))});
    const book = await loadFontBook(process.argv[1]);
    const keys = ['fangsong', 'heiti'].map((r) => book.glyph(r, false, 0x5173).face + ':' + book.glyph(r, false, 0x5845).face);
    console.log(JSON.stringify({ keys, stats: sfntCacheStats }));`;
  const run = (cache: string) =>
    new Promise<{ keys: string[]; stats: { decoded: number; cached: number; written: number } }>((resolve, reject) => {
      execFile(process.execPath, ['--input-type=module', '-e', script, join(work, 'empty-project')], { env: { ...process.env, GONGWEN_CACHE_DIR: cache, GONGWEN_SYSTEM_FONTS: '0' } }, (err, out) =>
        err ? reject(err) : resolve(JSON.parse(out)),
      );
    });

  it.skipIf(!existsSync(DIST))('decodes each WOFF2 once: a second process reads the cached sfnt, with the same face keys', async () => {
    const cache = join(work, 'cache-procs');
    const first = await run(cache);
    expect(first.stats.decoded).toBeGreaterThan(0);
    expect(first.stats.written).toBe(first.stats.decoded);
    expect(readdirSync(join(cache, 'sfnt')).filter((f) => f.endsWith('.sfnt'))).toHaveLength(first.stats.decoded);
    const second = await run(cache);
    expect(second.stats.decoded).toBe(0);
    expect(second.stats.cached).toBe(first.stats.decoded);
    expect(second.keys).toEqual(first.keys);
    // A damaged entry is decoded again, and the result is the same font.
    for (const f of readdirSync(join(cache, 'sfnt'))) writeFileSync(join(cache, 'sfnt', f), 'short');
    const third = await run(cache);
    expect(third.stats.decoded).toBe(first.stats.decoded);
    expect(third.keys).toEqual(first.keys);
    // A cache folder that cannot be written: decoded in memory, same keys.
    const blocked = join(work, 'not-a-folder');
    writeFileSync(blocked, '');
    const fourth = await run(join(blocked, 'cache'));
    expect(fourth.stats.written).toBe(0);
    expect(fourth.keys).toEqual(first.keys);
  });
});

describe('subsets', () => {
  /** Every kept glyph's outline and advance in the subset equal the original's. */
  async function checkSubset(role: FontRole, text: string): Promise<void> {
    const book = await loadFontBook(join(work, 'empty-project'));
    const byFace = new Map<string, { gid: number; cp: number }[]>();
    for (const cp of cps(text)) {
      const g = book.glyph(role, false, cp);
      if (g.gid === 0) continue;
      byFace.set(g.face, [...(byFace.get(g.face) ?? []), { gid: g.gid, cp }]);
    }
    for (const [key, glyphs] of byFace) {
      const sfnt = await book.sfnt(key);
      const original = fontkit.create(Buffer.from(sfnt));
      for (const keepCmap of [false, true]) {
        const sub = await subsetFace(sfnt, glyphs, { keepCmap });
        expect(sub.cff).toBe(book.face(key).cff);
        const font = fontkit.create(Buffer.from(sub.bytes));
        for (const { gid, cp } of glyphs) {
          const neu = sub.gidMap.get(gid)!;
          expect(neu).toBeGreaterThan(0);
          const a = original.getGlyph(gid);
          const b = font.getGlyph(neu);
          expect(b.path.toSVG(), `glyph ${gid} (${String.fromCodePoint(cp)})`).toBe(a.path.toSVG());
          expect(b.advanceWidth).toBe(a.advanceWidth);
          if (keepCmap) expect(font.glyphForCodePoint(cp).id).toBe(neu);
        }
        expect(sub.bytes.length).toBeLessThan(sfnt.length);
      }
    }
  }
  // A thousand common characters (GB 2312 level 1 starts at 啊: take every third of U+4E00…).
  const THOUSAND = Array.from({ length: 1000 }, (_, i) => String.fromCodePoint(0x4e00 + i * 3)).join('') + BODY + '塅〇';

  it('keeps every glyph of a TrueType subset intact (Noto Serif SC)', () => checkSubset('fangsong', THOUSAND));
  it('keeps every glyph of a TrueType subset intact (LXGW WenKai)', () => checkSubset('kaiti', THOUSAND));

  it('gives the same subset once per process for the same glyphs', async () => {
    const book = await loadFontBook(join(work, 'empty-project'));
    const g = book.glyph('song', false, 0x5173);
    const sfnt = await book.sfnt(g.face);
    const a = subsetFace(sfnt, [{ gid: g.gid }, { gid: 1 }]);
    const b = subsetFace(sfnt, [{ gid: 1 }, { gid: g.gid }]);
    expect(a).toBe(b);
    // Only the last few glyph sets of a face are kept (a preview session changes them at every save).
    for (let i = 2; i < 12; i++) await subsetFace(sfnt, [{ gid: i }]);
    expect(subsetFace(sfnt, [{ gid: 1 }, { gid: g.gid }])).not.toBe(a);
    await expect(subsetFace(sfnt, [{ gid: 10_000_000 }])).rejects.toThrow(/not in the font/);
  });

  it('keeps every glyph of a CFF subset intact, and gives the CIDs of a CID-keyed one', async () => {
    for (const cid of [true, false]) {
      const sfnt = cffTestFont(cid);
      const original = fontkit.create(Buffer.from(sfnt));
      const glyphs = CFF_TEST_CPS.map((cp) => ({ cp, gid: original.glyphForCodePoint(cp).id })).filter((_, i) => i % 2 === 0);
      for (const keepCmap of [false, true]) {
        const sub = await subsetFace(sfnt, glyphs, { keepCmap });
        expect(sub.cff).toBe(true);
        expect(sub.cidKeyed).toBe(cid);
        const font = fontkit.create(Buffer.from(sub.bytes));
        expect(font.numGlyphs).toBe(glyphs.length + 1);
        // The subset's glyph for a code the content stream would use: a CID through the charset, else the glyph id.
        const charset = font['CFF ']!.topDict.charset.glyphs ?? [];
        const glyphOfCode = (code: number) => (cid ? charset.indexOf(code) + 1 : code);
        for (const { gid, cp } of glyphs) {
          const code = sub.gidMap.get(gid)!;
          if (cid) expect(code).toBe(cidOfGlyph(gid));
          const g = glyphOfCode(code);
          expect(g).toBeGreaterThan(0);
          expect(font.getGlyph(g).path.toSVG()).toBe(original.getGlyph(gid).path.toSVG());
          expect(font.getGlyph(g).advanceWidth).toBe(original.getGlyph(gid).advanceWidth);
          if (keepCmap) expect(font.glyphForCodePoint(cp).id).toBe(g);
          expect(sub.glyphIds.get(gid)).toBe(g);
          if (cid) expect(sub.cids!.get(gid)).toBe(cidOfGlyph(gid));
        }
      }
      // Glyph ids kept (the OFD writer's choice for a CID-keyed face): gidMap is the identity, the CIDs stay in `cids`.
      const kept = await subsetFace(sfnt, glyphs, { keepCmap: true, retainGids: true });
      const font = fontkit.create(Buffer.from(kept.bytes));
      for (const { gid, cp } of glyphs) {
        expect(kept.gidMap.get(gid)).toBe(gid);
        expect(kept.glyphIds.get(gid)).toBe(gid);
        expect(font.getGlyph(gid).path.toSVG()).toBe(original.getGlyph(gid).path.toSVG());
        expect(font.glyphForCodePoint(cp).id).toBe(gid);
        if (cid) expect(kept.cids!.get(gid)).toBe(cidOfGlyph(gid));
        else expect(kept.cids).toBeUndefined();
      }
    }
  });

  it("serves a user's CFF font (CID-keyed) for its role", async () => {
    const project = join(work, 'project-cff');
    mkdirSync(join(project, 'fonts'), { recursive: true });
    writeFileSync(join(project, 'fonts', 'kai.otf'), cffTestFont(true, '楷体_GB2312'));
    const book = await loadFontBook(project, { systemFonts: false });
    const g = book.glyph('kaiti', false, CFF_TEST_CPS[0]);
    expect(book.face(g.face)).toMatchObject({ cff: true, family: '楷体_GB2312', source: join(project, 'fonts', 'kai.otf') });
    expect(g.gid).toBe(1);
    expect(g.advanceEm).toBe(1);
    expect(book.diagnostics).toEqual([]);
    expect(book.face(book.glyph('kaiti', false, 0x5e74).face).source).toBe('@fontsource/lxgw-wenkai');
  });

  const otf = (() => {
    for (const dir of ['/usr/share/fonts', '/usr/local/share/fonts']) {
      try {
        const hit = (readdirSync(dir, { recursive: true }) as string[]).find((f) => f.toLowerCase().endsWith('.otf'));
        if (hit) return join(dir, hit);
      } catch {
        /* no such folder */
      }
    }
    return undefined;
  })();
  it.skipIf(!otf)(`keeps every glyph of an installed CFF font's subset intact (${otf ?? 'skipped: no .otf font under /usr/share/fonts on this machine; the built CFF fonts above stand in'})`, async () => {
    const { readFileSync } = await import('node:fs');
    const sfnt = new Uint8Array(readFileSync(otf!));
    expect(table(sfnt, readDirectory(sfnt), 'CFF ') ?? table(sfnt, readDirectory(sfnt), 'CFF2')).toBeTruthy();
    const original = fontkit.create(Buffer.from(sfnt));
    const glyphs = cps('Aa1关于通知').map((cp) => ({ cp, gid: original.glyphForCodePoint(cp).id })).filter((g) => g.gid > 0);
    const sub = await subsetFace(sfnt, glyphs);
    expect(sub.cff).toBe(true);
    const font = fontkit.create(Buffer.from(sub.bytes));
    for (const { gid } of glyphs) {
      // For a CID-keyed font the map gives CIDs; the glyph is found through the charset then.
      if (sub.cidKeyed) continue;
      expect(font.getGlyph(sub.gidMap.get(gid)!).path.toSVG()).toBe(original.getGlyph(gid).path.toSVG());
    }
  });
});
