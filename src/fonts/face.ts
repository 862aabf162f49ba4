// One face of the font book: an sfnt in memory, with what the layout measures (cmap, hmtx) and
// what a writer's font dictionary says (names, metrics, bbox). A face is opened from its file
// once per process, whichever role asks first.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { cmapGlyphs, type GlyphOf } from './cmap.js';
import { buildSfnt, englishName, extractFace, fileSignature, i16, isCollection, readDirectory, readNames, table, u16, u32, type SfntDirectory } from './sfnt.js';
import { isWoff2, woff2Sfnt } from './sfnt-cache.js';
import type { FaceInfo } from './book-types.js';

/**
 * An opened face: what the book says of it (FaceInfo, less the role and source a chain gives it),
 * its bytes, and its glyph lookups.
 */
export interface Face extends Omit<FaceInfo, 'role' | 'source'> {
  sfnt: Uint8Array;
  numGlyphs: number;
  /** Glyph id of a code point, 0 when the face has none. */
  glyphOf: GlyphOf;
  /** Advance width of a glyph in font units. */
  advance(gid: number): number;
}

/** The sfnt of a font file (TTF, OTF, one font of a TTC, WOFF, WOFF2 through the cache). */
export function sfntOfFile(path: string, index = 0): Uint8Array {
  const head = fileSignature(path);
  if (isWoff2(head)) {
    if (index !== 0) throw new Error('a WOFF2 collection is not supported');
    return woff2Sfnt(path);
  }
  const bytes = readFileSync(path);
  if (head.toString('latin1') === 'wOFF') return woff1Sfnt(bytes);
  if (isCollection(bytes)) return extractFace(bytes, index);
  return bytes;
}

const opened = new Map<string, Face>();

/** The face of a file, opened once per process. */
export function openFaceFile(path: string, index = 0): Face {
  const id = `${path}\0${index}`;
  let face = opened.get(id);
  if (!face) {
    face = openFace(sfntOfFile(path, index));
    opened.set(id, face);
  }
  return face;
}

export function openFace(sfnt: Uint8Array): Face {
  const d = readDirectory(sfnt);
  const need = (tag: string): Uint8Array => {
    const t = table(sfnt, d, tag);
    if (!t) throw new Error(`the font has no ${tag} table`);
    return t;
  };
  const head = need('head');
  const hhea = need('hhea');
  const hmtx = need('hmtx');
  const maxp = need('maxp');
  const cmap = need('cmap');
  const os2 = table(sfnt, d, 'OS/2');
  const names = readNames(table(sfnt, d, 'name') ?? new Uint8Array(0));
  const family = englishName(names, 16) ?? englishName(names, 1) ?? 'Unnamed';
  const ps = (englishName(names, 6) ?? family).replace(/[^\x21-\x7e]|[[\](){}<>/%]/g, '');
  const key = faceKey(sfnt, d);
  const nMetrics = Math.min(u16(hhea, 34), Math.floor(hmtx.length / 4));
  const typo = os2 && os2.length >= 72;
  return {
    key,
    sfnt,
    postscriptName: ps || `Font-${key}`,
    family,
    cff: d.cff,
    unitsPerEm: u16(head, 18),
    ascender: typo ? i16(os2, 68) : i16(hhea, 4),
    descender: typo ? i16(os2, 70) : i16(hhea, 6),
    capHeight: os2 && os2.length >= 90 && u16(os2, 0) >= 2 ? i16(os2, 88) : undefined,
    bbox: [i16(head, 36), i16(head, 38), i16(head, 40), i16(head, 42)],
    numGlyphs: u16(maxp, 4),
    glyphOf: cmapGlyphs(cmap),
    advance: (gid) => (nMetrics === 0 ? 0 : u16(hmtx, 4 * Math.min(gid, nMetrics - 1))),
  };
}

function faceKey(sfnt: Uint8Array, d: SfntDirectory): string {
  // Offsets are left out: the same tables in another order are the same font.
  const h = createHash('sha256');
  for (const t of [...d.tables.values()].sort((a, b) => (a.tag < b.tag ? -1 : 1))) h.update(`${t.tag}:${t.checksum}:${t.length};`);
  // head holds the font's dates and whole-file checksum: two fonts whose tables agree in
  // checksums and lengths (a font with all checksums zero) still differ there.
  h.update(table(sfnt, d, 'head') ?? new Uint8Array(0));
  return 'F' + h.digest('hex').slice(0, 12);
}

/** A WOFF (1.0) file's sfnt: each table zlib-compressed or stored. */
export function woff1Sfnt(b: Uint8Array): Uint8Array {
  const flavor = u32(b, 4);
  const n = u16(b, 12);
  const tables: { tag: string; data: Uint8Array; checksum: number }[] = [];
  for (let i = 0; i < n; i++) {
    const r = 44 + 20 * i;
    const tag = String.fromCharCode(b[r], b[r + 1], b[r + 2], b[r + 3]);
    const offset = u32(b, r + 4);
    const compLength = u32(b, r + 8);
    const origLength = u32(b, r + 12);
    const raw = b.subarray(offset, offset + compLength);
    const data = compLength < origLength ? new Uint8Array(inflateSync(raw)) : raw;
    tables.push({ tag, data, checksum: u32(b, r + 16) });
  }
  return buildSfnt(flavor, tables);
}
