// The outline rules: one id each (so that gongwen.yaml can set each one's severity), all
// reading the one analysis of analyse.ts. They need the model and an outline; without them
// they do nothing.

import type { Rule } from '../types.js';
import { analyse, type Finding } from './analyse.js';

function outlineRule(id: Finding['rule'], defaultSeverity: Rule['defaultSeverity'], description: string): Rule {
  return {
    id,
    defaultSeverity,
    description,
    run(ctx, report) {
      if (!ctx.model || !ctx.outline) return;
      // A finding about the whole (wordcount-min without a chapter heading) points at the
      // front matter's `outline`, which is what asked for the minimum.
      const field = ctx.source.placeOf(['outline']);
      for (const f of analyse(ctx.model, ctx.outline).findings) {
        if (f.rule !== id) continue;
        if (f.place) report({ line: f.place.line, column: f.place.column, file: f.place.file, message: f.message });
        else report({ line: field.line, column: field.column, message: f.message });
      }
    },
  };
}

export const outlineMissing = outlineRule('outline-missing', 'error', 'every required section of the outline is there');
export const outlineOrder = outlineRule('outline-order', 'warning', 'sections come in the outline\'s order and under the right chapter');
export const outlineEmpty = outlineRule('outline-empty', 'warning', 'no section of the outline is left without text');
export const outlineSectionMin = outlineRule('outline-section-min', 'warning', 'a section reaches its minimum 字数');
export const outlineUnknown = outlineRule('outline-unknown', 'warning', 'headings are sections the outline knows');
export const wordcountMin = outlineRule('wordcount-min', 'error', 'the whole text reaches the outline\'s minimum 字数 (不少于10000字)');
