// punct-halfwidth: in Chinese text the marks , ; : ? ! ( ) are full-width (GB/T 15834; spec
// rule 1). A mark is judged by its nearest neighbours: next to a Chinese character it is
// flagged; between digits (1,000 10:30) or inside English text it is left alone. Code, URLs and
// e-mail addresses are masked before (text.ts).

import type { Rule } from '../types.js';
import { isChinese, nextNonSpace, prevNonSpace, segments, spanOf } from '../text.js';

const FULL: Record<string, string> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）' };
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

export const punctHalfwidth: Rule = {
  id: 'punct-halfwidth',
  defaultSeverity: 'warning',
  description: 'half-width , ; : ? ! ( ) next to Chinese characters should be full-width',
  run(ctx, report) {
    for (const seg of segments(ctx.source)) {
      const t = seg.text;
      for (let i = 0; i < t.length; i++) {
        const ch = t[i];
        const full = FULL[ch];
        if (!full) continue;
        if ((ch === ',' || ch === ':') && isDigit(t[i - 1]) && isDigit(t[i + 1])) continue;
        const before = prevNonSpace(t, i);
        const after = nextNonSpace(t, i);
        const chinese = ch === '(' ? isChinese(before) || isChinese(after) : ch === ')' ? isChinese(after) || isChinese(before) : isChinese(before);
        if (!chinese) continue;
        report({ ...spanOf(seg, i), message: `中文中应使用全角「${full}」，不用半角「${ch}」` });
      }
    }
  },
};
