// The checks stage of the pipeline: every rule on every content file that went into the
// document (the notice and its annexes), with the project's configured severities.

import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { loadCheckConfig, runChecks, type CheckConfig, type Outline } from '../checks/index.js';
import type { DocumentModel } from '../model/types.js';
import type { SourceFile } from '../source/types.js';
import { modelSegments, type RecordOrigin } from '../checks/model-text.js';

/** Every string in front-matter data. */
function stringsOf(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(stringsOf);
  if (v && typeof v === 'object') return Object.values(v).flatMap(stringsOf);
  return [];
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
  record?: RecordOrigin,
  /** The model whose text the text rules read, even when it has errors (a record's slips still count). */
  textModel: DocumentModel | undefined = model,
): Promise<Diagnostic[]> {
  const { config } = await projectCheckConfig(projectDir);
  // gongwen.yaml may change an outline's minimum 字数 (outlines: { name: { minWords: N } }).
  const set = outline && config.outlines?.[outline.name];
  if (outline && set?.minWords !== undefined) outline = { ...outline, minWords: set.minWords };
  const out: Diagnostic[] = [];
  // The document's text that no content file holds (templates, a batch record's values).
  const extra = textModel
    ? modelSegments(textModel, { contentFiles: new Set(sources.map((s) => s.path)), frontValues: sources.flatMap((s) => stringsOf(s.data)), record })
    : undefined;
  sources.forEach((source, i) => {
    const kind = typeof source.data.kind === 'string' ? source.data.kind : '';
    // The model and outline belong to the main file; annexes get the text rules.
    out.push(...runChecks({ source, model: i === 0 ? model : undefined, kind, config, outline: i === 0 ? outline : undefined, extra: i === 0 ? extra : undefined }));
  });
  return out;
}
