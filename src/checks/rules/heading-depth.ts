// heading-depth: headings use the four levels of GB/T 9704 §7.3.3 (# 一、 to #### （1）). A
// ##### heading is kept as a body paragraph by the parser (its text is not lost) and reported
// here, at its line.

import type { Rule } from '../types.js';
import { bodySegments } from '../document-text.js';
import { spanOf } from '../segments.js';

export const headingDepth: Rule = {
  id: 'heading-depth',
  defaultSeverity: 'error',
  description: 'headings use the four levels # to ####',
  run(ctx, report) {
    for (const seg of bodySegments(ctx)) {
      const depth = seg.heading ?? 0;
      if (depth <= 4) continue;
      report({ ...spanOf(seg, 0), column: 1, message: `${'#'.repeat(depth)} 是第 ${depth} 层标题，公文只有四层（一、（一）1.（1））：改用 #### 或写成正文段落` });
    }
  },
};
