// What every kind does: bind the content's body (itself a Handlebars template, so batch
// records can fill it), parse it to blocks, and lay it into the kind's template, which owns
// the document's structure through gw blocks.

import type { SharedReads } from './shared-reads.js';
import type { DiagnosticBag } from '../diagnostics/diagnostic.js';
import { DiagnosticError } from '../diagnostics/diagnostic.js';
import { markdownToBlocks } from '../model/markdown.js';
import type { LevelCounter } from '../model/numbering.js';
import type { Block } from '../model/types.js';
import { gwHandler, type ExtraGwHandler } from '../model/gw-blocks.js';
import type { SourceFile } from '../source/types.js';
import { compileTemplateMapped, escapeForMarkdown, loadKindTemplate, plainOutput, type MappedOutput } from '../template/engine.js';
import { displayPath } from '../source/paths.js';
import { dirname } from 'node:path';

export interface PartContext {
  projectDir: string;
  bag: DiagnosticBag;
  counter: LevelCounter;
  ids: { next: number };
  sequence: number;
  /** Fields of a batch record, visible to the template and the body. */
  record?: Record<string, unknown>;
  /** A batch's group of rows: a list shows these instead of loading its own `data`. */
  rows?: { records: Record<string, string>[]; columns: string[] };
  /** Figures numbered through the document (图1, 图2, …), annexes included. */
  figures?: { next: number };
  /** `gongwen build --blank`: the empty official form (kind application). */
  blank?: boolean;
  /** Where a batch record's field is (data file, row, column), for the checks' positions. */
  valueAt?: (field: string) => { file: string; line: number; column: number } | undefined;
  /** A batch's files read once for all its records (annex content files, list data). */
  reads?: SharedReads;
}

/** Runs a stage, turning its DiagnosticError into diagnostics in the bag. */
export function collect<T>(bag: DiagnosticBag, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (err) {
    if (err instanceof DiagnosticError) {
      bag.items.push(...err.diagnostics);
      return undefined;
    }
    throw err;
  }
}

/** The body Markdown of a content file, with `{{field}}` bound when it uses any, and the file line of each of its lines. */
export function bindBody(source: SourceFile, ctx: PartContext): MappedOutput | undefined {
  if (!source.body.includes('{{')) return plainOutput(source.body, source.path, source.bodyLine);
  return collect(ctx.bag, () => {
    const fn = compileTemplateMapped(source.body, source.path, source.bodyLine);
    return fn(escapeForMarkdown({ ...source.data, ...(ctx.record ?? {}) }));
  });
}

/** What the body's blocks and the template's share: one bag, one numbering, the record's places. */
const documentWide = (ctx: PartContext) => ({ valueAt: ctx.valueAt, bag: ctx.bag, sequence: ctx.sequence, counter: ctx.counter, ids: ctx.ids });

export function bodyBlocks(source: SourceFile, ctx: PartContext, startLevel?: number): Block[] {
  const body = bindBody(source, ctx);
  if (body === undefined) return [];
  return markdownToBlocks(body.text, {
    file: source.path,
    firstLine: source.bodyLine,
    output: body,
    ...documentWide(ctx),
    figures: { projectDir: ctx.projectDir, baseDir: dirname(source.absPath), count: (ctx.figures ??= { next: 0 }) },
    startLevel,
  });
}

/**
 * Renders templates/<kind>/<name>.hbs with `view` and parses the result. The template's
 * ```gw:body block is replaced by the content's own body blocks; `extra` adds other blocks.
 */
export async function composePart(
  kind: string,
  view: Record<string, unknown>,
  body: Block[],
  ctx: PartContext,
  extra: Record<string, ExtraGwHandler> = {},
  templateName = kind,
): Promise<Block[]> {
  const tpl = await (ctx.reads ? ctx.reads.template(ctx.projectDir, kind, templateName) : loadKindTemplate(ctx.projectDir, kind, templateName)).catch((err) => {
    if (err instanceof DiagnosticError) {
      ctx.bag.items.push(...err.diagnostics);
      return undefined;
    }
    throw err;
  });
  if (!tpl) return [];
  const out = collect(ctx.bag, () => tpl.fn(view));
  if (out === undefined) return [];
  // Messages about the output (a bad gw block in a project's template override) point at the
  // .hbs line that produced it, not at the line of the rendered text.
  return markdownToBlocks(out.text, {
    file: displayPath(tpl.path),
    firstLine: 1,
    output: out,
    template: true,
    ...documentWide(ctx),
    gw: gwHandler(ctx.bag, { body: () => body, ...extra }),
  });
}
