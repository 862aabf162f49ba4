// A page's content stream: each item drawn where the layout put it, in its order. The layout's
// y runs down from the top-left corner; PDF's runs up from the bottom-left, so every y is turned
// here (H − y) and nowhere else. Each item is its own marked-content sequence: BDC with its
// node's role and MCID, or an artifact.
import type { LineItem, PageItem, PathItem, PositionedPage, RectItem, TextItem } from '../../layout/frame/types.js';
import { showGlyphs, type UsedFont } from './fonts.js';
import { num, serialize, text } from './serialize.js';
import type { StructureBuilder } from './structure.js';
import { sameElements } from '../../util/identity-memo.js';

export interface PageResources {
  fonts: Map<string, UsedFont>;
  /** sha256 → XObject resource name. */
  images: Map<string, string>;
  /** "ca/CA" → ExtGState resource name (added as paths need them). */
  states: Map<string, string>;
  /**
   * A batch's document (a StreamMemo given): items' operators and whole pages are kept for its
   * later documents. A single build keeps nothing: a 100,000-row list's 7,693 pages kept as text
   * held 500 MB more at its peak (1,011 → 1,575 MiB, bench/run.js).
   */
  keep?: boolean;
}

const colours = new Map<string, string>();

export function rgb(hex: string, what: string): string {
  const hit = colours.get(hex);
  if (hit) return hit;
  const m = /^#?([0-9a-fA-F]{2})([0-9a-fA-F]{2})([0-9a-fA-F]{2})$/.exec(hex);
  if (!m) throw new Error(`${what}: "${hex}" is not an RGB colour (RRGGBB)`);
  const v = [m[1], m[2], m[3]].map((h) => num(Math.round((parseInt(h, 16) / 255) * 10000) / 10000)).join(' ');
  if (colours.size < 1000) colours.set(hex, v);
  return v;
}

/**
 * A page's content by its items, kept while its first item lives: a batch's notices have pages
 * whose every item is one an earlier document drew (a shared table's, put back by
 * layout/frame/drawn-blocks.ts, with a page number drawn before), and such a page's content is
 * the same string when the fonts it names are the same resources and subsets and its items the
 * same elements of the structure. Its marks are still made, in the same order.
 */
interface KeptPage {
  items: PageItem[];
  H: number;
  fonts: unknown[];
  roles: string[];
  content: string;
}
const keptPages = new WeakMap<PageItem, KeptPage>();

export function pageContent(page: PositionedPage, index: number, res: PageResources, tree: StructureBuilder, before = ''): string {
  // An attached PDF's page (`before`) is its document's own: not kept.
  if (!res.keep || before || !page.items.length) return drawPage(page, index, res, tree, before);
  const items = page.items;
  const fonts = fontsOf(items, res);
  const roles = rolesOf(items, tree);
  const kept = keptPages.get(items[0]);
  if (kept && kept.H === page.heightPt && sameElements(kept.items, items) && sameElements(kept.fonts, fonts) && sameElements(kept.roles, roles)) {
    for (const item of items) if (item.kind !== 'link' && !tree.isArtifact(item.tag)) tree.mark(index, item.tag!);
    return kept.content;
  }
  const content = drawPage(page, index, res, tree, before);
  keptPages.set(items[0], { items: items.slice(), H: page.heightPt, fonts, roles, content });
  return content;
}

/** What a page's text says of its fonts: each run's font resource, subset and whether it needs ActualText. */
function fontsOf(items: PageItem[], res: PageResources): unknown[] {
  const out: unknown[] = [];
  for (const it of items) {
    if (it.kind !== 'text') continue;
    const f = res.fonts.get(it.face)!;
    out.push(f.resource, f.subset, f.needsActualText(it));
  }
  return out;
}

/** Each item's structure role ('' for an artifact or a link). */
function rolesOf(items: PageItem[], tree: StructureBuilder): string[] {
  return items.map((it) => (it.kind === 'link' || tree.isArtifact(it.tag) ? '' : tree.role(it.tag!)));
}

function drawPage(page: PositionedPage, index: number, res: PageResources, tree: StructureBuilder, before: string): string {
  const H = page.heightPt;
  const out: string[] = [];
  if (before) out.push(before);
  page.items.forEach((item, i) => {
    if (item.kind === 'link') return;
    const where = `page ${index + 1}, item ${i + 1}`;
    const body = draw(item, H, res, where);
    if (tree.isArtifact(item.tag)) out.push(`/Artifact BMC\n${body}\nEMC`);
    else {
      const mcid = tree.mark(index, item.tag!);
      out.push(`/${tree.role(item.tag!)} <</MCID ${mcid}>> BDC\n${body}\nEMC`);
    }
  });
  return out.join('\n') + '\n';
}

/**
 * A text run's or rule's operators, kept by the item while it lives: a batch's documents share
 * the items of a table they share (layout/frame/drawn-blocks.ts), and write them with the same
 * page height, font resource and subset (a chunk's). 1,200 runs and 300 rules of a 52-row list
 * were formatted again for every notice. What a run needs besides (ActualText, which depends on
 * the glyphs this document met first) is decided each time.
 */
const drawn = new WeakMap<PageItem, { H: number; resource?: string; subset?: object; ops: string }>();

/** The operators `make` writes for an item, kept by the item, its page height and its font's resource and subset. */
function keptOps(item: PageItem, H: number, resource: string | undefined, subset: object | undefined, make: () => string): string {
  const hit = drawn.get(item);
  if (hit && hit.H === H && hit.resource === resource && hit.subset === subset) return hit.ops;
  const ops = make();
  drawn.set(item, { H, resource, subset, ops });
  return ops;
}

function draw(item: Exclude<PageItem, { kind: 'link' }>, H: number, res: PageResources, where: string): string {
  switch (item.kind) {
    case 'text': {
      const f = res.fonts.get(item.face)!;
      const show = () => showText(item, H, f, where);
      return withActualText(item, f, res.keep ? keptOps(item, H, f.resource, f.subset, show) : show());
    }
    case 'line': {
      const line = () => drawLine(item, H, where);
      return res.keep ? keptOps(item, H, undefined, undefined, line) : line();
    }
    case 'rect':
      return drawRect(item, H, where);
    case 'image': {
      const r = res.images.get(item.image.sha256)!;
      return `q ${num(item.w)} 0 0 ${num(item.h)} ${num(item.x)} ${num(H - item.y - item.h)} cm /${r} Do Q`;
    }
    case 'path':
      return drawPath(item, H, res, where);
  }
}

function showText(item: TextItem, H: number, f: UsedFont, where: string): string {
  const t = ((item.rotation ?? 0) * Math.PI) / 180;
  // Turned clockwise on the page (y down) is turned by −θ in PDF's y-up space.
  const [c, s] = item.rotation ? [Math.cos(t), Math.sin(t)] : [1, 0];
  const r = (v: number): string => num(Math.round(v * 1e6) / 1e6);
  const tm = `${r(c)} ${r(-s)} ${r(s)} ${r(c)} ${num(item.x)} ${num(H - item.y)} Tm`;
  return `BT /${f.resource} ${num(item.sizePt)} Tf ${rgb(item.color, where)} rg ${tm} ${showGlyphs(item, f)} TJ ET`;
}

function withActualText(item: TextItem, f: UsedFont, show: string): string {
  if (!f.needsActualText(item)) return show;
  const actual = item.glyphs.chars;
  return `/Span <</ActualText ${serialize(text(actual))}>> BDC\n${show}\nEMC`;
}

function drawLine(l: LineItem, H: number, where: string): string {
  const dash = l.dash?.length ? `[${l.dash.map(num).join(' ')}] 0 d ` : '';
  return `q ${num(l.widthPt)} w ${rgb(l.color, where)} RG ${dash}${num(l.x1)} ${num(H - l.y1)} m ${num(l.x2)} ${num(H - l.y2)} l S Q`;
}

function drawRect(r: RectItem, H: number, where: string): string {
  return `q ${rgb(r.fill, where)} rg ${num(r.x)} ${num(H - r.y - r.h)} ${num(r.w)} ${num(r.h)} re f Q`;
}

function drawPath(p: PathItem, H: number, res: PageResources, where: string): string {
  const parts: string[] = ['q'];
  const ca = p.fill ? (p.fillOpacity ?? 1) : 1;
  const CA = p.stroke ? (p.strokeOpacity ?? 1) : 1;
  if (ca < 1 || CA < 1) {
    const key = `${num(ca)}/${num(CA)}`;
    if (!res.states.has(key)) res.states.set(key, `GS${res.states.size + 1}`);
    parts.push(`/${res.states.get(key)} gs`);
  }
  parts.push(`1 0 0 -1 0 ${num(H)} cm`, `${p.transform.map(num).join(' ')} cm`);
  if (p.fill) parts.push(`${rgb(p.fill, where)} rg`);
  if (p.stroke) parts.push(`${rgb(p.stroke, where)} RG ${num(p.strokeWidth ?? 1)} w`);
  for (const op of p.ops) {
    if (op.op === 'M') parts.push(`${num(op.x)} ${num(op.y)} m`);
    else if (op.op === 'L') parts.push(`${num(op.x)} ${num(op.y)} l`);
    else if (op.op === 'C') parts.push(`${num(op.x1)} ${num(op.y1)} ${num(op.x2)} ${num(op.y2)} ${num(op.x)} ${num(op.y)} c`);
    else parts.push('h');
  }
  const even = p.fillRule === 'evenodd' ? '*' : '';
  parts.push(p.fill && p.stroke ? `B${even}` : p.fill ? `f${even}` : p.stroke ? 'S' : 'n', 'Q');
  return parts.join(' ');
}
