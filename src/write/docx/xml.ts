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
