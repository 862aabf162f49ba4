// A block drawn once for every document that places it the same way: the frame's drawing of a
// table, recorded (the items it put on each page, the structure nodes it made, the lines it
// reported too wide) and put back as it was when a later document of
// the same batch draws the same table object (pipeline/blocks-by-content.ts) at the same place.
//
// Why: a batch of notices with the same 52-row list annexed drew that list's 1,200 runs and
// 300 rules once a document, a third of the positioned pages' time (bench/run.js --batch).
//
// "The same place" is everything the drawer reads besides the table: the paginator's pieces
// (rows' pages relative to the first, their tops, heights, the caption's box), the table's
// index (its border artifact's key), the page starts that cut its merges, the box (portrait or
// landscape), the font book, and the structure's next id — the nodes and the items' tags are
// then exactly what drawing would make, and the items are shared, not copied (no writer changes
// an item or a node). The pages may lie elsewhere in the document: items are placed by page,
// in page coordinates that depend only on the page's orientation.
import type { FontBook } from '../../fonts/book-types.js';
import type { Structure } from './structure.js';
import type { Glyphs } from './text.js';
import type { Overflow, PageItem, StructureNode } from './types.js';
import { RecentByObject } from '../../util/identity-memo.js';

/** What a drawing is made on: the frame builder's pages, structure, artifacts and report. */
export interface Canvas {
  readonly structure: Structure;
  readonly glyphs: Glyphs;
  /** Items of physical page n (1-based), the page made if need be. */
  items(n: number): PageItem[];
  /** Pages made so far. */
  readonly pageCount: number;
  readonly artifacts: Map<string, StructureNode>;
  readonly overflows: Overflow[];
}

interface Drawing {
  book: FontBook;
  sig: string;
  startId: number;
  endId: number;
  /** New items by page, relative to the first page. */
  pages: { page: number; items: PageItem[] }[];
  sectNodes: StructureNode[];
  rootNodes: StructureNode[];
  artifacts: [string, StructureNode][];
  overflows: Overflow[];
}

/**
 * Drawings kept per block: a batch's notices place a shared paragraph at a few places (titles
 * of one or two lines, an opening paragraph of two or three before it); with two kept, a third
 * place drew it anew each time (288 of 594 misses in 128 notices).
 */
const drawings = new RecentByObject<object, Drawing>(6);

/**
 * Draws `block` with `draw`, or puts back its drawing from an earlier document when `sig` (the
 * place, relative to `firstPage`) and the structure's next id are the same.
 */
export function drawOnce(c: Canvas, block: object, sig: string, firstPage: number, sect: StructureNode, draw: () => void): void {
  const book = c.glyphs.book;
  const startId = c.structure.nextId;
  const hit = drawings.find(block, (d) => d.book === book && d.startId === startId && d.sig === sig);
  if (hit) return replay(c, hit, firstPage, sect);

  const root = c.structure.root;
  const before = { pages: c.pageCount, lens: [] as number[], sect: sect.children.length, root: root.children.length, artifacts: c.artifacts.size, overflows: c.overflows.length };
  for (let n = 1; n <= before.pages; n++) before.lens.push(c.items(n).length);
  draw();
  const pages: Drawing['pages'] = [];
  for (let n = 1; n <= c.pageCount; n++) {
    const items = c.items(n);
    const from = n <= before.pages ? before.lens[n - 1] : 0;
    if (items.length === from) continue;
    const added = items.slice(from);
    pages.push({ page: n - firstPage, items: added });
  }
  drawings.add(block, {
    book,
    sig,
    startId,
    endId: c.structure.nextId,
    pages,
    sectNodes: sect.children.slice(before.sect),
    rootNodes: sect === root ? [] : root.children.slice(before.root),
    artifacts: [...c.artifacts].slice(before.artifacts),
    overflows: c.overflows.slice(before.overflows).map((o) => ({ ...o, page: o.page - (firstPage - 1) })),
  });
}

function replay(c: Canvas, d: Drawing, firstPage: number, sect: StructureNode): void {
  for (const p of d.pages) {
    c.glyphs.adopt(p.items);
    c.items(firstPage + p.page).push(...p.items);
  }
  c.structure.adopt(sect, d.sectNodes, d.endId);
  if (d.rootNodes.length) c.structure.adopt(c.structure.root, d.rootNodes, d.endId);
  for (const [k, node] of d.artifacts) c.artifacts.set(k, node);
  for (const o of d.overflows) c.overflows.push({ ...o, page: o.page + firstPage - 1 });
}
