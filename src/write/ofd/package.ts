// The OFD container: a zip of the parts, OFD.xml first (readers look for it at the root). The
// same parts give the same bytes, because a signature (GB/T 38540) covers the bytes: every entry
// carries one fixed time (the document's date, else 2000-01-01), the parts go in the order given,
// and deflate runs with fixed settings.
//
// Written here rather than with fflate's zipSync: fflate deflates in JavaScript, and for the
// 2020-191 notice (12 pages, two font subsets) its level-6 deflate was most of the OFD's time,
// 34 ms against the PDF writer's 12 ms; node:zlib (what the PDF writer deflates its streams
// with) does the same work natively.
import { deflateRawSync, crc32 } from 'node:zlib';

const DEFAULT_DATE = '2000-01-01';

/**
 * Deflated binary parts by their bytes object: a font subset is memoised by subsetFace (the same
 * face and glyphs give the same object), so a document written again (a preview's save, a batch
 * of notices with the same glyphs) deflates its fonts once. Deflating the two subsets was most of
 * the zip step's 6.6 ms for the 2020-191 notice.
 */
const deflated = new WeakMap<Uint8Array, { body: Buffer; crc: number }>();

function compress(raw: Buffer, stored: boolean): { body: Buffer; crc: number } {
  return { body: stored ? raw : deflateRawSync(raw, { level: 6, memLevel: 8, windowBits: 15, strategy: 0 }), crc: crc32(raw) };
}

/** The date the zip's entries carry: the document's ISO date when zip can hold it. */
function entryDate(date: string | undefined): string {
  const d = date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : DEFAULT_DATE;
  return d < '1980-01-01' || d > '2107-12-31' ? DEFAULT_DATE : d;
}

/**
 * Zips the parts in order. Pictures are stored (PNG and JPEG are compressed already); XML and
 * fonts are deflated at level 6 — an OFD is archived and sent.
 */
export function zipParts(parts: [string, string | Uint8Array][], isoDate: string | undefined): Uint8Array {
  const [y, m, d] = entryDate(isoDate).split('-').map(Number);
  const dosDate = ((y - 1980) << 9) | (m << 5) | d;
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of parts) {
    const raw = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const stored = /\.(png|jpe?g)$/i.test(name);
    let packed = typeof data === 'string' ? undefined : deflated.get(data);
    if (!packed) {
      packed = compress(raw, stored);
      if (typeof data !== 'string') deflated.set(data, packed);
    }
    const { body, crc } = packed;
    const fileName = Buffer.from(name, 'utf8');
    const header = (sig: number, size: number): Buffer => {
      const h = Buffer.alloc(size);
      h.writeUInt32LE(sig, 0);
      return h;
    };
    // Local file header (APPNOTE 4.3.7); bit 11: the name is UTF-8.
    const local = header(0x04034b50, 30);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(stored ? 0 : 8, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    local.writeUInt16LE(0, 28);
    // Central directory entry (4.3.12).
    const cen = header(0x02014b50, 46);
    cen.writeUInt16LE(20, 4);
    cen.writeUInt16LE(20, 6);
    cen.writeUInt16LE(0x0800, 8);
    cen.writeUInt16LE(stored ? 0 : 8, 10);
    cen.writeUInt16LE(0, 12);
    cen.writeUInt16LE(dosDate, 14);
    cen.writeUInt32LE(crc, 16);
    cen.writeUInt32LE(body.length, 20);
    cen.writeUInt32LE(raw.length, 24);
    cen.writeUInt16LE(fileName.length, 28);
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
  if (offset + dirSize > 0xffffffff || parts.length > 0xffff) throw new Error('OFD: the package is too large for a zip without Zip64');
  const out = Buffer.concat([...chunks, ...central, end]);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
