// kind: annex — a plain annex page: a title and a Markdown body. Inside a notice it gets the
// label 附件/附件N on line 1 and the title on line 3; on its own it is a titled document.

import type { SourceFile } from '../source/types.js';
import { FieldReader } from './fields.js';
import { ANNEX_SCHEMA as S } from '../source/front-matter.js';
import { bodyBlocks, composePart, type PartContext } from './compose.js';
import type { AnnexOptions, KindResult, KindServices } from './kind.js';

export async function compileAnnexKind(source: SourceFile, ctx: PartContext, _services: KindServices, annex?: AnnexOptions): Promise<KindResult> {
  const f = new FieldReader(source, ctx.bag);
  const ownTitle = f.field('title', { ...S.title, required: !annex });
  const title = annex?.title ?? ownTitle ?? '';
  if (annex && ownTitle && ownTitle !== annex.title) {
    f.warn(['title'], `附件标题「${ownTitle}」与通知中的附件名称「${annex.title}」不同，采用通知中的：把两处写成一样`, 'attachment-note');
  }
  const orientation = f.field('orientation', S.orientation) ?? 'portrait';
  const view = { ...source.data, ...(ctx.record ?? {}), label: annex?.label ?? null, title };
  const body = bodyBlocks(source, ctx);
  const blocks = await composePart('annex', view, body, ctx);
  f.checkSpelling();
  return {
    sections: [{ orientation, pageNumbers: true, part: annex ? 'annex' : 'body', blocks }],
    appendPdfs: [],
    sources: [source],
    meta: { title, lang: 'zh-CN', date: undefined },
  };
}
