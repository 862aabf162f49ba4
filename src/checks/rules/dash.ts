// dash: the 破折号 is —— (two U+2014) (GB/T 15834; spec rule 9). Flags -- and other stand-ins
// (－－ ―― ──) and a single — in Chinese running text; a single — between digits is a range
// (2021—2023) and is left to range-hyphen.

import type { Rule } from '../types.js';
import { fixOf, isChinese, nextNonSpace, prevNonSpace, spanOf } from '../segments.js';

const isDigit = (c: string | undefined) => c !== undefined && /^[0-9]$/.test(c);

export const dash: Rule = {
  id: 'dash',
  defaultSeverity: 'warning',
  description: '破折号 is —— (two U+2014), not --, ―― or a single —',
  over: 'all',
  segment(seg, report) {
    const t = seg.text;
    for (const m of t.matchAll(/-{2,}|－{2,}|[―─━]+|—+/gu)) {
      const i = m.index!;
      const run = m[0];
      const before = prevNonSpace(t, i);
      const after = nextNonSpace(t, i + run.length - 1);
      if (!isChinese(before) && !isChinese(after)) continue; // English text, ASCII art
      if (run === '——') continue;
      if (run === '—') {
        if (isDigit(t[i - 1]) || isDigit(t[i + 1])) continue; // a range: 2021—2023
        report({ ...spanOf(seg, i, 1), message: '破折号应为两个「—」连写（——），占两个字的位置', fix: fixOf(seg, i, 1, '——') });
      } else if (/^—+$/.test(run)) {
        report({ ...spanOf(seg, i, run.length), message: `破折号应为两个「—」（——），这里有 ${run.length} 个`, fix: fixOf(seg, i, run.length, '——') });
      } else {
        report({ ...spanOf(seg, i, run.length), message: `破折号应写作「——」（两个 U+2014），不用「${run}」`, fix: fixOf(seg, i, run.length, '——') });
      }
    }
  },
};
