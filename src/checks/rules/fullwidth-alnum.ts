// fullwidth-alnum: digits and Latin letters are half-width (１２３ → 123, ＡＢＣ → ABC)
// (GB/T 15835; spec rule 14). One report per run of full-width characters.

import type { Rule } from '../types.js';
import { spanOf } from '../segments.js';

const toHalf = (s: string) => s.replace(/[０-９Ａ-Ｚａ-ｚ]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

export const fullwidthAlnum: Rule = {
  id: 'fullwidth-alnum',
  defaultSeverity: 'warning',
  description: 'digits and Latin letters are half-width (１２３ → 123)',
  over: 'all',
  segment(seg, report) {
    for (const m of seg.text.matchAll(/[０-９Ａ-Ｚａ-ｚ]+/gu)) {
      report({ ...spanOf(seg, m.index!, m[0].length), message: `数字和字母应使用半角：「${m[0]}」写作「${toHalf(m[0])}」` });
    }
  },
};
