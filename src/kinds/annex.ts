// kind: annex — a plain annex page: a title and a Markdown body. Inside a notice it gets the
// label 附件/附件N on line 1 and the title on line 3; on its own it is a titled document.

import type { SourceFile } from '../source/types.js';
import { FieldReader } from './fields.js';
import { ANNEX_SCHEMA as S } from '../source/front-matter.js';
import { bodyBlocks, composePart, type PartContext } from './compose.js';
import type { AnnexOptions, KindResult, KindServices } from './kind.js';
import type { ExtraGwHandler } from '../model/gw-blocks.js';
import type { Section } from '../model/types.js';

export async function compileAnnexKind(source: SourceFile, ctx: PartContext, _services: KindServices, annex?: AnnexOptions): Promise<KindResult> {
  const f = new FieldReader(source, ctx.bag);
  const ownTitle = f.field('title', { ...S.title, required: !annex });
  const title = annex?.title ?? ownTitle ?? '';
  if (annex && ownTitle && ownTitle !== annex.title) {
    f.warn(['title'], `附件标题「${ownTitle}」与通知中的附件名称「${annex.title}」不同，采用通知中的：把两处写成一样`, 'attachment-note');
  }
  const orientation = f.field('orientation', S.orientation) ?? 'portrait';
  return annexablePart('annex', source, ctx, f, { title, orientation, annex });
}

/**
 * A part that is a document of its own or an annex of a notice (kind annex; kind list, with
 * its table as `extra`): the kind's template over the front matter, the batch record and the
 * annex's label and title, with the content's body, in one section numbered on its pages.
 */
export async function annexablePart(
  kind: string,
  source: SourceFile,
  ctx: PartContext,
  f: FieldReader,
  part: { title: string; orientation: Section['orientation']; annex?: AnnexOptions; extra?: Record<string, ExtraGwHandler> },
): Promise<KindResult> {
  const view = { ...source.data, ...(ctx.record ?? {}), label: part.annex?.label ?? null, title: part.title };
  const body = bodyBlocks(source, ctx);
  const blocks = await composePart(kind, view, body, ctx, part.extra);
  f.checkSpelling();
  return {
    sections: [{ orientation: part.orientation, pageNumbers: true, part: part.annex ? 'annex' : 'body', blocks }],
    appendPdfs: [],
    sources: [source],
    meta: { title: part.title, lang: 'zh-CN' },
  };
}
