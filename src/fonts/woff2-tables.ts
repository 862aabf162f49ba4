// The untransformed tables of a WOFF2 file (head, name, OS/2), read with Node's own Brotli: the
// name scan of a user's or system WOFF2 font reads its names without decoding the whole font
// (fontkit's JavaScript Brotli took 1.6 s for LXGW WenKai's 8 MB file; zlib a few tens of ms).
// The font book's metrics and glyphs come from the decoded, cached sfnt (sfnt-cache.ts).
import { brotliDecompressSync } from 'node:zlib';

/** WOFF2's table tags by index (the spec's "known tags"). */
const HEAD_INDEX = 1;
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

/** WOFF2 known-tag indexes of the tables the name scan reads (name and OS/2 are never transformed). */
const KNOWN_TAGS: Record<string, number> = { head: HEAD_INDEX, name: 5, 'OS/2': 6 };

/** One untransformed table of WOFF2 bytes (head, name, OS/2), or undefined. */
export function woff2Table(bytes: Uint8Array, tag: 'head' | 'name' | 'OS/2'): Uint8Array | undefined {
  const w = woff2Tables(bytes);
  const d = w?.dir.get(KNOWN_TAGS[tag]);
  if (!w || !d || d.transformed) return undefined;
  return w.tables.subarray(d.offset, d.offset + d.length);
}
