// The table of contents: its title centred, then each heading down to the TOC's depth indented
// TOC.indentCharsPerLevel characters a level, its lines as the paginator counted them
// (flow/units.ts tocEntryLines); the last line carries a dotted leader (an artifact) and the
// page the heading landed on (LayoutFacts.headingPages), right-aligned.
import type { HeadingBlock, TocBlock } from '../../model/types.js';
import { BODY, COLOR, TOC } from '../../profile/gbt9704.js';
import type { Piece } from '../flow/distribute.js';
import { tocEntryLines } from '../flow/units.js';
import { LINE_PT, type PageBox } from '../measure/metrics.js';
import { BODY_STYLE, PITCH } from './body-text.js';
import type { Surface } from './surface.js';
import { baselineIn, plain, type Seg } from './text.js';
import type { StructureNode } from './types.js';

/** `headings`: the document's headings in order; `headingPages`: the page shown for each, by id. */
export function drawToc(s: Surface, b: TocBlock, pieces: Piece[], box: PageBox, sect: StructureNode, headings: HeadingBlock[], headingPages: Record<string, number>): void {
  const node = s.structure.add(sect, 'TOC');
  const head = pieces.find((p) => p.kind === 'box' && p.unit === 0);
  if (head && head.kind === 'box') {
    const t = s.structure.add(node, 'P');
    s.line(head.page, head.y, { segs: [{ text: b.title, role: TOC.titleRole, color: COLOR.black, tag: t.id }], indentPt: 0, justify: false }, plain(TOC.titleSizePt), box.widthPt, 'center');
  }
  const lines: { h: HeadingBlock; text: string; last: boolean; item?: StructureNode }[] = [];
  for (const h of headings) {
    if (h.level > b.depth) continue;
    const ls = tocEntryLines(h, s.body);
    ls.forEach((text, k) => lines.push({ h, text, last: k === ls.length - 1 }));
  }
  const leader = s.artifact('toc-leader');
  const items = new Map<HeadingBlock, StructureNode>();
  for (const p of pieces) {
    if (p.kind !== 'lines') continue;
    for (let i = 0; i < p.count; i++) {
      const l = lines[p.from + i];
      if (!l) continue;
      let item = items.get(l.h);
      if (!item) items.set(l.h, (item = s.structure.add(node, 'TOCI')));
      const o = s.origin(p.page);
      const base = o.y + baselineIn(p.y + i * LINE_PT, LINE_PT, BODY.sizePt);
      const indent = (Math.min(4, Math.max(1, l.h.level)) - 1) * TOC.indentCharsPerLevel * PITCH;
      const end = s.glyphs.draw(s.items(p.page), [{ text: l.text, role: BODY.role, color: COLOR.black, tag: item.id }], BODY_STYLE, o.x + indent, base);
      if (!l.last) continue;
      const number = headingPages[l.h.id];
      const numSegs: Seg[] = number === undefined ? [] : [{ text: String(number), role: BODY.role, color: COLOR.black, tag: item.id }];
      const numW = s.glyphs.width(numSegs, plain(BODY.sizePt));
      const right = o.x + box.widthPt;
      if (numSegs.length) s.glyphs.draw(s.items(p.page), numSegs, plain(BODY.sizePt), right - numW, base);
      const from = end + 0.5 * PITCH;
      const to = right - numW - 0.5 * PITCH;
      if (to > from) s.items(p.page).push({ kind: 'line', x1: from, y1: base, x2: to, y2: base, widthPt: 1, color: COLOR.black, dash: [1, 2], tag: leader });
    }
  }
}
