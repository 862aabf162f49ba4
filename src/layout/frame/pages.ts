// The laid-out model → positioned pages (types.ts), as Typst's layout emits frames. Nothing is
// decided twice: the paginator (flow/distribute.ts, tables/rows.ts) runs once here with the
// font book's widths and records where it put every piece — the lines of each paragraph on
// each page, each box, each table row with the head repeated — and this module draws exactly
// those pieces: lines broken by the same breaker with the same widths the paginator counted,
// at the geometry of the profile (GB/T 9704: the 156 × 225 mm block 37 mm from the top and
// 28 mm from the left, 28 characters of 3号 on a 15.79 pt pitch, 22 lines on a 28.99 pt one).
// Display text (标志, titles) is broken at the faces' real widths, so no line is wider than
// its box; a writer never shrinks anything.
import { readFileSync } from 'node:fs';
import type { FontBook } from '../../fonts/book-types.js';
import type {
  AttachmentNoteBlock,
  Block,
  CoverBlock,
  DocumentModel,
  FigureBlock,
  HeadingBlock,
  ParagraphBlock,
  SealImage,
  SignatureBlock,
  TableBlock,
  TitleBlock,
  TocBlock,
} from '../../model/types.js';
import {
  ANNEX,
  ATTACHMENT_NOTE,
  BODY,
  CHAR_PITCH_MM,
  COLOR,
  COVER,
  FIGURE,
  GRID,
  HEADING,
  LANDSCAPE,
  LINE_PITCH_MM,
  PAGE,
  PAGE_NUMBER,
  SIGNATURE,
  TABLE,
  TITLE,
  TOC,
  mmToPt,
  type FontRole,
  type HeadingLevel,
} from '../../profile/gbt9704.js';
import { distribute, type Piece } from '../flow/distribute.js';
import { tocEntryLines } from '../flow/units.js';
import { flowFacts } from '../flow/facts.js';
import type { LayoutFacts } from '../facts.js';
import { breakGridLines } from '../lines/grid-lines.js';
import { fillDisplayLines } from '../lines/index.js';
import { LANDSCAPE_BOX, LINE_PT, PORTRAIT_BOX, type PageBox } from '../measure/metrics.js';
import { sealedSignatureLayout } from '../measure/signature.js';
import { gridWidth, gridWidthIn, type TextMetrics } from '../measure/text-width.js';
import { displayedNumber } from '../pages/numbers.js';
import { bookMetrics, displayWidths } from './metrics.js';
import { Structure } from './structure.js';
import { baselineIn, Glyphs, plain, type LineStyle, type Seg } from './text.js';
import { raster, vectorItems, type VectorLike } from './pictures.js';
import { runSegs, runsText, toLines, type TextLine } from './segments.js';
import { TableDrawer } from './table.js';
import type { Surface } from './surface.js';
import { drawRedHeader } from './header.js';
import { drawImprint } from './imprint.js';
import type { GongwenElement, OutlineEntry, Overflow, PagedDocument, PageItem, PositionedPage, RasterImage, StructureNode } from './types.js';

export interface LayoutPagesOptions {
  /** Pages put between the content and the 版记 (appended PDFs); `attached` names them. */
  pagesBetween?: number;
  /** Attached PDFs, in order: their pages follow the content, each numbered. */
  attached?: { path: string; pages: number }[];
}

const PITCH = mmToPt(CHAR_PITCH_MM);
const PORTRAIT_ORIGIN = { x: mmToPt(PAGE.leftMm), y: mmToPt(PAGE.topMm) };
const LANDSCAPE_ORIGIN = { x: mmToPt(LANDSCAPE.leftMm), y: mmToPt(LANDSCAPE.topMm) };
const W_CHARS = GRID.charsPerLine;
const BODY_STYLE: LineStyle = { sizePt: BODY.sizePt, spacing: PITCH - BODY.sizePt, grid: true };

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
  return new FrameBuilder(model, book, metrics, flow.pieces, flow.sectionStarts, flow.uncounted, facts, pagesBetween, attached, flow.lastPage).build();
}

class FrameBuilder implements Surface {
  readonly glyphs: Glyphs;
  readonly structure = new Structure();
  private readonly tables: TableDrawer;
  private readonly pages: PositionedPage[] = [];
  private readonly outline: OutlineEntry[] = [];
  private readonly outlineStack: OutlineEntry[] = [];
  private readonly piecesOf = new Map<string, Piece[]>();
  private readonly sectionOfPage: number[] = [];
  private readonly artifacts = new Map<string, StructureNode>();
  private readonly overflows: Overflow[] = [];
  private readonly headings: HeadingBlock[];
  private readonly body: (s: string) => number;
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
  private page(n: number): PositionedPage {
    const hit = this.pages[n - 1];
    if (hit) return hit;
    while (this.pages.length < n) {
      const k = this.pages.length + 1;
      const landscape = this.landscapeAt(k);
      this.pages.push({ widthPt: mmToPt(landscape ? LANDSCAPE.widthMm : PAGE.widthMm), heightPt: mmToPt(landscape ? LANDSCAPE.heightMm : PAGE.heightMm), landscape, items: [] });
    }
    return this.pages[n - 1];
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
    this.numbers();
    return {
      pages: this.pages,
      faces: this.glyphs.faces,
      structure: this.structure.root,
      outline: this.outline,
      info: { ...this.model.meta },
      ...(this.overflows.length ? { overflows: this.overflows } : {}),
    };
  }

  /** Page numbers, attached pages, the 版记. */
  private numbers(): void {
    const shown = displayedNumber(this.uncounted);
    let last = 0;
    for (let p = 1; p <= this.contentPages; p++) {
      const page = this.page(p);
      if (this.uncounted.has(p)) continue;
      // §7.5: a page without text carries no number.
      if (!page.items.some((it) => it.kind !== 'line' && it.kind !== 'link')) continue;
      last = shown(p);
      page.number = String(last);
    }
    // Attached PDFs: their pages follow, numbered on.
    let n = this.contentPages;
    for (const a of this.attached) {
      for (let k = 1; k <= a.pages; k++) {
        n++;
        const page = this.page(n);
        page.attached = { path: a.path, page: k };
        page.number = String(++last);
      }
    }
    n = this.contentPages + this.pagesBetween;
    const imp = this.facts.imprint;
    if (this.model.imprint && imp) {
      if (imp.placement === 'after-blank') {
        const blank = this.page(n + 1);
        blank.blank = true;
      }
      const at = imp.placement === 'same-page' ? n : imp.page;
      const page = this.page(at);
      if (imp.placement === 'next-page') page.number = String(++last);
      drawImprint(this, this.model.imprint, at);
    }
    this.pages.forEach((page, i) => {
      if (page.number !== undefined) this.pageNumber(page, i + 1);
    });
  }

  private pageNumber(page: PositionedPage, n: number): void {
    const tag = this.artifact('page-number', '页码');
    const size = PAGE_NUMBER.sizePt;
    const style = plain(size);
    const segs: Seg[] = [{ text: `${PAGE_NUMBER.prefix}${page.number}${PAGE_NUMBER.suffix}`, role: PAGE_NUMBER.role, color: COLOR.black, tag }];
    const w = this.glyphs.width(segs, style);
    const indent = PAGE_NUMBER.sideIndentChars * size;
    const odd = n % 2 === 1;
    if (!page.landscape) {
      const left = mmToPt(PAGE.leftMm);
      const right = left + mmToPt(PAGE.textWidthMm);
      const middle = mmToPt(PAGE.topMm + PAGE.textHeightMm + PAGE_NUMBER.belowTextMm);
      const base = middle - size / 2 + 0.88 * size;
      this.glyphs.draw(page.items, segs, style, odd ? right - indent - w : left + indent, base);
      return;
    }
    // Landscape (§8): where the portrait foot is, up the left edge, turned a quarter clockwise.
    const lineOuter = mmToPt(PAGE.heightMm - (PAGE.topMm + PAGE.textHeightMm + PAGE_NUMBER.belowTextMm));
    const baseX = lineOuter - size + (1 - 0.88) * size;
    const top = mmToPt(LANDSCAPE.topMm);
    const bottom = top + mmToPt(LANDSCAPE.textHeightMm);
    this.glyphs.draw(page.items, segs, style, baseX, odd ? bottom - indent - w : top + indent, undefined, 90);
  }

  private block(b: Block, si: number, bi: number, sect: StructureNode): void {
    const pieces = this.piecesOf.get(`${si}:${bi}`) ?? [];
    const box = this.boxOf(si);
    switch (b.type) {
      case 'heading':
        return this.heading(b, pieces, box, sect);
      case 'paragraph':
        return this.paragraph(b, pieces, box, sect);
      case 'recipients': {
        const node = this.structure.add(sect, 'P', '主送机关');
        const segs: Seg[] = [{ text: b.text, role: BODY.role, color: COLOR.black, tag: node.id }];
        return this.flowLines(pieces, toLines(segs, b.text, breakGridLines(b.text, W_CHARS, 0, this.body), 0, true), BODY_STYLE, box, 'justify');
      }
      case 'note': {
        const node = this.structure.add(sect, 'P', '附注');
        const segs: Seg[] = [{ text: b.text, role: BODY.role, color: COLOR.black, tag: node.id }];
        return this.boxLines(pieces[0], toLines(segs, b.text, breakGridLines(b.text, W_CHARS, 2, this.body), 2, true), BODY_STYLE, box);
      }
      case 'title':
        return this.title(b, pieces[0], box, sect);
      case 'redHeader':
        return drawRedHeader(this, b, pieces[0], sect);
      case 'attachmentNote':
        return this.attachmentNote(b, pieces[0], box, sect);
      case 'signature':
        return this.signature(b, pieces[0], box, sect);
      case 'annexLabel': {
        const node = this.structure.add(sect, 'P', '附件');
        const piece = pieces.find((p) => p.kind === 'box');
        if (piece?.kind !== 'box') return;
        this.line(piece.page, piece.y, { segs: [{ text: b.text, role: ANNEX.labelRole, color: COLOR.black, tag: node.id }], indentPt: 0, justify: false }, BODY_STYLE, box.widthPt, 'left');
        return;
      }
      case 'cover':
        return this.cover(b, pieces[0], box, sect);
      case 'toc':
        return this.toc(b, pieces, box, sect);
      case 'figure':
        return this.figure(b, pieces[0], box, sect);
      case 'table':
        return this.table(b, pieces, box, sect);
      case 'pageBreak':
        return;
    }
  }

  /** Lines of a 'lines' unit where the paginator put them. */
  private flowLines(pieces: Piece[], lines: TextLine[], style: LineStyle, box: PageBox, align: 'left' | 'center' | 'right' | 'justify'): void {
    for (const p of pieces) {
      if (p.kind !== 'lines') continue;
      for (let i = 0; i < p.count; i++) {
        const l = lines[p.from + i];
        if (l) this.line(p.page, p.y + i * LINE_PT, l, style, GRID_WIDTH(box), align);
      }
    }
  }

  /** Lines of a box from its top, running on over a page foot (a box taller than a page). */
  private boxLines(piece: Piece | undefined, lines: TextLine[], style: LineStyle, box: PageBox, align: 'left' | 'center' | 'right' | 'justify' = 'justify', startLine = 0): void {
    if (!piece || piece.kind !== 'box') return;
    let page = piece.page;
    let y = piece.y + startLine * LINE_PT;
    for (const l of lines) {
      if (y + LINE_PT > box.heightPt + 0.01) {
        page++;
        y = 0;
      }
      this.line(page, y, l, style, GRID_WIDTH(box), align);
      y += LINE_PT;
    }
  }

  private heading(b: HeadingBlock, pieces: Piece[], box: PageBox, sect: StructureNode): void {
    const lvl = (b.level >= 1 && b.level <= 4 ? b.level : 4) as HeadingLevel;
    const role = HEADING[lvl].role;
    const node = this.structure.add(sect, `H${lvl}` as StructureNode['role'], '正文');
    const segs: Seg[] = [];
    if (b.number) segs.push({ text: b.number, role, color: COLOR.black, tag: node.id });
    segs.push(...runSegs(b.runs, role, COLOR.black, node.id, HEADING[lvl].bold));
    const text = b.number + runsText(b.runs);
    const lines = toLines(segs, text, breakGridLines(text, W_CHARS, BODY.firstLineChars, gridWidthIn(this.metrics[role])), BODY.firstLineChars, true);
    this.flowLines(pieces, lines, BODY_STYLE, box, 'justify');
    const first = pieces.find((p) => p.kind === 'lines');
    if (first) this.outlineEntry({ title: text, page: first.page - 1, y: this.origin(first.page).y + first.y, level: lvl, children: [] });
  }

  private outlineEntry(e: OutlineEntry): void {
    while (this.outlineStack.length && this.outlineStack[this.outlineStack.length - 1].level >= e.level) this.outlineStack.pop();
    (this.outlineStack.length ? this.outlineStack[this.outlineStack.length - 1].children : this.outline).push(e);
    this.outlineStack.push(e);
  }

  private paragraph(b: ParagraphBlock, pieces: Piece[], box: PageBox, sect: StructureNode): void {
    const node = this.structure.add(sect, 'P', '正文');
    const segs: Seg[] = [];
    const prefix = b.number ?? b.bullet ?? '';
    if (b.number) segs.push({ text: b.number, role: HEADING[b.numberLevel ?? 3].role, color: COLOR.black, tag: node.id });
    else if (b.bullet) segs.push({ text: b.bullet, role: BODY.role, color: COLOR.black, tag: node.id });
    segs.push(...runSegs(b.runs, BODY.role, COLOR.black, node.id));
    const centred = b.align === 'center' || b.align === 'right';
    const indent = b.indent === 'none' || centred ? 0 : BODY.firstLineChars;
    const text = prefix + runsText(b.runs);
    const align = b.align === 'center' || b.align === 'right' || b.align === 'left' ? b.align : 'justify';
    this.flowLines(pieces, toLines(segs, text, breakGridLines(text, W_CHARS, indent, this.body), indent, align === 'justify'), BODY_STYLE, box, align);
  }

  private title(b: TitleBlock, piece: Piece | undefined, box: PageBox, sect: StructureNode): void {
    if (!piece || piece.kind !== 'box') return;
    const node = this.structure.add(sect, 'P', b.variant === 'document' ? '标题' : '附件');
    const style = plain(TITLE.sizePt);
    b.lines.forEach((l, k) => {
      this.line(piece.page, piece.y + k * LINE_PT, { segs: [{ text: l, role: TITLE.role, color: COLOR.black, tag: node.id }], indentPt: 0, justify: false }, style, box.widthPt, 'center');
    });
  }

  private attachmentNote(b: AttachmentNoteBlock, piece: Piece | undefined, box: PageBox, sect: StructureNode): void {
    if (!piece || piece.kind !== 'box') return;
    const node = this.structure.add(sect, 'P', '附件说明');
    const several = b.items.length > 1;
    const labelChars = gridWidth('附件：');
    const nameAt = ATTACHMENT_NOTE.indentChars + labelChars + (several ? 1.5 : 0);
    const width = W_CHARS - nameAt;
    const lines: { segs: Seg[]; at: number }[] = [];
    b.items.forEach((item, i) => {
      const broken = breakGridLines(item, width, 0, this.body);
      broken.forEach((l, k) => {
        if (k === 0) {
          if (i === 0) lines.push({ segs: [{ text: '附件：', role: BODY.role, color: COLOR.black, tag: node.id }], at: ATTACHMENT_NOTE.indentChars });
          if (several) lines.push({ segs: [{ text: `${i + 1}.`, role: BODY.role, color: COLOR.black, tag: node.id }], at: ATTACHMENT_NOTE.indentChars + labelChars });
        }
        lines.push({ segs: [{ text: l, role: BODY.role, color: COLOR.black, tag: node.id }], at: -nameAt });
      });
    });
    // Each name line is a grid line; the label and number stand on their name's first line.
    let page = piece.page;
    let y = piece.y;
    for (const l of lines) {
      if (l.at >= 0) {
        this.line(page, y, { segs: l.segs, indentPt: l.at * PITCH, justify: false }, BODY_STYLE, box.widthPt, 'left');
        continue;
      }
      if (y + LINE_PT > box.heightPt + 0.01) {
        page++;
        y = 0;
      }
      this.line(page, y, { segs: l.segs, indentPt: -l.at * PITCH, justify: false }, BODY_STYLE, box.widthPt, 'left');
      y += LINE_PT;
    }
  }

  private signature(b: SignatureBlock, piece: Piece | undefined, box: PageBox, sect: StructureNode): void {
    if (!piece || piece.kind !== 'box') return;
    const n = piece.page;
    const text = (t: string, element: GongwenElement): Seg[] => [{ text: t, role: BODY.role, color: COLOR.black, tag: this.structure.add(sect, 'P', element).id }];
    if (!b.seal) {
      const nameW = Math.max(0, ...b.names.map(this.body));
      const blockW = Math.max(nameW, SIGNATURE.dateOffsetChars + this.body(b.date));
      const left = W_CHARS - SIGNATURE.nameRightChars - blockW;
      b.names.forEach((name, i) => this.line(n, piece.y + i * LINE_PT, { segs: text(name, '发文机关署名'), indentPt: left * PITCH, justify: false }, BODY_STYLE, box.widthPt, 'left'));
      this.line(n, piece.y + b.names.length * LINE_PT, { segs: text(b.date, '成文日期'), indentPt: (left + SIGNATURE.dateOffsetChars) * PITCH, justify: false }, BODY_STYLE, box.widthPt, 'left');
      return;
    }
    const lay = sealedSignatureLayout({ ...b, seal: b.seal });
    const centred = (t: string, centre: number, line: number, element: GongwenElement) => {
      const segs = text(t, element);
      const w = this.glyphs.width(segs, BODY_STYLE);
      this.line(n, piece.y + line * LINE_PT, { segs, indentPt: Math.max(0, centre * PITCH - w / 2), justify: false }, BODY_STYLE, box.widthPt, 'left');
    };
    for (const r of lay.rows) for (const nm of r.names) centred(nm.text, nm.centre, r.line, '发文机关署名');
    centred(b.date, (lay.date.left + lay.date.right) / 2, lay.date.line, '成文日期');
    const o = this.origin(n);
    lay.seals.forEach((s, i) => {
      const img = b.seal!.images[i];
      if (!img) return; // space for a hand stamp
      const node = this.structure.add(sect, 'Figure', '印章', img.path);
      const x = o.x + s.left * PITCH;
      const y = o.y + piece.y + s.top * LINE_PT;
      const vector = (img as { vector?: VectorLike }).vector;
      if (img.format === 'svg' && vector) {
        this.items(n).push(...vectorItems(vector, x, y, s.width * PITCH, s.height * LINE_PT, node.id));
        return;
      }
      // An SVG seal without paths (clips, masks, filters) is drawn from its PNG raster.
      const pic = this.sealRaster(img);
      if (pic) this.items(n).push({ kind: 'image', x, y, w: s.width * PITCH, h: s.height * LINE_PT, image: pic, tag: node.id });
    });
  }

  private sealRaster(img: SealImage): RasterImage | undefined {
    if (img.format === 'png') return raster(img.bytes, img.sha256);
    return img.raster ? raster(img.raster, `${img.sha256}-raster`) : undefined;
  }

  private cover(b: CoverBlock, piece: Piece | undefined, box: PageBox, sect: StructureNode): void {
    if (!piece) return;
    const n = piece.page;
    const node = this.structure.add(sect, 'P', '标题');
    const titleLine = COVER.titleSizePt * 1.5;
    const extra = (b.info ?? [b.author, b.date]).filter((x): x is string => !!x);
    const statement = b.statement ? breakGridLines(b.statement, W_CHARS, BODY.firstLineChars, this.body) : [];
    const infoGap = b.info ? LINE_PT : 0;
    const height =
      b.title.length * titleLine + COVER.gapLines * LINE_PT + extra.length * LINE_PT + Math.max(0, extra.length - 1) * infoGap + (statement.length ? COVER.formStatementGapLines * LINE_PT + statement.length * LINE_PT : 0);
    let y = Math.max(0, (box.heightPt - height) / 2);
    const titleStyle = plain(COVER.titleSizePt);
    for (const l of b.title) {
      this.line(n, y, { segs: [{ text: l, role: COVER.titleRole, color: COLOR.black, tag: node.id }], indentPt: 0, justify: false }, titleStyle, box.widthPt, 'center', titleLine);
      y += titleLine;
    }
    y += COVER.gapLines * LINE_PT;
    const textStyle = plain(COVER.textSizePt);
    extra.forEach((t, i) => {
      if (i) y += infoGap;
      const p = this.structure.add(sect, 'P');
      this.line(n, y, { segs: [{ text: t, role: COVER.textRole, color: COLOR.black, tag: p.id }], indentPt: 0, justify: false }, textStyle, box.widthPt, 'center');
      y += LINE_PT;
    });
    if (b.statement) {
      y += COVER.formStatementGapLines * LINE_PT;
      const p = this.structure.add(sect, 'P');
      const lines = toLines([{ text: b.statement, role: BODY.role, color: COLOR.black, tag: p.id }], b.statement, statement, BODY.firstLineChars, true);
      for (const l of lines) {
        this.line(n, y, l, BODY_STYLE, GRID_WIDTH(box));
        y += LINE_PT;
      }
    }
  }

  private toc(b: TocBlock, pieces: Piece[], box: PageBox, sect: StructureNode): void {
    const node = this.structure.add(sect, 'TOC');
    const head = pieces.find((p) => p.kind === 'box' && p.unit === 0);
    if (head && head.kind === 'box') {
      const t = this.structure.add(node, 'P');
      this.line(head.page, head.y, { segs: [{ text: b.title, role: TOC.titleRole, color: COLOR.black, tag: t.id }], indentPt: 0, justify: false }, plain(TOC.titleSizePt), box.widthPt, 'center');
    }
    // Each entry's lines as the paginator counted them (flow/units.ts tocEntryLines); the last
    // carries the dotted leader and the page number.
    const lines: { h: HeadingBlock; text: string; last: boolean; item?: StructureNode }[] = [];
    for (const h of this.headings) {
      if (h.level > b.depth) continue;
      const ls = tocEntryLines(h, this.body);
      ls.forEach((text, k) => lines.push({ h, text, last: k === ls.length - 1 }));
    }
    const leader = this.artifact('toc-leader');
    const items = new Map<HeadingBlock, StructureNode>();
    for (const p of pieces) {
      if (p.kind !== 'lines') continue;
      for (let i = 0; i < p.count; i++) {
        const l = lines[p.from + i];
        if (!l) continue;
        let item = items.get(l.h);
        if (!item) items.set(l.h, (item = this.structure.add(node, 'TOCI')));
        const o = this.origin(p.page);
        const base = o.y + baselineIn(p.y + i * LINE_PT, LINE_PT, BODY.sizePt);
        const indent = (Math.min(4, Math.max(1, l.h.level)) - 1) * TOC.indentCharsPerLevel * PITCH;
        const end = this.glyphs.draw(this.items(p.page), [{ text: l.text, role: BODY.role, color: COLOR.black, tag: item.id }], BODY_STYLE, o.x + indent, base);
        if (!l.last) continue;
        const number = this.facts.headingPages[l.h.id];
        const numSegs: Seg[] = number === undefined ? [] : [{ text: String(number), role: BODY.role, color: COLOR.black, tag: item.id }];
        const numW = this.glyphs.width(numSegs, plain(BODY.sizePt));
        const right = o.x + box.widthPt;
        if (numSegs.length) this.glyphs.draw(this.items(p.page), numSegs, plain(BODY.sizePt), right - numW, base);
        const from = end + 0.5 * PITCH;
        const to = right - numW - 0.5 * PITCH;
        if (to > from) this.items(p.page).push({ kind: 'line', x1: from, y1: base, x2: to, y2: base, widthPt: 1, color: COLOR.black, dash: [1, 2], tag: leader });
      }
    }
  }

  private figure(b: FigureBlock, piece: Piece | undefined, box: PageBox, sect: StructureNode): void {
    if (!piece || piece.kind !== 'box') return;
    const node = this.structure.add(sect, 'Figure', undefined, b.caption);
    const lines = Math.ceil(b.heightMm / LINE_PITCH_MM - 1e-6);
    const w = mmToPt(b.widthMm);
    const h = mmToPt(b.heightMm);
    const o = this.origin(piece.page);
    // The picture centred, at the foot of its box of whole lines (as the renderers drew it).
    const x = o.x + (box.widthPt - w) / 2;
    const y = o.y + piece.y + lines * LINE_PT - h;
    const checked = b as FigureBlock & { bytes?: Uint8Array; raster?: Uint8Array; vector?: VectorLike };
    if (b.format === 'svg' && checked.vector) this.items(piece.page).push(...vectorItems(checked.vector, x, y, w, h, node.id));
    else {
      // The checked bytes where src/source/images gave them (trust branch), else the file, read once here.
      let bytes: Uint8Array | undefined = b.format === 'svg' ? checked.raster : checked.bytes;
      if (!bytes && b.format !== 'svg') {
        try {
          bytes = readFileSync(b.path);
        } catch {
          bytes = undefined;
        }
      }
      const pic = bytes ? raster(bytes, b.format === 'svg' ? `${b.digest}-raster` : b.digest) : undefined;
      if (pic) this.items(piece.page).push({ kind: 'image', x, y, w, h, image: pic, tag: node.id });
    }
    const cap = this.structure.add(sect, 'Caption');
    const text = b.caption ? `${b.label} ${b.caption}` : b.label;
    const segs: Seg[] = [{ text, role: FIGURE.captionRole, color: COLOR.black, tag: cap.id }];
    const broken = breakGridLines(text, W_CHARS, 0, this.body);
    this.boxLines(piece, toLines(segs, text, broken, 0, false), BODY_STYLE, box, 'center', lines);
  }

  // ---- tables ----

  private table(given: TableBlock, pieces: Piece[], box: PageBox, sect: StructureNode): void {
    const index = this.tableIndex++;
    const captionPiece = given.caption ? pieces.filter((p) => p.kind === 'box').pop() : undefined;
    if (given.caption && captionPiece && captionPiece.kind === 'box') {
      const cap = this.structure.add(sect, 'Caption');
      const segs: Seg[] = [{ text: given.caption, role: TABLE.headRole, color: COLOR.black, tag: cap.id }];
      this.boxLines(captionPiece, toLines(segs, given.caption, breakGridLines(given.caption, W_CHARS, 0, this.body), 0, false), BODY_STYLE, box, 'center');
    }
    const tp = pieces.find((p) => p.kind === 'table');
    if (tp?.kind === 'table') this.tables.draw(given, tp, box, sect, index, this.facts.tablePageStarts[index] ?? []);
  }

}

/** Body text is set on the 28-character line in every section (the paginator counts it so). */
const GRID_WIDTH = (box: PageBox): number => Math.min(box.widthPt, W_CHARS * PITCH);
