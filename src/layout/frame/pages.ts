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
  ImprintBlock,
  ParagraphBlock,
  RedHeaderBlock,
  Run,
  SealImage,
  SignatureBlock,
  TableBlock,
  TableCell,
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
  HEADER,
  HEADING,
  IMPRINT,
  LANDSCAPE,
  LINE_PITCH_MM,
  MARK_SUFFIX,
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
import { flowFacts } from '../flow/facts.js';
import { breakGridLines } from '../lines/grid-lines.js';
import { fillDisplayLines } from '../lines/index.js';
import { cellMetrics, LANDSCAPE_BOX, LINE_PT, PORTRAIT_BOX, type PageBox } from '../measure/metrics.js';
import { redHeaderGeometry } from '../measure/red-header.js';
import { sealedSignatureLayout } from '../measure/signature.js';
import { gridWidth, gridWidthIn, type TextMetrics } from '../measure/text-width.js';
import { imprintHeightPt } from '../pages/imprint.js';
import { displayedNumber } from '../pages/numbers.js';
import { splitMergesAtPages } from '../tables/merges.js';
import { bookMetrics, displayWidths } from './metrics.js';
import { Structure } from './structure.js';
import { baselineIn, Glyphs, type LineStyle, type Seg } from './text.js';
import type { GongwenElement, OutlineEntry, PagedDocument, PageItem, PathItem, PathOp, PositionedPage, RasterImage, StructureNode } from './types.js';

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
const plain = (sizePt: number): LineStyle => ({ sizePt, spacing: 0, grid: false });
const runsText = (runs: Run[]): string => runs.map((r) => r.text).join('');

/** A line ready to draw: its segments, its indent and whether it is justified. */
interface TextLine {
  segs: Seg[];
  indentPt: number;
  justify: boolean;
}

/** Cuts styled segments at the line breaks the grid breaker chose (its lines join back to the text without its '\n'). */
function toLines(segs: Seg[], text: string, lines: string[], firstIndentChars: number, justify: boolean): TextLine[] {
  const out: TextLine[] = [];
  let at = 0;
  let afterBreak = true;
  lines.forEach((l, i) => {
    const from = at;
    const to = at + l.length;
    at = to;
    const hard = text[at] === '\n';
    if (hard) at++;
    // The first line, and the first after a hard break (lines/grid-lines.ts gridLinesOf), start indented.
    out.push({ segs: slice(segs, from, to), indentPt: afterBreak ? firstIndentChars * PITCH : 0, justify: justify && !hard && i < lines.length - 1 });
    afterBreak = hard;
  });
  return out;
}

function slice(segs: Seg[], from: number, to: number): Seg[] {
  const out: Seg[] = [];
  let pos = 0;
  for (const s of segs) {
    const end = pos + s.text.length;
    if (end > from && pos < to) {
      const t = s.text.slice(Math.max(0, from - pos), Math.min(s.text.length, to - pos));
      if (t) out.push({ ...s, text: t });
    }
    pos = end;
    if (pos >= to) break;
  }
  return out;
}

function runSegs(runs: Run[], role: FontRole, color: string, tag: number | undefined, bold = false): Seg[] {
  return runs.map((r) => {
    const s: Seg = { text: r.text, role: r.role ?? role, color };
    if (tag !== undefined) s.tag = tag;
    if (r.bold || bold) s.bold = true;
    if (r.link && /^(https?:|mailto:)/i.test(r.link)) s.link = r.link;
    return s;
  });
}

/** PNG or JPEG size in pixels from the file's header (the image was checked before layout). */
function rasterSize(bytes: Uint8Array): { format: 'png' | 'jpeg'; w: number; h: number } | undefined {
  if (bytes.length > 24 && bytes[0] === 0x89 && bytes[1] === 0x50) {
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return { format: 'png', w: dv.getUint32(16), h: dv.getUint32(20) };
  }
  if (bytes.length > 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let i = 2;
    while (i + 9 < bytes.length) {
      if (bytes[i] !== 0xff) return undefined;
      const marker = bytes[i + 1];
      const len = (bytes[i + 2] << 8) | bytes[i + 3];
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { format: 'jpeg', h: (bytes[i + 5] << 8) | bytes[i + 6], w: (bytes[i + 7] << 8) | bytes[i + 8] };
      }
      i += 2 + len;
    }
  }
  return undefined;
}

function raster(bytes: Uint8Array, sha256: string): RasterImage | undefined {
  const s = rasterSize(bytes);
  return s ? { format: s.format, bytes, widthPx: s.w, heightPx: s.h, sha256 } : undefined;
}

/**
 * An SVG picture as paths (src/source/images gives figures and seals a `vector` on the trust
 * branch: the model's VectorImage; read here by shape so that this stage does not wait for it).
 */
interface VectorLike {
  viewBox: [number, number, number, number];
  paths: { ops: PathOp[]; transform: Matrix; fill?: string; fillOpacity?: number; fillRule?: 'nonzero' | 'evenodd'; stroke?: string; strokeOpacity?: number; strokeWidth?: number }[];
}
type Matrix = [number, number, number, number, number, number];

/** m ∘ t: t first, then m (both [a b c d e f], x' = a·x + c·y + e). */
function compose(m: Matrix, t: Matrix): Matrix {
  return [m[0] * t[0] + m[2] * t[1], m[1] * t[0] + m[3] * t[1], m[0] * t[2] + m[2] * t[3], m[1] * t[2] + m[3] * t[3], m[0] * t[4] + m[2] * t[5] + m[4], m[1] * t[4] + m[3] * t[5] + m[5]];
}

/** A picture's paths in the box x, y, w, h (the viewBox fitted whole and centred, as SVG's default xMidYMid meet). */
function vectorItems(v: VectorLike, x: number, y: number, w: number, h: number, tag: number): PathItem[] {
  const [vx, vy, vw, vh] = v.viewBox;
  if (!(vw > 0 && vh > 0)) return [];
  const k = Math.min(w / vw, h / vh);
  const box: Matrix = [k, 0, 0, k, x + (w - vw * k) / 2 - vx * k, y + (h - vh * k) / 2 - vy * k];
  return v.paths.map((p) => {
    const item: PathItem = { kind: 'path', ops: p.ops, transform: compose(box, p.transform), tag };
    if (p.fill !== undefined) item.fill = p.fill;
    if (p.fillOpacity !== undefined) item.fillOpacity = p.fillOpacity;
    if (p.fillRule !== undefined) item.fillRule = p.fillRule;
    if (p.stroke !== undefined) item.stroke = p.stroke;
    if (p.strokeOpacity !== undefined) item.strokeOpacity = p.strokeOpacity;
    if (p.strokeWidth !== undefined) item.strokeWidth = p.strokeWidth;
    return item;
  });
}

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

type Facts = ReturnType<typeof flowFacts>;

class FrameBuilder {
  private readonly glyphs: Glyphs;
  private readonly structure = new Structure();
  private readonly pages: PositionedPage[] = [];
  private readonly outline: OutlineEntry[] = [];
  private readonly outlineStack: OutlineEntry[] = [];
  private readonly piecesOf = new Map<string, Piece[]>();
  private readonly sectionOfPage: number[] = [];
  private readonly artifacts = new Map<string, StructureNode>();
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
    private readonly facts: Facts,
    private readonly pagesBetween: number,
    private readonly attached: { path: string; pages: number }[],
    private readonly contentPages: number,
  ) {
    this.glyphs = new Glyphs(book);
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
  private origin(n: number): { x: number; y: number } {
    return this.page(n).landscape ? LANDSCAPE_ORIGIN : PORTRAIT_ORIGIN;
  }

  private items(n: number): PageItem[] {
    return this.page(n).items;
  }

  private artifact(key: string, element?: GongwenElement): number {
    let a = this.artifacts.get(key);
    if (!a) this.artifacts.set(key, (a = this.structure.add(this.structure.root, 'Artifact', element)));
    return a.id;
  }

  // ---- drawing helpers ----

  /** One line of text whose line box starts `top` points below the text block top of page n. */
  private line(n: number, top: number, l: TextLine, style: LineStyle, widthPt: number, align: 'left' | 'center' | 'right' | 'justify' = 'justify', linePt = LINE_PT): void {
    const o = this.origin(n);
    const base = o.y + baselineIn(top, linePt, style.sizePt);
    const avail = widthPt - l.indentPt;
    let x = o.x + l.indentPt;
    const w = this.glyphs.width(l.segs, style);
    if (w > avail && w - avail <= 1) {
      // The grid breaker keeps a line up to 0.05 character over (as Chromium did): closed up to the width.
      this.glyphs.draw(this.items(n), l.segs, style, x, base, avail);
      return;
    }
    if (align === 'center' || align === 'right') x += align === 'center' ? (avail - w) / 2 : avail - w;
    this.glyphs.draw(this.items(n), l.segs, style, x, base, align === 'justify' && l.justify ? avail : undefined);
  }

  private rule(n: number, x1: number, y1: number, x2: number, y2: number, widthPt: number, color: string, tag: number, dash?: number[]): void {
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
      s.blocks.forEach((b, bi) => this.block(b, si, bi, s.blocks[bi - 1], sect));
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
      this.imprint(this.model.imprint, at);
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

  private block(b: Block, si: number, bi: number, prev: Block | undefined, sect: StructureNode): void {
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
        return this.redHeader(b, pieces[0], sect);
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
        return this.table(b, pieces, box, sect, prev);
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

  private redHeader(b: RedHeaderBlock, piece: Piece | undefined, sect: StructureNode): void {
    if (!piece || piece.kind !== 'box') return;
    const n = piece.page;
    const top = piece.y;
    const W = mmToPt(PAGE.textWidthMm);
    const meta = plain(BODY.sizePt);
    let metaLine = 0;
    const metaLineOf = (text: string, role: FontRole, element: GongwenElement) => {
      const node = this.structure.add(sect, 'P', element);
      this.line(n, top + metaLine++ * LINE_PT, { segs: [{ text, role, color: COLOR.black, tag: node.id }], indentPt: 0, justify: false }, meta, W, 'left');
    };
    if (b.copyNumber) metaLineOf(b.copyNumber, BODY.role, '份号');
    if (b.secrecy) metaLineOf(b.secrecy, 'heiti', '密级和保密期限');
    if (b.urgency) metaLineOf(b.urgency, 'heiti', '紧急程度');

    const g = redHeaderGeometry(b);
    const real = displayWidths(this.glyphs.book)('xiaobiaosong');
    const markNode = this.structure.add(sect, 'P', '发文机关标志');
    const o = this.origin(n);
    const markTop = top + mmToPt(HEADER.markTopMm);
    const stacked = b.lines.length > 1;
    const lineW = Math.max(0, ...b.lines.map(real));
    const sufW = b.suffix ? real(b.suffix) : 0;
    const totalEm = stacked ? lineW + (sufW ? MARK_SUFFIX.gapChars + sufW : 0) : lineW + sufW;
    // The size that fits (profile's geometry), never wider than the block at the faces' real widths.
    const size = Math.min(g.sizePt, W / Math.max(totalEm, 1));
    const style = plain(size);
    const red = COLOR.red;
    const pitch = size * HEADER.markLineFactor;
    const left = o.x + (W - totalEm * size) / 2;
    const seg = (text: string): Seg[] => [{ text, role: 'xiaobiaosong', color: red, tag: markNode.id }];
    if (stacked) {
      b.lines.forEach((l, k) => {
        const base = o.y + markTop + k * pitch + 0.88 * size;
        // Each line spread over the stack's width (text-align-last: justify).
        this.glyphs.draw(this.items(n), seg(l), style, left, base, [...l].length > 1 ? lineW * size : undefined);
      });
      if (b.suffix) {
        const mid = markTop + ((b.lines.length - 1) * pitch + size) / 2;
        this.glyphs.draw(this.items(n), seg(b.suffix), style, left + (lineW + MARK_SUFFIX.gapChars) * size, o.y + mid - size / 2 + 0.88 * size);
      }
    } else {
      this.glyphs.draw(this.items(n), seg((b.lines[0] ?? '') + b.suffix), style, left, o.y + markTop + 0.88 * size);
    }

    const signers = b.signers ?? [];
    const numberLine = g.numberLine - Math.max(0, signers.length - 1);
    const numStyle = plain(BODY.sizePt);
    if (signers.length > 0) {
      signers.forEach((name, i) => {
        const lineTop = top + (numberLine + i) * LINE_PT;
        if (i === signers.length - 1 && b.number) {
          const node = this.structure.add(sect, 'P', '发文字号');
          this.line(n, lineTop, { segs: [{ text: b.number, role: BODY.role, color: COLOR.black, tag: node.id }], indentPt: BODY.sizePt, justify: false }, numStyle, W, 'left');
        }
        const node = this.structure.add(sect, 'P', '签发人');
        const segs: Seg[] = [
          { text: '签发人：', role: BODY.role, color: COLOR.black, tag: node.id },
          { text: name, role: 'kaiti', color: COLOR.black, tag: node.id },
        ];
        this.line(n, lineTop, { segs, indentPt: 0, justify: false }, numStyle, W - BODY.sizePt, 'right');
      });
    } else if (b.number) {
      const node = this.structure.add(sect, 'P', '发文字号');
      this.line(n, top + numberLine * LINE_PT, { segs: [{ text: b.number, role: BODY.role, color: COLOR.black, tag: node.id }], indentPt: 0, justify: false }, numStyle, W, 'center');
    }
    const ruleY = top + mmToPt(g.ruleTopMm) + HEADER.ruleWidthPt / 2;
    this.rule(n, 0, ruleY, W, ruleY, HEADER.ruleWidthPt, red, this.artifact(`red-rule-${n}`, '版头分隔线'));
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
    const entries = this.headings.filter((h) => h.level <= b.depth);
    const leader = this.artifact('toc-leader');
    for (const p of pieces) {
      if (p.kind !== 'lines') continue;
      for (let i = 0; i < p.count; i++) {
        const h = entries[p.from + i];
        if (!h) continue;
        const item = this.structure.add(node, 'TOCI');
        const o = this.origin(p.page);
        const top = p.y + i * LINE_PT;
        const base = o.y + baselineIn(top, LINE_PT, BODY.sizePt);
        const indent = (Math.min(4, Math.max(1, h.level)) - 1) * TOC.indentCharsPerLevel * PITCH;
        const number = this.facts.headingPages[h.id];
        const numSegs: Seg[] = number === undefined ? [] : [{ text: String(number), role: BODY.role, color: COLOR.black, tag: item.id }];
        const numW = this.glyphs.width(numSegs, plain(BODY.sizePt));
        const right = o.x + box.widthPt;
        // The entry's text, cut where it would run into the leader's two characters and the number.
        let text = h.number + runsText(h.runs);
        const room = box.widthPt - indent - numW - 2.5 * PITCH;
        while (text && this.glyphs.width([{ text, role: BODY.role, color: COLOR.black }], BODY_STYLE) > room) text = [...text].slice(0, -1).join('');
        const end = this.glyphs.draw(this.items(p.page), [{ text, role: BODY.role, color: COLOR.black, tag: item.id }], BODY_STYLE, o.x + indent, base);
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

  private table(given: TableBlock, pieces: Piece[], box: PageBox, sect: StructureNode, _prev: Block | undefined): void {
    const index = this.tableIndex++;
    const captionPiece = given.caption ? pieces.filter((p) => p.kind === 'box').pop() : undefined;
    if (given.caption && captionPiece && captionPiece.kind === 'box') {
      const cap = this.structure.add(sect, 'Caption');
      const segs: Seg[] = [{ text: given.caption, role: TABLE.headRole, color: COLOR.black, tag: cap.id }];
      this.boxLines(captionPiece, toLines(segs, given.caption, breakGridLines(given.caption, W_CHARS, 0, this.body), 0, false), BODY_STYLE, box, 'center');
    }
    const tp = pieces.find((p) => p.kind === 'table');
    if (!tp || tp.kind !== 'table') return;
    const starts = this.facts.tablePageStarts[index] ?? [];
    const t = given.repeatMergedOnBreak && starts.length ? splitMergesAtPages(given, starts) : given;
    const node = this.structure.add(sect, 'Table');
    const border = this.artifact(`table-${index}`);
    const m = cellMetrics(t.size);
    const colX: number[] = [0];
    for (const c of t.columns) colX.push(colX[colX.length - 1] + Math.max(0, c.share) * box.widthPt);
    const headN = Math.max(0, Math.min(t.headerRows, t.rows.length));
    const { placement: P, heights } = tp;
    const trs = new Map<number, StructureNode>();
    const tr = (r: number) => {
      let x = trs.get(r);
      if (!x) trs.set(r, (x = this.structure.add(node, 'TR')));
      return x;
    };
    // Body rows by page, in order.
    let r = headN;
    const segments: { page: number; rows: number[] }[] = [];
    if (t.rows.length === headN) segments.push({ page: P.rowPage[0] ?? 0, rows: [] });
    while (r < t.rows.length) {
      const pg = P.rowPage[r];
      const rows: number[] = [];
      while (r < t.rows.length && P.rowPage[r] === pg) rows.push(r++);
      segments.push({ page: pg, rows });
    }
    segments.forEach((seg, k) => {
      const n = tp.page + seg.page;
      const tops: { r: number; top: number; head: boolean }[] = [];
      const headTop = P.headTop[seg.page] ?? (seg.rows.length ? P.rowTop[seg.rows[0]] - heights.slice(0, headN).reduce((a, b) => a + b, 0) : 0);
      let y = headTop;
      for (let h = 0; h < headN; h++) {
        tops.push({ r: h, top: y, head: true });
        y += heights[h];
      }
      for (const row of seg.rows) tops.push({ r: row, top: P.rowTop[row], head: false });
      const segTop = tops.length ? tops[0].top : 0;
      const last = tops[tops.length - 1];
      const segBottom = last ? last.top + heights[last.r] : segTop;
      const lastRow = last?.r ?? 0;
      const repeat = k > 0;
      // Borders: one rule per run of cell edges (a row's top across the columns whose cells
      // start there, a column's left edge down the rows it separates), not four per cell: a
      // 10,000-row list draws about 12,000 rules instead of 80,000.
      const ncols = t.columns.length;
      const vFrom: number[] = new Array(ncols).fill(NaN);
      const vTo: number[] = new Array(ncols).fill(NaN);
      const vertical = (c: number, y1: number, y2: number) => {
        if (Math.abs(vTo[c] - y1) < 0.01) vTo[c] = y2;
        else {
          if (!Number.isNaN(vFrom[c])) this.rule(n, colX[c], vFrom[c], colX[c], vTo[c], TABLE.borderPt, COLOR.black, border);
          vFrom[c] = y1;
          vTo[c] = y2;
        }
      };
      const starts: boolean[] = new Array(ncols).fill(false);
      for (let i = 0; i < tops.length; i++) {
        const { r: row, top, head } = tops[i];
        const cells = t.rows[row];
        const rowNode = repeat && head ? undefined : tr(row);
        starts.fill(false);
        for (let c = 0; c < cells.length && c < ncols; c++) {
          const cell = cells[c];
          let own: TableCell | null = cell;
          let span: number;
          if (!own) {
            // A merge from an earlier page, continued at this page's first body row: drawn again.
            if (head || i !== headN || row <= headN) continue;
            const k0 = this.mergeOrigin(t, row, c);
            if (k0 === undefined) continue;
            own = t.rows[k0][c]!;
            span = k0 + Math.max(1, own.rowSpan ?? 1) - row;
          } else span = Math.max(1, Math.min(own.rowSpan ?? 1, t.rows.length - row));
          // Clipped to the rows on this page.
          const endRow = Math.min(row + span - 1, head ? headN - 1 : lastRow);
          let h = 0;
          for (let q = row; q <= endRow; q++) h += heights[q];
          const cs = Math.max(1, Math.min(own.colSpan ?? 1, ncols - c));
          const x = colX[c];
          const w = colX[c + cs] - x;
          // The head repeated on a later page is a pagination artifact (its cells are in the tree once).
          const cellTag = rowNode ? this.structure.add(rowNode, head ? 'TH' : 'TD').id : border;
          this.cell(n, own, x, top, w, h, head, head ? TABLE.headRole : TABLE.bodyRole, m, t.columns[c]?.align, cellTag);
          for (let k = c; k < c + cs; k++) starts[k] = true;
          vertical(c, top, top + h);
        }
        for (let c = 0; c < ncols; ) {
          if (!starts[c]) {
            c++;
            continue;
          }
          let e = c;
          while (e < ncols && starts[e]) e++;
          this.rule(n, colX[c], top, colX[e], top, TABLE.borderPt, COLOR.black, border);
          c = e;
        }
      }
      for (let c = 0; c < ncols; c++) if (!Number.isNaN(vFrom[c])) this.rule(n, colX[c], vFrom[c], colX[c], vTo[c], TABLE.borderPt, COLOR.black, border);
      const right = colX[colX.length - 1];
      this.rule(n, 0, segBottom, right, segBottom, TABLE.borderPt, COLOR.black, border);
      this.rule(n, right, segTop, right, segBottom, TABLE.borderPt, COLOR.black, border);
    });
  }

  private readonly cellWidths = new Map<string, (s: string) => number>();

  /** Width of cell text in ems of the table's size (tables/rows.ts counts rows with the same). */
  private cellWidth(role: FontRole, sizePt: number): (s: string) => number {
    const k = `${role}/${sizePt}`;
    let f = this.cellWidths.get(k);
    if (!f) this.cellWidths.set(k, (f = gridWidthIn(this.metrics[role], sizePt, sizePt)));
    return f;
  }

  private mergeOrigin(t: TableBlock, row: number, c: number): number | undefined {
    for (let k = row - 1; k >= t.headerRows; k--) {
      const cell = t.rows[k][c];
      if (cell) return k + Math.max(1, cell.rowSpan ?? 1) > row ? k : undefined;
    }
    return undefined;
  }

  private cell(n: number, cell: TableCell, x: number, top: number, w: number, h: number, head: boolean, role: FontRole, m: ReturnType<typeof cellMetrics>, colAlign: string | undefined, tag: number | undefined): void {
    const chars = Math.max(1, (w - m.sidePt) / m.sizePt);
    const widthOf = this.cellWidth(role, m.sizePt);
    const style = this.cellStyle(m.sizePt);
    const align = cell.align ?? colAlign ?? (head ? 'center' : 'left');
    const valign = head ? 'middle' : (cell.valign ?? 'top');
    const lines: TextLine[] = [];
    for (const p of cell.paragraphs) {
      const text = p.length === 1 ? p[0].text : runsText(p);
      const segs = runSegs(p, role, COLOR.black, tag, cell.bold);
      // The common cell: one line that fits (gridLineCount's own shortcut, the same answer).
      if (!text.includes('\n') && widthOf(text) <= chars + 0.05) lines.push({ segs, indentPt: 0, justify: false });
      else for (const l of toLines(segs, text, breakGridLines(text, chars, 0, widthOf), 0, false)) lines.push(l);
    }
    const inner = h - m.chromePt;
    const textH = lines.length * m.linePt;
    const off = valign === 'middle' ? Math.max(0, (inner - textH) / 2) : valign === 'bottom' ? Math.max(0, inner - textH) : 0;
    const pad = (m.sidePt - TABLE.borderPt) / 2;
    const o = this.origin(n);
    let y = top + TABLE.borderPt / 2 + pad + off;
    const left = x + m.sidePt / 2;
    const avail = w - m.sidePt;
    const items = this.items(n);
    for (const l of lines) {
      const base = o.y + baselineIn(y, m.linePt, m.sizePt);
      let dx = 0;
      if (align !== 'left') {
        const lw = this.glyphs.width(l.segs, style);
        dx = Math.max(0, align === 'center' ? (avail - lw) / 2 : avail - lw);
      }
      this.glyphs.draw(items, l.segs, style, o.x + left + dx, base);
      y += m.linePt;
    }
  }

  private readonly cellStyles = new Map<number, LineStyle>();
  private cellStyle(sizePt: number): LineStyle {
    let s = this.cellStyles.get(sizePt);
    if (!s) this.cellStyles.set(sizePt, (s = { sizePt, spacing: 0, grid: true }));
    return s;
  }

  // ---- the 版记 ----

  private imprint(b: ImprintBlock, n: number): void {
    const W = mmToPt(PAGE.textWidthMm);
    const H = mmToPt(PAGE.textHeightMm);
    const height = imprintHeightPt(b);
    const size = IMPRINT.sizePt;
    const style: LineStyle = { sizePt: size, spacing: 0, grid: true };
    const side = IMPRINT.sideIndentChars * size;
    const chars = W / size - 2 * IMPRINT.sideIndentChars;
    const rules = this.artifact(`imprint-rules`);
    const sect = this.structure.add(this.structure.root, 'Sect');
    let y = H - height;
    const outer = mmToPt(IMPRINT.outerRuleMm);
    const inner = mmToPt(IMPRINT.innerRuleMm);
    this.rule(n, 0, y + outer / 2, W, y + outer / 2, outer, COLOR.black, rules);
    y += outer;
    const rows: (() => void)[] = [];
    const o = this.origin(n);
    const hang = (label: string, text: string, element: GongwenElement) => () => {
      const node = this.structure.add(sect, 'P', element);
      const labelW = gridWidth(label) * size;
      breakGridLines(text, chars - gridWidth(label)).forEach((l, k) => {
        const base = o.y + baselineIn(y, LINE_PT, size);
        if (k === 0) this.glyphs.draw(this.items(n), [{ text: label, role: IMPRINT.role, color: COLOR.black, tag: node.id }], style, o.x + side, base);
        this.glyphs.draw(this.items(n), [{ text: l, role: IMPRINT.role, color: COLOR.black, tag: node.id }], style, o.x + side + labelW, base);
        y += LINE_PT;
      });
    };
    if (b.to) rows.push(hang('主送：', b.to, '主送机关'));
    if (b.cc) rows.push(hang('抄送：', b.cc, '抄送机关'));
    if (b.printer || b.printed) {
      rows.push(() => {
        const base = o.y + baselineIn(y, LINE_PT, size);
        if (b.printer) this.glyphs.draw(this.items(n), [{ text: b.printer, role: IMPRINT.role, color: COLOR.black, tag: this.structure.add(sect, 'P', '印发机关').id }], style, o.x + side, base);
        if (b.printed) {
          const segs: Seg[] = [{ text: `${b.printed}印发`, role: IMPRINT.role, color: COLOR.black, tag: this.structure.add(sect, 'P', '印发日期').id }];
          this.glyphs.draw(this.items(n), segs, style, o.x + W - side - this.glyphs.width(segs, style), base);
        }
        y += LINE_PT;
      });
    }
    rows.forEach((draw, i) => {
      if (i > 0) {
        this.rule(n, 0, y + inner / 2, W, y + inner / 2, inner, COLOR.black, rules);
        y += inner;
      }
      draw();
    });
    this.rule(n, 0, y + outer / 2, W, y + outer / 2, outer, COLOR.black, rules);
  }
}

/** Body text is set on the 28-character line in every section (the paginator counts it so). */
const GRID_WIDTH = (box: PageBox): number => Math.min(box.widthPt, W_CHARS * PITCH);
