// heading-number-style: 结构层次序数 are written 一、 （一） 1. （1） (GB/T 9704 §7.3.3; spec
// rule 8): flags （一）、 1、 一. 1） (1) (一) and 1． as typed by the author.

import type { Rule } from '../types.js';
import { bodySegments } from '../document-text.js';
import { writtenNumber } from './heading-numbers.js';

export const headingNumberStyle: Rule = {
  id: 'heading-number-style',
  defaultSeverity: 'warning',
  description: 'heading numbers are written 一、 （一） 1. （1）, not （一）、 1、 一. 1） (1)',
  run(ctx, report) {
    for (const seg of bodySegments(ctx)) {
      const n = writtenNumber(seg);
      if (!n || n.listMarker || !n.standard) continue;
      // A heading's number of another level's style is heading-number-level's (model/markdown.ts).
      if (seg.heading && n.level >= 1 && n.level <= 4 && n.level !== seg.heading) continue;
      const written = n.text.trim();
      report({ ...n.place, message: `序号「${written}」应写作「${n.standard}」` });
    }
  },
};
