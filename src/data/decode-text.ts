// Text files as users have them: UTF-8 with or without a BOM (Excel's "CSV UTF-8"), GBK /
// GB18030 from Excel's plain "CSV" on Chinese Windows (no BOM: GBK has none), UTF-16 from
// Excel's "Unicode text". Line ends are normalised to LF so that positions count lines only.
// iconv-lite is loaded only for a file that is not UTF-8 (5 modules; most files never need it).

import { createRequire } from 'node:module';

let iconv: typeof import('iconv-lite') | undefined;
const gb18030 = (buf: Buffer): string => (iconv ??= createRequire(import.meta.url)('iconv-lite') as typeof import('iconv-lite')).decode(buf, 'gb18030');

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

/**
 * Decodes a data file. The order matters: a BOM decides; otherwise a strict UTF-8 decode
 * (which fails on almost every GBK byte sequence holding Chinese text) and then GB18030,
 * the superset of GBK and GB2312, so one decoder covers all three.
 */
export function decodeText(buf: Uint8Array): DecodedText {
  let text: string;
  let encoding: TextEncodingName;
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    text = new TextDecoder('utf-8').decode(buf.subarray(3));
    encoding = 'utf-8-bom';
  } else if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
    text = new TextDecoder('utf-16le').decode(buf.subarray(2));
    encoding = 'utf-16le';
  } else if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    text = new TextDecoder('utf-16be').decode(buf.subarray(2));
    encoding = 'utf-16be';
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
      encoding = 'utf-8';
    } catch {
      text = gb18030(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength));
      encoding = 'gb18030';
    }
  }
  return { text: text.replace(/\r\n?/g, '\n'), encoding };
}
