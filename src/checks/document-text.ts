// The text the text rules read: the model's headings, paragraphs and table cells, each with
// where its characters came from (model/sources.ts: the content file, a template, a batch
// record's data cell), and the front matter's prose (field-text.ts). One parse: the same
// markdown-it tokens that built the model placed its text.

import { DiagnosticBag } from '../diagnostics/diagnostic.js';
import { markdownToBlocks } from '../model/markdown.js';
import { LevelCounter } from '../model/numbering.js';
import { textSourceOf, type TextSource } from '../model/sources.js';
import type { Block, DocumentModel } from '../model/types.js';
import type { SourceFile } from '../source/types.js';
import { fieldSegments, type ValueAt } from './field-text.js';
import { valuesOf } from '../template/engine.js';
import { maskAddresses, spaces, type Segment } from './segments.js';

function segmentOf(src: TextSource | undefined, part: number, level?: number): Segment | undefined {
  if (!src || src.code || src.spans.length === 0) return undefined;
  let text = src.text;
  for (const [a, b] of src.masked) text = text.slice(0, a) + spaces(text.slice(a, b)) + text.slice(b);
  const first = src.spans[0];
  const seg: Segment = { text: maskAddresses(text), raw: src.text, spans: src.spans, where: 'body', part, indent: first.cell ? 0 : first.column - 1 };
  if (src.depth) seg.heading = src.depth;
  if (src.marker) seg.marker = src.marker;
  if (src.links) seg.links = src.links;
  if (level) seg.level = level;
  return seg;
}

function blockSegments(b: Block, part: number): Segment[] {
  if (b.type === 'heading' || b.type === 'paragraph') {
    const level = b.type === 'heading' ? (b.number ? b.level : undefined) : b.numberLevel;
    const s = segmentOf(textSourceOf(b), part, level);
    return s ? [s] : [];
  }
  if (b.type === 'table') {
    const out: Segment[] = [];
    for (const row of b.rows) {
      for (const cell of row) {
        for (const runs of cell?.paragraphs ?? []) {
          const s = segmentOf(textSourceOf(runs), part);
          if (s) out.push(s);
        }
      }
    }
    return out;
  }
  return [];
}

/**
 * A block shared by a batch's documents (frozen: kinds/shared-parts.ts, the annex list every
 * record attaches) is read once: its segments are the same objects in every document, so what
 * the rules keep by segment (writtenNumber) is found again. Its 160 cells were read anew for
 * each record, 0.2 ms of a 2.3 ms compile.
 */
const byBlock = new WeakMap<Block, { part: number; segments: Segment[] }>();

function sharedBlockSegments(b: Block, part: number): Segment[] {
  if (!Object.isFrozen(b)) return blockSegments(b, part);
  const kept = byBlock.get(b);
  if (kept && kept.part === part) return kept.segments;
  const segments = blockSegments(b, part);
  for (const s of segments) Object.freeze(s);
  byBlock.set(b, { part, segments });
  return segments;
}

const byModel = new WeakMap<DocumentModel, Segment[]>();

/**
 * The document's text, in reading order: every heading, paragraph and table cell the Markdown
 * parser made (the content files' and the templates'). Blocks a kind built from front-matter
 * values (标题, 主送, 署名) are read at those values (fieldSegments). Each annex is a new part.
 */
export function documentSegments(model: DocumentModel): Segment[] {
  let out = byModel.get(model);
  if (out) return out;
  out = [];
  let part = 0;
  for (const section of model.sections) {
    if (section.part === 'annex') part++;
    // A loop, not push(...): a 100,000-row list's cells overflowed the call stack as arguments.
    for (const b of section.blocks) for (const seg of sharedBlockSegments(b, part)) out.push(seg);
  }
  byModel.set(model, out);
  return out;
}

const bySource = new WeakMap<SourceFile, Segment[]>();

/** The body of one content file parsed on its own (a file checked without its document). */
export function sourceBodySegments(source: SourceFile): Segment[] {
  let out = bySource.get(source);
  if (out) return out;
  const blocks = markdownToBlocks(source.body, {
    file: source.path,
    firstLine: source.bodyLine,
    bag: new DiagnosticBag(source.path),
    sequence: 0,
    counter: new LevelCounter(),
    ids: { next: 0 },
  });
  out = blocks.flatMap((b) => blockSegments(b, 0));
  bySource.set(source, out);
  return out;
}

const fieldsBySource = new WeakMap<SourceFile, Segment[]>();

/** The context's text: the front matter's prose, then the body's (the model's, or the file's parsed). */
export function segments(ctx: { source: SourceFile; body?: Segment[]; valueAt?: ValueAt; record?: Record<string, unknown> }): Segment[] {
  // Ten rules ask for them in one run of the checks (one context): joined once.
  let all = byContext.get(ctx);
  if (all) return all;
  // A batch record's source is its own object (compile.ts binds the front matter per record).
  let fields = fieldsBySource.get(ctx.source);
  if (!fields) fieldsBySource.set(ctx.source, (fields = fieldSegments(ctx.source, ctx.valueAt, ctx.record && valuesOf({ ...ctx.source.data, ...ctx.record }))));
  all = [...fields, ...bodySegments(ctx)];
  byContext.set(ctx, all);
  return all;
}
const byContext = new WeakMap<object, Segment[]>();

/** The body's text only. */
export function bodySegments(ctx: { source: SourceFile; body?: Segment[] }): Segment[] {
  return ctx.body ?? sourceBodySegments(ctx.source);
}
