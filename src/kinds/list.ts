// kind: list — a name list (名单) from data (CSV, XLSX, YAML, JSON or inline rows): an annex
// page of a notice, or a document on its own.

import { dirname, relative } from 'node:path';
import type { SourceFile } from '../source/types.js';
import { FieldReader } from './fields.js';
import { LIST_SCHEMA as S } from '../source/front-matter.js';
import type { PartContext } from './compose.js';
import { annexablePart } from './annex.js';
import type { AnnexOptions, KindResult, KindServices } from './kind.js';
import { loadRecords } from '../data/index.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { buildListTable } from './list-table.js';
import type { Block, TableBlock } from '../model/types.js';
import { setTextSource } from '../model/sources.js';
import { resolveInside } from '../source/paths.js';

export async function compileListKind(source: SourceFile, ctx: PartContext, _services: KindServices, annex?: AnnexOptions): Promise<KindResult> {
  const f = new FieldReader(source, ctx.bag);
  const ownTitle = f.field('title', { ...S.title, required: !annex });
  const title = annex?.title ?? ownTitle ?? '';
  const orientation = f.field('orientation', S.orientation) ?? 'portrait';

  let records: Record<string, string>[] = [];
  let columns: string[] = [];
  let dataFailed = false;
  let cellsAt: { file: string; rowNumbers: number[] } | undefined;
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
      const loaded = await (ctx.reads ? ctx.reads.records.bind(ctx.reads) : loadRecords)(relative(ctx.projectDir, abs), { projectDir: ctx.projectDir, sheet: f.field('sheet', S.sheet) });
      for (const d of loaded.diagnostics) ctx.bag.items.push(d);
      dataFailed = hasErrors(loaded.diagnostics);
      records = loaded.records;
      columns = loaded.columns;
      cellsAt = { file: loaded.file, rowNumbers: loaded.rowNumbers };
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
  for (const d of built.diagnostics) if (!dataFailed || (d.ruleId !== 'list-empty' && !d.message.startsWith('数据中没有「'))) ctx.bag.items.push(d);
  if (cellsAt) placeCells(built.table, records, columns, cellsAt);
  const table: Block = built.table;

  return annexablePart('list', source, ctx, f, { title, orientation, annex, extra: { 'list-table': () => [table] } });
}

/**
 * The name list's cells are read by the text rules like body text (a half-width comma in a
 * name), each at its data cell — the file's row and the field's column, as a batch record's
 * values are (data/bases.csv:5:2). A data row is a table row after the head; a cell is the
 * record's field whose value it shows (merged cells show their first record's).
 */
function placeCells(table: TableBlock, records: Record<string, string>[], columns: string[], at: { file: string; rowNumbers: number[] }): void {
  table.rows.slice(table.headerRows).forEach((row, r) => {
    const record = records[r];
    if (!record) return;
    for (const cell of row) {
      if (!cell) continue;
      const text = cell.paragraphs.map((p) => p.map((run) => run.text).join('')).join('\n');
      const field = columns.find((c) => record[c] !== '' && record[c] === text);
      if (field === undefined) continue;
      const column = columns.indexOf(field) + 1;
      for (const runs of cell.paragraphs) {
        const line = runs.map((run) => run.text).join('');
        if (line) setTextSource(runs, { text: line, spans: [{ from: 0, to: line.length, file: at.file, line: at.rowNumbers[r], column, cell: true, field }], masked: [] });
      }
    }
  });
}
