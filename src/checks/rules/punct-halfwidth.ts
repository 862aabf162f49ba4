// punct-halfwidth: in Chinese text the marks , ; : ? ! ( ) are full-width (GB/T 15834; spec
// rule 1). A mark is judged by its nearest neighbours (looking past spaces and other half-width
// marks, so that "(局)," is seen as following 局): next to a Chinese character it is flagged;
// between digits (1,000 10:30) or inside English text it is left alone. Brackets are judged as
// a pair: "(1)申报" flags both. A full stop "." is flagged only right after a Chinese character
// and before a space, the line end or Chinese ("报送." — not 1.5 or "1." numbers). A number
// typed at the start of a block ("(三)") is heading-number-style's, not reported twice. Code,
// URLs and e-mail addresses are masked (text.ts).

import type { Rule } from '../types.js';
import { fixOf, isChinese, spanOf } from '../segments.js';
import { writtenNumber } from './heading-numbers.js';

const FULL: Record<string, string> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）', '.': '。' };
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const MARKS = ',;:?!().';
const ANY_MARK = /[,;:?!().]/;

function neighbour(t: string, i: number, step: 1 | -1): string | undefined {
  for (let j = i + step; j >= 0 && j < t.length; j += step) {
    const c = t[j];
    if (c === ' ' || c === '\t' || c === '\u3000' || MARKS.includes(c)) continue;
    if (step < 0 && j > 0 && c >= '\udc00' && c <= '\udfff') return t.slice(j - 1, j + 1);
    return String.fromCodePoint(t.codePointAt(j)!);
  }
  return undefined;
}

const nearChinese = (t: string, i: number) => isChinese(neighbour(t, i, -1)) || isChinese(neighbour(t, i, 1));

/** Indices of half-width brackets that stand in Chinese text: a pair counts as one decision. */
function chineseBrackets(t: string): Set<number> {
  const out = new Set<number>();
  const stack: number[] = [];
  for (let i = 0; i < t.length; i++) {
    if (t[i] === '(') stack.push(i);
    else if (t[i] === ')') {
      const open = stack.pop();
      if (open === undefined) {
        if (nearChinese(t, i)) out.add(i);
      } else if (nearChinese(t, open) || nearChinese(t, i)) {
        out.add(open);
        out.add(i);
      }
    }
  }
  for (const open of stack) if (nearChinese(t, open)) out.add(open);
  return out;
}

export const punctHalfwidth: Rule = {
  id: 'punct-halfwidth',
  defaultSeverity: 'warning',
  description: 'half-width , ; : ? ! ( ) next to Chinese characters should be full-width',
  over: 'all',
  segment(seg, report) {
    const t = seg.text;
    // Most text has none of the marks: skipped whole (the loop below made a string of each
    // Chinese character it read, for every segment of every notice of a batch).
    if (!ANY_MARK.test(t)) return;
    const brackets = chineseBrackets(t);
    const num = writtenNumber(seg);
    const skipTo = num && !num.listMarker && num.standard ? num.index + num.text.length : -1;
    for (let i = 0; i < t.length; i++) {
      const ch = t[i];
      const full = FULL[ch];
      if (!full || i < skipTo) continue;
      if (ch === '(' || ch === ')') {
        if (!brackets.has(i)) continue;
      } else if (ch === '.') {
        const next = t[i + 1];
        if (!isChinese(t[i - 1]) || !(next === undefined || next === ' ' || next === '\n' || isChinese(next))) continue;
      } else {
        if ((ch === ',' || ch === ':') && isDigit(t[i - 1]) && isDigit(t[i + 1])) continue;
        if (!isChinese(neighbour(t, i, -1))) continue;
      }
      report({ ...spanOf(seg, i), message: `中文中应使用全角「${full}」，不用半角「${ch}」`, fix: fixOf(seg, i, 1, full) });
    }
  },
};
