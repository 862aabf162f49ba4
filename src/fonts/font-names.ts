// What a font file says it is, read from its name, OS/2 and head tables only: the system scan
// asks every file of the machine's font folders (hundreds on an office PC), and the user's
// fonts/ folder is read the same way, so both find a face by the same rule (families.ts).
import { closeSync, openSync, readSync, fstatSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileSignature, readDirectory, readNames, table, u16, u32, faceOffsets, type NameRecord, englishName } from './sfnt.js';
import { woff2Table } from './woff2-tables.js';
import { woff1Sfnt } from './face.js';
import { readFileSync } from 'node:fs';

export interface FaceNames {
  /** Index of the face in its collection (0 for a single font). */
  index: number;
  /** Every family-like name: family, typographic family, full and PostScript names, all languages. */
  names: string[];
  /** The English family name, for messages. */
  family: string;
  /** OS/2 usWeightClass (400 when absent). */
  weight: number;
  /** A bold face: weight ≥ 600, or the bold bit of OS/2 fsSelection or head macStyle. */
  bold: boolean;
  cff: boolean;
}

const require = createRequire(import.meta.url);
let gbkDecoder: ((b: Uint8Array) => string) | undefined;
function gbk(b: Uint8Array): string {
  gbkDecoder ??= ((iconv) => (x: Uint8Array) => iconv.decode(Buffer.from(x), 'gbk'))(require('iconv-lite') as { decode(b: Buffer, enc: string): string });
  return gbkDecoder(b);
}

const FAMILY_IDS = new Set([1, 4, 6, 16, 21]);

function describe(index: number, names: NameRecord[], os2: Uint8Array | undefined, head: Uint8Array | undefined, cff: boolean): FaceNames {
  const all = [...new Set(names.filter((n) => FAMILY_IDS.has(n.nameId)).map((n) => n.value.trim()).filter(Boolean))];
  const weight = os2 && os2.length >= 6 ? u16(os2, 4) : 400;
  const fsBold = os2 && os2.length >= 64 ? (u16(os2, 62) & 0x20) !== 0 : false;
  const macBold = head && head.length >= 46 ? (u16(head, 44) & 1) !== 0 : false;
  return { index, names: all, family: englishName(names, 16) ?? englishName(names, 1) ?? '', weight, bold: weight >= 600 || fsBold || macBold, cff };
}

/** The faces of a TTF, OTF or TTC file, reading only their directories and three small tables. */
export function readSfntFileNames(path: string): FaceNames[] {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const read = (at: number, length: number): Buffer => {
      const b = Buffer.alloc(Math.max(0, Math.min(length, size - at)));
      if (b.length) readSync(fd, b, 0, b.length, at);
      return b;
    };
    const top = read(0, 12);
    const offsets = top.toString('latin1', 0, 4) === 'ttcf' ? faceOffsets(read(0, 12 + 4 * Math.min(u32(top, 8), 10_000))) : [0];
    return offsets.map((at, index) => {
      const n = u16(read(at + 4, 2), 0);
      // readDirectory wants the bytes at their own offsets: read the directory into a sparse buffer's view.
      const dirBytes = read(at, 12 + 16 * n);
      const d = readDirectory(dirBytes, 0);
      const get = (tag: string, max = Infinity): Uint8Array | undefined => {
        const t = d.tables.get(tag);
        return t && t.offset < size ? read(t.offset, Math.min(t.length, max)) : undefined;
      };
      const name = get('name', 1 << 20);
      return describe(index, name ? readNames(name, gbk) : [], get('OS/2', 64), get('head', 54), d.cff);
    });
  } finally {
    closeSync(fd);
  }
}

/** The faces of any font file gongwen reads (TTF, OTF, TTC, WOFF, WOFF2). */
export function readFontFileNames(path: string): FaceNames[] {
  const head = fileSignature(path);
  const sig = head.toString('latin1');
  if (sig === 'wOF2') {
    const bytes = readFileSync(path);
    const name = woff2Table(bytes, 'name');
    if (!name) throw new Error('not a WOFF2 font gongwen can read');
    return [describe(0, readNames(name, gbk), woff2Table(bytes, 'OS/2'), woff2Table(bytes, 'head'), u32(bytes, 4) === 0x4f54544f)];
  }
  if (sig === 'wOFF') {
    const sfnt = woff1Sfnt(readFileSync(path));
    const d = readDirectory(sfnt);
    const name = table(sfnt, d, 'name');
    return [describe(0, name ? readNames(name, gbk) : [], table(sfnt, d, 'OS/2'), table(sfnt, d, 'head'), d.cff)];
  }
  return readSfntFileNames(path);
}
