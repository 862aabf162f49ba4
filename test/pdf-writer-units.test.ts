// The PDF writer's pieces, without poppler or Java: numbers, strings and names as PDF syntax,
// the file's cross-reference (classic and object streams, read back by pdf-lib), widths,
// ToUnicode, TJ arrays that put glyphs where they were placed, subset tags, the sRGB profile,
// the attached page's matrix, PDF/A-1's refusals, the structure builder, JPEG headers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PagedDocument, TextItem } from '../src/layout/frame/types.js';
import { glyphRun } from '../src/layout/frame/glyph-run.js';
import { fitMatrix } from '../src/write/pdf/attach.js';
import { rgb } from '../src/write/pdf/content.js';
import { roundWidth, showGlyphs, subsetTag, toUnicode, widths, type UsedFont } from '../src/write/pdf/fonts.js';
import { decodeImage } from '../src/write/pdf/images.js';
import { refuseNotdef, refuseTransparency, srgbProfile } from '../src/write/pdf/pdfa.js';
import { Hex, name, num, PdfFile, serialize, text } from '../src/write/pdf/serialize.js';
import { StructureBuilder } from '../src/write/pdf/structure.js';

describe('PDF syntax', () => {
  it('writes numbers with at most four decimals, no exponent and no -0', () => {
    expect(num(3)).toBe('3');
    expect(num(0.5)).toBe('0.5');
    expect(num(595.2756)).toBe('595.2756');
    expect(num(1 / 3)).toBe('0.3333');
    expect(num(-0.00001)).toBe('0');
    expect(num(1e-7)).toBe('0');
    expect(num(123456789.5)).toBe('123456789.5');
    expect(() => num(NaN)).toThrow(/not a finite number/);
  });

  it('writes ASCII text as a literal and anything else as UTF-16BE with a byte-order mark', () => {
    expect(serialize(text('a (b) \\c'))).toBe('(a \\(b\\) \\\\c)');
    expect(serialize(text('通知'))).toBe('<FEFF901A77E5>');
    expect(serialize(text('𠀀'))).toBe('<FEFFD840DC00>');
  });

  it('escapes names', () => {
    expect(serialize(name('CIDFontType2'))).toBe('/CIDFontType2');
    expect(serialize(name('A B#'))).toBe('/A#20B#23');
    expect(serialize(name('仿宋'))).toBe('/#E4#BB#BF#E5#AE#8B');
  });

  it('writes dictionaries and arrays, leaving out undefined entries', () => {
    expect(serialize({ A: 1, B: undefined, C: [true, null, new Hex(new Uint8Array([0, 255]))] })).toBe('<</A 1/C [true null <00FF>]>>');
  });
});

describe('the file', () => {
  const build = (): PdfFile => {
    const f = new PdfFile();
    const cat = f.alloc();
    const pages = f.alloc();
    const page = f.alloc();
    f.set(page, { Type: name('Page'), Parent: pages, MediaBox: [0, 0, 595.28, 841.89], Contents: f.stream({}, '0 0 m 10 10 l S\n') });
    f.set(pages, { Type: name('Pages'), Kids: [page], Count: 1 });
    f.set(cat, { Type: name('Catalog'), Pages: pages });
    for (let i = 0; i < 250; i++) f.add({ N: i, T: text(`第${i}个`) });
    return f;
  };

  it('points each cross-reference entry at its object', () => {
    const bytes = Buffer.from(build().write('1.4', { Root: { num: 1 } as never }));
    const s = bytes.toString('latin1');
    const at = Number(/startxref\n(\d+)/.exec(s)![1]);
    expect(s.slice(at, at + 4)).toBe('xref');
    const rows = s.slice(at).split('\n').slice(3, 3 + 254);
    rows.forEach((r, i) => expect(s.slice(Number(r.slice(0, 10)), Number(r.slice(0, 10)) + 12)).toMatch(new RegExp(`^${i + 1} 0 obj`)));
    expect(s.startsWith('%PDF-1.4\n%')).toBe(true);
    expect([...bytes.subarray(10, 14)].every((b) => b > 127)).toBe(true);
  });

  it('packs objects into object streams that pdf-lib reads back, and writes the same bytes twice', async () => {
    const a = build().write('1.7', { Root: { num: 1 } as never }, { objectStreams: true });
    const b = build().write('1.7', { Root: { num: 1 } as never }, { objectStreams: true });
    expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(0);
    const { PDFDocument, PDFNumber, PDFRef } = await import('pdf-lib');
    const doc = await PDFDocument.load(a, { updateMetadata: false });
    expect(doc.getPageCount()).toBe(1);
    const obj = doc.context.lookup(PDFRef.of(254)) as unknown as { get(k: unknown): unknown };
    const { PDFName } = await import('pdf-lib');
    expect((obj.get(PDFName.of('N')) as InstanceType<typeof PDFNumber>).asNumber()).toBe(249);
    expect(Buffer.from(a).toString('latin1')).toContain('/Type /XRef');
  });

  it('refuses an object allocated and never written', () => {
    const f = new PdfFile();
    const r = f.alloc();
    f.alloc();
    f.set(r, {});
    expect(() => f.write('1.7', { Root: r })).toThrow(/object 2 was allocated and never written/);
  });
});

describe('fonts', () => {
  it('groups consecutive CIDs in W', () => {
    expect(widths([{ cid: 3, width: 1000 }, { cid: 4, width: 500.004 }, { cid: 9, width: 250 }])).toEqual([3, [1000, 500], 9, [250]]);
  });

  it('maps CIDs to UTF-16 in ToUnicode, a hundred entries a block, surrogate pairs kept', () => {
    const cmap = toUnicode([{ cid: 1, text: '塅' }, { cid: 2, text: '𠀀' }, { cid: 3, text: 'ﬁ'.normalize('NFKD') }]);
    expect(cmap).toContain('<0001> <5845>');
    expect(cmap).toContain('<0002> <D840DC00>');
    expect(cmap).toContain('<0003> <00660069>');
    const many = toUnicode(Array.from({ length: 250 }, (_, i) => ({ cid: i, text: 'a' })));
    expect(many.match(/beginbfchar/g)).toHaveLength(3);
    expect(many).toContain('100 beginbfchar');
    expect(many).toContain('50 beginbfchar');
  });

  it('names a subset from its face and glyph set, six capitals, the same each time', () => {
    expect(subsetTag('f', [0, 3, 5])).toMatch(/^[A-Z]{6}$/);
    expect(subsetTag('f', [0, 3, 5])).toBe(subsetTag('f', [0, 3, 5]));
    expect(subsetTag('f', [0, 3, 5])).not.toBe(subsetTag('f', [0, 3, 6]));
    expect(subsetTag('f', [0, 3, 5])).not.toBe(subsetTag('g', [0, 3, 5]));
  });

  const font = (w: Record<number, number>): UsedFont =>
    ({
      key: 'f',
      resource: 'F1',
      glyphs: new Map(Object.entries(w).map(([g, width]) => [Number(g), { width, text: 'x' }])),
      cid: (g: number) => g,
      needsActualText: () => false,
      ref: { num: 1 },
    }) as unknown as UsedFont;

  /** Where a reader puts each glyph of a TJ array (PDF 9.4.4). */
  function replay(tj: string, f: UsedFont, size: number): number[] {
    const out: number[] = [];
    let pen = 0;
    for (const m of tj.slice(1, -1).matchAll(/<([0-9A-F]+)>|(-?[\d.]+)/g)) {
      if (m[2] !== undefined) pen -= (Number(m[2]) / 1000) * size;
      else
        for (let i = 0; i < m[1].length; i += 4) {
          const cid = parseInt(m[1].slice(i, i + 4), 16);
          out.push(pen);
          pen += (roundWidth(f.glyphs.get(cid)!.width) / 1000) * size;
        }
    }
    return out;
  }

  it('writes no adjustment where glyphs stand at their advances', () => {
    const f = font({ 1: 1000, 2: 500 });
    const item = { kind: 'text', x: 0, y: 0, face: 'f', sizePt: 16, color: '000000', glyphs: glyphRun([1, 2, 1].map((gid, i) => ({ gid, x: [0, 16, 24][i], advance: 0, text: 'x' }))) } as TextItem;
    expect(showGlyphs(item, f)).toBe('[<000100020001>]');
  });

  it('puts every glyph where the layout placed it, without drift over a long run', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 3 }), fc.double({ min: -2, max: 6, noNaN: true })), { minLength: 1, maxLength: 400 }), fc.double({ min: 5, max: 30, noNaN: true }), (gl, size) => {
        const f = font({ 1: 1000, 2: 500.123, 3: 277.777 });
        let x = 0;
        const glyphs = gl.map(([gid, extra]) => {
          const g = { gid, x, advance: 0, text: 'x' };
          x += (f.glyphs.get(gid)!.width / 1000) * size + extra;
          return g;
        });
        const item = { kind: 'text', x: 0, y: 0, face: 'f', sizePt: size, color: '000000', glyphs: glyphRun(glyphs) } as TextItem;
        const got = replay(showGlyphs(item, f), f, size);
        got.forEach((p, i) => expect(Math.abs(p - glyphs[i].x)).toBeLessThan(0.001));
      }),
      { numRuns: 200 },
    );
  });
});

describe('the sRGB profile', () => {
  const p = Buffer.from(srgbProfile());
  it('is an ICC v2 RGB display profile whose tags lie inside it', () => {
    expect(p.readUInt32BE(0)).toBe(p.length);
    expect(p.subarray(36, 40).toString('latin1')).toBe('acsp');
    expect(p.readUInt32BE(8) >>> 24).toBe(2);
    expect(p.subarray(12, 24).toString('latin1')).toBe('mntrRGB XYZ ');
    const n = p.readUInt32BE(128);
    const sigs: string[] = [];
    for (let i = 0; i < n; i++) {
      const at = 132 + i * 12;
      const off = p.readUInt32BE(at + 4);
      const size = p.readUInt32BE(at + 8);
      sigs.push(p.subarray(at, at + 4).toString('latin1'));
      expect(off % 4).toBe(0);
      expect(off + size).toBeLessThanOrEqual(p.length);
    }
    expect(sigs.sort()).toEqual(['bTRC', 'bXYZ', 'cprt', 'desc', 'gTRC', 'gXYZ', 'rTRC', 'rXYZ', 'wtpt']);
  });

  it('has a rising transfer curve from 0 to 1', () => {
    const at = p.indexOf('curv');
    const count = p.readUInt32BE(at + 8);
    const v = Array.from({ length: count }, (_, i) => p.readUInt16BE(at + 12 + i * 2));
    expect(v[0]).toBe(0);
    expect(v[count - 1]).toBe(65535);
    for (let i = 1; i < count; i++) expect(v[i]).toBeGreaterThanOrEqual(v[i - 1]);
  });
});

describe('an attached page on the layout page', () => {
  const apply = (m: number[], x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
  it('is drawn 1:1 on the same paper', () => {
    expect(fitMatrix(595.28, 841.89, 0, 595.28, 841.89)).toEqual([1, 0, 0, 1, 0, 0]);
  });
  it('is turned as its /Rotate says, filling the page', () => {
    const m = fitMatrix(841.89, 595.28, 90, 595.28, 841.89);
    // The page's top-left corner (0, h) is seen at the top-right after a quarter turn clockwise.
    const [x, y] = apply(m, 0, 595.28);
    expect(x).toBeCloseTo(595.28, 6);
    expect(y).toBeCloseTo(841.89, 6);
    const [x0, y0] = apply(m, 0, 0);
    expect(x0).toBeCloseTo(0, 6);
    expect(y0).toBeCloseTo(841.89, 6);
  });
  it('is scaled to fit and centred when the paper differs (Letter on A4)', () => {
    const m = fitMatrix(612, 792, 0, 595.28, 841.89);
    expect(m[0]).toBeCloseTo(595.28 / 612, 6);
    const [, y] = apply(m, 0, 0);
    expect(y).toBeCloseTo((841.89 - 792 * (595.28 / 612)) / 2, 6);
  });
});

describe('PDF/A-1b refusals', () => {
  const doc = (items: PagedDocument['pages'][number]['items']): PagedDocument => ({
    pages: [{ widthPt: 100, heightPt: 100, landscape: false, items }],
    faces: {},
    structure: { id: 0, role: 'Document', children: [] },
    outline: [],
    info: { title: 't', lang: 'zh-CN' },
  });
  it('names a stroke opacity', () => {
    expect(() => refuseTransparency(doc([{ kind: 'path', ops: [], transform: [1, 0, 0, 1, 0, 0], stroke: '000000', strokeOpacity: 0.3 }]), () => false)).toThrow(
      'PDF/A-1b cannot draw transparency: page 1, item 1 is a path with strokeOpacity 0.3; use --pdf-standard a-2b, which allows it',
    );
  });
  it('refuses a character no font has (glyph 0), in both levels, naming it', () => {
    const t: TextItem = { kind: 'text', x: 0, y: 0, face: 'f', sizePt: 16, color: '000000', glyphs: glyphRun([{ gid: 5, x: 0, advance: 16, text: '口' }, { gid: 0, x: 16, advance: 16, text: '☑' }]) };
    expect(() => refuseNotdef(doc([t]), 'a-2b')).toThrow('PDF/A-2b cannot draw a character no font has: "☑" (U+2611), first on page 1, item 1');
    expect(() => refuseNotdef(doc([{ ...t, glyphs: glyphRun([t.glyphs.at(0)!]) }]), 'a-1b')).not.toThrow();
  });

  it('lets an opaque path through', () => {
    expect(() => refuseTransparency(doc([{ kind: 'path', ops: [], transform: [1, 0, 0, 1, 0, 0], fill: '000000', fillOpacity: 1 }]), () => false)).not.toThrow();
  });
});

describe('the structure builder', () => {
  const tree = () =>
    new StructureBuilder({
      id: 0,
      role: 'Document',
      children: [
        { id: 1, role: 'P', children: [] },
        { id: 2, role: 'Artifact', children: [{ id: 3, role: 'Span', children: [] }] },
      ],
    });
  it('draws untagged items and everything under an Artifact node as artifacts', () => {
    const t = tree();
    expect(t.isArtifact(undefined)).toBe(true);
    expect(t.isArtifact(1)).toBe(false);
    expect(t.isArtifact(2)).toBe(true);
    expect(t.isArtifact(3)).toBe(true);
  });
  it('refuses an item that names a node the structure does not have, and two nodes with one id', () => {
    expect(() => tree().isArtifact(9)).toThrow(/structure node 9/);
    expect(() => new StructureBuilder({ id: 0, role: 'Document', children: [{ id: 0, role: 'P', children: [] }] })).toThrow(/two structure nodes have the id 0/);
  });
  it('numbers marked content per page from 0', () => {
    const t = tree();
    expect([t.mark(0, 1), t.mark(0, 1), t.mark(1, 1)]).toEqual([0, 1, 0]);
  });
});

describe('colours and images', () => {
  it('refuses a colour that is not RRGGBB, naming the item', () => {
    expect(rgb('E60012', 'x')).toBe('0.902 0 0.0706');
    expect(() => rgb('red', 'page 2, item 3')).toThrow('page 2, item 3: "red" is not an RGB colour (RRGGBB)');
  });
  it('reads a JPEG frame header for its size and components, and passes the bytes through', () => {
    const sof = [0xff, 0xc0, 0, 11, 8, 0, 20, 0, 30, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, ...sof, 0xff, 0xd9]);
    const img = decodeImage({ format: 'jpeg', bytes, widthPx: 30, heightPx: 20, sha256: 'x'.repeat(64) });
    const f = new PdfFile();
    const r = img.write(f);
    const s = Buffer.from(f.write('1.4', { Root: r })).toString('latin1');
    expect(s).toContain('/Width 30/Height 20/ColorSpace /DeviceRGB/BitsPerComponent 8/Filter /DCTDecode');
    expect(img.alpha).toBe(false);
    expect(() => decodeImage({ format: 'jpeg', bytes: new Uint8Array([1, 2, 3, 4]), widthPx: 1, heightPx: 1, sha256: 'y'.repeat(64) })).toThrow(/does not start with a JPEG marker/);
  });
});
