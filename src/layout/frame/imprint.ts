// The 版记 (§7.4) at the foot of its page, its last rule on the text block's foot: rules of
// IMPRINT.outerRuleMm above and below and IMPRINT.innerRuleMm between rows; 抄送 (and a 主送
// moved here) hanging after its label, 印发机关 left and 印发日期 right, one 4号 character in
// from each side; its height is imprintHeightPt's, which placed it.
import type { ImprintBlock } from '../../model/types.js';
import { COLOR, IMPRINT, PAGE, mmToPt } from '../../profile/gbt9704.js';
import { breakGridLines } from '../lines/grid-lines.js';
import { LINE_PT } from '../measure/metrics.js';
import { gridWidth } from '../measure/text-width.js';
import { imprintHeightPt } from '../pages/imprint.js';
import type { Surface } from './surface.js';
import { baselineIn, type LineStyle, type Seg } from './text.js';
import type { GongwenElement } from './types.js';

export function drawImprint(s: Surface, b: ImprintBlock, n: number): void {
  const W = mmToPt(PAGE.textWidthMm);
  const H = mmToPt(PAGE.textHeightMm);
  const height = imprintHeightPt(b);
  const size = IMPRINT.sizePt;
  const style: LineStyle = { sizePt: size, spacing: 0, grid: true };
  const side = IMPRINT.sideIndentChars * size;
  const chars = W / size - 2 * IMPRINT.sideIndentChars;
  const rules = s.artifact(`imprint-rules`);
  const sect = s.structure.add(s.structure.root, 'Sect');
  let y = H - height;
  const outer = mmToPt(IMPRINT.outerRuleMm);
  const inner = mmToPt(IMPRINT.innerRuleMm);
  s.rule(n, 0, y + outer / 2, W, y + outer / 2, outer, COLOR.black, rules);
  y += outer;
  const rows: (() => void)[] = [];
  const o = s.origin(n);
  const hang = (label: string, text: string, element: GongwenElement) => () => {
    const node = s.structure.add(sect, 'P', element);
    const labelW = gridWidth(label) * size;
    breakGridLines(text, chars - gridWidth(label)).forEach((l, k) => {
      const base = o.y + baselineIn(y, LINE_PT, size);
      if (k === 0) s.glyphs.draw(s.items(n), [{ text: label, role: IMPRINT.role, color: COLOR.black, tag: node.id }], style, o.x + side, base);
      const segs: Seg[] = [{ text: l, role: IMPRINT.role, color: COLOR.black, tag: node.id }];
      const over = side + labelW + s.glyphs.width(segs, style) - (W - side);
      if (over > 0.5) s.overflow(n, l, over);
      s.glyphs.draw(s.items(n), segs, style, o.x + side + labelW, base);
      y += LINE_PT;
    });
  };
  if (b.to) rows.push(hang('主送：', b.to, '主送机关'));
  if (b.cc) rows.push(hang('抄送：', b.cc, '抄送机关'));
  if (b.printer || b.printed) {
    rows.push(() => {
      const base = o.y + baselineIn(y, LINE_PT, size);
      if (b.printer) s.glyphs.draw(s.items(n), [{ text: b.printer, role: IMPRINT.role, color: COLOR.black, tag: s.structure.add(sect, 'P', '印发机关').id }], style, o.x + side, base);
      if (b.printed) {
        const segs: Seg[] = [{ text: `${b.printed}印发`, role: IMPRINT.role, color: COLOR.black, tag: s.structure.add(sect, 'P', '印发日期').id }];
        s.glyphs.draw(s.items(n), segs, style, o.x + W - side - s.glyphs.width(segs, style), base);
      }
      y += LINE_PT;
    });
  }
  rows.forEach((draw, i) => {
    if (i > 0) {
      s.rule(n, 0, y + inner / 2, W, y + inner / 2, inner, COLOR.black, rules);
      y += inner;
    }
    draw();
  });
  s.rule(n, 0, y + outer / 2, W, y + outer / 2, outer, COLOR.black, rules);
}
