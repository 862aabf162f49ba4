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
  /**
   * Set when the bytes are not all of one encoding: a line that is UTF-8 in a GBK file (or the
   * reverse: a file pasted together from two exports), or bytes no encoding tried can read.
   * The text is then not to be used.
   */
  problem?: { line: number; message: string };
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/** Lines of `buf` (split at LF), with their 1-based numbers. */
function* lines(buf: Uint8Array): Generator<[number, Uint8Array]> {
  let start = 0;
  let n = 1;
  for (let i = 0; i <= buf.length; i++) {
    if (i === buf.length || buf[i] === 0x0a) {
      yield [n++, buf.subarray(start, i)];
      start = i + 1;
    }
  }
}

const isUtf8 = (b: Uint8Array) => {
  try {
    utf8Strict.decode(b);
    return true;
  } catch {
    return false;
  }
};

/**
 * A file that is not valid UTF-8: is it one legacy encoding, or UTF-8 lines mixed with GBK ones?
 * A line of Chinese in GBK is almost never valid UTF-8 (its two-byte characters do not make
 * UTF-8's lead/continuation patterns), so a non-ASCII line that is valid UTF-8 beside one that is
 * not means two encodings. Before, GB18030 decoded the UTF-8 lines into mojibake, silently.
 */
function mixedLines(buf: Uint8Array): { utf8Line: number; otherLine: number } | undefined {
  let utf8Line = 0;
  let otherLine = 0;
  for (const [n, line] of lines(buf)) {
    if (line.every((b) => b < 0x80)) continue;
    if (isUtf8(line)) utf8Line ||= n;
    else otherLine ||= n;
    if (utf8Line && otherLine) return { utf8Line, otherLine };
  }
  return undefined;
}

const firstLineWith = (text: string, ch: string): number => text.slice(0, text.indexOf(ch)).split('\n').length;

/**
 * Bytes that GB18030 decodes, but not into Chinese: a Big5 file (traditional Chinese, from
 * Taiwan or Hong Kong) or a Shift-JIS one. GB18030 maps nearly every byte pair to something, so
 * nothing fails; the list's columns came out as gibberish, reported as missing at the .md
 * (issue 22). Big5's most frequent characters (lead bytes A4–AF, few strokes: 一 人 大 中) fall on
 * GBK's rows of kana, Greek, Cyrillic, pinyin and box drawing, and on its user-defined
 * (private-use) areas; Chinese text in GBK, simplified or traditional (GBK has both), almost
 * never uses them. Implausible: a fifth or more of at least 10 double-byte characters there.
 */
function implausibleGbk(buf: Uint8Array): { line: number; odd: number; total: number } | undefined {
  let total = 0;
  let odd = 0;
  let line = 1;
  let firstOddLine = 0;
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i];
    if (b === 0x0a) line++;
    if (b < 0x81 || b === 0xff || i + 1 >= buf.length) continue;
    const t = buf[i + 1];
    // A four-byte GB18030 sequence (trail 30–39): characters beyond GBK, plausible.
    if (t >= 0x30 && t <= 0x39) {
      i += 3;
      total++;
      continue;
    }
    total++;
    const high = t >= 0xa1;
    const nonChinese =
      (b >= 0xa4 && b <= 0xa9 && (high || b >= 0xa8)) || // kana, Greek, Cyrillic, pinyin, box drawing, GBK/5 symbols
      (b >= 0xa1 && b <= 0xa7 && !high) || // user-defined (private use)
      (((b >= 0xaa && b <= 0xaf) || b >= 0xf8) && high); // user-defined (private use)
    if (nonChinese) {
      odd++;
      firstOddLine ||= line;
    }
    i++;
  }
  return total >= 10 && odd * 5 >= total ? { line: firstOddLine, odd, total } : undefined;
}

/** The encodings a file that is not GBK most likely is, by trying them (without errors, with more GB2312-like text). */
function otherEncoding(buf: Buffer): string | undefined {
  iconv ??= createRequire(import.meta.url)('iconv-lite') as typeof import('iconv-lite');
  for (const [name, label] of [
    ['big5', 'Big5 (traditional Chinese)'],
    ['shift_jis', 'Shift-JIS (Japanese)'],
  ] as const) {
    const text = iconv.decode(buf, name);
    if (!text.includes('\uFFFD') && /\p{Script=Han}/u.test(text)) return label;
  }
  return undefined;
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
      text = utf8Strict.decode(buf);
      encoding = 'utf-8';
    } catch {
      const mixed = mixedLines(buf);
      if (mixed) {
        return {
          text: '',
          encoding: 'gb18030',
          problem: {
            line: mixed.otherLine,
            message: `the file mixes two encodings: line ${mixed.utf8Line} is UTF-8, line ${mixed.otherLine} is not (GBK/GB18030?); tried UTF-8 and GB18030. Save the whole file once in one encoding (UTF-8) and check lines ${Math.min(mixed.utf8Line, mixed.otherLine)} and ${Math.max(mixed.utf8Line, mixed.otherLine)}`,
          },
        };
      }
      const bytes = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
      const odd = implausibleGbk(buf);
      if (odd) {
        const other = otherEncoding(bytes);
        return {
          text: '',
          encoding: 'gb18030',
          problem: {
            line: odd.line,
            message:
              `the file is not UTF-8, and read as GBK/GB18030 it is not Chinese text (${odd.odd} of its ${odd.total} characters are kana, Greek, box drawing or private-use characters, from line ${odd.line})` +
              `${other ? `; it reads as ${other}` : ''}. Save it as UTF-8 (in Excel: "CSV UTF-8")`,
          },
        };
      }
      text = gb18030(bytes);
      encoding = 'gb18030';
    }
  }
  // A literal U+FFFD in valid UTF-8 is the writer's; from the other decoders it marks bytes they could not read.
  if (encoding !== 'utf-8' && encoding !== 'utf-8-bom' && text.includes('\uFFFD')) {
    const line = firstLineWith(text.replace(/\r\n?/g, '\n'), '\uFFFD');
    return {
      text: '',
      encoding,
      problem: { line, message: `line ${line} holds bytes that are not text in ${encoding === 'gb18030' ? 'UTF-8 or GB18030 (tried both)' : encoding.toUpperCase()}; save the file as UTF-8 (in Excel: "CSV UTF-8")` },
    };
  }
  return { text: text.replace(/\r\n?/g, '\n'), encoding };
}
