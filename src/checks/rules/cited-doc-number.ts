// cited-doc-number: a 文号 cited in the text (国科发火〔2013〕230号) keeps its year in 六角括号
// 〔〕, never [ ] ( ) （ ） 【 】 ［ ］ (GB/T 9704 §7.2.5; spec rule 5). Seeds 001 and 002 have
// 国科发火[2013]230号 and 国科火字(2020)183号.

import type { Rule } from '../types.js';
import { fixOf, spanOf } from '../segments.js';

// A cited number: Han characters (the 机关代字), a bracketed four-digit year, a serial, 号.
const CITED = /(?<=[\u4e00-\u9fff]\s{0,2})([\[【（(［〈<〖])\s*((?:19|20)\d{2})\s*([\]】）)］〉>〗])\s*(第?)\s*(\d{1,6})\s*号/gu;
const GOOD_BUT = /〔\s*(?:19|20)\d{2}\s*〕\s*(第)?\s*(0+)?\d{1,6}\s*号/gu;

export const citedDocNumber: Rule = {
  id: 'cited-doc-number',
  defaultSeverity: 'error',
  description: 'a 文号 cited in the text uses 〔〕 around its year, no 第, no leading zero',
  over: 'all',
  segment(seg, report) {
    // Both patterns end in 号: text without one is not searched (CITED's lookbehind is tried at every character).
    if (!seg.text.includes('号')) return;
    for (const m of seg.text.matchAll(CITED)) {
      const fixed = `〔${m[2]}〕${m[5].replace(/^0+(?=\d)/, '')}号`;
      report({ ...spanOf(seg, m.index!, m[0].length), message: `引用的文号年份应使用六角括号〔〕，不用「${m[1]}${m[3]}」：应写作「${fixed}」`, fix: fixOf(seg, m.index!, m[0].length, fixed) });
    }
    for (const m of seg.text.matchAll(GOOD_BUT)) {
      if (m[1]) report({ ...spanOf(seg, m.index! + m[0].indexOf('第')), message: '文号的序号前不加「第」' });
      else if (m[2]) report({ ...spanOf(seg, m.index! + m[0].indexOf('〕') + 1), message: '文号的序号不加前导0' });
    }
  },
};
