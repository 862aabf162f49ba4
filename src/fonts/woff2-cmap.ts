// Which characters a WOFF2 font has, read with Node's own Brotli. fontkit decompresses WOFF2
// with a Brotli decoder written in JavaScript: 1.6 s for LXGW WenKai's 8 MB file, paid by every
// `gongwen build` that checks a 楷体 heading. zlib does it in a few tens of milliseconds, and the
// cmap table is stored untransformed, so the rest of the font need not be rebuilt.
import { readFileSync } from 'node:fs';
import { brotliDecompressSync } from 'node:zlib';
import { inRanges, type Range } from './unicode-range.js';

/** WOFF2's table tags by index (the spec's "known tags"); index 0 is cmap. */
const CMAP_INDEX = 0;
const HEAD_INDEX = 1;
const HHEA_INDEX = 2;
const HMTX_INDEX = 3;
const GLYF_INDEX = 10;
const LOCA_INDEX = 11;

/** A WOFF2 file's tables, decompressed with zlib, by known-tag index (transformed ones flagged). */
function woff2Tables(bytes: Uint8Array): { tables: Buffer; dir: Map<number, { offset: number; length: number; transformed: boolean }> } | undefined {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (data.length < 48 || data.toString('latin1', 0, 4) !== 'wOF2') return undefined;
  // A collection ('ttcf') has a directory of fonts after the tables: not handled here.
  if (data.toString('latin1', 4, 8) === 'ttcf') return undefined;
  const numTables = data.readUInt16BE(12);
  const compressedSize = data.readUInt32BE(20);
  let pos = 48;
  const base128 = (): number => {
    let v = 0;
    for (let i = 0; i < 5; i++) {
      const b = data[pos++];
      v = v * 128 + (b & 0x7f);
      if (!(b & 0x80)) return v;
    }
    throw new Error('bad UIntBase128');
  };
  const dir = new Map<number, { offset: number; length: number; transformed: boolean }>();
  let offset = 0;
  for (let t = 0; t < numTables; t++) {
    const flags = data[pos++];
    const index = flags & 0x3f;
    if (index === 63) pos += 4;
    const version = flags >> 6;
    const origLength = base128();
    // glyf and loca are transformed unless version 3; every other table only if version != 0.
    const transformed = index === GLYF_INDEX || index === LOCA_INDEX ? version !== 3 : version !== 0;
    const length = transformed ? base128() : origLength;
    if (index !== 63) dir.set(index, { offset, length, transformed });
    offset += length;
  }
  return { tables: brotliDecompressSync(data.subarray(pos, pos + compressedSize)), dir };
}

type Tables = ReturnType<typeof woff2Tables>;

/**
 * The tables of a WOFF2 file by path, decompressed once per process: coverage (font-map.ts) and
 * advances (latin-widths.ts) are read from the same file, and each closure keeps the tables
 * anyway. LXGW WenKai's 7 MB took 220 ms to decompress, twice for a 楷体 heading with figures.
 */
const byPath = new Map<string, Tables>();

function tablesOf(source: Uint8Array | string): Tables {
  if (typeof source !== 'string') return woff2Tables(source);
  if (!byPath.has(source)) byPath.set(source, woff2Tables(readFileSync(source)));
  return byPath.get(source);
}

/** A test for code points, from a WOFF2 file (its path or bytes); undefined if it is not a WOFF2 we can read. */
export function woff2Coverage(source: Uint8Array | string): ((cp: number) => boolean) | undefined {
  const w = tablesOf(source);
  const cmap = w?.dir.get(CMAP_INDEX);
  if (!w || !cmap || cmap.transformed) return undefined;
  return cmapCoverage(w.tables.subarray(cmap.offset, cmap.offset + cmap.length));
}

/**
 * Advance widths in ems, from a WOFF2 file, its path or bytes (cmap, head, hhea and hmtx; a
 * transformed hmtx keeps the advances first): undefined if it is not a WOFF2 we can read.
 */
export function woff2Advances(source: Uint8Array | string): ((cp: number) => number | undefined) | undefined {
  const w = tablesOf(source);
  if (!w) return undefined;
  const table = (i: number) => {
    const d = w.dir.get(i);
    return d && { t: w.tables.subarray(d.offset, d.offset + d.length), transformed: d.transformed };
  };
  const cmap = table(CMAP_INDEX);
  const head = table(HEAD_INDEX);
  const hhea = table(HHEA_INDEX);
  const hmtx = table(HMTX_INDEX);
  if (!cmap || !head || !hhea || !hmtx || cmap.transformed || head.transformed || hhea.transformed) return undefined;
  const glyphOf = cmapGlyphs(cmap.t);
  const unitsPerEm = head.t.readUInt16BE(18);
  const nMetrics = hhea.t.readUInt16BE(34);
  // Untransformed: {advance, lsb} pairs; transformed: a flags byte, then the advances.
  const advance = (g: number): number => {
    const i = Math.min(g, nMetrics - 1);
    return hmtx.transformed ? hmtx.t.readUInt16BE(1 + 2 * i) : hmtx.t.readUInt16BE(4 * i);
  };
  return (cp) => {
    const g = glyphOf(cp);
    return g ? advance(g) / unitsPerEm : undefined;
  };
}

/**
 * Coverage from a cmap table: the glyph lookup of cmapGlyphs, except that a format 12 subtable
 * answers from its ranges (no glyph id needed: a binary-searchable list of a few thousand).
 */
function cmapCoverage(t: Buffer): ((cp: number) => boolean) | undefined {
  const { f12, f4 } = unicodeSubtables(t);
  if (f12) {
    const groups = t.readUInt32BE(f12.at + 12);
    const ranges: Range[] = [];
    for (let g = 0; g < groups; g++) {
      const at = f12.at + 16 + g * 12;
      ranges.push([t.readUInt32BE(at), t.readUInt32BE(at + 4)]);
    }
    return (cp) => inRanges(ranges, cp);
  }
  if (!f4) return undefined;
  const glyph = cmapGlyphs(t);
  return (cp) => glyph(cp) !== 0;
}

/** A cmap table's Unicode subtables of format 12 and 4, where it has them. */
function unicodeSubtables(t: Buffer): { f12?: { at: number }; f4?: { at: number } } {
  const n = t.readUInt16BE(2);
  const subtables: { platform: number; encoding: number; at: number; format: number }[] = [];
  for (let i = 0; i < n; i++) {
    const rec = 4 + i * 8;
    const at = t.readUInt32BE(rec + 4);
    subtables.push({ platform: t.readUInt16BE(rec), encoding: t.readUInt16BE(rec + 2), at, format: t.readUInt16BE(at) });
  }
  const unicode = (s: (typeof subtables)[number]): boolean => s.platform === 0 || (s.platform === 3 && (s.encoding === 1 || s.encoding === 10));
  return { f12: subtables.find((s) => unicode(s) && s.format === 12), f4: subtables.find((s) => unicode(s) && s.format === 4) };
}

/** Glyph ids from a cmap table (0: none): its Unicode format 12 subtable, else its format 4 one. */
function cmapGlyphs(t: Buffer): (cp: number) => number {
  const { f12, f4 } = unicodeSubtables(t);
  if (f12) {
    const groups = t.readUInt32BE(f12.at + 12);
    return (cp) => {
      for (let g = 0; g < groups; g++) {
        const at = f12.at + 16 + g * 12;
        const start = t.readUInt32BE(at);
        if (cp >= start && cp <= t.readUInt32BE(at + 4)) return t.readUInt32BE(at + 8) + cp - start;
      }
      return 0;
    };
  }
  if (!f4) return () => 0;
  const segX2 = t.readUInt16BE(f4.at + 6);
  const ends = f4.at + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const rangeOffsets = deltas + segX2;
  return (cp) => {
    if (cp > 0xffff) return 0;
    for (let i = 0; i < segX2 / 2; i++) {
      const end = t.readUInt16BE(ends + i * 2);
      if (cp > end) continue;
      const start = t.readUInt16BE(starts + i * 2);
      if (cp < start) return 0;
      const delta = t.readUInt16BE(deltas + i * 2);
      const ro = t.readUInt16BE(rangeOffsets + i * 2);
      if (ro === 0) return (cp + delta) & 0xffff;
      const glyph = t.readUInt16BE(rangeOffsets + i * 2 + ro + (cp - start) * 2);
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  };
}
