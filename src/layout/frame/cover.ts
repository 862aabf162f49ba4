// A plan's or form's cover page: the title lines in COVER.titleRole at COVER.titleSizePt on
// 1.5-line steps, then the author and date (or the form's info lines, a blank line between),
// then a form's statement as body text on the grid; the whole block centred down the page.
import type { CoverBlock } from '../../model/types.js';
import { BODY, COLOR, COVER } from '../../profile/gbt9704.js';
import type { Piece } from '../flow/distribute.js';
import { breakGridLines } from '../lines/grid-lines.js';
import { LINE_PT, type PageBox } from '../measure/metrics.js';
import { BODY_STYLE, W_CHARS, gridWidthPt } from './body-text.js';
import { toLines } from './segments.js';
import type { Surface } from './surface.js';
import { plain } from './text.js';
import type { StructureNode } from './types.js';

export function drawCover(s: Surface, b: CoverBlock, piece: Piece | undefined, box: PageBox, sect: StructureNode): void {
  if (!piece) return;
  const n = piece.page;
  const node = s.structure.add(sect, 'P', '标题');
  const titleLine = COVER.titleSizePt * 1.5;
  const extra = (b.info ?? [b.author, b.date]).filter((x): x is string => !!x);
  const statement = b.statement ? breakGridLines(b.statement, W_CHARS, BODY.firstLineChars, s.body) : [];
  const infoGap = b.info ? LINE_PT : 0;
  const height =
    b.title.length * titleLine + COVER.gapLines * LINE_PT + extra.length * LINE_PT + Math.max(0, extra.length - 1) * infoGap + (statement.length ? COVER.formStatementGapLines * LINE_PT + statement.length * LINE_PT : 0);
  let y = Math.max(0, (box.heightPt - height) / 2);
  const titleStyle = plain(COVER.titleSizePt);
  for (const l of b.title) {
    s.line(n, y, { segs: [{ text: l, role: COVER.titleRole, color: COLOR.black, tag: node.id }], indentPt: 0, justify: false }, titleStyle, box.widthPt, 'center', titleLine);
    y += titleLine;
  }
  y += COVER.gapLines * LINE_PT;
  const textStyle = plain(COVER.textSizePt);
  extra.forEach((t, i) => {
    if (i) y += infoGap;
    const p = s.structure.add(sect, 'P');
    s.line(n, y, { segs: [{ text: t, role: COVER.textRole, color: COLOR.black, tag: p.id }], indentPt: 0, justify: false }, textStyle, box.widthPt, 'center');
    y += LINE_PT;
  });
  if (b.statement) {
    y += COVER.formStatementGapLines * LINE_PT;
    const p = s.structure.add(sect, 'P');
    const lines = toLines([{ text: b.statement, role: BODY.role, color: COLOR.black, tag: p.id }], b.statement, statement, BODY.firstLineChars, true);
    for (const l of lines) {
      s.line(n, y, l, BODY_STYLE, gridWidthPt(box));
      y += LINE_PT;
    }
  }
}
