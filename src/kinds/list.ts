// kind: list — a name list (名单) from data (CSV, XLSX, YAML, JSON or inline rows): an annex
// page of a notice, or a document on its own.

import { dirname, relative } from 'node:path';
import type { SourceFile } from '../source/types.js';
import { FieldReader } from './fields.js';
import { LIST_SCHEMA as S } from './schema.js';
import { bodyBlocks, composePart, type PartContext } from './compose.js';
import type { AnnexOptions, KindResult, KindServices } from './kind.js';
import { loadRecords } from '../data/index.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { buildListTable } from './list-table.js';
import type { Block } from '../model/types.js';
import { resolveInside } from '../source/paths.js';

export async function compileListKind(source: SourceFile, ctx: PartContext, _services: KindServices, annex?: AnnexOptions): Promise<KindResult> {
  const f = new FieldReader(source, ctx.bag);
  const ownTitle = f.field('title', { ...S.title, required: !annex });
  const title = annex?.title ?? ownTitle ?? '';
  const orientation = f.field('orientation', S.orientation) ?? 'portrait';

  let records: Record<string, string>[] = [];
  let columns: string[] = [];
  let dataFailed = false;
  const dataPath = f.field('data', S.data);
  const inline = f.field('rows', S.rows);
  if (ctx.rows) {
    records = ctx.rows.records;
    columns = ctx.rows.columns;
  } else if (dataPath) {
    const abs = resolveInside(ctx.projectDir, dataPath, dirname(source.absPath));
    if (!abs) {
      f.error(['data'], `数据文件「${dataPath}」在项目文件夹之外：把它放进项目文件夹`, 'data');
      dataFailed = true;
    } else {
      const loaded = await loadRecords(relative(ctx.projectDir, abs), { projectDir: ctx.projectDir, sheet: f.field('sheet', S.sheet) });
      ctx.bag.items.push(...loaded.diagnostics);
      dataFailed = hasErrors(loaded.diagnostics);
      records = loaded.records;
      columns = loaded.columns;
    }
  } else if (Array.isArray(inline)) {
    records = inline.map((r) => Object.fromEntries(Object.entries((r ?? {}) as Record<string, unknown>).map(([k, v]) => [k, v == null ? '' : String(v)])));
    columns = [...new Set(records.flatMap((r) => Object.keys(r)))];
  } else {
    f.error(['data'], '名单需要数据：写 data: 数据文件（CSV、XLSX、YAML 或 JSON），或在文件头写 rows:', 'data');
  }

  const place = source.placeOf(['data']);
  const built = buildListTable(records, columns, source.data as never, { file: source.path, line: place.line, column: place.column }, orientation);
  // Data that could not be read has no columns and no rows: saying so for every column named
  // in the front matter adds nothing to the data file's own error.
  ctx.bag.items.push(...built.diagnostics.filter((d) => !dataFailed || (d.ruleId !== 'list-empty' && !d.message.startsWith('数据中没有「'))));
  const table: Block = built.table;

  const view = { ...source.data, ...(ctx.record ?? {}), label: annex?.label ?? null, title };
  const body = bodyBlocks(source, ctx);
  const blocks = await composePart('list', view, body, ctx, { 'list-table': () => [table] });
  f.checkSpelling();
  return {
    sections: [{ orientation, pageNumbers: true, part: annex ? 'annex' : 'body', blocks }],
    appendPdfs: [],
    sources: [source],
    meta: { title, lang: 'zh-CN' },
  };
}
