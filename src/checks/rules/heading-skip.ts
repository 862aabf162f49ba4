// heading-skip: no heading level is skipped (# then ###): the numbers gongwen draws would
// jump from 一、 to 1. with no （一） between. Read in document order over the template's
// headings and the content's (an application's chapter 二、 stands in its template, the
// content's ## under it); each annex starts again. Headings in the author's own scheme
// (第一章) are not numbered by gongwen and not counted.

import type { Rule } from '../types.js';
import { bodySegments } from '../document-text.js';
import { spanOf } from '../segments.js';

export const headingSkip: Rule = {
  id: 'heading-skip',
  defaultSeverity: 'warning',
  description: 'no heading level is skipped',
  run(ctx, report) {
    let prev = 0;
    let part = 0;
    for (const seg of bodySegments(ctx)) {
      if (seg.part !== part) {
        part = seg.part;
        prev = 0;
      }
      const level = seg.heading;
      if (!level || level > 4 || seg.level === undefined) continue;
      if (level > prev + 1 && level > 1) {
        const message = `${'#'.repeat(level)} 标题前没有${prev ? ` ${'#'.repeat(level - 1)} 标题（跳过了一层）` : '上一层标题'}：改为 ${'#'.repeat(prev + 1)}，或补上缺少的一层`;
        report({ ...spanOf(seg, 0), column: 1, message });
      }
      prev = level;
    }
  },
};
