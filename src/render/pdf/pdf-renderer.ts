// model → PDF: HTML + print CSS printed by Chromium, with a layout pass when the document needs
// layout facts (the 版记's even page, contents page numbers), then pdf-lib finishing.
import { createHash } from 'node:crypto';
import type { Browser } from 'puppeteer-core';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { FONT_ROLES, type FontMap } from '../../fonts/index.js';
import type { DocumentModel, ImprintPlacement, SealImage } from '../../model/types.js';
import { collectHeadings, renderHtml, textByRole, type HtmlOptions, ImageSet, sealSourceUrl, IMAGE_ORIGIN } from '../html/index.js';
import { layoutDocument, withoutRowSpans, type LayoutFacts } from '../../layout/index.js';
import { ptToMm } from '../../profile/gbt9704.js';
import type { TableBlock } from '../../model/types.js';
import { collectGarbageNow, launchBrowser, PagePool, preparePage, putContent } from './browser.js';
import { finalizePdf, loadAppendix } from './finalize.js';
import { readMarkers, type MarkerHit } from './markers.js';
import { LayoutMemory } from './layout-memory.js';
import { renderSliced, sliceSite } from './sliced.js';
import { traced } from '../../util/trace.js';
import { verbose } from '../../util/log.js';

/** Explicit limits: a document that takes longer to load or print is an error, not a hang. */
export const PRINT_TIMEOUT_MS = 120_000;

/** Documents longer than this (long name lists) are printed without a structure tree (tags). */
export const TAGGED_MAX_PAGES = 200;

export interface PdfResult {
  pdf: Uint8Array;
  pageCount: number;
  imprintPlacement?: ImprintPlacement;
  /** Page of each heading by id (from the layout pass; empty when no pass was needed). */
  headingPages: Record<string, number>;
  /** Chromium prints made for this document (1 or 2). */
  prints: number;
  /**
   * The model as printed, with the layout pass's facts applied (merged cells cut at page
   * starts, the 版记's placement, contents page numbers): render the DOCX from this one so
   * that both files agree.
   */
  model: DocumentModel;
  /** Warnings: characters that no font of their role has (Chromium draws them with some system font). */
  diagnostics: Diagnostic[];
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

export class PdfRenderer {
  /** Layout facts of documents printed so far, guesses for the next ones of a batch. */
  readonly memory = new LayoutMemory();

  private constructor(
    private readonly browser: Browser,
    private readonly pool: PagePool,
  ) {}

  static async launch(opts: { pages?: number } = {}): Promise<PdfRenderer> {
    const browser = await launchBrowser();
    try {
      // The tab Chromium opens at launch is the first page (a tab of its own costs a renderer);
      // the others open when two prints are first wanted at once.
      const [initial] = await browser.pages();
      const first = await preparePage(browser, initial);
      return new PdfRenderer(browser, new PagePool([first], Math.max(1, opts.pages ?? 2), () => preparePage(browser)));
    } catch (e) {
      await browser.close();
      throw e;
    }
  }

  async render(source: DocumentModel, fonts: FontMap): Promise<PdfResult> {
    // A long table goes in slices of pages (bounded memory, linear time).
    const site = sliceSite(source);
    if (site) {
      try {
        return await renderSliced(this, source, site, fonts);
      } catch (err) {
        verbose(`printing in slices failed, printing whole: ${(err as Error).message}`);
        // A slice that did not print as its layout pass said: print the document whole (slower,
        // and heavier on memory, but its layout pass and final print are one and the same run).
      }
    }
    const plan = planLayout(source);
    const images = ImageSet.of([source]);
    const appendix = await loadAppendix(source.appendPdfs);
    const appendedPages = appendix.reduce((n, d) => n + d.getPageCount(), 0);
    const base: HtmlOptions = { fontCss: fonts.fontCss };
    let prints = 0;
    let facts: PrintFacts = { model: source, html: base, headingPages: {} };
    let tagged = true;
    if (plan.probe) {
      // Layout pass: the 版记 flows after the content, markers tell where things landed.
      const probe = plan.probe;
      const first = await traced('Chromium: layout print', () => this.print(renderHtml(probe, { ...base, markers: true, probe: true }), fonts, false, false, images));
      prints++;
      const { hits, pageCount } = await traced('pdf-lib: read layout markers', () => readMarkers(first));
      facts = applyLayout(source, hits, appendedPages, base);
      // A structure tree for a list of hundreds of pages costs more than the rest of the print.
      tagged = pageCount <= TAGGED_MAX_PAGES;
    }
    const model = facts.model;
    // External PDFs go after the annexes (on blank numbered pages printed for them, whose numbers
    // they take); with a 版记 on its own page(s), before those pages.
    const html = renderHtml(model, { ...facts.html, appendedPages });
    const printed = await traced('Chromium: final print', () => this.print(html, fonts, collectHeadings(model).length > 0, tagged, images));
    prints++;
    const insertAt = appendix.length && facts.placement && facts.placement !== 'same-page' ? facts.contentPages : undefined;
    const { bytes: pdf, pageCount } = await traced('pdf-lib: finish', () => finalizePdf(printed, { meta: model.meta, identity: identityOf(model, fonts), appendix, insertAt }));
    // The print checks itself against the layout it was made with: the DOCX is drawn from the
    // same facts, so a print that came out otherwise (a blank page or a 版记 page more or less)
    // is an error, never a file.
    if (facts.layout && pageCount - appendedPages !== facts.layout.pages) {
      throw new Error(`the PDF has ${pageCount - appendedPages} pages of its own where its layout has ${facts.layout.pages}`);
    }
    return { pdf, pageCount, imprintPlacement: facts.placement, headingPages: facts.headingPages, prints, diagnostics: missingGlyphs(model, fonts), model };
  }

  /**
   * One Chromium print; the layout pass needs neither tags nor bookmarks. The page is answered
   * from the font map and `images` (the figures and seals of the documents in `html`), nothing else.
   */
  async print(html: string, fonts: FontMap, outline: boolean, tagged: boolean, images: ImageSet = new ImageSet()): Promise<Uint8Array> {
    const pooled = await this.pool.acquire();
    try {
      pooled.responder = (url) => fonts.serve(url) ?? images.serve(url);
      await putContent(pooled, html, PRINT_TIMEOUT_MS);
      const pdf = await pooled.page.pdf({ preferCSSPageSize: true, printBackground: true, tagged, outline, waitForFonts: true, timeout: PRINT_TIMEOUT_MS });
      await collectGarbageNow(pooled);
      return pdf;
    } catch (err) {
      // Whatever the page holds now, the next print loads a whole document.
      pooled.head = undefined;
      throw err;
    } finally {
      this.pool.release(pooled);
    }
  }

  /** False once Chromium has gone (closed, killed, crashed): the next print needs a new one. */
  get alive(): boolean {
    return this.browser.connected;
  }

  /** PNG drawings of images by SHA-256 and width: a batch's one seal is drawn once a run. */
  private readonly rasters = new Map<string, Promise<Uint8Array>>();

  /**
   * An image drawn as a PNG `px` pixels wide with its transparency (an SVG seal's picture for
   * both outputs), on a page of its own that answers nothing but the image (JavaScript off),
   * closed afterwards: the print pool's pages keep their size, content and lifecycle.
   */
  rasterize(img: SealImage, px: number): Promise<Uint8Array> {
    const key = `${img.sha256}@${px}`;
    let p = this.rasters.get(key);
    if (!p) {
      p = this.drawImage(img, px);
      this.rasters.set(key, p);
      p.catch(() => this.rasters.delete(key));
    }
    return p;
  }

  private async drawImage(img: SealImage, px: number): Promise<Uint8Array> {
    const pooled = await preparePage(this.browser);
    const { page } = pooled;
    try {
      const source = new ImageSet().addSource(img);
      pooled.responder = (url) => source.serve(url);
      const w = Math.max(1, Math.round(px));
      const h = Math.max(1, Math.round((px * img.height) / img.width));
      await page.setViewport({ width: w, height: h });
      const html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src ${IMAGE_ORIGIN}"><style>html, body { margin: 0; background: transparent; } img { display: block; width: ${w}px; height: ${h}px; }</style></head><body><img alt="" src="${sealSourceUrl(img)}"></body></html>`;
      await page.setContent(html, { waitUntil: 'load', timeout: PRINT_TIMEOUT_MS });
      return await page.screenshot({ type: 'png', omitBackground: true, clip: { x: 0, y: 0, width: w, height: h } });
    } finally {
      await page.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    if (!this.browser.connected) return;
    await this.browser.close().catch(() => undefined);
  }
}

/** What a document needs from a layout pass, decided before printing anything. */
export interface LayoutPlan {
  /** Tables (by document-order index) whose merges are cut where pages start. */
  cut: Set<number>;
  hasToc: boolean;
  /** The model to print in the layout pass (merges undone), or undefined when no pass is needed. */
  probe?: DocumentModel;
}

export function planLayout(model: DocumentModel): LayoutPlan {
  // Tables whose merged cells must show their value again after a page break: the layout
  // pass prints them without row spans and learns where each page starts.
  const cut = mapTables(model, (t) => t.repeatMergedOnBreak && t.rows.some((r) => r.some((c) => (c?.rowSpan ?? 1) > 1)));
  const hasToc = model.sections.some((s) => s.blocks.some((b) => b.type === 'toc'));
  const needed = !!model.imprint || hasToc || cut.size > 0;
  const probe = !needed ? undefined : cut.size ? replaceTables(model, (t, i) => (cut.has(i) ? probeTable(t) : t)) : model;
  return { cut, hasToc, probe };
}

/**
 * A table as the layout pass prints it: no row spans, and the cells that were merged left
 * empty, so that every row is as tall as it will be in the final print (a merged value copied
 * into each row could wrap in its narrow column and make rows taller than they will be).
 */
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

/**
 * A document's layout, ready to print: the layout stage's laid-out model and facts, and the
 * HTML options that draw them.
 */
export interface PrintFacts {
  model: DocumentModel;
  html: HtmlOptions;
  layout?: LayoutFacts;
  headingPages: Record<string, number>;
  placement?: ImprintPlacement;
  /** Pages of the content before any 版记 page. */
  contentPages?: number;
}

/** Facts for a document: from a layout pass's markers, or none when it needs no pass. */
export function factsOf(source: DocumentModel, plan: LayoutPlan, hits: MarkerHit[], base: HtmlOptions): PrintFacts {
  return plan.probe ? applyLayout(source, hits, 0, base) : { model: source, html: base, headingPages: {} };
}

/** The layout stage run on a layout pass's markers (pages counted from the document's first page). */
export function applyLayout(source: DocumentModel, hits: MarkerHit[], appendedPages: number, base: HtmlOptions): PrintFacts {
  const { model, facts } = layoutDocument(source, { measured: hits, pagesBetween: appendedPages });
  const html: HtmlOptions = { ...base };
  if (facts.imprint) html.imprint = { placement: facts.imprint.placement, spacerMm: ptToMm(facts.imprint.spacerPt), unnumbered: appendedPages > 0 };
  return { model, html, layout: facts, headingPages: facts.headingPages, placement: facts.imprint?.placement, contentPages: facts.imprint ? facts.contentPages : undefined };
}

/**
 * Pages of a document printed with its facts: the content's pages (counted from the document's
 * first, less `pagesBefore` for a print that starts later) and the 版记's own page or two; the
 * layout pass's page count when there is no 版记 to place.
 */
export function finalPages(facts: PrintFacts, printedPages: number, pagesBefore = 0): number {
  if (!facts.layout?.imprint) return printedPages;
  return facts.layout.contentPages - pagesBefore + facts.layout.imprint.pagesAdded;
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

/** The document's tables, in document order (the order of their row markers' indexes). */
export function tablesOf(model: DocumentModel): TableBlock[] {
  return model.sections.flatMap((s) => s.blocks.filter((b): b is TableBlock => b.type === 'table'));
}

/** Indexes (in document order) of the tables that match. */
function mapTables(model: DocumentModel, test: (t: TableBlock) => boolean | undefined): Set<number> {
  const out = new Set<number>();
  tablesOf(model).forEach((t, i) => {
    if (test(t)) out.add(i);
  });
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
