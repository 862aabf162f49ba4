// Small helpers for writing WordprocessingML as strings. The renderer writes OOXML itself
// (rather than through the `docx` library's object tree) so that every style, numbering
// definition, field and id is under our control and the output is byte-reproducible and fast.

import { Segments } from '../zip.js';

/** Characters XML 1.0 forbids, and lone surrogates: dropped rather than written. */
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function esc(text: string): string {
  return text
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** An attribute list from name/value pairs, skipping undefined values. */
export function attrs(a: Record<string, string | number | undefined>): string {
  let out = '';
  for (const k in a) {
    const v = a[k];
    if (v !== undefined) out += ` ${k}="${typeof v === 'number' ? v : esc(v)}"`;
  }
  return out;
}

/** Self-closing element with attributes. */
export function el(name: string, a: Record<string, string | number | undefined> = {}): string {
  return `<${name}${attrs(a)}/>`;
}

export const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export const NS_W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
export const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const NS_WP = 'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing';
export const NS_A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
export const NS_WPS = 'http://schemas.microsoft.com/office/word/2010/wordprocessingShape';
export const NS_MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
export const NS_V = 'urn:schemas-microsoft-com:vml';

/** Chunks grow from 4 KiB (a notice's small tables) to 1 MiB (a long list). */
/** Chunks a memo keeps (addBytes), wherever they are appended: the zip deflates a big one once (zip.ts Segments). */
const kept = new WeakSet<Uint8Array>();

const FIRST_CHUNK = 1 << 12;
const CHUNK = 1 << 20;
const utf8 = new TextEncoder();

/**
 * XML written piece by piece straight into UTF-8 chunks of 1 MiB. A 100,000-row list's
 * document.xml is 101 MB of UTF-8; built as one string it was a rope of millions of pieces, then
 * a flat copy of two bytes a character (the text is Chinese), then its UTF-8 — about 600 MB at
 * once. Here each piece is encoded as it is written and dropped; `drain` copies the chunks once.
 */
export class XmlBytes {
  /** Filled chunks, in order (each exactly its bytes). */
  private readonly chunks: Uint8Array[] = [];
  /** The chunk being filled, and how much of it is. */
  private chunk = new Uint8Array(0);
  private used = 0;
  private size = FIRST_CHUNK / 2;
  length = 0;

  add(s: string): void {
    while (s.length) {
      if (this.used === this.chunk.length) this.next(s.length * 3);
      const { read, written } = utf8.encodeInto(s, this.chunk.subarray(this.used));
      this.used += written;
      this.length += written;
      // A character that did not fit (or half a surrogate pair) starts the next chunk.
      s = read < s.length ? s.slice(read) : '';
      if (s && written === 0) this.next(s.length * 3);
    }
  }

  /** Bytes written already (kept by a memo: they are read, never written to). */
  addBytes(bytes: Uint8Array): void {
    this.flush();
    this.chunks.push(bytes);
    kept.add(bytes);
    this.length += bytes.length;
  }

  /** The bytes written, as the chunks they are, each said kept (by a memo) or not; the builder is left empty. */
  segments(): Segments {
    return new Segments(this.take().map((bytes) => ({ bytes, kept: kept.has(bytes) })));
  }

  /** Another builder's bytes, taken over without a copy (`other` is left empty). */
  append(other: XmlBytes): void {
    this.flush();
    for (const c of other.take()) {
      this.chunks.push(c);
      this.length += c.length;
    }
  }

  /** The bytes written, as one array; the builder is left empty (its chunks can go before the zip deflates). */
  drain(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const c of this.take()) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }

  private take(): Uint8Array[] {
    this.flush();
    this.chunk = new Uint8Array(0);
    const all = this.chunks.splice(0);
    this.length = 0;
    return all;
  }

  /**
   * What the current chunk holds, copied out as a chunk of its own; the chunk is filled again
   * from its start. (Kept as a view instead, a document of many small tables held a partly
   * filled chunk of up to 1 MiB for each.)
   */
  private flush(): void {
    if (this.used) this.chunks.push(this.chunk.slice(0, this.used));
    this.used = 0;
  }

  /**
   * A full chunk (or one with less room than the next character needs: at most 3 bytes left) goes
   * to the list as it is; the next one is twice as big, up to 1 MiB.
   */
  private next(atLeast: number): void {
    if (this.used) this.chunks.push(this.chunk.subarray(0, this.used));
    this.used = 0;
    this.size = Math.min(CHUNK, this.size * 2);
    this.chunk = new Uint8Array(Math.max(this.size, Math.min(atLeast, 64 * CHUNK)));
  }
}
