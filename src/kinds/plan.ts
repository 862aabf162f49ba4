// kind: plan — a development plan (发展规划) written for an outline (提纲): a cover page, a
// contents page and the body, whose unnumbered Markdown headings are the outline's sections
// (gongwen numbers them 一、（一）1.（1）). The outline itself is checked in the checks stage;
// here it is only resolved, so that a wrong name is reported at the `outline` field.
//
// Three small templates (cover.hbs, toc.hbs, plan.hbs) rather than one split at page breaks:
// each part is its own section (no page numbers on the cover and contents), and a page break
// the author writes in the body stays a page break.

import type { SourceFile } from '../source/types.js';
import type { Block, Section } from '../model/types.js';
import { resolveOutline } from '../checks/outline/resolve.js';
import { FieldReader } from './fields.js';
import { chineseDate } from '../util/dates.js';
import { PLAN_SCHEMA as S } from '../source/front-matter.js';
import { bodyBlocks, composePart, type PartContext } from './compose.js';
import type { KindResult, KindServices } from './kind.js';

/** Headings listed on the contents page: 一、 and （一）. */
export const PLAN_TOC_DEPTH = 2;

export async function compilePlanKind(source: SourceFile, ctx: PartContext, _services: KindServices): Promise<KindResult> {
  const f = new FieldReader(source, ctx.bag);
  const title = f.field('title', S.title) ?? '';
  const author = f.field('author', S.author);
  const iso = f.field('date', S.date);
  const { outline, diagnostics } = await resolveOutline(source, ctx.projectDir);
  ctx.bag.items.push(...diagnostics);

  const view = {
    ...source.data,
    ...(ctx.record ?? {}),
    title,
    author: author ?? null,
    // Already in 成文日期 form, so templates need no helper (cnDate would leave it as is).
    date: iso ? chineseDate(iso) : null,
    tocTitle: '目　录',
    tocDepth: PLAN_TOC_DEPTH,
  };
  const cover = await composePart('plan', view, [], ctx, {}, 'cover');
  const toc = await composePart('plan', view, [], ctx, {}, 'toc');
  const body = bodyBlocks(source, ctx);
  const main = await composePart('plan', view, body, ctx);

  const section = (part: Section['part'], blocks: Block[], pageNumbers: boolean): Section => ({ orientation: 'portrait', pageNumbers, part, blocks });
  const sections: Section[] = [];
  // A project's template may leave out the cover or the contents: then so does the document.
  if (cover.length) sections.push(section('cover', cover, false));
  if (toc.length) sections.push(section('toc', toc, false));
  sections.push(section('body', main, true));
  f.checkSpelling();
  return {
    sections,
    appendPdfs: [],
    sources: [source],
    meta: { title, author, date: iso, lang: 'zh-CN' },
    outline,
  };
}
