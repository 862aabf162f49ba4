// The sfnt container, read directly: the table directory, one font out of a collection (.ttc),
// and the name table. The font book opens hundreds of files (every file of the system's font
// folders is asked its names, every slice of a substitute is one sfnt); fontkit parses a whole
// font object per file, while this reads a few hundred bytes of each.

import { closeSync, openSync, readSync } from 'node:fs';

export interface TableRecord {
  tag: string;
  checksum: number;
  offset: number;
  length: number;
}

export interface SfntDirectory {
  /** 0x00010000 or 'true' (TrueType outlines), 'OTTO' (CFF outlines). */
  version: number;
  cff: boolean;
  tables: Map<string, TableRecord>;
  /** Byte offset of the offset table in the file and the byte length of offset table + records. */
  at: number;
  size: number;
}

const OTTO = 0x4f54544f;
const TTCF = 0x74746366;

/** A font file's first four bytes (its signature: an sfnt version, 'ttcf', 'wOFF' or 'wOF2'), read without reading the file. */
export function fileSignature(path: string): Buffer {
  const head = Buffer.alloc(4);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
  return head;
}

export function isCollection(b: Uint8Array): boolean {
  return b.length >= 12 && u32(b, 0) === TTCF;
}

/** The offsets of a collection's fonts, or [0] for a single font. */
export function faceOffsets(b: Uint8Array): number[] {
  if (!isCollection(b)) return [0];
  const n = u32(b, 8);
  if (n > 10_000 || 12 + 4 * n > b.length) throw new Error('bad font collection header');
  return Array.from({ length: n }, (_, i) => u32(b, 12 + 4 * i));
}

/** The table directory of the font at byte `at` (0 for a single font). */
export function readDirectory(b: Uint8Array, at = 0): SfntDirectory {
  if (at + 12 > b.length) throw new Error('not an sfnt: too short');
  const version = u32(b, at);
  if (version !== 0x00010000 && version !== OTTO && version !== 0x74727565) throw new Error('not a TrueType or OpenType font');
  const n = u16(b, at + 4);
  const size = 12 + 16 * n;
  if (at + size > b.length) throw new Error('sfnt table directory runs past the end of the file');
  const tables = new Map<string, TableRecord>();
  for (let i = 0; i < n; i++) {
    const r = at + 12 + 16 * i;
    tables.set(tag(b, r), { tag: tag(b, r), checksum: u32(b, r + 4), offset: u32(b, r + 8), length: u32(b, r + 12) });
  }
  return { version, cff: version === OTTO || tables.has('CFF ') || tables.has('CFF2'), tables, at, size };
}

/** Throws unless every table of the directory lies inside `length` bytes (a truncated file fails). */
export function checkBounds(d: SfntDirectory, length: number): void {
  for (const t of d.tables.values()) {
    if (t.offset + t.length > length) throw new Error(`table ${t.tag} runs past the end of the font`);
  }
}

/** A table's bytes (a view, not a copy), or undefined. */
export function table(b: Uint8Array, d: SfntDirectory, name: string): Uint8Array | undefined {
  const t = d.tables.get(name);
  if (!t || t.offset + t.length > b.length) return undefined;
  return b.subarray(t.offset, t.offset + t.length);
}

/**
 * One font of a collection as a standalone sfnt (the PDF and OFD embed one font, and hb-subset
 * and fontkit read it without an index). Tables are copied 4-byte aligned, checksums kept.
 */
export function extractFace(b: Uint8Array, index: number): Uint8Array {
  const offsets = faceOffsets(b);
  if (!isCollection(b) && index === 0) return b;
  const d = readDirectory(b, offsets[index]);
  checkBounds(d, b.length);
  return buildSfnt(d.version, [...d.tables.values()].map((r) => ({ tag: r.tag, data: b.subarray(r.offset, r.offset + r.length), checksum: r.checksum })));
}

/** An sfnt from its tables: sorted by tag, 4-byte aligned; a table without a checksum gets one computed. */
export function buildSfnt(version: number, tables: { tag: string; data: Uint8Array; checksum?: number }[]): Uint8Array {
  const recs = [...tables].sort((x, y) => (x.tag < y.tag ? -1 : 1));
  const n = recs.length;
  let total = 12 + 16 * n;
  for (const r of recs) total += (r.data.length + 3) & ~3;
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, version);
  const maxPow2 = 2 ** Math.floor(Math.log2(n));
  dv.setUint16(4, n);
  dv.setUint16(6, maxPow2 * 16);
  dv.setUint16(8, Math.log2(maxPow2));
  dv.setUint16(10, n * 16 - maxPow2 * 16);
  let pos = 12 + 16 * n;
  recs.forEach((r, i) => {
    const at = 12 + 16 * i;
    for (let k = 0; k < 4; k++) out[at + k] = r.tag.charCodeAt(k);
    out.set(r.data, pos);
    dv.setUint32(at + 4, r.checksum ?? checksum(out, pos, r.data.length));
    dv.setUint32(at + 8, pos);
    dv.setUint32(at + 12, r.data.length);
    pos += (r.data.length + 3) & ~3;
  });
  return out;
}

function checksum(b: Uint8Array, at: number, length: number): number {
  let sum = 0;
  for (let p = at; p < at + ((length + 3) & ~3); p += 4) sum = (sum + u32(b, p)) >>> 0;
  return sum;
}

export interface NameRecord {
  nameId: number;
  platform: number;
  encoding: number;
  language: number;
  value: string;
}

/**
 * The name table's strings. Windows names are UTF-16; the PRC encoding (3, 3) of old Chinese
 * fonts (仿宋_GB2312 of Windows XP) holds GB2312 bytes in 16-bit units; Mac Roman names are
 * read as Latin-1, which is right for the ASCII names they carry.
 */
export function readNames(t: Uint8Array, gbk?: (bytes: Uint8Array) => string): NameRecord[] {
  if (t.length < 6) return [];
  const count = u16(t, 2);
  const strings = u16(t, 4);
  const out: NameRecord[] = [];
  for (let i = 0; i < count; i++) {
    const r = 6 + 12 * i;
    if (r + 12 > t.length) break;
    const platform = u16(t, r);
    const encoding = u16(t, r + 2);
    const language = u16(t, r + 4);
    const nameId = u16(t, r + 6);
    const length = u16(t, r + 8);
    const at = strings + u16(t, r + 10);
    if (at + length > t.length) continue;
    const raw = t.subarray(at, at + length);
    let value: string | undefined;
    if (platform === 0 || (platform === 3 && (encoding === 0 || encoding === 1 || encoding === 10))) value = utf16be(raw);
    else if (platform === 3 && encoding === 3 && gbk) {
      const bytes: number[] = [];
      for (let k = 0; k + 1 < raw.length; k += 2) {
        if (raw[k] !== 0) bytes.push(raw[k]);
        bytes.push(raw[k + 1]);
      }
      value = gbk(Uint8Array.from(bytes));
    } else if (platform === 1 && encoding === 0) value = String.fromCharCode(...raw);
    if (value !== undefined) out.push({ nameId, platform, encoding, language, value: value.replace(/\0/g, '') });
  }
  return out;
}

/** The name to show for an id: English (Windows 0x409) first, then any. */
export function englishName(names: NameRecord[], id: number): string | undefined {
  const of = names.filter((n) => n.nameId === id);
  return (of.find((n) => n.platform === 3 && n.language === 0x409) ?? of.find((n) => n.platform === 1 && n.language === 0) ?? of[0])?.value;
}

function utf16be(raw: Uint8Array): string {
  let s = '';
  for (let k = 0; k + 1 < raw.length; k += 2) s += String.fromCharCode((raw[k] << 8) | raw[k + 1]);
  return s;
}

export function u16(b: Uint8Array, at: number): number {
  return (b[at] << 8) | b[at + 1];
}
export function i16(b: Uint8Array, at: number): number {
  const v = u16(b, at);
  return v & 0x8000 ? v - 0x10000 : v;
}
export function u32(b: Uint8Array, at: number): number {
  return ((b[at] << 24) >>> 0) + ((b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]);
}
function tag(b: Uint8Array, at: number): string {
  return String.fromCharCode(b[at], b[at + 1], b[at + 2], b[at + 3]);
}
