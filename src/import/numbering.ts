// The number a paragraph starts with says its level (一、 → 1, （一） → 2, 1. → 3, （1） → 4),
// read by the same patterns the compiler strips typed numbers with (model/numbering.ts), so
// what import calls a heading number the build reads the same way.

import { typedNumber } from '../model/numbering.js';

const CN_DIGITS = '零一二三四五六七八九';

/** 十二 → 12, 二十 → 20, 一百零五 → 105, 7 → 7. */
export function cnNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  let total = 0;
  let cur = 0;
  for (const ch of s) {
    const d = ch === '〇' ? 0 : ch === '两' ? 2 : CN_DIGITS.indexOf(ch);
    if (d >= 0) cur = d;
    else if (ch === '十') {
      total += (cur || 1) * 10;
      cur = 0;
    } else if (ch === '百') {
      total += (cur || 1) * 100;
      cur = 0;
    }
  }
  return total + cur;
}

/** The level and number a paragraph starts with, and its text after them. */
export function numberedLevel(text: string): { level: 1 | 2 | 3 | 4; n: number; rest: string } | undefined {
  const found = typedNumber(1, text);
  if (!found) return undefined;
  const digits = /[一二三四五六七八九十百零〇两\d]+/.exec(found.typed);
  if (!digits) return undefined;
  return { level: found.level, n: cnNumber(digits[0]), rest: found.rest.trim() };
}

/** A heading: short, and not a sentence (no 。！？ anywhere, no closing ；：，). */
export const looksLikeHeading = (s: string) => s.trim().length > 0 && [...s].length <= 40 && !/[。！？]/.test(s) && !/[；;：:!?，,]$/.test(s.trim());
