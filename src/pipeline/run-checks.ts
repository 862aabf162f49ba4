// The checks stage of the pipeline: every rule on every content file that went into the
// document (the notice and its annexes), with the project's configured severities.

import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { loadCheckConfig, runChecks, type CheckConfig, type Outline } from '../checks/index.js';
import type { DocumentModel } from '../model/types.js';
import type { SourceFile } from '../source/types.js';
import { documentSegments } from '../checks/document-text.js';
import type { ValueAt } from '../checks/field-text.js';

/** Where a batch record came from: its data file, its row, the file's columns in order. */
export interface RecordOrigin {
  file: string;
  row: number;
  columns: string[];
  values: Record<string, unknown>;
}

/** A record's fields at their data cells (line = the row, column = the field's column). */
export function recordCells(record: RecordOrigin): ValueAt {
  return (field) => (Object.prototype.hasOwnProperty.call(record.values, field) ? { file: record.file, line: record.row, column: record.columns.indexOf(field) + 1 || 1 } : undefined);
}

const configs = new Map<string, Promise<{ config: CheckConfig; diagnostics: Diagnostic[] }>>();

/** gongwen.yaml of a project, read once per process. Its own problems are reported once. */
export function projectCheckConfig(projectDir: string): Promise<{ config: CheckConfig; diagnostics: Diagnostic[] }> {
  let c = configs.get(projectDir);
  if (!c) configs.set(projectDir, (c = loadCheckConfig(projectDir)));
  return c;
}

export async function checkSources(
  sources: SourceFile[],
  model: DocumentModel | undefined,
  projectDir: string,
  outline?: Outline,
  /** A batch record's values, and where they are (its data cells) when known. */
  record?: { values: Record<string, unknown>; cells?: ValueAt },
  /** The model whose text the text rules read, even when it has errors (a record's slips still count). */
  textModel: DocumentModel | undefined = model,
): Promise<Diagnostic[]> {
  const { config } = await projectCheckConfig(projectDir);
  // gongwen.yaml may change an outline's minimum 字数 (outlines: { name: { minWords: N } }).
  const set = outline && config.outlines?.[outline.name];
  if (outline && set?.minWords !== undefined) outline = { ...outline, minWords: set.minWords };
  const out: Diagnostic[] = [];
  // The document's text (its content files', its templates', a batch record's values), read
  // with the main file; an annex's front matter with the annex.
  const body = textModel ? documentSegments(textModel) : undefined;
  const valueAt = record?.cells;
  sources.forEach((source, i) => {
    const kind = typeof source.data.kind === 'string' ? source.data.kind : '';
    // The model and outline belong to the main file.
    const main = i === 0;
    for (const d of runChecks({ source, model: main ? model : undefined, kind, config, outline: main ? outline : undefined, body: main ? body : body && [], valueAt: main ? valueAt : undefined, record: main ? record?.values : undefined })) out.push(d);
  });
  return out;
}
