// The laid-out model → positioned pages (types.ts), as Typst's layout emits frames. Nothing is
// decided twice: the paginator (flow/distribute.ts, tables/rows.ts) runs once here with the
// font book's widths and records where it put every piece — the lines of each paragraph on
// each page, each box, each table row with the head repeated — and the drawers (one module a
// block kind, each drawing on the Surface this builder is) draw exactly those pieces at the
// geometry of the profile (GB/T 9704: the 156 × 225 mm block 37 mm from the top and 28 mm from
// the left). Display text (标志, titles) is broken at the faces' real widths, so no line is
// wider than its box; a writer never shrinks anything. This module keeps the pages, the
// structure tree's sections, the outline and the dispatch of each block to its drawer.
import type { FontBook } from '../../fonts/book-types.js';
import type { Block, DocumentModel, HeadingBlock, ImprintBlock } from '../../model/types.js';
import { BODY, LANDSCAPE, PAGE, mmToPt } from '../../profile/gbt9704.js';
import { distribute, type Piece } from '../flow/distribute.js';
import { flowFacts } from '../flow/facts.js';
import type { LayoutFacts } from '../facts.js';
import { fillDisplayLines } from '../lines/index.js';
import { LANDSCAPE_BOX, LINE_PT, PORTRAIT_BOX, type PageBox } from '../measure/metrics.js';
import { gridWidthIn, type TextMetrics } from '../measure/text-width.js';
import { drawCover } from './cover.js';
import { drawOnce, type Canvas } from './drawn-blocks.js';
import { sharedTable } from '../../util/identity-memo.js';
import { drawFigure } from './figure.js';
import { drawRedHeader } from './header.js';
import { bookMetrics, displayWidths } from './metrics.js';
import { numberPages } from './page-numbers.js';
import type { TextLine } from './segments.js';
import { drawSignature } from './signature.js';
import { Structure } from './structure.js';
import type { Surface } from './surface.js';
import { TableDrawer } from './table.js';
import { baselineIn, Glyphs, type LineStyle } from './text.js';
import { drawAnnexLabel, drawAttachmentNote, drawHeading, drawNote, drawParagraph, drawRecipients, drawTitle, headingEntry } from './text-blocks.js';
import { drawImprint } from './imprint.js';
import { drawToc } from './toc.js';
import type { GongwenElement, OutlineEntry, Overflow, PagedDocument, PageItem, PositionedPage, StructureNode } from './types.js';

export interface LayoutPagesOptions {
  /** Pages put between the content and the 版记 (appended PDFs); `attached` names them. */
  pagesBetween?: number;
  /** Attached PDFs, in order: their pages follow the content, each numbered. */
  attached?: { path: string; pages: number }[];
  /**
   * Put back the drawings of blocks (but contents and figures) and the 版记 drawn before where
   * they stand the same (drawn-blocks.ts): a batch, whose documents share those blocks by
   * identity. A single build has nothing to put back and keeps no drawings.
   */
  reuse?: boolean;
}

const PORTRAIT_ORIGIN = { x: mmToPt(PAGE.leftMm), y: mmToPt(PAGE.topMm) };
const LANDSCAPE_ORIGIN = { x: mmToPt(LANDSCAPE.leftMm), y: mmToPt(LANDSCAPE.topMm) };

/**
 * Lays a model out into positioned pages. `model` is what prepareLayout and layoutDocument
 * made; its display lines are broken again at the book's real widths (lines that fit stay),
 * and the paginator runs once with the book's widths: the pages drawn are its pages.
 */
export function layoutPages(given: DocumentModel, book: FontBook, opts: LayoutPagesOptions = {}): PagedDocument {
  const metrics = bookMetrics(book);
  const model = fillDisplayLines(given, displayWidths(book));
  const attached = opts.attached ?? [];
  const pagesBetween = opts.pagesBetween ?? attached.reduce((a, x) => a + x.pages, 0);
  const flow = distribute(model, metrics);
  const facts = flowFacts(model, flow, pagesBetween);
  return new FrameBuilder(model, book, metrics, flow.pieces, flow.sectionStarts, flow.uncounted, facts, pagesBetween, attached, flow.lastPage, !!opts.reuse).build();
}

class FrameBuilder implements Surface, Canvas {
  readonly glyphs: Glyphs;
  readonly structure = new Structure();
  readonly body: (s: string) => number;
  private readonly tables: TableDrawer;
  private readonly pages: PositionedPage[] = [];
  private readonly outline: OutlineEntry[] = [];
  private readonly outlineStack: OutlineEntry[] = [];
  private readonly piecesOf = new Map<string, Piece[]>();
  private readonly sectionOfPage: number[] = [];
  readonly artifacts = new Map<string, StructureNode>();
  readonly overflows: Overflow[] = [];
  private readonly headings: HeadingBlock[];
  private tableIndex = 0;

  constructor(
    private readonly model: DocumentModel,
    book: FontBook,
    private readonly metrics: TextMetrics,
    pieces: Piece[],
    private readonly sectionStarts: number[],
    private readonly uncounted: Set<number>,
    private readonly facts: LayoutFacts,
    private readonly pagesBetween: number,
    private readonly attached: { path: string; pages: number }[],
    private readonly contentPages: number,
    private readonly reuse: boolean,
  ) {
    this.glyphs = new Glyphs(book);
    this.tables = new TableDrawer(this, metrics);
    for (const p of pieces) {
      const k = `${p.section}:${p.block}`;
      let list = this.piecesOf.get(k);
      if (!list) this.piecesOf.set(k, (list = []));
      list.push(p);
    }
    this.headings = model.sections.flatMap((s) => s.blocks.filter((b): b is HeadingBlock => b.type === 'heading'));
    this.body = gridWidthIn(metrics[BODY.role]);
  }

  // ---- pages and boxes ----

  /** A content page has its section's orientation; attached pages and the 版记's are portrait. */
  private landscapeAt(n: number): boolean {
    if (n > this.contentPages) return false;
    const si = this.sectionOfPage[n] ?? this.model.sections.length - 1;
    return this.model.sections[si]?.orientation === 'landscape';
  }

  /** Physical page n (1-based), made on first use. */
  page(n: number): PositionedPage {
    const hit = this.pages[n - 1];
    if (hit) return hit;
    while (this.pages.length < n) {
      const k = this.pages.length + 1;
      const landscape = this.landscapeAt(k);
      this.pages.push({ widthPt: mmToPt(landscape ? LANDSCAPE.widthMm : PAGE.widthMm), heightPt: mmToPt(landscape ? LANDSCAPE.heightMm : PAGE.heightMm), landscape, items: [] });
    }
    return this.pages[n - 1];
  }

  get pageCount(): number {
    return this.pages.length;
  }

  /** The text block's top-left corner on page n. */
  origin(n: number): { x: number; y: number } {
    return this.page(n).landscape ? LANDSCAPE_ORIGIN : PORTRAIT_ORIGIN;
  }

  items(n: number): PageItem[] {
    return this.page(n).items;
  }

  overflow(n: number, text: string, overPt: number): void {
    this.overflows.push({ page: n - 1, text, overPt });
  }

  artifact(key: string, element?: GongwenElement): number {
    let a = this.artifacts.get(key);
    if (!a) this.artifacts.set(key, (a = this.structure.add(this.structure.root, 'Artifact', element)));
    return a.id;
  }

  // ---- drawing helpers ----

  /** One line of text whose line box starts `top` points below the text block top of page n. */
  line(n: number, top: number, l: TextLine, style: LineStyle, widthPt: number, align: 'left' | 'center' | 'right' | 'justify' = 'justify', linePt = LINE_PT): void {
    const o = this.origin(n);
    const base = o.y + baselineIn(top, linePt, style.sizePt);
    const avail = widthPt - l.indentPt;
    let x = o.x + l.indentPt;
    const w = this.glyphs.width(l.segs, style);
    if (w > avail + 0.01) {
      // The grid breaker keeps a line up to 0.05 character over (as Chromium did): closed up to
      // the width. Anything wider is a layout error, reported and drawn as it is.
      if (w - avail <= 1) {
        this.glyphs.draw(this.items(n), l.segs, style, x, base, avail);
        return;
      }
      this.overflow(n, l.segs.map((s) => s.text).join(''), w - avail);
    }
    if (align === 'center' || align === 'right') x += align === 'center' ? (avail - w) / 2 : avail - w;
    this.glyphs.draw(this.items(n), l.segs, style, x, base, align === 'justify' && l.justify ? avail : undefined);
  }

  rule(n: number, x1: number, y1: number, x2: number, y2: number, widthPt: number, color: string, tag: number, dash?: number[]): void {
    const o = this.origin(n);
    const item: PageItem = { kind: 'line', x1: o.x + x1, y1: o.y + y1, x2: o.x + x2, y2: o.y + y2, widthPt, color, tag };
    if (dash) item.dash = dash;
    this.items(n).push(item);
  }

  private boxOf(si: number): PageBox {
    return this.model.sections[si].orientation === 'landscape' ? LANDSCAPE_BOX : PORTRAIT_BOX;
  }

  // ---- the document ----

  build(): PagedDocument {
    const secs = this.model.sections;
    secs.forEach((_, si) => {
      const from = this.sectionStarts[si];
      const to = si + 1 < secs.length ? this.sectionStarts[si + 1] - 1 : this.contentPages;
      for (let p = from; p <= to; p++) this.sectionOfPage[p] = si;
      if (this.facts.blankBefore.includes(si)) this.sectionOfPage[from - 1] = si;
    });
    for (let p = 1; p <= this.contentPages; p++) this.page(p);
    secs.forEach((s, si) => {
      const sect = this.structure.add(this.structure.root, 'Sect', s.part === 'annex' ? '附件' : undefined);
      s.blocks.forEach((b, bi) => this.block(b, si, bi, sect));
    });
    for (const i of this.facts.blankBefore) {
      const p = this.page(this.sectionStarts[i] - 1);
      p.blank = true;
    }
    numberPages(this, this.pages, {
      contentPages: this.contentPages,
      uncounted: this.uncounted,
      attached: this.attached,
      pagesBetween: this.pagesBetween,
      imprint: this.model.imprint,
      placement: this.facts.imprint,
    });
    return {
      pages: this.pages,
      faces: this.glyphs.faces,
      structure: this.structure.root,
      outline: this.outline,
      info: { ...this.model.meta },
      ...(this.overflows.length ? { overflows: this.overflows } : {}),
    };
  }

  private block(b: Block, si: number, bi: number, sect: StructureNode): void {
    const pieces = this.piecesOf.get(`${si}:${bi}`) ?? [];
    const box = this.boxOf(si);
    // A block a batch's documents share is drawn once where it stands the same (drawn-blocks.ts);
    // a contents page (its page numbers are the document's) and a figure (its image's bytes) always.
    const once = (draw: () => void, more = '') => this.once(b, pieces, box, sect, more, draw);
    switch (b.type) {
      case 'heading': {
        once(() => drawHeading(this, b, pieces, box, sect, this.metrics));
        const entry = headingEntry(this, b, pieces);
        if (entry) this.outlineEntry(entry);
        return;
      }
      case 'paragraph':
        return once(() => drawParagraph(this, b, pieces, box, sect));
      case 'recipients':
        return once(() => drawRecipients(this, b, pieces, box, sect));
      case 'note':
        return once(() => drawNote(this, b, pieces[0], box, sect));
      case 'title':
        return once(() => drawTitle(this, b, pieces[0], box, sect));
      case 'redHeader':
        return once(() => drawRedHeader(this, b, pieces[0], sect));
      case 'attachmentNote':
        return once(() => drawAttachmentNote(this, b, pieces[0], box, sect));
      case 'signature':
        return once(() => drawSignature(this, b, pieces[0], box, sect));
      case 'annexLabel':
        return once(() => drawAnnexLabel(this, b, pieces, box, sect));
      case 'cover':
        return once(() => drawCover(this, b, pieces[0], box, sect));
      case 'toc':
        return drawToc(this, b, pieces, box, sect, this.headings, this.facts.headingPages);
      case 'figure':
        return drawFigure(this, b, pieces[0], box, sect);
      case 'table': {
        const index = this.tableIndex++;
        const starts = this.facts.tablePageStarts[index] ?? [];
        const draw = () => this.tables.block(b, pieces, box, sect, index, starts);
        return sharedTable(b) ? once(draw, JSON.stringify([index, starts])) : draw();
      }
      case 'pageBreak':
        return;
    }
  }

  /** The 版记 on page n, drawn once where a batch's documents place it the same (drawn-blocks.ts). */
  drawImprint(b: ImprintBlock, n: number): void {
    if (!this.reuse) return drawImprint(this, b, n);
    drawOnce(this, b, 'imprint', n, this.structure.root, () => drawImprint(this, b, n));
  }

  /**
   * Draws a block, or puts back its drawing from an earlier document of a batch where it stands
   * the same: the paginator's pieces relative to its first page, the box, and what else the
   * drawer reads (`more`).
   */
  private once(b: Block, pieces: Piece[], box: PageBox, sect: StructureNode, more: string, draw: () => void): void {
    if (!this.reuse || pieces.length === 0) return draw();
    const first = Math.min(...pieces.map((p) => p.page));
    const sig = JSON.stringify([more, box.widthPt, box.heightPt, pieces.map((p) => ({ ...p, page: p.page - first }))]);
    drawOnce(this, b, sig, first, sect, draw);
  }

  /** Nests a heading's outline entry under the last entry of a higher level. */
  private outlineEntry(e: OutlineEntry): void {
    while (this.outlineStack.length && this.outlineStack[this.outlineStack.length - 1].level >= e.level) this.outlineStack.pop();
    (this.outlineStack.length ? this.outlineStack[this.outlineStack.length - 1].children : this.outline).push(e);
    this.outlineStack.push(e);
  }
}
