// The CFF path of the PDF writer, on a CID-keyed CFF OpenType font made in code (no .otf font is
// installed here): hb-subset keeps the glyphs' CIDs, the writer embeds the bare CFF as
// CIDFontType0C and writes CIDs in the content stream, so poppler draws each glyph (not .notdef)
// and gives its text back; PDFBox Preflight accepts it in a PDF/A-1b file.
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { FaceInfo, PagedDocument, TextItem } from '../src/layout/frame/types.js';
import { glyphRun } from '../src/layout/frame/glyph-run.js';
import { writePdf } from '../src/write/pdf/index.js';
import { makeCidCffFont, type CffGlyph } from './helpers/cff-font.js';
import { pdffonts, preflight, preflightMissing, qpdfCheck, run, save } from './helpers/pdf-tools.js';

// Glyph 1 (CID 100) a full square, glyph 2 (CID 200) a low bar, glyph 3 (CID 300) a narrow post.
const GLYPHS = [
  { cid: 100, unicode: 0x516c, rect: [100, 0, 900, 800] },
  { cid: 200, unicode: 0x6587, rect: [100, 0, 900, 100] },
  { cid: 300, unicode: 0x683c, rect: [450, 0, 550, 800] },
] as const satisfies CffGlyph[];
const face: FaceInfo = { key: 'cff', postscriptName: 'GwTestCID', family: 'GwTestCID', role: 'fangsong', cff: true, unitsPerEm: 1000, ascender: 880, descender: -120, capHeight: 700, bbox: [0, -120, 1000, 880], source: 'test' };

function doc(): PagedDocument {
  const item: TextItem = { kind: 'text', x: 100, y: 200, face: 'cff', sizePt: 50, color: '000000', tag: 1, glyphs: glyphRun(['公', '文', '格'].map((text, i) => ({ gid: i + 1, x: i * 60, advance: 50, text }))) };
  return { pages: [{ widthPt: 400, heightPt: 300, landscape: false, items: [item] }], faces: { cff: face }, structure: { id: 0, role: 'Document', children: [{ id: 1, role: 'P', children: [] }] }, outline: [], info: { title: 'CFF', date: '2020-01-01', lang: 'zh-CN' } };
}

/** Share of dark pixels in a box of the page, drawn at 72 dpi (1 px = 1 pt). */
function ink(file: string, x: number, y: number, w: number, h: number): number {
  run('pdftoppm', ['-r', '72', '-gray', '-png', '-singlefile', file, file.replace(/\.pdf$/, '')]);
  const png = PNG.sync.read(readFileSync(file.replace(/\.pdf$/, '.png')));
  let dark = 0;
  for (let j = y; j < y + h; j++) for (let i = x; i < x + w; i++) if (png.data[(j * png.width + i) * 4] < 128) dark++;
  return dark / (w * h);
}

describe.each([
  ['CID-keyed', true],
  ['name-keyed', false],
])('a %s CFF face', (_, cidKeyed) => {
  const sfnt = makeCidCffFont('GwTestCID', GLYPHS.map((g) => ({ ...g, rect: [...g.rect] as CffGlyph['rect'] })), { cidKeyed });
  const fonts = { face: () => face, sfnt: async () => sfnt };

  it('is embedded as a CIDFontType0C subset with ToUnicode, its glyphs drawn and its text given back', async () => {
    const file = save(await writePdf(doc(), fonts), 'cff');
    expect(qpdfCheck(file).status).toBe(0);
    const [f] = pdffonts(file);
    expect(f.type).toBe('CID Type 0C');
    expect([f.emb, f.sub, f.uni]).toEqual(['yes', 'yes', 'yes']);
    expect(run('pdftotext', [file, '-']).trim()).toBe('公文格');
    // Each glyph's 50 pt box (baseline at y = 200): the square fills ~64 %, the bar ~8 %, the post ~8 %.
    const square = ink(file, 100, 150, 50, 50);
    const bar = ink(file, 160, 150, 50, 50);
    const post = ink(file, 220, 150, 50, 50);
    expect(square).toBeGreaterThan(0.55);
    expect(bar).toBeGreaterThan(0.04);
    expect(bar).toBeLessThan(0.15);
    expect(post).toBeGreaterThan(0.04);
    expect(post).toBeLessThan(0.15);
    // The bar lies on the baseline, the post stands up the middle.
    expect(ink(file, 160, 195, 50, 5)).toBeGreaterThan(0.6);
    expect(ink(file, 243, 160, 4, 30)).toBeGreaterThan(0.9);
  }, 60_000);

  const missing = preflightMissing();
  it.skipIf(missing)(`passes PDFBox Preflight as PDF/A-1b${missing ? ` (skipped: ${missing})` : ''}`, async () => {
    const r = preflight(save(await writePdf(doc(), fonts, { standard: 'a-1b' }), 'cff-a1b'));
    expect(r.output).toContain('is a valid PDF/A-1b file');
  }, 120_000);
});
