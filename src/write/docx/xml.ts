// Small helpers for writing WordprocessingML as strings. The renderer writes OOXML itself
// (rather than through the `docx` library's object tree) so that every style, numbering
// definition, field and id is under our control and the output is byte-reproducible and fast.

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

const CHUNK = 1 << 20;
const utf8 = new TextEncoder();

/**
 * XML written piece by piece straight into UTF-8 chunks of 1 MiB. A 100,000-row list's
 * document.xml is 101 MB of UTF-8; built as one string it was a rope of millions of pieces, then
 * a flat copy of two bytes a character (the text is Chinese), then its UTF-8 — about 600 MB at
 * once. Here each piece is encoded as it is written and dropped; `bytes` copies the chunks once.
 */
export class XmlBytes {
  private readonly chunks: Uint8Array[] = [];
  private chunk = new Uint8Array(0);
  private used = 0;
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

  /** Another builder's bytes, taken over without a copy. */
  append(other: XmlBytes): void {
    this.seal();
    for (const c of other.parts()) {
      this.chunks.push(c);
      this.length += c.length;
    }
  }

  /** The bytes written, as one array. */
  bytes(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const c of this.parts()) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }

  private parts(): Uint8Array[] {
    this.seal();
    return this.chunks;
  }

  private seal(): void {
    if (this.used) this.chunks.push(this.chunk.subarray(0, this.used));
    this.chunk = new Uint8Array(0);
    this.used = 0;
  }

  private next(atLeast: number): void {
    this.seal();
    this.chunk = new Uint8Array(Math.max(CHUNK, Math.min(atLeast, 64 * CHUNK)));
  }
}
