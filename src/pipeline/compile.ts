// Content file → document model (+ diagnostics): read, validate, template, parse. No rendering.

import { canonicalSource } from '../kinds/aliases.js';
import { DiagnosticBag, DiagnosticError, hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { LevelCounter } from '../model/numbering.js';
import type { DocumentModel } from '../model/types.js';
import { checkSources, projectCheckConfig, recordCells } from './run-checks.js';
import { configureDiagnostics, stopRuleIds } from '../checks/index.js';
import type { Outline } from '../checks/index.js';
import { readSource } from '../source/read.js';
import { nearestName } from '../util/nearest.js';
import type { SourceFile } from '../source/types.js';
import { displayPath } from '../source/paths.js';
import { compileTemplate } from '../template/engine.js';
import type { PartContext } from '../kinds/compose.js';
import type { AnnexOptions, KindCompiler, KindServices } from '../kinds/kind.js';
import type { SharedReads } from '../kinds/shared-reads.js';

// Each kind is loaded when a document of that kind is compiled: a notice does not load the
// application form's seven modules (~12 ms of a cold `check`).
export const KINDS: Record<string, KindCompiler> = {
  notice: async (s, c, sv) => (await import('../kinds/notice.js')).compileNotice(s, c, sv),
  annex: async (...a) => (await import('../kinds/annex.js')).compileAnnexKind(...a),
  list: async (...a) => (await import('../kinds/list.js')).compileListKind(...a),
  plan: async (s, c, sv) => (await import('../kinds/plan.js')).compilePlanKind(s, c, sv),
  application: async (s, c, sv) => (await import('../kinds/application.js')).compileApplicationKind(s, c, sv, { blank: c.blank }),
};

/** Kinds that may be attached to a notice as an annex page. */
const ANNEX_KINDS = new Set(['annex', 'list']);

export interface CompileOptions {
  projectDir: string;
  /** A batch record: its fields are visible to the templates and the body. */
  record?: Record<string, unknown>;
  /** Already-read source (batch reuses one parse for every record). */
  source?: SourceFile;
  /** Run the checks stage (default true). */
  checks?: boolean;
  /** Where `record` came from (data file, row, columns): checks report a record's text there. */
  origin?: { file: string; row: number; columns: string[] };
  /** A batch group's rows, shown by a list instead of its own data. */
  rows?: { records: Record<string, string>[]; columns: string[] };
  /** `--blank`: forms (kind application) come out empty, for filling in by hand. */
  blank?: boolean;
  /** A batch's files read once for all its records (annexes, list data). */
  reads?: SharedReads;
}

export interface CompileResult {
  file: string;
  kind?: string;
  /** Present when the content compiled; may come with errors from the checks (never render those). */
  model?: DocumentModel;
  diagnostics: Diagnostic[];
  sources: SourceFile[];
  /** The outline a plan follows (for 字数 statistics). */
  outline?: Outline;
}

function kindOf(source: SourceFile, bag: DiagnosticBag, allowed: string[]): string | undefined {
  const kind = source.data.kind;
  const p = source.placeOf(['kind']);
  if (kind === undefined) {
    bag.error('field-missing', `缺少必填字段「kind」（文种）：在文件头写 kind: ${allowed[0]}（可选 ${allowed.join('、')}）`, 1, 1, 'schema');
    return undefined;
  }
  if (typeof kind !== 'string' || !allowed.includes(kind)) {
    {
    const near = nearestName(String(kind), allowed);
    bag.error('field-value', `未知文种「${String(kind)}」：kind 写 ${allowed.join('、')} 之一${near ? `（是否应为「${near}」？）` : ''}`, p.line, p.column, 'schema');
    }
    return undefined;
  }
  return kind;
}

/**
 * In a batch, front-matter text may use the record's fields too (title: {{省市}}名单):
 * every string value containing "{{" is bound like the body.
 */
function bindFrontMatter(source: SourceFile, record: Record<string, unknown>, bag: DiagnosticBag): SourceFile {
  let view: Record<string, unknown> | undefined;
  const bind = (v: unknown, path: (string | number)[]): unknown => {
    if (typeof v === 'string' && v.includes('{{')) {
      const place = source.placeOf(path);
      try {
        return compileTemplate(v, source.path, place.line)((view ??= { ...source.data, ...record }));
      } catch (err) {
        if (err instanceof DiagnosticError) bag.items.push(...err.diagnostics);
        else throw err;
        return v;
      }
    }
    if (Array.isArray(v)) return v.map((x, i) => bind(x, [...path, i]));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, bind(x, [...path, k])]));
    return v;
  };
  return { ...source, data: bind(source.data, []) as Record<string, unknown> };
}

/** Reads a content file and compiles it to a model; never throws for problems in the input. */
export async function compileFile(path: string, opts: CompileOptions): Promise<CompileResult> {
  const file = displayPath(path);
  let source: SourceFile;
  try {
    source = canonicalSource(opts.source ?? (await readSource(path, opts.projectDir)));
  } catch (err) {
    if (err instanceof DiagnosticError) return { file, diagnostics: err.diagnostics, sources: [] };
    throw err;
  }
  const bag = new DiagnosticBag(source.path);
  if (opts.record) {
    source = bindFrontMatter(source, opts.record, bag);
  }
  const kind = kindOf(source, bag, Object.keys(KINDS));
  if (!kind) {
    if (opts.checks !== false) bag.items.push(...(await checkSources([source], undefined, opts.projectDir)));
    return { file, diagnostics: sortDiagnostics(bag.items), sources: [source] };
  }

  const ctx: PartContext = {
    projectDir: opts.projectDir,
    bag,
    counter: new LevelCounter(),
    ids: { next: 0 },
    sequence: 0,
    record: opts.record,
    rows: opts.rows,
    figures: { next: 0 },
    blank: opts.blank,
    reads: opts.reads,
  };
  // A record's values are checked at their data cells (the row, the field's column).
  const origin = opts.record && opts.origin ? { ...opts.origin, values: opts.record } : undefined;
  if (origin) ctx.valueAt = recordCells(origin);
  const record = opts.record ? { values: opts.record, cells: ctx.valueAt } : undefined;
  const seen = new Set<string>([source.absPath]);
  const services: KindServices = {
    async compileAnnex(absPath: string, annex: AnnexOptions, parent: PartContext) {
      if (seen.has(absPath)) {
        parent.bag.error('attachments', `附件 ${displayPath(absPath)} 被引用了两次或引用了自身：每个附件只列一次`, 0, 0, 'schema');
        return undefined;
      }
      seen.add(absPath);
      let annexSource: SourceFile;
      try {
        annexSource = canonicalSource(await (opts.reads ? opts.reads.source(absPath, opts.projectDir) : readSource(absPath, opts.projectDir)));
      } catch (err) {
        if (err instanceof DiagnosticError) {
          parent.bag.items.push(...err.diagnostics);
          return undefined;
        }
        throw err;
      }
      const build = async () => {
        const annexBag = new DiagnosticBag(annexSource.path);
        const annexKind = kindOf(annexSource, annexBag, [...ANNEX_KINDS]);
        const annexCtx: PartContext = { ...parent, bag: annexBag, counter: new LevelCounter(), sequence: annex.sequence };
        const result = annexKind ? await KINDS[annexKind](annexSource, annexCtx, services, annex) : undefined;
        return { result, diagnostics: annexBag.items };
      };
      // A batch's annex that no record changes is compiled once (kinds/shared-parts.ts).
      const kind = annexSource.data.kind;
      if (opts.reads && !opts.rows && typeof kind === 'string' && ANNEX_KINDS.has(kind) && parent.figures) {
        const figures = parent.figures;
        const inputs = { kind, label: annex.label, title: annex.title, sequence: annex.sequence, ids: parent.ids.next, figures: figures.next, blank: opts.blank, record: opts.record };
        let built: Awaited<ReturnType<typeof build>> | undefined;
        const part = await opts.reads.parts.part(annexSource, opts.projectDir, inputs, async () => {
          const { result, diagnostics } = (built = await build());
          return result && result.sources.length === 1 ? { sections: result.sections, diagnostics, ids: parent.ids.next, figures: figures.next } : undefined;
        });
        if (part) {
          for (const d of part.diagnostics) parent.bag.items.push({ ...d });
          parent.ids.next = part.ids;
          figures.next = part.figures;
          return { sections: part.sections, sources: [annexSource] };
        }
        if (built) {
          parent.bag.items.push(...built.diagnostics);
          return built.result ? { sections: built.result.sections, sources: built.result.sources } : undefined;
        }
      }
      const { result, diagnostics } = await build();
      parent.bag.items.push(...diagnostics);
      return result ? { sections: result.sections, sources: result.sources } : undefined;
    },
  };

  const result = await KINDS[kind](source, ctx, services);
  // A batch's blocks alike from record to record are one object each (kinds/shared-parts.ts).
  if (opts.reads) opts.reads.blocks.intern(result.sections);
  const model: DocumentModel = {
    meta: result.meta,
    sections: result.sections,
    imprint: result.imprint,
    appendPdfs: result.appendPdfs,
  };
  // The project's settings (gongwen.yaml rules:) apply to the stages' own findings too.
  const { config } = await projectCheckConfig(opts.projectDir);
  bag.items.splice(0, bag.items.length, ...configureDiagnostics(bag.items, config, stopRuleIds));
  // The model stays available when only the checks found errors (check --stats shows the
  // 字数 table exactly when a plan is short); renderers never see a model with errors.
  const compiled = !hasErrors(bag.items);
  if (opts.checks !== false) {
    let checked = await checkSources(result.sources, hasErrors(bag.items) ? undefined : model, opts.projectDir, result.outline, record, model);
    // A finding on a line that a record filled ({{…}}) names the record's row as well.
    if (origin) {
      const lines = source.text.split('\n');
      checked = checked.map((d) => (d.file === source.path && lines[d.line - 1]?.includes('{{') ? { ...d, message: `${d.message}（${origin.file} 第 ${origin.row} 行的记录）` } : d));
    }
    // A field the schema already rejected needs no second word from a lint rule.
    const rejected = new Set(bag.items.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}:${d.column}`));
    bag.items.push(...checked.filter((d) => !rejected.has(`${d.file}:${d.line}:${d.column}`)));
  }
  const diagnostics = sortDiagnostics(bag.items);
  return { file, kind, model: compiled ? model : undefined, diagnostics, sources: result.sources, outline: result.outline };
}
