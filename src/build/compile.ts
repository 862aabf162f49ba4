// Content file → document model (+ diagnostics): read, validate, template, parse. No rendering.

import { DiagnosticBag, DiagnosticError, hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { LevelCounter } from '../model/numbering.js';
import type { DocumentModel, Section } from '../model/types.js';
import { readSource } from '../source/read.js';
import type { SourceFile } from '../source/types.js';
import { displayPath } from '../source/paths.js';
import type { PartContext } from '../kinds/compose.js';
import type { AnnexOptions, KindCompiler, KindServices } from '../kinds/kind.js';
import { compileNotice } from '../kinds/notice.js';
import { compileAnnexKind } from '../kinds/annex.js';
import { compileListKind } from '../kinds/list.js';

export const KINDS: Record<string, KindCompiler> = {
  notice: (s, c, sv) => compileNotice(s, c, sv),
  annex: compileAnnexKind,
  list: compileListKind,
};

/** Kinds that may be attached to a notice as an annex page. */
const ANNEX_KINDS = new Set(['annex', 'list']);

export interface CompileOptions {
  projectDir: string;
  /** A batch record: its fields are visible to the templates and the body. */
  record?: Record<string, unknown>;
  /** Already-read source (batch reuses one parse for every record). */
  source?: SourceFile;
}

export interface CompileResult {
  file: string;
  kind?: string;
  model?: DocumentModel;
  diagnostics: Diagnostic[];
  sources: SourceFile[];
}

function kindOf(source: SourceFile, bag: DiagnosticBag, allowed: string[]): string | undefined {
  const kind = source.data.kind;
  const p = source.placeOf(['kind']);
  if (kind === undefined) {
    bag.error('kind', `missing \`kind\`: one of ${allowed.join(', ')}`, 1, 1, 'schema');
    return undefined;
  }
  if (typeof kind !== 'string' || !allowed.includes(kind)) {
    bag.error('kind', `unknown kind "${String(kind)}": one of ${allowed.join(', ')}`, p.line, p.column, 'schema');
    return undefined;
  }
  return kind;
}

/** Reads a content file and compiles it to a model; never throws for problems in the input. */
export async function compileFile(path: string, opts: CompileOptions): Promise<CompileResult> {
  const file = displayPath(path);
  let source: SourceFile;
  try {
    source = opts.source ?? (await readSource(path, opts.projectDir));
  } catch (err) {
    if (err instanceof DiagnosticError) return { file, diagnostics: err.diagnostics, sources: [] };
    throw err;
  }
  const bag = new DiagnosticBag(source.path);
  const kind = kindOf(source, bag, Object.keys(KINDS));
  if (!kind) return { file, diagnostics: bag.items, sources: [source] };

  const ctx: PartContext = {
    projectDir: opts.projectDir,
    bag,
    counter: new LevelCounter(),
    ids: { next: 0 },
    sequence: 0,
    record: opts.record,
  };
  const seen = new Set<string>([source.absPath]);
  const services: KindServices = {
    async compileAnnex(absPath: string, annex: AnnexOptions, parent: PartContext) {
      if (seen.has(absPath)) {
        parent.bag.error('attachments', `attachment ${displayPath(absPath)} is included twice or includes itself`, 0, 0, 'schema');
        return undefined;
      }
      seen.add(absPath);
      let annexSource: SourceFile;
      try {
        annexSource = await readSource(absPath, opts.projectDir);
      } catch (err) {
        if (err instanceof DiagnosticError) {
          parent.bag.items.push(...err.diagnostics);
          return undefined;
        }
        throw err;
      }
      const annexBag = new DiagnosticBag(annexSource.path);
      const annexKind = kindOf(annexSource, annexBag, [...ANNEX_KINDS]);
      const annexCtx: PartContext = { ...parent, bag: annexBag, counter: new LevelCounter(), sequence: annex.sequence };
      let result;
      if (annexKind) result = await KINDS[annexKind](annexSource, annexCtx, services, annex);
      parent.bag.items.push(...annexBag.items);
      return result ? { sections: result.sections, sources: result.sources } : undefined;
    },
  };

  const result = await KINDS[kind](source, ctx, services);
  const diagnostics = sortDiagnostics(bag.items);
  if (hasErrors(diagnostics)) return { file, kind, diagnostics, sources: result.sources };
  const sections: Section[] = result.sections;
  const model: DocumentModel = {
    meta: result.meta,
    sections,
    imprint: result.imprint,
    appendPdfs: result.appendPdfs,
  };
  return { file, kind, model, diagnostics, sources: result.sources };
}
