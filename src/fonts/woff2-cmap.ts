// Which characters a WOFF2 font has, read with Node's own Brotli. fontkit decompresses WOFF2
// with a Brotli decoder written in JavaScript: 1.6 s for LXGW WenKai's 8 MB file, paid by every
// `gongwen build` that checks a 楷体 heading. zlib does it in a few tens of milliseconds, and the
// cmap table is stored untransformed, so the rest of the font need not be rebuilt.
import { readFileSync } from 'node:fs';
import { brotliDecompressSync } from 'node:zlib';
import { cmapCoverage, cmapGlyphs } from './cmap.js';

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

/** WOFF2 known-tag indexes of the tables the name scan reads (name and OS/2 are never transformed). */
const KNOWN_TAGS: Record<string, number> = { head: HEAD_INDEX, name: 5, 'OS/2': 6 };

/** One untransformed table of WOFF2 bytes (head, name, OS/2), or undefined. */
export function woff2Table(bytes: Uint8Array, tag: 'head' | 'name' | 'OS/2'): Uint8Array | undefined {
  const w = woff2Tables(bytes);
  const d = w?.dir.get(KNOWN_TAGS[tag]);
  if (!w || !d || d.transformed) return undefined;
  return w.tables.subarray(d.offset, d.offset + d.length);
}
