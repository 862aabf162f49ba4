// range-hyphen: ranges in Chinese text use ～ between numbers (25～30) and — between years,
// dates and places (2021—2023) (GB/T 15834/15835; spec rules 11–12). An ASCII hyphen (or –, ~)
// between numbers is flagged. Not ranges, and left alone: phone numbers (010-88656275), dates
// (2020-11-06), standard numbers (GB/T 9704-2012, where the left number is the larger) and codes.
// A unit on one end only (15～30%) is flagged too.

import type { Rule } from '../types.js';
import { hasChinese, spanOf } from '../segments.js';

// left number, optional unit, the mark, right number, optional unit; not inside a longer code.
const NUM_RANGE = /(?<![\w./\-－–~])(\d+(?:\.\d+)?)(%?)\s*([-‐‑–－~])\s*(\d+(?:\.\d+)?)(%?)(?![\w.\-－–~/])/gu;
const DATE_RANGE = /([年月日])\s*([-‐‑–－~])\s*(?=\d{1,4}[年月日])/gu;
const UNIT_ONE_END = /(?<![\w.%])(\d+(?:\.\d+)?)\s*([～—])\s*(\d+(?:\.\d+)?)(%|‰)/gu;

const ANY_MARK = /[-‐‑–－~～—]/;

const isYear = (s: string) => /^(1[89]|20)\d{2}$/.test(s);

export const rangeHyphen: Rule = {
  id: 'range-hyphen',
  defaultSeverity: 'warning',
  description: 'ranges use ～ (25～30) or — (2021—2023), not a hyphen; units on both ends',
  over: 'all',
  segment(seg, report) {
    const t = seg.text;
    // Every pattern needs one of these marks: text without them is not searched.
    if (!ANY_MARK.test(t)) return;
    if (!hasChinese(t)) return;
    for (const m of t.matchAll(NUM_RANGE)) {
      const [, a, ua, mark, b, ub] = m;
      if (/^0\d/.test(a)) continue; // a phone number's area code
      if (Number(a) >= Number(b)) continue; // not a range: 9704-2012, 88656275-1
      const years = isYear(a) && isYear(b) && !ua && !ub;
      const right = years ? '—' : '～';
      const fix = `${a}${ua || ub}${right}${b}${ub}`;
      const i = m.index! + m[0].indexOf(mark, a.length + ua.length);
      report({ ...spanOf(seg, i), message: `${years ? '年份' : '数值'}范围用「${right}」，不用「${mark}」：写作「${fix}」` });
    }
    for (const m of t.matchAll(DATE_RANGE)) {
      const i = m.index! + m[0].indexOf(m[2]);
      report({ ...spanOf(seg, i), message: `日期范围用「—」，不用「${m[2]}」` });
    }
    for (const m of t.matchAll(UNIT_ONE_END)) {
      report({ ...spanOf(seg, m.index!, m[1].length), message: `范围两端都应带单位：写作「${m[1]}${m[4]}${m[2]}${m[3]}${m[4]}」` });
    }
  },
};
