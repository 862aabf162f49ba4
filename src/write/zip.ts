// The zip container both packaged writers need (the DOCX's OPC package, the OFD). The same parts
// give the same bytes — an OFD's signature (GB/T 38540) covers them, and a batch's unchanged
// documents are recognised by them: every entry carries one fixed time (the document's date,
// else 2000-01-01), the parts go in the order given, and deflate runs with fixed settings.
//
// Written here rather than with fflate's zipSync: fflate deflates in JavaScript. For the OFD of
// the 2020-191 notice its level-6 deflate was most of the OFD's time (34 ms against the PDF
// writer's 12 ms); for a batch of notices its level-1 deflate of the DOCX was the largest
// function in the profile (zipSync 4 ms of a document's 43 ms on each thread, 300 notices).
// node:zlib (what the PDF writer deflates its streams with) does the same work natively: the
// notice's 71 kB document.xml in 0.36 ms at level 6 against fflate's 0.73 ms at level 1, and
// 15 % smaller.
import { constants, deflateRawSync, crc32 } from 'node:zlib';
import { BoundedMemo } from '../util/bounded-memo.js';

const DEFAULT_DATE = '2000-01-01';

interface Packed {
  body: Buffer;
  crc: number;
}

/**
 * Deflated binary parts by their bytes object: a font subset is memoised by subsetFace (the same
 * face and glyphs give the same object), so a document written again (a preview's save, a batch
 * of notices with the same glyphs) deflates its fonts once. Deflating the two subsets was most of
 * the OFD zip step's 6.6 ms for the 2020-191 notice.
 */
const deflatedBytes = new WeakMap<Uint8Array, Packed>();

/**
 * Deflated text parts by their text: the parts a package writes the same for every document
 * (a DOCX's styles, settings, fonts, footers, content types) are deflated once a process, a
 * batch's notices keep a third of their DOCX's text this way. Only short texts are kept (a
 * document's body never comes again), and at most MAX_TEXT_BYTES of them.
 */
const MAX_TEXT_LENGTH = 32 * 1024;
const MAX_TEXT_BYTES = 2 * 1024 * 1024;
const deflatedText = new BoundedMemo<string, Packed>(MAX_TEXT_BYTES);

const DEFLATE = { level: 6, memLevel: 8, windowBits: 15, strategy: 0 };

function compress(raw: Buffer, stored: boolean): Packed {
  return { body: stored ? raw : deflateRawSync(raw, DEFLATE), crc: crc32(raw) };
}

/**
 * A part given as the chunks it was written in, some kept by a memo (a DOCX's tables by their
 * XML: a batch's notices carry the same 52-row list, 53 kB of a 71 kB document.xml). A kept chunk
 * of SEGMENT_MIN bytes or more is deflated on its own, once a process, and the chunks between are
 * deflated as they come: each piece ends on a full flush (byte-aligned, no reference back), so
 * the pieces, laid end to end and closed by a final block, are one deflate stream — as pigz
 * joins its pieces. Measured on the bench's notice: 0.51 → 0.28 ms a document's document.xml,
 * 6,918 → 7,359 bytes. A part without such a chunk is deflated whole, as before.
 */
export class Segments {
  constructor(readonly list: { bytes: Uint8Array; kept: boolean }[]) {}
}

const SEGMENT_MIN = 8 * 1024;
const deflatedSegments = new WeakMap<Uint8Array, Buffer>();
/** A final empty block (fixed Huffman codes, end of block): what closes a stream whose last piece was flushed. */
const FINAL_BLOCK = Buffer.from([0x03, 0x00]);

function packSegments(s: Segments): { packed: Packed; rawLength: number } {
  const flushed = { ...DEFLATE, finishFlush: constants.Z_FULL_FLUSH };
  const out: Buffer[] = [];
  let pending: Uint8Array[] = [];
  let crc = 0;
  let rawLength = 0;
  let split = false;
  const run = (finish: boolean): void => {
    const raw = Buffer.concat(pending);
    pending = [];
    out.push(deflateRawSync(raw, finish ? DEFLATE : flushed));
  };
  for (const { bytes, kept } of s.list) {
    crc = crc32(bytes, crc);
    rawLength += bytes.length;
    if (!kept || bytes.length < SEGMENT_MIN) {
      pending.push(bytes);
      continue;
    }
    if (pending.length) run(false);
    let d = deflatedSegments.get(bytes);
    if (!d) deflatedSegments.set(bytes, (d = Buffer.from(deflateRawSync(bytes, flushed))));
    out.push(d);
    split = true;
  }
  if (pending.length || !split) run(true);
  else out.push(FINAL_BLOCK);
  return { packed: { body: out.length === 1 ? out[0] : Buffer.concat(out), crc }, rawLength };
}

function packText(text: string): Packed {
  if (text.length > MAX_TEXT_LENGTH) return compress(Buffer.from(text, 'utf8'), false);
  let packed = deflatedText.get(text);
  if (packed) return packed;
  const deflated = compress(Buffer.from(text, 'utf8'), false);
  // Exactly its bytes: zlib's output can be a view of a bigger buffer.
  packed = { body: Buffer.from(deflated.body), crc: deflated.crc };
  return deflatedText.set(text, packed, text.length + packed.body.length);
}

/** The date the zip's entries carry: the ISO date when zip can hold it, else 2000-01-01. */
function entryDate(date: string | undefined): string {
  const d = date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : DEFAULT_DATE;
  return d < '1980-01-01' || d > '2107-12-31' ? DEFAULT_DATE : d;
}

/**
 * Zips the parts in order. Pictures are stored (PNG and JPEG are compressed already); XML and
 * fonts are deflated at level 6.
 */
export function zipParts(parts: [string, string | Uint8Array | Segments][], isoDate: string | undefined, what = 'the package'): Uint8Array {
  const [y, m, d] = entryDate(isoDate).split('-').map(Number);
  const dosDate = ((y - 1980) << 9) | (m << 5) | d;
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of parts) {
    const stored = /\.(png|jpe?g)$/i.test(name);
    let packed: Packed;
    let rawLength: number;
    if (data instanceof Segments) {
      ({ packed, rawLength } = packSegments(data));
    } else if (typeof data === 'string') {
      packed = stored ? compress(Buffer.from(data, 'utf8'), true) : packText(data);
      rawLength = stored ? packed.body.length : Buffer.byteLength(data, 'utf8');
    } else {
      let p = deflatedBytes.get(data);
      if (!p) {
        p = compress(Buffer.from(data.buffer, data.byteOffset, data.byteLength), stored);
        deflatedBytes.set(data, p);
      }
      packed = p;
      rawLength = data.byteLength;
    }
    const { body, crc } = packed;
    const fileName = Buffer.from(name, 'utf8');
    // The fields the local header (APPNOTE 4.3.7) and the central directory entry (4.3.12) share,
    // in the same order: version needed, flags (bit 11: the name is UTF-8), method, time, date,
    // CRC, sizes, name length. The central entry has its "version made by" before them.
    const header = (sig: number, size: number, at: number): Buffer => {
      const h = Buffer.alloc(size);
      h.writeUInt32LE(sig, 0);
      h.writeUInt16LE(20, at);
      h.writeUInt16LE(0x0800, at + 2);
      h.writeUInt16LE(stored ? 0 : 8, at + 4);
      h.writeUInt16LE(0, at + 6);
      h.writeUInt16LE(dosDate, at + 8);
      h.writeUInt32LE(crc, at + 10);
      h.writeUInt32LE(body.length, at + 14);
      h.writeUInt32LE(rawLength, at + 18);
      h.writeUInt16LE(fileName.length, at + 22);
      return h;
    };
    const local = header(0x04034b50, 30, 4);
    const cen = header(0x02014b50, 46, 6);
    cen.writeUInt16LE(20, 4);
    cen.writeUInt32LE(offset, 42);
    chunks.push(local, fileName, body);
    central.push(cen, fileName);
    offset += local.length + fileName.length + body.length;
  }
  const dirSize = central.reduce((a, b) => a + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dirSize, 12);
  end.writeUInt32LE(offset, 16);
  if (offset + dirSize > 0xffffffff || parts.length > 0xffff) throw new Error(`${what} is too large for a zip without Zip64`);
  const out = Buffer.concat([...chunks, ...central, end]);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
