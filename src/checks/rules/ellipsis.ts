// ellipsis: the 省略号 is …… (two U+2026) (GB/T 15834; spec rule 10). Flags ... 。。。 ⋯ and a
// single … in Chinese text; "..." inside English text is left alone.

import type { Rule } from '../types.js';
import { fixOf, isChinese, nextNonSpace, prevNonSpace, spanOf } from '../segments.js';

export const ellipsis: Rule = {
  id: 'ellipsis',
  defaultSeverity: 'warning',
  description: '省略号 is …… (two U+2026), not ..., 。。。 or a single …',
  over: 'all',
  segment(seg, report) {
    const t = seg.text;
    for (const m of t.matchAll(/\.{3,}|。{3,}|[⋯]+|…+/gu)) {
      const i = m.index!;
      const run = m[0];
      if (/^…+$/.test(run) && run.length % 2 === 0) continue; // …… (or …… …… for whole lines)
      const before = prevNonSpace(t, i);
      const after = nextNonSpace(t, i + run.length - 1);
      if (run[0] === '.' && !isChinese(before) && !isChinese(after)) continue; // English
      report({ ...spanOf(seg, i, run.length), message: `省略号应写作「……」（两个 U+2026），不用「${run}」`, fix: fixOf(seg, i, run.length, '……') });
    }
  },
};
