// The font map: substitutes from npm, user fonts recognised by their name table, coverage.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { describeSubstitutions, FONT_ROLES, loadFontMap, roleOfFamily } from '../src/fonts/index.js';
import { PdfRenderer } from '../src/render/pdf/index.js';
import { noticeModel } from './fixtures/notice-model.js';

const DEJAVU = '/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf';

const made: string[] = [];
const project = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'gongwen-fonts-'));
  made.push(d);
  return d;
};
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** A copy of a TrueType font whose family names (IDs 1, 4, 16) say `name` instead; optionally a table renamed. */
function renamedFont(src: string, name: string, retag?: [string, string]): Buffer {
  const buf = Buffer.from(readFileSync(src));
  const numTables = buf.readUInt16BE(4);
  let nameOffset = -1;
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + i * 16;
    const tag = buf.toString('latin1', rec, rec + 4);
    if (tag === 'name') nameOffset = buf.readUInt32BE(rec + 8);
    if (retag && tag === retag[0]) buf.write(retag[1], rec, 'latin1');
  }
  const count = buf.readUInt16BE(nameOffset + 2);
  const storage = nameOffset + buf.readUInt16BE(nameOffset + 4);
  for (let i = 0; i < count; i++) {
    const r = nameOffset + 6 + i * 12;
    const platform = buf.readUInt16BE(r);
    const id = buf.readUInt16BE(r + 6);
    if (![1, 4, 16].includes(id)) continue;
    // Shorten the string in place: same offset, new length.
    const bytes = platform === 3 || platform === 0 ? Buffer.from(name, 'utf16le').swap16() : Buffer.from(name, 'latin1');
    if (bytes.length > buf.readUInt16BE(r + 8)) continue;
    bytes.copy(buf, storage + buf.readUInt16BE(r + 10));
    buf.writeUInt16BE(bytes.length, r + 8);
  }
  return buf;
}

describe('font map', () => {
  it('knows the official family names of every role', () => {
    expect(roleOfFamily('仿宋_GB2312')).toBe('fangsong');
    expect(roleOfFamily('FangSong GB2312')).toBe('fangsong');
    expect(roleOfFamily('STFangsong')).toBe('fangsong');
    expect(roleOfFamily('方正小标宋简体')).toBe('xiaobiaosong');
    expect(roleOfFamily('FZXiaoBiaoSong-B05S')).toBe('xiaobiaosong');
    expect(roleOfFamily('SimHei')).toBe('heiti');
    expect(roleOfFamily('楷体_GB2312')).toBe('kaiti');
    expect(roleOfFamily('NSimSun')).toBe('song');
    expect(roleOfFamily('DejaVu Sans')).toBeUndefined();
  });

  it('falls back to the npm substitutes and says so', async () => {
    const fonts = await loadFontMap(project());
    expect(fonts.substitutions.map((s) => s.role).sort()).toEqual([...FONT_ROLES].sort());
    const fs = fonts.substitutions.find((s) => s.role === 'fangsong')!;
    expect(fs.wanted).toBe('仿宋_GB2312');
    expect(fs.used).toMatch(/Noto Serif SC 300/);
    expect(fonts.substitutions.find((s) => s.role === 'kaiti')!.used).toMatch(/LXGW WenKai/);
    expect(fonts.diagnostics).toEqual([]);
    expect(describeSubstitutions(fonts)).toContain('仿宋_GB2312 (fangsong) → Noto Serif SC 300 (@fontsource/noto-serif-sc)');
    // Rare place-name characters and 〇 are covered; a CJK Extension B character is not.
    expect(fonts.coverage('fangsong', '董家塅〇，。“”《》〔〕—…ABC 123')).toEqual([]);
    expect(fonts.coverage('kaiti', '董家塅〇')).toEqual([]);
    expect(fonts.coverage('fangsong', '𠀀一𠀀')).toEqual(['𠀀']);
    // Every font URL in the CSS is served, with a font type; anything else is not.
    const urls = [...fonts.fontCss.matchAll(/url\('([^']+)'\)/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(100);
    const hit = fonts.serve(urls[0]);
    expect(hit?.contentType).toBe('font/woff2');
    expect(hit?.body.length).toBeGreaterThan(1000);
    expect(fonts.serve('http://fonts.local/../../etc/passwd')).toBeUndefined();
    // The package's whole simplified-Chinese file first (text shaped in one font, not in a
    // hundred slices), the unicode-range slices behind it for the rarer characters.
    expect(fonts.fontCss).toMatch(/--font-fangsong: 'gw-fangsong-0', 'gw-fangsong-1';/);
    expect(fonts.roles.fangsong[0].files.map((f) => f.path.split('/').pop())).toContain('noto-serif-sc-chinese-simplified-300-normal.woff2');
    expect(fonts.roles.fangsong[1].files.length).toBeGreaterThan(50);
  });

  it('puts user fonts first, found by their name table, and flags CFF outlines', async () => {
    const dir = project();
    mkdirSync(join(dir, 'fonts'));
    writeFileSync(join(dir, 'fonts', 'a.ttf'), renamedFont(DEJAVU, 'FangSong'));
    writeFileSync(join(dir, 'fonts', 'b.otf'), renamedFont(DEJAVU, 'SimHei', ['gasp', 'CFF ']));
    copyFileSync(DEJAVU, join(dir, 'fonts', 'unrelated.ttf'));
    writeFileSync(join(dir, 'fonts', 'broken.ttf'), 'not a font');
    const fonts = await loadFontMap(dir);
    expect(fonts.roles.fangsong.map((f) => f.source)).toEqual(['user', 'package', 'package']);
    expect(fonts.roles.fangsong[0].name).toMatch(/FangSong \(fonts\/a\.ttf\)/);
    expect(fonts.roles.heiti[0].cff).toBe(true);
    expect(fonts.substitutions.map((s) => s.role)).not.toContain('fangsong');
    expect(fonts.substitutions.map((s) => s.role)).not.toContain('heiti');
    expect(fonts.diagnostics.map((d) => d.ruleId).sort()).toEqual(['font-cff', 'font-unreadable']);
    // The chain: Latin from the user's font, Chinese from the substitute behind it.
    expect(fonts.coverage('fangsong', 'Aé中')).toEqual([]);
    expect(fonts.fontCss).toMatch(/--font-fangsong: 'gw-fangsong-0', 'gw-fangsong-1', 'gw-fangsong-2';/);
    expect(await loadFontMap(dir)).toBe(fonts);
  });

  it('embeds the user font in the PDF, before the substitute', async () => {
    const dir = project();
    mkdirSync(join(dir, 'fonts'));
    writeFileSync(join(dir, 'fonts', 'fs.ttf'), renamedFont(DEJAVU, 'FangSong'));
    const fonts = await loadFontMap(dir);
    const renderer = await PdfRenderer.launch({ pages: 1 });
    try {
      const m = noticeModel();
      delete m.imprint;
      const res = await renderer.render(m, fonts);
      const file = join(dir, 'out.pdf');
      writeFileSync(file, res.pdf);
      const list = execFileSync('pdffonts', [file], { encoding: 'utf8' });
      // Latin text of the body (the URL, the digits) comes from the user's font, Chinese from Noto.
      expect(list).toMatch(/DejaVuSerif\s+CID TrueType/);
      expect(list).toMatch(/NotoSerifSC/);
      expect(list).not.toMatch(/Type 3/);
    } finally {
      await renderer.close();
    }
  }, 60_000);
});

describe('WOFF2 coverage (zlib, not fontkit)', () => {
  it('answers as fontkit does, from the cmap alone', async () => {
    const { woff2Coverage } = await import('../src/fonts/woff2-cmap.js');
    const fontkit = await import('fontkit');
    const { readFileSync } = await import('node:fs');
    const { createRequire } = await import('node:module');
    const require = createRequire(import.meta.url);
    for (const file of ['@fontsource/lxgw-wenkai/files/lxgw-wenkai-latin-500-normal.woff2', '@fontsource/noto-sans-sc/files/noto-sans-sc-latin-500-normal.woff2', '@fontsource/noto-serif-sc/files/noto-serif-sc-5-300-normal.woff2']) {
      const bytes = readFileSync(require.resolve(file));
      const ours = woff2Coverage(bytes)!;
      const theirs = fontkit.create(bytes) as unknown as { hasGlyphForCodePoint(cp: number): boolean };
      const cps = [0x41, 0x7e, 0xa0, 0x2014, 0x3001, 0x4e00, 0x5f00, 0x9fa5, 0xff08, 0x1f600, 0x20000];
      for (let cp = 0x4e00; cp < 0x9fff; cp += 97) cps.push(cp);
      expect(cps.map((cp) => ours(cp)), file).toEqual(cps.map((cp) => theirs.hasGlyphForCodePoint(cp)));
    }
    expect(woff2Coverage(Buffer.from('not a font at all, not even close to one; padding padding'))).toBeUndefined();
  }, 30_000);
});
