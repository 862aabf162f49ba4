// Each face a document draws with becomes one Type0 font, Identity-H: two-byte codes that are
// CIDs, a descendant CIDFontType2 (TrueType outlines, FontFile2) or CIDFontType0 (CFF outlines:
// the bare CFF as FontFile3/CIDFontType0C, which PDF 1.4 and so PDF/A-1 accept). Widths come from
// the glyphs' advances as the layout placed them (the face's own advances), the text each glyph
// stands for goes into ToUnicode, and a glyph whose text that map cannot say (a ligature, one
// glyph drawn for two different texts, a glyph for no text) makes its run carry ActualText.
import { createHash } from 'node:crypto';
import type { FaceInfo, PagedDocument, TextItem } from '../../layout/frame/types.js';
import { readDirectory, table, u16 } from '../../fonts/sfnt.js';
import { noteUse, subsetFace, type GlyphUnion, type GlyphUse, type SubsetResult } from '../../fonts/subset.js';
import { deflate, name, num, Raw, serialize, type PdfDict, type PdfFile, type Ref } from './serialize.js';

export interface FontSource {
  face(key: string): FaceInfo;
  sfnt(key: string): Promise<Uint8Array>;
}

/** What the content streams need of a font: its resource name, the codes and widths of its glyphs. */
export interface UsedFont {
  key: string;
  resource: string;
  glyphs: Map<number, GlyphUse>;
  /** gid → the code written in the content stream (the subset's glyph id, or a CID-keyed CFF's CID). */
  cid: (gid: number) => number;
  /** The subset, once made (`subsetFont`). */
  subset?: SubsetResult;
  /**
   * In a batch's chunk, what the chunk drew from the face (GlyphUnion.use): W and ToUnicode then
   * name every glyph of the chunk's subset, the same for each of its documents and written once
   * (they were made and deflated once a document: 5 % of a batch's main thread). Absent: this
   * document's glyphs (`glyphs`).
   */
  named?: ReadonlyMap<number, GlyphUse>;
  /** Whether a run needs ActualText: a glyph ToUnicode cannot give back as the run's text. */
  needsActualText(item: TextItem): boolean;
  ref: Ref;
}

export function collectFonts(doc: PagedDocument, file: PdfFile): Map<string, UsedFont> {
  const fonts = new Map<string, UsedFont>();
  for (const page of doc.pages) {
    for (const item of page.items) {
      if (item.kind !== 'text') continue;
      if (!(item.sizePt > 0)) throw new Error(`page ${doc.pages.indexOf(page) + 1}: a text run ("${item.glyphs.chars.slice(0, 20)}") has size ${item.sizePt} pt`);
      let f = fonts.get(item.face);
      if (!f) {
        if (!doc.faces[item.face]) throw new Error(`a text run names face "${item.face}", which the document's faces do not have`);
        const glyphs = new Map<number, GlyphUse>();
        f = {
          key: item.face,
          resource: `F${fonts.size + 1}`,
          glyphs,
          cid: () => {
            throw new Error(`the glyphs of face "${item.face}" were drawn before its subset was made`);
          },
          needsActualText(run) {
            const gs = run.glyphs;
            for (let i = 0; i < gs.length; i++) {
              const t = gs.text(i);
              if (t === '' || moreThanOneCodePoint(t) || written(this).get(gs.gid(i))?.text !== t) return true;
            }
            return false;
          },
          ref: file.alloc(),
        };
        fonts.set(item.face, f);
      }
      const uses = f.glyphs;
      eachUse(item, (gid, width, text) => noteUse(uses, gid, width, text));
    }
  }
  return fonts;
}

/** Each glyph of a run with its width in 1/1000 em (as W says it) and its text. */
function eachUse(item: TextItem, use: (gid: number, width: number, text: string) => void): void {
  const gs = item.glyphs;
  for (let i = 0; i < gs.length; i++) use(gs.gid(i), (gs.advance(i) / item.sizePt) * 1000, gs.text(i));
}

/** The union each run's glyphs went into last: a run a batch's documents share (a shared table's, put back) is added once a chunk. */
const addedTo = new WeakMap<TextItem, GlyphUnion>();

/**
 * Every glyph a document draws, into a batch chunk's union: the glyphs each face's subset holds
 * and what each stands for (GlyphUnion.use), by the rule a document's own fonts follow.
 */
export function addToUnion(union: GlyphUnion, doc: PagedDocument): void {
  const byFace = new Map<string, Set<number>>();
  for (const page of doc.pages)
    for (const item of page.items) {
      if (item.kind !== 'text' || addedTo.get(item) === union) continue;
      addedTo.set(item, union);
      let set = byFace.get(item.face);
      if (!set) byFace.set(item.face, (set = new Set()));
      const gids = set;
      eachUse(item, (gid, width, text) => {
        gids.add(gid);
        union.use(item.face, gid, width, text);
      });
    }
  for (const [face, gids] of byFace) union.add(face, [...gids].map((gid) => ({ gid })));
}

/** Whether `t` is more than one code point ([...t].length > 1, without an array a glyph). */
function moreThanOneCodePoint(t: string): boolean {
  if (t.length !== 2) return t.length > 2;
  const hi = t.charCodeAt(0);
  const lo = t.charCodeAt(1);
  return !(hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff);
}

/** Six capital letters from the face and its glyph set: the same subset is named the same. */
export function subsetTag(key: string, gids: number[]): string {
  const h = createHash('sha256').update(key).update(new Uint8Array(new Uint32Array(gids).buffer)).digest();
  let tag = '';
  for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + (h[i] % 26));
  return tag;
}

/**
 * Makes the face's subset and with it the codes the content streams write. With a batch's
 * `union`, the subset holds every glyph the batch draws from the face (made once, shared by all
 * its documents; subsetFace keeps it for the same glyph set); without one, the glyphs of this
 * document (subsetFace keeps it for a rebuild of the same document).
 */
export async function subsetFont(f: UsedFont, source: FontSource, union?: GlyphUnion): Promise<void> {
  const sfnt = await source.sfnt(f.key);
  const glyphs = [...f.glyphs.keys()].sort((a, b) => a - b).map((gid) => ({ gid }));
  let sub: SubsetResult;
  try {
    if (union) {
      union.add(f.key, glyphs);
      sub = await union.subset(f.key, sfnt);
    } else sub = await subsetFace(sfnt, glyphs);
  } catch (e) {
    throw new Error(`the face "${f.key}" (${source.face(f.key).source}) cannot be subset: ${(e as Error).message}`);
  }
  f.subset = sub;
  f.cid = (gid) => sub.gidMap.get(gid)!;
  // The chunk's names of its glyphs, when they name every glyph this document draws.
  const named = union?.uses(f.key);
  if (named && [...f.glyphs.keys()].every((gid) => named.has(gid))) f.named = named;
}

/** The glyphs a font's W and ToUnicode name: the chunk's (`named`), or this document's. */
function written(f: UsedFont): ReadonlyMap<number, GlyphUse> {
  return f.named ?? f.glyphs;
}

/** W and ToUnicode of a chunk's subset, made once while the chunk's names stay as they are. */
const chunkTables = new WeakMap<ReadonlyMap<number, GlyphUse>, { subset: SubsetResult; size: number; W: Raw; toUnicode: string }>();

function fontTables(f: UsedFont): { W: Raw; toUnicode: string } {
  const table = written(f);
  const kept = f.named && chunkTables.get(f.named);
  if (kept && kept.subset === f.subset && kept.size === table.size) return kept;
  const used = [...table.keys()].filter((gid) => f.subset!.gidMap.has(gid)).map((gid) => ({ gid, cid: f.cid(gid) })).sort((a, b) => a.cid - b.cid);
  const made = {
    W: new Raw(serialize(widths(used.map(({ gid, cid }) => ({ cid, width: table.get(gid)!.width }))))),
    toUnicode: toUnicode(used.flatMap(({ gid, cid }) => (table.get(gid)!.text ? [{ cid, text: table.get(gid)!.text }] : []))),
  };
  if (f.named) chunkTables.set(f.named, { subset: f.subset!, size: table.size, ...made });
  return made;
}

/**
 * What a subset alone decides, by the subset: its program deflated, the glyphs it holds (the
 * CIDSet) and its tag by face. A batch draws the same subset in every document of a chunk, and
 * working these out again took a batch of notices 0.7 ms a document (a thousand-glyph union
 * sorted and hashed, the CIDSet spread into Math.max).
 */
interface SubsetFacts {
  program: Uint8Array;
  packed: Uint8Array;
  set: Uint8Array;
  tags: Map<string, string>;
}
const facts = new WeakMap<SubsetResult, SubsetFacts>();

function subsetFacts(f: UsedFont): SubsetFacts {
  const sub = f.subset!;
  let known = facts.get(sub);
  if (!known) {
    // What the program holds: a TrueType subset numbers its glyphs 0…n−1 (composite glyphs'
    // components included); a CFF one holds glyph 0 and the glyphs asked for.
    let program = sub.bytes;
    let present: number[];
    if (sub.cff) {
      const cffTable = table(sub.bytes, readDirectory(sub.bytes), 'CFF ');
      if (!cffTable) throw new Error(`the subset of face "${f.key}" has no CFF table`);
      program = cffTable;
      present = [...new Set([0, ...sub.gidMap.values()])];
    } else {
      const n = u16(table(sub.bytes, readDirectory(sub.bytes), 'maxp')!, 4);
      present = Array.from({ length: n }, (_, i) => i);
    }
    let max = 0;
    for (const cid of present) if (cid > max) max = cid;
    const set = new Uint8Array((max >> 3) + 1);
    for (const cid of present) set[cid >> 3] |= 0x80 >> (cid & 7);
    facts.set(sub, (known = { program, packed: deflate(program), set, tags: new Map() }));
  }
  return known;
}

/** Writes the Type0 font, its descendant, descriptor, program and ToUnicode. */
export function writeFont(file: PdfFile, f: UsedFont, face: FaceInfo, o: { cidSet: boolean }): void {
  const sub = f.subset!;
  const tables = fontTables(f);
  const known = subsetFacts(f);
  const program = known.program;
  const scale = 1000 / face.unitsPerEm;
  let tag = known.tags.get(f.key);
  if (tag === undefined) known.tags.set(f.key, (tag = subsetTag(f.key, [...sub.gidMap.keys()].sort((a, b) => a - b))));
  const baseFont = `${tag}+${face.postscriptName.replace(/[^!-~]|[()<>[\]{}/%#]/g, '')}`;

  // A batch draws the same subset in every document: it is deflated once.
  const packed = known.packed;
  const programRef = file.add({ dict: { ...(sub.cff ? { Subtype: name('CIDFontType0C') } : { Length1: program.length }), Filter: name('FlateDecode') }, data: packed, compress: false });
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
  descriptor[sub.cff ? 'FontFile3' : 'FontFile2'] = programRef;
  if (o.cidSet) descriptor.CIDSet = file.stream({}, known.set);
  const descendant: PdfDict = {
    Type: name('Font'),
    Subtype: name(sub.cff ? 'CIDFontType0' : 'CIDFontType2'),
    BaseFont: name(baseFont),
    CIDSystemInfo: { Registry: 'Adobe', Ordering: 'Identity', Supplement: 0 },
    FontDescriptor: file.add(descriptor),
    DW: 1000,
    W: tables.W,
  };
  // The codes are the subset's own glyph ids.
  if (!sub.cff) descendant.CIDToGIDMap = name('Identity');
  file.set(f.ref, {
    Type: name('Font'),
    Subtype: name('Type0'),
    BaseFont: name(baseFont),
    Encoding: name('Identity-H'),
    DescendantFonts: [file.add(descendant)],
    ToUnicode: file.stream({}, tables.toUnicode),
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

const HEX4: string[] = [];
/** A two-byte code as four hex digits. */
function hex4(code: number): string {
  return (HEX4[code] ??= code.toString(16).padStart(4, '0').toUpperCase());
}

/** A run's glyphs as a TJ array: each glyph's code, with a shift wherever the layout placed it off its advance. */
export function showGlyphs(item: TextItem, f: UsedFont): string {
  let out = '[';
  // Where the text position stands, in points from the run's origin, from what was written (no drift).
  let pen = 0;
  let codes = '';
  const gs = item.glyphs;
  for (let i = 0; i < gs.length; i++) {
    const gid = gs.gid(i);
    const adj = Math.round((-(gs.x(i) - pen) / item.sizePt) * 1e6) / 1000;
    if (adj !== 0) {
      if (codes) out += `<${codes}>`;
      codes = '';
      out += num(adj);
      pen -= (adj / 1000) * item.sizePt;
    }
    codes += hex4(f.cid(gid));
    pen += (roundWidth(written(f).get(gid)?.width ?? 0) * item.sizePt) / 1000;
  }
  if (codes) out += `<${codes}>`;
  return `${out}]`;
}

export function roundWidth(w: number): number {
  return Math.round(w * 100) / 100;
}
