// 结构层次序数 (§7.3.3): 一、 （一） 1. （1）. Computed once here; both renderers and the
// checks read the result from the model, and DOCX's numbering definitions draw the same glyphs.

import type { HeadingLevel } from '../profile/gbt9704.js';

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** Chinese counting as Word's CHINESE_COUNTING draws it: 1→一, 10→十, 11→十一, 20→二十, 105→一百零五. */
export function chineseCount(n: number): string {
  if (!Number.isInteger(n) || n <= 0) return String(n);
  if (n < 10) return DIGITS[n];
  if (n < 20) return '十' + (n % 10 ? DIGITS[n % 10] : '');
  if (n < 100) return DIGITS[Math.floor(n / 10)] + '十' + (n % 10 ? DIGITS[n % 10] : '');
  if (n < 1000) {
    const rest = n % 100;
    const head = DIGITS[Math.floor(n / 100)] + '百';
    if (rest === 0) return head;
    if (rest < 10) return head + '零' + DIGITS[rest];
    return head + (rest < 20 ? '一' + chineseCount(rest) : chineseCount(rest));
  }
  return String(n);
}

export function numberText(level: HeadingLevel, n: number): string {
  switch (level) {
    case 1:
      return `${chineseCount(n)}、`;
    case 2:
      return `（${chineseCount(n)}）`;
    case 3:
      return `${n}.`;
    case 4:
      return `（${n}）`;
  }
}

const CN = '[一二三四五六七八九十百零〇两]+';
/**
 * Numbers an author may already have typed at the start of a heading or item, by level.
 * Accepts the GB/T 9704 form and the common wrong ones (1、 (1) 1）) so that they are not
 * doubled; the lint rule heading-number-style reports the wrong forms.
 */
const TYPED: Record<HeadingLevel, RegExp> = {
  1: new RegExp(`^\\s*(${CN})\\s*[、.．，,]\\s*`),
  2: new RegExp(`^\\s*[（(]\\s*(${CN})\\s*[）)]\\s*[、.．]?\\s*`),
  3: /^\s*(\d{1,3})\s*(?:[.．、](?!\d)|\s)\s*/,
  4: /^\s*[（(]\s*(\d{1,3})\s*[）)]\s*[、.．]?\s*/,
};

/** If `text` starts with a number of `level`'s style, returns the text after it. */
export function stripTypedNumber(level: HeadingLevel, text: string): { rest: string; typed?: string } {
  const m = TYPED[level].exec(text);
  if (!m || m[0].length >= text.length) return { rest: text };
  return { rest: text.slice(m[0].length), typed: m[0].trim() };
}

/**
 * Typed numbers of another level, read strictly: with their punctuation (a bare "10 项措施"
 * is text, not a number). Level 4 before 3 and 2 before 1: "（1）" is not "1".
 */
const TYPED_OTHER: [HeadingLevel, RegExp][] = [
  [2, new RegExp(`^\\s*[（(]\\s*(${CN})\\s*[）)]\\s*[、.．]?\\s*`)],
  [4, /^\s*[（(]\s*(\d{1,3})\s*[）)]\s*[、.．]?\s*/],
  [1, new RegExp(`^\\s*(${CN})\\s*[、.．，]\\s*`)],
  [3, /^\s*(\d{1,3})\s*[.．、](?![\d.．])\s*/],
];

/**
 * The number an author typed at the start of a heading or numbered item, whichever level's
 * style it has. `level` is the level that style belongs to (1: 一、 2: （一） 3: 1. 4: （1））.
 * The front end always strips it: a heading never shows two numbers ("（一）1. 发展定位").
 */
export function typedNumber(level: HeadingLevel, text: string): { rest: string; typed: string; level: HeadingLevel } | undefined {
  const own = stripTypedNumber(level, text);
  if (own.typed) return { rest: own.rest, typed: own.typed, level };
  for (const [l, re] of TYPED_OTHER) {
    if (l === level) continue;
    const m = re.exec(text);
    if (m && m[0].length < text.length) return { rest: text.slice(m[0].length), typed: m[0].trim(), level: l };
  }
  return undefined;
}

/** How each level's number is written, for messages: 第三层「1.」. */
export const LEVEL_NAMES: Record<HeadingLevel, string> = { 1: '第一层「一、」', 2: '第二层「（一）」', 3: '第三层「1.」', 4: '第四层「（1）」' };

/**
 * The level a heading written at `written` is numbered and set at, when the deepest level open
 * is `open` (0: none yet): never more than one below it. "# 三、…" then "### …" gives （一）, not
 * "1." — a reader takes "1." for a level the document left out (issue 21); the heading-skip
 * check tells the author. A document's first heading keeps its level.
 */
export function effectiveLevel(written: HeadingLevel, open: number): HeadingLevel {
  return open > 0 && written > open + 1 ? ((open + 1) as HeadingLevel) : written;
}

/** Counters for the four levels; a heading resets the levels below it. */
export class LevelCounter {
  private counts = [0, 0, 0, 0];
  /** The headings open, as written (# = 1) and as numbered. */
  private open: { written: number; level: HeadingLevel }[] = [];
  /** Levels whose count a list set (set()): a heading may continue them ("二、", "1. 2.", "### 3."). */
  private byList = [false, false, false, false];

  /**
   * The level a heading written at `written` (# = 1) is numbered at: one below its parent's as
   * numbered, so "# 一、", "### （一）", "### （二）", "#### 1." (see effectiveLevel).
   */
  levelFor(written: HeadingLevel): HeadingLevel {
    while (this.open.length && this.open[this.open.length - 1].written >= written) this.open.pop();
    const parent = this.open[this.open.length - 1];
    let listed = 0;
    for (let i = 0; i < 4; i++) if (this.counts[i] > 0 && this.byList[i]) listed = i + 1;
    const level = parent ? (Math.min(written, Math.max(parent.level + 1, listed)) as HeadingLevel) : effectiveLevel(written, this.depth);
    this.byList[level - 1] = false;
    this.open.push({ written, level });
    return level;
  }

  next(level: HeadingLevel): number {
    this.counts[level - 1] += 1;
    for (let i = level; i < 4; i++) this.counts[i] = 0;
    return this.counts[level - 1];
  }

  /** Sets a level's count (a list that starts at 3 continues from 2), resetting deeper levels. */
  set(level: HeadingLevel, count: number): void {
    this.counts[level - 1] = count;
    this.byList[level - 1] = true;
    for (let i = level; i < 4; i++) this.counts[i] = 0;
  }

  /** Deepest level that has been opened so far (0 when none). */
  get depth(): number {
    let d = 0;
    for (let i = 0; i < 4; i++) if (this.counts[i] > 0) d = i + 1;
    return d;
  }

  reset(): void {
    this.counts = [0, 0, 0, 0];
    this.open = [];
    this.byList = [false, false, false, false];
  }
}
