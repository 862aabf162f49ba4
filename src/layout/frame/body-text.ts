// Body text on the grid (GB/T 9704: 28 characters of 3号 on a 15.79 pt pitch, 22 lines on a
// 28.99 pt one), drawn where the paginator (flow/distribute.ts) put it: a 'lines' unit's lines
// on the pages it split them over, a box's lines from its top. The lines are broken by the same
// breaker with the same widths the paginator counted, so every drawer here draws its pieces.
import { BODY, CHAR_PITCH_MM, GRID, mmToPt } from '../../profile/gbt9704.js';
import type { Piece } from '../flow/distribute.js';
import { LINE_PT, type PageBox } from '../measure/metrics.js';
import type { TextLine } from './segments.js';
import type { Surface } from './surface.js';
import type { LineStyle } from './text.js';

export type Align = 'left' | 'center' | 'right' | 'justify';

export const PITCH = mmToPt(CHAR_PITCH_MM);
export const W_CHARS = GRID.charsPerLine;
export const BODY_STYLE: LineStyle = { sizePt: BODY.sizePt, spacing: PITCH - BODY.sizePt, grid: true };

/** Body text is set on the 28-character line in every section (the paginator counts it so). */
export const gridWidthPt = (box: PageBox): number => Math.min(box.widthPt, W_CHARS * PITCH);

/** Lines of a 'lines' unit where the paginator put them. */
export function flowLines(s: Surface, pieces: Piece[], lines: TextLine[], style: LineStyle, box: PageBox, align: Align): void {
  for (const p of pieces) {
    if (p.kind !== 'lines') continue;
    for (let i = 0; i < p.count; i++) {
      const l = lines[p.from + i];
      if (l) s.line(p.page, p.y + i * LINE_PT, l, style, gridWidthPt(box), align);
    }
  }
}

/** Lines of a box from its top, running on over a page foot (a box taller than a page). */
export function boxLines(s: Surface, piece: Piece | undefined, lines: TextLine[], style: LineStyle, box: PageBox, align: Align = 'justify', startLine = 0): void {
  if (!piece || piece.kind !== 'box') return;
  let page = piece.page;
  let y = piece.y + startLine * LINE_PT;
  for (const l of lines) {
    if (y + LINE_PT > box.heightPt + 0.01) {
      page++;
      y = 0;
    }
    s.line(page, y, l, style, gridWidthPt(box), align);
    y += LINE_PT;
  }
}
