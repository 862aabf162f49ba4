// Page numbers (§7.5): "— N —" in 4号 宋体, its line 7 mm under the text block, one
// character in from the right edge on odd pages and the left on even ones; a landscape page
// (§8) carries it where the portrait foot is, up the left edge, turned a quarter clockwise. A
// page without text carries none (§7.5); uncounted pages (a cover, a blank before the body) do
// not count. Numbering also places what follows the content: the attached PDFs' pages,
// numbered on, and the 版记 on the page facts.imprint chose (numbered when it is a page of its own).
import type { ImprintBlock } from '../../model/types.js';
import { COLOR, LANDSCAPE, PAGE, PAGE_NUMBER, mmToPt } from '../../profile/gbt9704.js';
import type { ImprintFacts } from '../pages/imprint.js';
import { displayedNumber } from '../pages/numbers.js';
import type { Surface } from './surface.js';
import { plain, type Seg } from './text.js';
import type { PageItem, PositionedPage } from './types.js';
import { BoundedMemo } from '../../util/bounded-memo.js';

export interface Numbering {
  /** Pages of the content (the paginator's last page). */
  contentPages: number;
  /** Content pages that do not count. */
  uncounted: Set<number>;
  /** Attached PDFs, in order, following the content. */
  attached: { path: string; pages: number }[];
  /** Pages between the content and the 版记. */
  pagesBetween: number;
  imprint?: ImprintBlock;
  placement?: ImprintFacts;
}

/** Numbers the pages (content, attached, the 版记's), draws the 版记, then every page's number. */
export function numberPages(s: Surface & { drawImprint(b: ImprintBlock, n: number): void }, pages: PositionedPage[], o: Numbering): void {
  const shown = displayedNumber(o.uncounted);
  let last = 0;
  for (let p = 1; p <= o.contentPages; p++) {
    const page = s.page(p);
    if (o.uncounted.has(p)) continue;
    // §7.5: a page without text carries no number.
    if (!page.items.some((it) => it.kind !== 'line' && it.kind !== 'link')) continue;
    last = shown(p);
    page.number = String(last);
  }
  // Attached PDFs: their pages follow, numbered on.
  let n = o.contentPages;
  for (const a of o.attached) {
    for (let k = 1; k <= a.pages; k++) {
      n++;
      const page = s.page(n);
      page.attached = { path: a.path, page: k };
      page.number = String(++last);
    }
  }
  n = o.contentPages + o.pagesBetween;
  const imp = o.placement;
  if (o.imprint && imp) {
    if (imp.placement === 'after-blank') {
      const blank = s.page(n + 1);
      blank.blank = true;
    }
    const at = imp.placement === 'same-page' ? n : imp.page;
    const page = s.page(at);
    if (imp.placement === 'next-page') page.number = String(++last);
    s.drawImprint(o.imprint, at);
  }
  pages.forEach((page, i) => {
    if (page.number !== undefined) drawPageNumber(s, page, i + 1);
  });
}

/**
 * A page number's items by what decides them (the number, the side, the orientation, the
 * artifact's id), per font book: a batch's notices number the same pages the same way, and a
 * page whose other items are a shared table's (drawn-blocks.ts) is then the same page, which
 * the PDF writer writes once (write/pdf/content.ts).
 */
const drawnNumbers = new WeakMap<object, BoundedMemo<string, PageItem[]>>();

function drawPageNumber(s: Surface, page: PositionedPage, n: number): void {
  const tag = s.artifact('page-number', '页码');
  let memo = drawnNumbers.get(s.glyphs.book);
  if (!memo) drawnNumbers.set(s.glyphs.book, (memo = new BoundedMemo(1000)));
  const key = `${page.number}|${n % 2}|${page.landscape}|${tag}`;
  const hit = memo.get(key);
  if (hit) {
    s.glyphs.adopt(hit);
    page.items.push(...hit);
    return;
  }
  const from = page.items.length;
  drawNumber(s, page, n, tag);
  memo.set(key, page.items.slice(from));
}

function drawNumber(s: Surface, page: PositionedPage, n: number, tag: number): void {
  const size = PAGE_NUMBER.sizePt;
  const style = plain(size);
  const segs: Seg[] = [{ text: `${PAGE_NUMBER.prefix}${page.number}${PAGE_NUMBER.suffix}`, role: PAGE_NUMBER.role, color: COLOR.black, tag }];
  const w = s.glyphs.width(segs, style);
  const indent = PAGE_NUMBER.sideIndentChars * size;
  const odd = n % 2 === 1;
  if (!page.landscape) {
    const left = mmToPt(PAGE.leftMm);
    const right = left + mmToPt(PAGE.textWidthMm);
    const middle = mmToPt(PAGE.topMm + PAGE.textHeightMm + PAGE_NUMBER.belowTextMm);
    const base = middle - size / 2 + 0.88 * size;
    s.glyphs.draw(page.items, segs, style, odd ? right - indent - w : left + indent, base);
    return;
  }
  // Landscape (§8): where the portrait foot is, up the left edge, turned a quarter clockwise.
  const lineOuter = mmToPt(PAGE.heightMm - (PAGE.topMm + PAGE.textHeightMm + PAGE_NUMBER.belowTextMm));
  const baseX = lineOuter - size + (1 - 0.88) * size;
  const top = mmToPt(LANDSCAPE.topMm);
  const bottom = top + mmToPt(LANDSCAPE.textHeightMm);
  s.glyphs.draw(page.items, segs, style, baseX, odd ? bottom - indent - w : top + indent, undefined, 90);
}
