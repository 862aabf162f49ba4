// Flow units onto pages: the paginator. Body text fills the 22-line page line by line (no widow
// or orphan rule: every full page holds 22 lines, as GB/T 9704 and the DOCX have it); a
// heading, title, caption or annex label keeps with the first line of what follows; boxes
// (附件说明, 署名 with 日期, 版头) do not split, and their blank lines above are dropped at a page
// top; table rows never split and the head repeats; sections and annex labels start pages.
// Pure and fast: it runs for every document, whatever its formats.
import type { DocumentModel, HeadingBlock, Section, TableBlock } from '../../model/types.js';
import { LANDSCAPE_BOX, LINE_PT, PORTRAIT_BOX, type PageBox } from '../measure/metrics.js';
import { firstRows, placeRows, rowHeights, type TablePlacement } from '../tables/rows.js';
import { needsBlankBeforeBody } from '../pages/numbers.js';
import { unitsOf, type Unit } from './units.js';
import { NOMINAL, type TextMetrics } from '../measure/text-width.js';
import { TABLE } from '../../profile/gbt9704.js';

const EPS = 0.01;

/**
 * Where the paginator put one piece of a unit (layout/frame draws exactly this): `unit` is the
 * index of the unit among its block's units, `y` points from the text block's top.
 */
export type Piece =
  /** Lines `from` … `from + count − 1` of a text unit, the first at `y`. */
  | { kind: 'lines'; section: number; block: number; unit: number; page: number; y: number; from: number; count: number }
  /** A box (its top, below its margin); one taller than a page runs on over the next pages. */
  | { kind: 'box'; section: number; block: number; unit: number; page: number; y: number }
  /** A block that fills its page (cover). */
  | { kind: 'page'; section: number; block: number; unit: number; page: number }
  /** A table's rows: page `page` + placement.rowPage[r], top placement.rowTop[r]. */
  | { kind: 'table'; section: number; block: number; unit: number; page: number; placement: TablePlacement; heights: number[] };

export interface Flow {
  /** Physical page (1-based) each block starts on, by section and block. */
  blockPages: number[][];
  /** Physical page of each section's first page. */
  sectionStarts: number[];
  /** Physical page of each heading, by id. */
  headingPages: Map<string, number>;
  /** Top of each heading's first line, in points from the text block's top (tests, comparisons with a print). */
  headingTops: Map<string, number>;
  /** By table index (document order): rows that start a page after the table's first. */
  tableStarts: Map<number, number[]>;
  /** Sections that get a blank unnumbered page before them (a plan's body on a right-hand page). */
  blankBefore: Set<number>;
  /** Physical pages that carry no number: unnumbered sections and blank pages. */
  uncounted: Set<number>;
  /** Page where the content ends and the room used on it (points from the text block top). */
  lastPage: number;
  usedPt: number;
  lastBox: PageBox;
  /** Every piece where it went, in document order. */
  pieces: Piece[];
  /**
   * Paragraphs (section, block) that the DOCX holds with the 附件说明/署名 after them by
   * keep-with-next: those whose last lines the paginator carried to the next page for them, and
   * those that stand with them on one page when moved there whole, as LibreOffice moves a
   * keep-with-next paragraph (layout/flow/keeps.ts).
   */
  held: { section: number; block: number }[];
}

const boxOf = (s: Section): PageBox => (s.orientation === 'landscape' ? LANDSCAPE_BOX : PORTRAIT_BOX);

/**
 * Height of the first piece of unit k, which must stay with what comes before it
 * (keep-with-next): a line of text, a whole box, a table's head with its kept rows. A piece
 * that keeps with the next one in turn brings that one's first piece along (a 一级 heading
 * right before a 二级 one: both headings and the first line of the text go together).
 */
function firstPiece(units: Unit[], k: number, box: PageBox, heightsOf: (t: TableBlock, widthPt: number) => number[]): number {
  const u = units[k];
  if (!u) return 0;
  switch (u.kind) {
    case 'lines':
      return u.keepWithNext ? u.lines * LINE_PT + firstPiece(units, k + 1, box, heightsOf) : LINE_PT;
    case 'box':
      return (u.lines + (u.marginLines ?? 0)) * LINE_PT + (u.keepWithNext ? firstPiece(units, k + 1, box, heightsOf) : 0);
    case 'table': {
      // The head with the body rows that keep with it, a merge they are in whole (tables/rows.ts).
      return heightsOf(u.table, box.widthPt).slice(0, firstRows(u.table)).reduce((a, b) => a + b, 0);
    }
    default:
      return 0;
  }
}

/** Height of the boxes after unit k that keep with it (keepWithPrev), margins included; 0 if none. */
function tailAfter(units: Unit[], k: number): number {
  let h = 0;
  for (let i = k + 1; i < units.length; i++) {
    const u = units[i];
    if (u.kind !== 'box' || !u.keepWithPrev) break;
    h += (u.lines + (u.marginLines ?? 0)) * LINE_PT;
  }
  return h;
}

export function distribute(model: DocumentModel, metrics: TextMetrics = NOMINAL): Flow {
  // Row heights once per table (rowHeights keeps them: a 10,000-row list is measured once, not
  // again for its keep-with-next; a batch's shared list once for all its documents).
  const heightsOf = (t: TableBlock, widthPt: number): number[] => rowHeights(t, widthPt, metrics);
  const headings = model.sections.flatMap((s) => s.blocks.filter((b): b is HeadingBlock => b.type === 'heading'));
  const flow: Flow = {
    blockPages: [],
    sectionStarts: [],
    headingPages: new Map(),
    headingTops: new Map(),
    tableStarts: new Map(),
    blankBefore: new Set(),
    uncounted: new Set(),
    lastPage: 1,
    usedPt: 0,
    lastBox: PORTRAIT_BOX,
    pieces: [],
    held: [],
  };
  let page = 1;
  let used = 0;
  let fresh = true; // nothing on this page yet
  let tableIndex = 0;
  let frontMatter = false;
  let bodyStarted = false;
  const newPage = () => {
    page++;
    used = 0;
    fresh = true;
  };

  model.sections.forEach((s, si) => {
    const box = boxOf(s);
    if (si > 0) newPage();
    if (s.part === 'body' && !bodyStarted && needsBlankBeforeBody(page, frontMatter)) {
      flow.blankBefore.add(si);
      flow.uncounted.add(page);
      page++;
    }
    if (s.part === 'cover' || s.part === 'toc') frontMatter = true;
    if (s.part === 'body') bodyStarted = true;
    flow.sectionStarts.push(page);
    const sectionFirst = page;
    const pages: number[] = [];
    const units: { u: Unit; block: number; index: number }[] = [];
    s.blocks.forEach((b, bi) => {
      unitsOf(b, s.blocks[bi - 1], tableIndex, headings, metrics).forEach((u, index) => units.push({ u, block: bi, index }));
      if (b.type === 'table') tableIndex++;
    });
    const H = box.heightPt;
    const flat = units.map((x) => x.u);
    units.forEach(({ u, block, index }, k) => {
      const at = { section: si, block, unit: index };
      const markBlock = () => {
        if (pages[block] === undefined) pages[block] = page;
      };
      switch (u.kind) {
        case 'break':
          if (!fresh) newPage();
          return;
        case 'page':
          if (!fresh) newPage();
          markBlock();
          flow.pieces.push({ kind: 'page', ...at, page });
          used = H;
          fresh = false;
          return;
        case 'lines': {
          const need = u.keepWithNext ? u.lines * LINE_PT + firstPiece(flat, k + 1, box, heightsOf) : LINE_PT;
          const margin = fresh ? 0 : (u.marginLines ?? 0) * LINE_PT;
          // What must stand with this paragraph's last lines: the 附件说明, 署名 and 附注 after it.
          const tail = tailAfter(flat, k);
          const carried = Math.min(u.lines, u.carried ?? 1);
          // The DOCX holds it with the tail (keep-with-next) where its lines are carried over below,
          // or where, moved whole as LibreOffice moves a kept paragraph, it stands with the tail on a page.
          let held = tail > 0 && u.lines * LINE_PT + tail <= H;
          // A short last paragraph goes over whole with its tail, as LibreOffice moves it.
          const whole = carried === u.lines && tail > 0 && used + margin + u.lines * LINE_PT + tail > H + EPS && u.lines * LINE_PT + tail <= H;
          if (!fresh && (whole || used + margin + Math.min(need, H) > H + EPS)) newPage();
          else used += margin; // the space above (after a table); dropped at a page top
          let n = u.lines;
          while (n > 0) {
            const fit = Math.floor((H - used + EPS) / LINE_PT);
            if (fit <= 0) {
              newPage();
              continue;
            }
            let take = Math.min(fit, n);
            // The last lines go over with the tail when the tail would not fit after them, also on a
            // page they start: a long paragraph's lines left after a page break that filled the
            // next page left the 署名 alone on the page after (a text-only notice of 3 paragraphs).
            const over = Math.min(n, carried);
            if (take === n && n > 0 && tail > 0 && used + take * LINE_PT + tail > H + EPS && tail + over * LINE_PT <= H) {
              take = n - over;
              held = true;
            }
            if (take === 0) {
              newPage();
              continue;
            }
            if (n === u.lines) {
              markBlock();
              if (u.headingId) {
                flow.headingPages.set(u.headingId, page);
                flow.headingTops.set(u.headingId, used);
              }
            }
            flow.pieces.push({ kind: 'lines', ...at, page, y: used, from: u.lines - n, count: take });
            used += take * LINE_PT;
            n -= take;
            fresh = false;
          }
          if (held) flow.held.push({ section: si, block });
          return;
        }
        case 'box': {
          const margin = (u.marginLines ?? 0) * LINE_PT;
          const h = u.lines * LINE_PT;
          // keep-with-next: the first piece of what follows; a chain that keeps with this box (署名 after 附件说明): all of it.
          const next = (u.keepWithNext ? firstPiece(flat, k + 1, box, heightsOf) : 0) + tailAfter(flat, k);
          if (!fresh && used + margin + h + next > H + EPS && h + next <= H) newPage();
          // The half line above a table is no part of it: the table's page is where its rows go.
          if (u.lines > 0) markBlock();
          used += fresh ? 0 : margin;
          flow.pieces.push({ kind: 'box', ...at, page, y: used });
          used += h;
          fresh = false;
          while (used > H + EPS) {
            // Taller than a page (a long 附件说明): what does not fit runs on.
            const over = used - H;
            newPage();
            used = over;
            fresh = false;
          }
          return;
        }
        case 'table': {
          const heights = heightsOf(u.table, box.widthPt);
          const p = placeRows(u.table, heights, fresh ? 0 : used, H, EPS, TABLE.borderPt);
          if (p.rowPage[0] === 1) newPage();
          markBlock();
          const first = page;
          flow.pieces.push({ kind: 'table', ...at, page: first - (p.rowPage[0] === 1 ? 1 : 0), placement: p, heights });
          flow.tableStarts.set(u.tableIndex, p.pageStarts);
          page = first + p.pagesAdded - (p.rowPage[0] === 1 ? 1 : 0);
          used = p.endPt;
          fresh = false;
          return;
        }
      }
    });
    flow.blockPages.push(s.blocks.map((_, bi) => pages[bi] ?? page));
    if (!s.pageNumbers) for (let p = sectionFirst; p <= page; p++) flow.uncounted.add(p);
    flow.lastBox = box;
  });
  flow.lastPage = page;
  flow.usedPt = used;
  return flow;
}
