// An annex part that every record of a batch attaches alike — the seed notice's 52-row list —
// compiled once a batch instead of once a record. The list's table, its template's Markdown and
// gw blocks, and its spelling check took 1.2 ms of a record's 3.4 ms compile (warm batch of the
// bench notice, 2 cores); the layout and the writers then meet the very same block objects in
// every document and keep what they made of them (identity memos).
//
// A part is the same when its inputs are: the annex's content file and the list's data (the
// batch's shared reads, frozen: the same objects for every record), its label, title and
// sequence, where the document's heading ids and figure numbers stand when it starts, and its
// template. A batch record reaches a part only through the template's and the body's fields
// (a {{field}} of the record, or a value checked at the record's data cell): a part whose
// template and body name none of the record's fields is kept; one that does is built each
// time. What is kept is frozen, so a later stage that changed it fails loudly instead of
// changing the documents after it.

import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Block, Section } from '../model/types.js';
import { textSourceOf } from '../model/sources.js';
import type { SourceFile } from '../source/types.js';
import { fieldsRead, loadKindTemplate, type FieldsRead } from '../template/engine.js';

/** A part as compiled: its sections, what it said, and how many ids and figures it used. */
export interface KeptPart {
  sections: Section[];
  diagnostics: Diagnostic[];
  ids: number;
  figures: number;
}

/** What decides a part besides its content file (the same object for every record of a batch). */
export interface PartInputs {
  kind: string;
  label: string;
  title: string;
  sequence: number;
  /** The document's heading ids and figures used before the part. */
  ids: number;
  figures: number;
  blank?: boolean;
  /** The batch record; a part reading one of its fields is not kept. */
  record?: Record<string, unknown>;
}

type TemplateLoader = (projectDir: string, kind: string) => Promise<{ fn: unknown; fields: FieldsRead }>;

export class SharedParts {
  constructor(private readonly loadTemplate: TemplateLoader = loadKindTemplate) {}

  /** The last part kept per content file: a batch attaches one version of it (one key). */
  private readonly last = new WeakMap<SourceFile, { key: string; template: unknown; part: KeptPart }>();
  private readonly bodyFields = new WeakMap<SourceFile, FieldsRead>();

  /**
   * Compiles the part with `build`, or gives the kept one when its inputs are those of the
   * last; `build` answers the part and its diagnostics, or undefined (not kept).
   */
  async part(source: SourceFile, projectDir: string, inputs: PartInputs, build: () => Promise<KeptPart | undefined>): Promise<KeptPart | undefined> {
    // Only content read once for the batch is the same object from record to record.
    if (!Object.isFrozen(source)) return build();
    let template;
    try {
      template = await this.loadTemplate(projectDir, inputs.kind);
    } catch {
      return build(); // the kind reports it
    }
    if (this.readsRecord(source, template.fields, inputs.record)) return build();
    const { record: _record, ...rest } = inputs;
    const key = JSON.stringify(rest);
    const hit = this.last.get(source);
    if (hit && hit.key === key && hit.template === template.fn) return hit.part;
    const part = await build();
    if (part) {
      deepFreeze(part.sections);
      Object.freeze(part.diagnostics);
      this.last.set(source, { key, template: template.fn, part: Object.freeze(part) });
    }
    return part;
  }

  private readsRecord(source: SourceFile, template: FieldsRead, record: Record<string, unknown> | undefined): boolean {
    if (!record) return false;
    let body = this.bodyFields.get(source);
    if (!body) this.bodyFields.set(source, (body = fieldsRead(source.body)));
    if (template === 'any' || body === 'any') return true;
    for (const k of Object.keys(record)) if (template.has(k) || body.has(k)) return true;
    return false;
  }
}

/**
 * The blocks of a batch's documents that come out alike from record to record — the notice's
 * paragraphs and headings after the one a record fills — as one object each: the first
 * document's, frozen. A block is the last document's block at its place when it is alike: the
 * same JSON, and its text from the same places (model/sources.ts, which the checks read), so a
 * block whose text stands at the record's data cell is its record's own. The layout and the
 * writers, keeping what they made of a block by the object, meet it again in every document.
 * Compared in place, not keyed by its JSON: making the keys took 0.25 ms of a 2.6 ms compile.
 * Keeps one document's blocks.
 */
export class SharedBlocks {
  private last: Block[][] = [];

  /** Replaces each block of the model's own sections by the last document's block there when alike. */
  intern(sections: Section[]): void {
    sections.forEach((section, s) => {
      if (Object.isFrozen(section)) return;
      const last = this.last[s] ?? [];
      section.blocks = section.blocks.map((b, k) => {
        const c = last[k];
        if (!c || c === b || !INTERNED.has(b.type) || (b.type === 'signature' && b.seal)) return b;
        if (!jsonEqual(b, c) || !jsonEqual(textSourceOf(b), textSourceOf(c))) return b;
        deepFreeze(c);
        return c;
      });
      this.last[s] = section.blocks;
    });
    this.last.length = sections.length;
  }
}

/** Whether JSON.stringify would write `a` and `b` alike (plain data: no functions, no cycles). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return typeof a === 'number' && typeof b === 'number' && !Number.isFinite(a) && !Number.isFinite(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) return false;
  if (Array.isArray(a)) {
    const y = b as unknown[];
    if (a.length !== y.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i] ?? null, y[i] ?? null)) return false;
    return true;
  }
  // Key by key in order, as JSON writes them (the PDF's /ID hashes the model's JSON).
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const kx = Object.keys(x);
  const ky = Object.keys(y);
  let j = 0;
  for (const k of kx) {
    if (x[k] === undefined) continue;
    while (j < ky.length && y[ky[j]] === undefined) j++;
    if (j === ky.length || ky[j] !== k || !jsonEqual(x[k], y[k])) return false;
    j++;
  }
  while (j < ky.length && y[ky[j]] === undefined) j++;
  return j === ky.length;
}

/** Blocks whose text source is the block's own (a table's is its cells'; a figure and a sealed signature hold bytes). */
const INTERNED = new Set<Block['type']>(['heading', 'paragraph', 'title', 'recipients', 'attachmentNote', 'signature', 'note', 'annexLabel', 'redHeader', 'pageBreak']);

/**
 * Arrays are frozen under the tests only. A frozen array is another kind of array to V8, and
 * the layout that reads the shared blocks slowed down threefold for it (layout of the DOCX 0.7
 * → 2.9 ms a document, the frames 1.4×, paired); frozen objects cost nothing measurable. The
 * tests, which build batches with every kind of part, would catch a stage that pushed into one.
 */
const FREEZE_ARRAYS = process.env.VITEST !== undefined;

/** Freezes a model's objects; image bytes (typed arrays cannot be frozen) stay as they are. */
export function deepFreeze(v: unknown): void {
  if (!v || typeof v !== 'object' || Object.isFrozen(v) || ArrayBuffer.isView(v)) return;
  if (FREEZE_ARRAYS || !Array.isArray(v)) Object.freeze(v);
  for (const x of Object.values(v)) deepFreeze(x);
}
