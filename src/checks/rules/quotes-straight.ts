// quotes-straight: Chinese text uses “ ” and ‘ ’ (GB/T 15834; spec rule 2). Flags straight
// quotes " ' next to Chinese characters, and 「」『』 (the traditional-text quotes).

import type { Rule } from '../types.js';
import { hasChinese, isChinese, nextNonSpace, prevNonSpace, segments, spanOf } from '../text.js';

const CORNER: Record<string, string> = { '「': '“', '」': '”', '『': '‘', '』': '’' };

export const quotesStraight: Rule = {
  id: 'quotes-straight',
  defaultSeverity: 'warning',
  description: 'quotes are “ ” and ‘ ’, not straight quotes or 「」『』',
  run(ctx, report) {
    for (const seg of segments(ctx.source)) {
      const t = seg.text;
      if (!hasChinese(t)) continue;
      for (let i = 0; i < t.length; i++) {
        const ch = t[i];
        if (ch === '"' || ch === "'") {
          const before = prevNonSpace(t, i);
          const after = nextNonSpace(t, i);
          if (!isChinese(before) && !isChinese(after)) continue; // English: don't, "quoted"
          const pair = ch === '"' ? '“ ”' : '‘ ’';
          report({ ...spanOf(seg, i), message: `中文引号应使用「${pair}」，不用直引号「${ch}」` });
        } else if (CORNER[ch]) {
          report({ ...spanOf(seg, i), message: `引号应使用「${CORNER[ch]}」，不用「${ch}」` });
        }
      }
    }
  },
};
