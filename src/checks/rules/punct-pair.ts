// punct-pair: paired punctuation is paired within a paragraph (GB/T 15834: “” ‘’ 《》 （） 〔〕 【】).
// Half-width ( ) count as brackets too (punct-halfwidth reports their width), so that
// 科技厅(局） is one pair with one problem, not two; paragraphs without Chinese are English
// text and are left alone.

import type { Rule } from '../types.js';
import { hasChinese, spanOf, type Segment } from '../segments.js';

const PAIRS: [string, string][] = [
  ['“', '”'],
  ['‘', '’'],
  ['《', '》'],
  ['（', '）'],
  ['〔', '〕'],
  ['【', '】'],
];
const ANY_MARK = /[“”‘’《》（）〔〕【】()]/;
const OPEN = new Map(PAIRS.map(([o, c]) => [o, c]));
const CLOSE = new Map(PAIRS.map(([o, c]) => [c, o]));

export const punctPair: Rule = {
  id: 'punct-pair',
  defaultSeverity: 'error',
  description: 'paired punctuation (“” ‘’ 《》 （） 〔〕 【】) is paired within each paragraph',
  over: 'all',
  segment(seg, report) {
    const para = [seg];
    // Text without any of the marks has nothing to pair: skipped before it is read mark by mark.
    if (!para.some((s) => ANY_MARK.test(s.text))) return;
    if (!para.some((s) => hasChinese(s.text))) return;
    const stacks = new Map<string, { seg: Segment; i: number; ch: string }[]>();
    for (const [o] of PAIRS) stacks.set(o, []);
    for (const seg of para) {
      const t = seg.text;
      for (let i = 0; i < t.length; i++) {
        let ch = t[i];
        const asWritten = ch;
        if (ch === '(' || ch === ')') ch = ch === '(' ? '（' : '）';
        if (OPEN.has(ch)) stacks.get(ch)!.push({ seg, i, ch: asWritten });
        else if (CLOSE.has(ch)) {
          const st = stacks.get(CLOSE.get(ch)!)!;
          if (st.length > 0) st.pop();
          else report({ ...spanOf(seg, i), message: `「${asWritten}」前面缺少与之配对的「${CLOSE.get(ch)}」` });
        }
      }
    }
    for (const [o, c] of PAIRS) {
      for (const open of stacks.get(o)!) {
        report({ ...spanOf(open.seg, open.i), message: `「${open.ch}」在本段中没有配对的「${c}」` });
      }
    }
  },
};
