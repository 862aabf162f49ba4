// heading-number-skip: the numbers an author typed run in sequence within a level: 一、 then
// 二、, not 三、 (spec rule 8). A higher level restarts the lower ones; a 1 always restarts;
// an annex label (附件2) restarts all.

import type { Rule } from '../types.js';
import { bodySegments } from '../document-text.js';
import { writtenNumber } from './heading-numbers.js';

export const headingNumberSkip: Rule = {
  id: 'heading-number-skip',
  defaultSeverity: 'warning',
  description: 'heading and item numbers as written run in sequence (一、 二、 三、), none skipped or repeated',
  run(ctx, report) {
    // The last number of each rank: level, then indentation (nested Markdown lists).
    const last = new Map<number, { value: number; text: string }>();
    const rankOf = (level: number, indent: number) => level * 1000 + Math.min(indent, 999);
    let part = 0;
    for (const seg of bodySegments(ctx)) {
      // An annex starts a new document: its numbering starts again (so does a typed "附件2").
      if (seg.part !== part) {
        part = seg.part;
        last.clear();
      }
      if (/^附件\s*\d*\s*[:：]?\s*$/u.test(seg.text)) {
        last.clear();
        continue;
      }
      const n = writtenNumber(seg);
      if (!n) continue;
      const rank = rankOf(n.level, n.indent);
      const prev = last.get(rank);
      if (n.value !== 1) {
        if (!prev) {
          report({ ...n.place, message: `编号「${n.text.trim()}」前没有同级的第1项，编号从 ${n.value} 开始` });
        } else if (n.value > prev.value + 1) {
          const missing = n.value - prev.value - 1;
          report({ ...n.place, message: `编号跳号：「${prev.text.trim()}」之后是「${n.text.trim()}」，缺少 ${missing} 个编号` });
        } else if (n.value <= prev.value) {
          report({ ...n.place, message: `编号重复或倒退：「${prev.text.trim()}」之后是「${n.text.trim()}」` });
        }
      }
      last.set(rank, { value: n.value, text: n.text });
      for (const r of [...last.keys()]) if (r > rank) last.delete(r); // lower levels restart
    }
  },
};
