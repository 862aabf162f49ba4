// A small PDF serializer of our own, as Typst's krilla is: objects numbered in the order they are
// allocated, streams deflated with node:zlib (level and strategy fixed, so the same bytes come
// out on every run), a classic cross-reference table (PDF/A-1 wants no xref streams), and a
// trailer /ID that is a hash of the body — the same input gives the same file, byte for byte.
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';

/** A PDF name (written /Name, with #xx escapes where needed). */
export class Name {
  constructor(readonly name: string) {}
}

/** An indirect reference. */
export class Ref {
  constructor(readonly num: number) {}
}

/** Bytes written as a hex string <…> (binary strings, UTF-16 text strings). */
export class Hex {
  /** As written, once written (a kept text string is written in every document of a batch). */
  written?: string;
  constructor(readonly bytes: Uint8Array) {}
}

/** Text already in PDF syntax (a date, a number tree built elsewhere): written as it is. */
export class Raw {
  constructor(readonly text: string) {}
}

export type PdfValue = null | boolean | number | string | Name | Ref | Hex | Raw | PdfValue[] | PdfDict;
export interface PdfDict {
  [key: string]: PdfValue | undefined;
}

export interface PdfStream {
  dict: PdfDict;
  data: Uint8Array;
  /** Deflate the data (adds /Filter /FlateDecode); false for data already encoded or that must stay plain. */
  compress: boolean;
  /** The data is already deflated (`compress` true): `PdfFile.stream` deflates as it is given. */
  deflated?: boolean;
}

export const name = (n: string): Name => new Name(n);

/** A number as PDF writes it: at most 4 decimals, no exponent, no trailing zeros, no "-0". */
export function num(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`not a finite number in a PDF object: ${n}`);
  if (Number.isInteger(n)) return String(n);
  // The shortest decimal of the value rounded to 1/10,000 (String(-0) is "0"); toFixed only
  // where String would write an exponent.
  const r = Math.round(n * 10000) / 10000;
  const s = String(r);
  return s.includes('e') ? r.toFixed(4).replace(/\.?0+$/, '') : s;
}

/** A text string: PDFDocEncoding-safe ASCII as a literal, anything else UTF-16BE with a BOM. */
export function text(s: string): string | Hex {
  if (/^[\x20-\x7e]*$/.test(s)) return s;
  // Short texts come again (a structure element's 正文, 附件, 页码): one Hex each, written once.
  if (s.length <= 32) {
    let h = texts.get(s);
    if (!h) {
      h = utf16(s);
      if (texts.size < 10_000) texts.set(s, h);
    }
    return h;
  }
  return utf16(s);
}

const texts = new Map<string, Hex>();

function utf16(s: string): Hex {
  const bytes = new Uint8Array(2 + s.length * 2);
  bytes[0] = 0xfe;
  bytes[1] = 0xff;
  for (let i = 0; i < s.length; i++) {
    bytes[2 + 2 * i] = s.charCodeAt(i) >> 8;
    bytes[3 + 2 * i] = s.charCodeAt(i) & 0xff;
  }
  return new Hex(bytes);
}

const NAME_OK = /^[!-~]$/;
/** Names as written, by name: a tagged page's thousand elements repeat a dozen names (/Type, /StructElem, /P, /K…). */
const names = new Map<string, string>();
function nameSyntax(n: string): string {
  let w = names.get(n);
  if (w === undefined) {
    w = writeName(n);
    if (names.size < 10_000) names.set(n, w);
  }
  return w;
}

function writeName(n: string): string {
  if (/^[A-Za-z0-9_.+-]*$/.test(n)) return `/${n}`;
  let out = '/';
  for (const b of Buffer.from(n, 'utf8')) {
    const c = String.fromCharCode(b);
    out += NAME_OK.test(c) && !'()<>[]{}/%#'.includes(c) ? c : `#${b.toString(16).padStart(2, '0').toUpperCase()}`;
  }
  return out;
}

function literal(s: string): string {
  return `(${s.replace(/[\\()]/g, (c) => `\\${c}`).replace(/\r/g, '\\r').replace(/\n/g, '\\n')})`;
}

export function serialize(v: PdfValue): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return num(v);
  if (typeof v === 'string') return literal(v);
  if (v instanceof Name) return nameSyntax(v.name);
  if (v instanceof Ref) return `${v.num} 0 R`;
  if (v instanceof Hex) return (v.written ??= `<${Buffer.from(v.bytes).toString('hex').toUpperCase()}>`);
  if (v instanceof Raw) return v.text;
  if (Array.isArray(v)) return `[${v.map(serialize).join(' ')}]`;
  let out = '<<';
  for (const [k, x] of Object.entries(v)) if (x !== undefined) out += `${nameSyntax(k)} ${serialize(x)}`;
  return `${out}>>`;
}

/** Deflate with fixed settings: zlib's output depends only on the input and these. */
export function deflate(data: Uint8Array): Uint8Array {
  return deflateSync(data, { level: 6, memLevel: 8, windowBits: 15, strategy: 0 });
}

/**
 * The objects of one file. `alloc` hands out a number before the object exists (pages point at
 * their parent, the parent at its pages); `set` fills it in. Objects are written by number.
 */
export class PdfFile {
  /**
   * A stream as given; any other object serialized as it is set (an object is never changed
   * after): a 100,000-row list's half a million structure elements were dictionaries of Names and
   * Refs until the file was written.
   */
  private readonly objects: (string | PdfStream | undefined)[] = [];

  /** `deflater`: a memo of deflated streams (a batch's StreamMemo); its output must be deflate's. */
  constructor(private readonly deflater?: { deflate(data: Uint8Array): Uint8Array; deflateText?(text: string): Uint8Array }) {}

  private deflateData(data: Uint8Array): Uint8Array {
    return this.deflater ? this.deflater.deflate(data) : deflate(data);
  }

  alloc(): Ref {
    this.objects.push(undefined);
    return new Ref(this.objects.length);
  }

  set(ref: Ref, v: PdfValue | PdfStream): Ref {
    this.objects[ref.num - 1] = isStream(v) ? v : flat(serialize(v));
    return ref;
  }

  add(v: PdfValue | PdfStream): Ref {
    return this.set(this.alloc(), v);
  }

  /**
   * A stream, deflated now rather than when the file is written: a 100,000-row list's 7,693
   * content streams held plain until then were 500 MB; deflated, 17 MB. The bytes are the same
   * (zlib's output depends only on the input and the fixed settings).
   */
  stream(dict: PdfDict, data: Uint8Array | string, compress = true): Ref {
    if (compress && typeof data === 'string' && this.deflater?.deflateText) return this.add({ dict, data: this.deflater.deflateText(data), compress, deflated: true });
    const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    return this.add(compress ? { dict, data: this.deflateData(bytes), compress, deflated: true } : { dict, data: bytes, compress });
  }

  /**
   * The whole file: header, objects, cross-reference, trailer (its /ID the hash of the body).
   * With `objectStreams` (PDF 1.5 and later; not PDF/A-1) the objects that are not streams go,
   * a hundred at a time, into deflated object streams, found through a cross-reference stream:
   * a tagged 300-page list has 30,000 structure elements, 2.1 MB written plainly.
   */
  write(version: string, trailer: { Root: Ref; Info?: Ref }, o: { objectStreams?: boolean } = {}): Uint8Array {
    const chunks: Buffer[] = [];
    let length = 0;
    const hash = createHash('sha256');
    const push = (b: Buffer, hashed = true): void => {
      chunks.push(b);
      length += b.length;
      if (hashed) hash.update(b);
    };
    // The binary comment tells transfer programs the file is binary (PDF/A wants four bytes > 127).
    push(Buffer.from(`%PDF-${version}\n%\xe2\xe3\xcf\xd3\n`, 'latin1'), false);
    const count = this.objects.length;
    // Cross-reference entries: [type, field 2, field 3] as in a cross-reference stream.
    const entries: [number, number, number][] = [[0, 0, 65535]];
    const streamObject = (num: number, s: PdfStream): Buffer => {
      const data = s.compress && !s.deflated ? this.deflateData(s.data) : s.data;
      const dict: PdfDict = { ...s.dict, Length: data.length };
      if (s.compress) dict.Filter = name('FlateDecode');
      return Buffer.concat([Buffer.from(`${num} 0 obj\n${serialize(dict)}\nstream\n`, 'latin1'), Buffer.from(data.buffer, data.byteOffset, data.byteLength), Buffer.from('\nendstream\nendobj\n', 'latin1')]);
    };
    // Objects that are not streams go a hundred at a time into object streams, numbered after
    // the last object and written after the last stream: each group is deflated as soon as it is
    // full, so that the serialized objects of a whole file are never held at once.
    const groups: { num: number; data: Buffer }[] = [];
    let group: { num: number; body: string }[] = [];
    const closeGroup = (): void => {
      const num = count + 1 + groups.length;
      let head = '';
      let body = '';
      group.forEach((g, idx) => {
        head += `${g.num} ${body.length} `; // latin1: one byte a character
        body += `${g.body}\n`;
        entries[g.num] = [2, num, idx];
      });
      groups.push({ num, data: streamObject(num, { dict: { Type: name('ObjStm'), N: group.length, First: head.length }, data: Buffer.from(head + body, 'latin1'), compress: true }) });
      group = [];
    };
    this.objects.forEach((v, i) => {
      if (v === undefined) throw new Error(`PDF object ${i + 1} was allocated and never written`);
      if (isStream(v)) {
        entries[i + 1] = [1, length, 0];
        push(streamObject(i + 1, v));
      } else if (o.objectStreams) {
        group.push({ num: i + 1, body: v });
        if (group.length === 100) closeGroup();
      } else {
        entries[i + 1] = [1, length, 0];
        push(Buffer.from(`${i + 1} 0 obj\n${v}\nendobj\n`, 'latin1'));
      }
    });
    if (!o.objectStreams) {
      const xrefAt = length;
      let xref = `xref\n0 ${count + 1}\n0000000000 65535 f\r\n`;
      for (let n = 1; n <= count; n++) xref += `${String(entries[n][1]).padStart(10, '0')} 00000 n\r\n`;
      const id = new Hex(hash.digest().subarray(0, 16));
      const t: PdfDict = { Size: count + 1, Root: trailer.Root, Info: trailer.Info, ID: [id, id] };
      push(Buffer.from(`${xref}trailer\n${serialize(t)}\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1'), false);
      return new Uint8Array(Buffer.concat(chunks, length));
    }
    if (group.length) closeGroup();
    for (const g of groups) {
      entries[g.num] = [1, length, 0];
      push(g.data);
    }
    const xrefNum = count + 1 + groups.length;
    entries[xrefNum] = [1, length, 0];
    const W = [1, 4, 2];
    const table = Buffer.alloc(entries.length * 7);
    entries.forEach(([t, a, b], n) => {
      table.writeUInt8(t, n * 7);
      table.writeUInt32BE(a, n * 7 + 1);
      table.writeUInt16BE(b, n * 7 + 5);
    });
    const xrefAt = length;
    const id = new Hex(hash.digest().subarray(0, 16));
    push(streamObject(xrefNum, { dict: { Type: name('XRef'), Size: entries.length, W, Root: trailer.Root, Info: trailer.Info, ID: [id, id] }, data: table, compress: true }), false);
    push(Buffer.from(`startxref\n${xrefAt}\n%%EOF\n`, 'latin1'), false);
    return new Uint8Array(Buffer.concat(chunks, length));
  }
}

/** The string as one flat piece (serialize builds it of many; V8 keeps them all until it is read). */
function flat(s: string): string {
  s.charCodeAt(0);
  return s;
}

function isStream(o: PdfValue | PdfStream): o is PdfStream {
  return typeof o === 'object' && o !== null && !Array.isArray(o) && !(o instanceof Name || o instanceof Ref || o instanceof Hex || o instanceof Raw) && 'data' in o && o.data instanceof Uint8Array && 'dict' in o;
}
