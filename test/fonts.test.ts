// The fonts as a document gets them (the font book): official family names, the substitutes from
// npm and what they cover, a user's font embedded before the substitute in the PDF.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { roleOfFamily } from '../src/fonts/families.js';
import { BOOK_ROLES, loadFontBook } from '../src/fonts/book.js';
import { Builder } from '../src/pipeline/build.js';
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

describe('fonts', () => {
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
    const book = await loadFontBook(project(), { systemFonts: false });
    expect(book.substitutions.map((s) => s.role).sort()).toEqual([...BOOK_ROLES].sort());
    const fs = book.substitutions.find((s) => s.role === 'fangsong')!;
    expect(fs.wanted).toBe('仿宋_GB2312');
    expect(fs.used).toMatch(/Noto Serif SC 300/);
    expect(book.substitutions.find((s) => s.role === 'kaiti')!.used).toMatch(/LXGW WenKai/);
    expect(book.diagnostics).toEqual([]);
    // Rare place-name characters and 〇 are covered; a CJK Extension B character is not.
    expect(book.missing('fangsong', '董家塅〇，。“”《》〔〕—…ABC 123')).toEqual([]);
    expect(book.missing('kaiti', '董家塅〇')).toEqual([]);
    expect(book.missing('fangsong', '𠀀一𠀀')).toEqual(['𠀀']);
    // The package's whole simplified-Chinese file first (text in one face, not in a hundred
    // slices); a rare character from a unicode-range slice behind it.
    const common = book.face(book.glyph('fangsong', false, 0x4e00).face);
    const rare = book.face(book.glyph('fangsong', false, 0x5845 /* 塅 */).face);
    expect(common.source).toBe('@fontsource/noto-serif-sc');
    expect(rare.source).toBe('@fontsource/noto-serif-sc');
    expect(book.glyph('fangsong', false, 0x5845).gid).toBeGreaterThan(0);
  });

  it('embeds the user font in the PDF, before the substitute', async () => {
    const dir = project();
    mkdirSync(join(dir, 'fonts'));
    writeFileSync(join(dir, 'fonts', 'fs.ttf'), renamedFont(DEJAVU, 'FangSong'));
    writeFileSync(join(dir, 'fonts', 'broken.ttf'), 'not a font');
    const builder = new Builder({ projectDir: dir, outDir: dir, formats: ['pdf'], write: false });
    try {
      const book = await builder.fontBook();
      expect(book.substitutions.map((s) => s.role)).not.toContain('fangsong');
      // A file that is no font, and a FangSong without Chinese characters (its Latin is still drawn): said.
      expect(book.diagnostics.map((d) => d.ruleId).sort()).toEqual(['font-no-chinese', 'font-unreadable']);
      const m = noticeModel();
      delete m.imprint;
      const res = await builder.render(m, { path: join(dir, 'n.md') }, { file: 'n.md', sources: [] }, []);
      expect(res.ok).toBe(true);
      const file = join(dir, 'out.pdf');
      writeFileSync(file, res.files!.pdf!);
      const list = execFileSync('pdffonts', [file], { encoding: 'utf8' });
      // Latin text of the body (the URL, the digits) comes from the user's font, Chinese from Noto.
      expect(list).toMatch(/[A-Z]{6}\+DejaVuSerif\s+CID TrueType/);
      expect(list).toMatch(/NotoSerifSC/);
      expect(list).not.toMatch(/Type 3/);
    } finally {
      await builder.close();
    }
  }, 60_000);
});

describe('WOFF2 tables (zlib, not fontkit)', () => {
  it('reads head, name and OS/2 of a WOFF2 as fontkit does, without decoding the font', async () => {
    const { woff2Table } = await import('../src/fonts/woff2-tables.js');
    const fontkit = await import('fontkit');
    const { readFileSync } = await import('node:fs');
    const { createRequire } = await import('node:module');
    const require = createRequire(import.meta.url);
    for (const file of ['@fontsource/lxgw-wenkai/files/lxgw-wenkai-latin-500-normal.woff2', '@fontsource/noto-sans-sc/files/noto-sans-sc-latin-500-normal.woff2', '@fontsource/noto-serif-sc/files/noto-serif-sc-5-300-normal.woff2']) {
      const bytes = readFileSync(require.resolve(file));
      const theirs = fontkit.create(bytes) as unknown as { unitsPerEm: number; 'OS/2': { usWeightClass: number } };
      const head = Buffer.from(woff2Table(bytes, 'head')!);
      expect(head.readUInt16BE(18), file).toBe(theirs.unitsPerEm);
      const os2 = Buffer.from(woff2Table(bytes, 'OS/2')!);
      expect(os2.readUInt16BE(4), file).toBe(theirs['OS/2'].usWeightClass);
      expect(woff2Table(bytes, 'name')!.length).toBeGreaterThan(0);
    }
    expect(woff2Table(Buffer.from('not a font at all, not even close to one; padding padding'), 'head')).toBeUndefined();
  }, 30_000);
});
