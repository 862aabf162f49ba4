// A document's layout as the PDF plans print it: the layout stage's laid-out model and facts,
// the HTML options that draw them, and what a layout print (the Measurer) needs when the grid's
// facts did not hold.
import { createHash } from 'node:crypto';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { FONT_ROLES, latinWidths, type FontMap } from '../../fonts/index.js';
import type { DocumentModel, ImprintPlacement, TableBlock } from '../../model/types.js';
import { layoutDocument, withoutRowSpans, type LayoutFacts, type Position } from '../../layout/index.js';
import { ptToMm } from '../../profile/gbt9704.js';
import { textByRole, type HtmlOptions } from '../html/index.js';

export interface PdfResult {
  pdf: Uint8Array;
  pageCount: number;
  imprintPlacement?: ImprintPlacement;
  /** Number printed on each heading's page, by heading id. */
  headingPages: Record<string, number>;
  /** Chromium prints this document took (a share of a print it was stacked in counts as a fraction). */
  prints: number;
  /** The laid-out model the PDF was printed from (the DOCX has a layout of its own: build.ts). */
  model: DocumentModel;
  /** Characters that no font of their role has (Chromium draws them with some system font). */
  diagnostics: Diagnostic[];
}

/**
 * A document laid out, ready to print: the laid-out model, its facts, and the HTML options that
 * draw them (the 版记's placement and spacer).
 */
export interface PrintFacts {
  model: DocumentModel;
  html: HtmlOptions;
  layout: LayoutFacts;
}

/**
 * The layout stage's facts for a document: from the grid (with the PDF fonts' widths) when
 * `measured` is absent, else from a layout print's positions. `appendedPages`: placeholder pages for appended PDFs (before a 版记 page).
 */
export function layoutFor(source: DocumentModel, fonts: FontMap, appendedPages = 0, measured?: Position[]): PrintFacts {
  // The grid counts figures and Latin letters at the widths the PDF's fonts draw them.
  const { model, facts } = layoutDocument(source, { measured, pagesBetween: appendedPages, metrics: latinWidths(fonts) });
  const base: HtmlOptions = { fontCss: fonts.fontCss };
  const html: HtmlOptions = { ...base, appendedPages };
  if (facts.imprint) html.imprint = { placement: facts.imprint.placement, spacerMm: ptToMm(facts.imprint.spacerPt), unnumbered: appendedPages > 0 };
  return { model, html, layout: facts };
}

/**
 * The model a layout print prints: tables whose merged cells are cut at page starts go without
 * row spans, their merged cells empty, so that every row is as tall as it will be once cut (a
 * merged value copied into each row could wrap in its narrow column and make rows taller).
 */
export function probeModel(model: DocumentModel): DocumentModel {
  return replaceTables(model, (t) => (cutsMerges(t) ? probeTable(t) : t));
}

/** A table whose merged cells show their value again after a page break. */
export function cutsMerges(t: TableBlock): boolean {
  return !!t.repeatMergedOnBreak && t.rows.some((r) => r.some((c) => (c?.rowSpan ?? 1) > 1));
}

function probeTable(t: TableBlock): TableBlock {
  const flat = withoutRowSpans(t);
  return {
    ...flat,
    rows: flat.rows.map((row, r) =>
      row.map((c, k) => {
        const orig = t.rows[r]?.[k];
        const merged = (orig === null && c !== null) || (orig && (orig.rowSpan ?? 1) > 1);
        return c && merged ? { ...c, paragraphs: [[]] } : c;
      }),
    ),
  };
}

/** The trailer /ID's input: what the document says and the fonts it is drawn with. */
export function identityOf(model: DocumentModel, fonts: FontMap): string {
  return createHash('sha256').update(JSON.stringify(model)).update(fontsDigest(fonts)).digest('hex');
}

const digests = new WeakMap<FontMap, string>();

/** A digest of the font CSS (some 80 KB), hashed once per font map rather than per document. */
function fontsDigest(fonts: FontMap): string {
  let d = digests.get(fonts);
  if (!d) digests.set(fonts, (d = createHash('sha256').update(fonts.fontCss).digest('hex')));
  return d;
}

/** A warning per role listing the characters that no face of the role's chain has. */
export function missingGlyphs(model: DocumentModel, fonts: FontMap, file = model.meta.title): Diagnostic[] {
  const text = textByRole(model);
  const out: Diagnostic[] = [];
  for (const role of FONT_ROLES) {
    const missing = fonts.coverage(role, text[role]);
    if (missing.length) {
      out.push({
        file, line: 0, column: 0, severity: 'warning', ruleId: 'font-missing-glyph', source: 'render',
        message: `no ${role} font has ${missing.map((c) => `${c} (U+${c.codePointAt(0)!.toString(16).toUpperCase()})`).join(', ')}: add a font that has them to fonts/`,
      });
    }
  }
  return out;
}

/** A copy of the model with each table (numbered in document order) replaced. */
export function replaceTables(model: DocumentModel, fn: (t: TableBlock, index: number) => TableBlock): DocumentModel {
  let i = 0;
  return {
    ...model,
    sections: model.sections.map((s) => ({ ...s, blocks: s.blocks.map((b) => (b.type === 'table' ? fn(b, i++) : b)) })),
  };
}
