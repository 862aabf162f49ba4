// Each face a document draws with becomes one Type0 font, Identity-H: two-byte codes that are
// CIDs, a descendant CIDFontType2 (TrueType outlines, FontFile2) or CIDFontType0 (CFF outlines:
// the bare CFF as FontFile3/CIDFontType0C, which PDF 1.4 and so PDF/A-1 accept). Widths come from
// the glyphs' advances as the layout placed them (the face's own advances), the text each glyph
// stands for goes into ToUnicode, and a glyph whose text that map cannot say (a ligature, one
// glyph drawn for two different texts, a glyph for no text) makes its run carry ActualText.
import { createHash } from 'node:crypto';
import type { FaceInfo, PagedDocument, TextItem } from '../../layout/frame/types.js';
import { cffCids } from './cff.js';
import { name, num, type PdfDict, type PdfFile, type Ref } from './serialize.js';

export interface FontSource {
  face(key: string): FaceInfo;
  sfnt(key: string): Promise<Uint8Array>;
}

/**
 * Makes the font program embedded for a face from the glyph ids drawn. The result keeps the
 * face's glyph ids (a retain-gids subset) or says where each one went.
 */
export interface Subsetter {
  subset(key: string, sfnt: Uint8Array, gids: number[]): Promise<{ bytes: Uint8Array; gidMap?: Map<number, number> }>;
}

/** Embeds the whole face: what a writer does without a subsetter (tests, a face of a few kB). */
export const wholeFace: Subsetter = {
  async subset(_key, sfnt) {
    return { bytes: sfnt };
  },
};

interface GlyphUse {
  /** Width in 1/1000 em (as W says it). */
  width: number;
  /** Text for ToUnicode: the first text seen for the glyph. */
  text: string;
}

/** What the content streams need of a font: its resource name, the codes and widths of its glyphs. */
export interface UsedFont {
  key: string;
  resource: string;
  glyphs: Map<number, GlyphUse>;
  /** gid → CID written in the content stream (identity for TrueType and name-keyed CFF). */
  cid: (gid: number) => number;
  /** Whether a run needs ActualText: a glyph ToUnicode cannot give back as the run's text. */
  needsActualText(item: TextItem): boolean;
  ref: Ref;
}

export function collectFonts(doc: PagedDocument, file: PdfFile): Map<string, UsedFont> {
  const fonts = new Map<string, UsedFont>();
  for (const page of doc.pages) {
    for (const item of page.items) {
      if (item.kind !== 'text') continue;
      let f = fonts.get(item.face);
      if (!f) {
        if (!doc.faces[item.face]) throw new Error(`a text run names face "${item.face}", which the document's faces do not have`);
        const glyphs = new Map<number, GlyphUse>();
        f = {
          key: item.face,
          resource: `F${fonts.size + 1}`,
          glyphs,
          cid: (gid) => gid,
          needsActualText(run) {
            return run.glyphs.some((g) => g.text === '' || [...g.text].length > 1 || glyphs.get(g.gid)?.text !== g.text);
          },
          ref: file.alloc(),
        };
        fonts.set(item.face, f);
      }
      for (const g of item.glyphs) {
        if (!f.glyphs.has(g.gid)) f.glyphs.set(g.gid, { width: item.sizePt > 0 ? (g.advance / item.sizePt) * 1000 : 0, text: g.text });
        else if (f.glyphs.get(g.gid)!.text === '' && g.text !== '') f.glyphs.get(g.gid)!.text = g.text;
      }
    }
  }
  return fonts;
}

/** Six capital letters from the face and its glyph set: the same subset is named the same. */
export function subsetTag(key: string, gids: number[]): string {
  const h = createHash('sha256').update(key).update(new Uint8Array(new Uint32Array(gids).buffer)).digest();
  let tag = '';
  for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + (h[i] % 26));
  return tag;
}

export interface EmbedOptions {
  subsetter: Subsetter;
  /** PDF/A-1: a CIDSet stream naming the CIDs the subset has. */
  cidSet: boolean;
}

/** Writes the Type0 font, its descendant, descriptor, program and ToUnicode. */
export async function embedFont(file: PdfFile, f: UsedFont, face: FaceInfo, source: FontSource, o: EmbedOptions): Promise<void> {
  const gids = [...new Set([0, ...f.glyphs.keys()])].sort((a, b) => a - b);
  const sfnt = await source.sfnt(f.key);
  const { bytes, gidMap } = await o.subsetter.subset(f.key, sfnt, gids);
  const cff = face.cff;
  let program = bytes;
  if (cff) {
    // The bare CFF table: a CID-keyed one maps CIDs to glyphs through its charset, so the
    // content stream must write the CIDs the charset gives each (kept) glyph.
    const { table, cidOf } = cffCids(bytes);
    program = table;
    if (cidOf) {
      const byNewGid = cidOf;
      f.cid = (gid) => byNewGid(gidMap?.get(gid) ?? gid);
    } else if (gidMap) f.cid = (gid) => gidMap.get(gid) ?? 0;
  }
  const scale = 1000 / face.unitsPerEm;
  const tag = subsetTag(f.key, gids);
  const baseFont = `${tag}+${face.postscriptName.replace(/[^!-~]|[()<>[\]{}/%#]/g, '')}`;
  const cids = gids.map((g) => ({ gid: g, cid: f.cid(g) })).sort((a, b) => a.cid - b.cid);

  const programRef = file.stream(cff ? { Subtype: name('CIDFontType0C') } : { Length1: program.length }, program);
  const descriptor: PdfDict = {
    Type: name('FontDescriptor'),
    FontName: name(baseFont),
    Flags: 4,
    FontBBox: face.bbox.map((v) => Math.round(v * scale)),
    ItalicAngle: 0,
    Ascent: Math.round(face.ascender * scale),
    Descent: Math.round(face.descender * scale),
    CapHeight: Math.round((face.capHeight ?? face.ascender) * scale),
    StemV: 80,
  };
  descriptor[cff ? 'FontFile3' : 'FontFile2'] = programRef;
  if (o.cidSet) {
    const max = cids[cids.length - 1].cid;
    const set = new Uint8Array((max >> 3) + 1);
    for (const { cid } of cids) set[cid >> 3] |= 0x80 >> (cid & 7);
    descriptor.CIDSet = file.stream({}, set);
  }
  const descendant: PdfDict = {
    Type: name('Font'),
    Subtype: name(cff ? 'CIDFontType0' : 'CIDFontType2'),
    BaseFont: name(baseFont),
    CIDSystemInfo: { Registry: 'Adobe', Ordering: 'Identity', Supplement: 0 },
    FontDescriptor: file.add(descriptor),
    DW: 1000,
    W: widths(cids.filter(({ gid }) => f.glyphs.has(gid)).map(({ gid, cid }) => ({ cid, width: f.glyphs.get(gid)!.width }))),
  };
  if (!cff) {
    if (gidMap) {
      const max = cids[cids.length - 1].cid;
      const map = new Uint8Array((max + 1) * 2);
      for (const { gid, cid } of cids) {
        const to = gidMap.get(gid) ?? 0;
        map[cid * 2] = to >> 8;
        map[cid * 2 + 1] = to & 0xff;
      }
      descendant.CIDToGIDMap = file.stream({}, map);
    } else descendant.CIDToGIDMap = name('Identity');
  }
  file.set(f.ref, {
    Type: name('Font'),
    Subtype: name('Type0'),
    BaseFont: name(baseFont),
    Encoding: name('Identity-H'),
    DescendantFonts: [file.add(descendant)],
    ToUnicode: file.stream({}, toUnicode(cids.flatMap(({ gid, cid }) => (f.glyphs.get(gid)?.text ? [{ cid, text: f.glyphs.get(gid)!.text }] : [])))),
  });
}

/** W: runs of consecutive CIDs as `c [w1 w2 …]`, widths to 0.01 unit. */
export function widths(list: { cid: number; width: number }[]): (number | number[])[] {
  const out: (number | number[])[] = [];
  let run: number[] = [];
  let next = -1;
  for (const { cid, width } of list) {
    const w = roundWidth(width);
    if (cid === next) run.push(w);
    else {
      run = [w];
      out.push(cid, run);
    }
    next = cid + 1;
  }
  return out;
}

/** The ToUnicode CMap (bfchar entries, a hundred to a block as the CMap syntax limits them). */
export function toUnicode(map: { cid: number; text: string }[]): string {
  const hex4 = (n: number): string => n.toString(16).padStart(4, '0').toUpperCase();
  const utf16 = (s: string): string => {
    let out = '';
    for (let i = 0; i < s.length; i++) out += hex4(s.charCodeAt(i));
    return out;
  };
  let body = '';
  for (let i = 0; i < map.length; i += 100) {
    const block = map.slice(i, i + 100);
    body += `${block.length} beginbfchar\n${block.map((e) => `<${hex4(e.cid)}> <${utf16(e.text)}>`).join('\n')}\nendbfchar\n`;
  }
  return (
    '/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n' +
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n' +
    '/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n' +
    '1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n' +
    body +
    'endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n'
  );
}

/** A run's glyphs as a TJ array: each glyph's code, with a shift wherever the layout placed it off its advance. */
export function showGlyphs(item: TextItem, f: UsedFont): string {
  let out = '[';
  // Where the text position stands, in points from the run's origin, from what was written (no drift).
  let pen = 0;
  let codes = '';
  for (const g of item.glyphs) {
    const adj = Math.round((-(g.x - pen) / item.sizePt) * 1e6) / 1000;
    if (adj !== 0) {
      if (codes) out += `<${codes}>`;
      codes = '';
      out += num(adj);
      pen -= (adj / 1000) * item.sizePt;
    }
    codes += f.cid(g.gid).toString(16).padStart(4, '0').toUpperCase();
    pen += (roundWidth(f.glyphs.get(g.gid)?.width ?? 0) * item.sizePt) / 1000;
  }
  if (codes) out += `<${codes}>`;
  return `${out}]`;
}

export function roundWidth(w: number): number {
  return Math.round(w * 100) / 100;
}
