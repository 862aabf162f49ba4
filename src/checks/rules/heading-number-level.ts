// heading-number-level: a number the author typed belongs to the level it is typed at. The
// model drops any typed number and draws its own (a heading never shows two: "（一）1、发展定位"
// was the Shanxi notice's), so a number typed in another level's style ("## 1、发展定位": 1. is
// the third level) says which level it belongs to: write ###, or drop the number.

import type { Rule } from '../types.js';
import { bodySegments } from '../document-text.js';
import { spanOf } from '../segments.js';
import { LEVEL_NAMES, typedNumber } from '../../model/numbering.js';
import type { HeadingLevel } from '../../model/types.js';

export const headingNumberLevel: Rule = {
  id: 'heading-number-level',
  defaultSeverity: 'warning',
  description: 'a typed heading number belongs to the heading level',
  run(ctx, report) {
    for (const seg of bodySegments(ctx)) {
      if (!seg.level || seg.level > 4) continue;
      const level = seg.level as HeadingLevel;
      const found = typedNumber(level, seg.raw);
      if (!found || found.level === level) continue;
      const heading = seg.heading !== undefined;
      const where = heading ? `这里是${LEVEL_NAMES[level].slice(0, 3)}标题（${'#'.repeat(level)}）` : `这里是${LEVEL_NAMES[level].slice(0, 3)}的编号项`;
      const fix = heading ? `改用 ${'#'.repeat(found.level)} 标题，或删去「${found.typed}」由 gongwen 编号` : `删去「${found.typed}」由 gongwen 编号`;
      const at = seg.raw.length - seg.raw.trimStart().length;
      report({ ...spanOf(seg, at, found.typed.length), message: `「${found.typed}」是${LEVEL_NAMES[found.level]}的序号，${where}：${fix}` });
    }
  },
};
