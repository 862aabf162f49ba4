// The numbers authors type at the start of headings, list items and paragraphs, read from the
// text as written (model/sources.ts keeps it: the model drops a typed number and draws its own).
// GB/T 9704 §7.3.3: 一、 （一） 1. （1）. Shared by heading-number-skip and heading-number-style.

import { spanOf, spanPlace, type Segment } from '../segments.js';

export interface WrittenNumber {
  /** Rank in the hierarchy: 0 第一章, 1 一、, 2 （一）, 3 1., 4 （1）, 5 ①. */
  level: number;
  value: number;
  /** The number as written, e.g. "（一）、" or "1、". */
  text: string;
  /** UTF-16 index in the segment's text. */
  index: number;
  /** The standard form when `text` is not standard ("1." for "1、"); undefined when fine. */
  standard?: string;
  /** From a Markdown ordered-list marker (renumbered by the renderer: no style check). */
  listMarker?: boolean;
  /** Indentation of the number in its line: nested Markdown lists number on their own. */
  indent: number;
  /** Where the number is, for a report. */
  place: ReturnType<typeof spanOf>;
}

const CN = '零〇一二三四五六七八九十百两';
const CN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 → 1, 十二 → 12, 二十 → 20, 一百零三 → 103; NaN when not a Chinese numeral. */
export function chineseNumber(s: string): number {
  let total = 0;
  let digit = -1;
  for (const ch of s) {
    if (ch in CN_DIGIT) digit = CN_DIGIT[ch];
    else if (ch === '十') {
      total += (digit < 0 ? 1 : digit) * 10;
      digit = -1;
    } else if (ch === '百') {
      total += (digit < 0 ? 1 : digit) * 100;
      digit = -1;
    } else return NaN;
  }
  return total + (digit > 0 ? digit : 0);
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

const CHAPTER = new RegExp(`^第([${CN}]+|\\d+)([章节篇部])`, 'u');
const TOP = new RegExp(`^([${CN}]+)\\s*([、.．])`, 'u');
const BRACKETED = new RegExp(`^([（(])\\s*([${CN}]+)\\s*([）)])(\\s*[、.．，,])?`, 'u');

/**
 * The number at the start of a block, if any; read once a segment (three rules ask for it, and a
 * segment is not changed once made).
 */
export function writtenNumber(seg: Segment): WrittenNumber | undefined {
  if (known.has(seg)) return known.get(seg);
  const n = readWrittenNumber(seg);
  known.set(seg, n);
  return n;
}
const known = new WeakMap<Segment, WrittenNumber | undefined>();

function readWrittenNumber(seg: Segment): WrittenNumber | undefined {
  if (seg.where !== 'body') return undefined;
  if (seg.marker) {
    // "3." or "3)" list markers: not in the text, recorded by the parser.
    const m = /^(\d+)([.)])$/.exec(seg.marker.text);
    if (m) {
      const indent = seg.marker.span.column - 1;
      return { level: m[2] === '.' ? 3 : 4, value: Number(m[1]), text: seg.marker.text, index: -1, listMarker: true, indent, place: { ...spanPlace(seg.marker.span, seg.marker.text.length), field: undefined } };
    }
  }
  // A note's items may start after its label: "注：1. …" then "2. …".
  const at = /^(?:注|备注|说明)\s*[：:]\s*(?=\d)/u.exec(seg.text)?.[0].length ?? 0;
  const s = seg.text.slice(at);
  const indent = seg.heading ? 0 : seg.indent;
  const found = (w: Omit<WrittenNumber, 'indent' | 'place'>): WrittenNumber => ({ ...w, indent, place: spanOf(seg, w.index, w.text.trim().length || 1) });
  let m: RegExpExecArray | null;
  if ((m = CHAPTER.exec(s))) {
    const v = /\d/.test(m[1]) ? Number(m[1]) : chineseNumber(m[1]);
    return found({ level: 0, value: v, text: m[0], index: at });
  }
  if ((m = TOP.exec(s))) {
    const v = chineseNumber(m[1]);
    if (!Number.isFinite(v) || v === 0) return undefined;
    return found({ level: 1, value: v, text: m[0], index: at, standard: m[2] === '、' ? undefined : `${m[1]}、` });
  }
  if ((m = BRACKETED.exec(s))) {
    const v = chineseNumber(m[2]);
    if (!Number.isFinite(v) || v === 0) return undefined;
    const ok = m[1] === '（' && m[3] === '）' && !m[4];
    return found({ level: 2, value: v, text: m[0], index: at, standard: ok ? undefined : `（${m[2]}）` });
  }
  if ((m = /^([（(])\s*(\d{1,3})\s*([）)])(\s*[、.．，,])?/u.exec(s))) {
    const ok = m[1] === '（' && m[3] === '）' && !m[4];
    return found({ level: 4, value: Number(m[2]), text: m[0], index: at, standard: ok ? undefined : `（${m[2]}）` });
  }
  if ((m = /^(\d{1,3})\s*([.．、])(?![\d.．])/u.exec(s))) {
    return found({ level: 3, value: Number(m[1]), text: m[0], index: at, standard: m[2] === '.' && !/\s/.test(m[0]) ? undefined : `${m[1]}.` });
  }
  if ((m = /^(\d{1,3})\s*([）)])/u.exec(s))) {
    return found({ level: 4, value: Number(m[1]), text: m[0], index: at, standard: `（${m[1]}）` });
  }
  const c = CIRCLED.indexOf(s[0] ?? '');
  if (c >= 0) return found({ level: 5, value: c + 1, text: s[0], index: at });
  return undefined;
}
