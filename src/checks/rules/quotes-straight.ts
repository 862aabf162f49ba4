// quotes-straight: Chinese text uses “ ” and ‘ ’ (GB/T 15834; spec rule 2). Flags straight
// quotes " ' that quote Chinese, and 「」『』 (the traditional-text quotes). Straight quotes are
// paired in order within a line: a pair around Chinese text is flagged (both marks), a pair
// around English is left alone (say "no"); an apostrophe inside a word (don't) is not a quote;
// an unpaired mark is judged by its neighbours.

import type { Rule } from '../types.js';
import { fixOf, hasChinese, isChinese, linesOf, nextNonSpace, prevNonSpace, spanOf } from '../segments.js';

const CORNER: Record<string, string> = { '「': '“', '」': '”', '『': '‘', '』': '’' };
const ANY_QUOTE = /["'「」『』]/;
const isWordChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9]/.test(c);

export const quotesStraight: Rule = {
  id: 'quotes-straight',
  defaultSeverity: 'warning',
  description: 'quotes are “ ” and ‘ ’, not straight quotes or 「」『』',
  over: 'all',
  segment(seg, report) {
    // Text without any of the marks is skipped whole, before hasChinese reads it.
    if (!ANY_QUOTE.test(seg.text)) return;
    if (!hasChinese(seg.text)) return;
    // Straight quotes pair within a line of the text.
    for (const line of linesOf(seg)) {
      const t = line.text;
      for (const q of ['"', "'"]) {
        const at: number[] = [];
        for (let i = 0; i < t.length; i++) {
          if (t[i] !== q) continue;
          if (q === "'" && isWordChar(t[i - 1]) && isWordChar(t[i + 1])) continue; // don't
          at.push(i);
        }
        const pair = q === '"' ? '“ ”' : '‘ ’';
        const flag = (i: number, to?: string) => report({ ...spanOf(seg, line.at + i), message: `中文引号应使用「${pair}」，不用直引号「${q}」`, fix: to ? fixOf(seg, line.at + i, 1, to) : undefined });
        for (let k = 0; k + 1 < at.length; k += 2) {
          if (hasChinese(t.slice(at[k] + 1, at[k + 1]))) {
            flag(at[k], pair[0]);
            flag(at[k + 1], pair[2]);
          }
        }
        if (at.length % 2 === 1) {
          const i = at[at.length - 1];
          if (isChinese(prevNonSpace(t, i)) || isChinese(nextNonSpace(t, i))) flag(i);
        }
      }
    }
    const t = seg.text;
    for (let i = 0; i < t.length; i++) {
      const ch = t[i];
      if (CORNER[ch]) report({ ...spanOf(seg, i), message: `引号应使用「${CORNER[ch]}」，不用「${ch}」`, fix: fixOf(seg, i, 1, CORNER[ch]) });
    }
  },
};
