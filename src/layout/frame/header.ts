// The 版头 (§7.2) where layout/measure/red-header.ts puts it: 份号, 密级 and 紧急程度 stacked at
// the top left; the 发文机关标志 in red 小标宋 with its top HEADER.markTopMm below the text block,
// at the size that fits (the profile's geometry, never wider than the block at the face's real
// widths), stacked lines of a joint issuance spread to one width with 文件 to their right; the
// 发文字号 centred (or left, on the last 签发人's line); the red rule under it.
import type { RedHeaderBlock } from '../../model/types.js';
import { BODY, COLOR, HEADER, MARK_SUFFIX, PAGE, mmToPt, type FontRole } from '../../profile/gbt9704.js';
import type { Piece } from '../flow/distribute.js';
import { LINE_PT } from '../measure/metrics.js';
import { redHeaderGeometry } from '../measure/red-header.js';
import { displayWidths } from './metrics.js';
import type { Surface } from './surface.js';
import { plain, type Seg } from './text.js';
import type { GongwenElement, StructureNode } from './types.js';

export function drawRedHeader(s: Surface, b: RedHeaderBlock, piece: Piece | undefined, sect: StructureNode): void {
  if (!piece || piece.kind !== 'box') return;
  const n = piece.page;
  const top = piece.y;
  const W = mmToPt(PAGE.textWidthMm);
  const meta = plain(BODY.sizePt);
  let metaLine = 0;
  const metaLineOf = (text: string, role: FontRole, element: GongwenElement) => {
    const node = s.structure.add(sect, 'P', element);
    s.line(n, top + metaLine++ * LINE_PT, { segs: [{ text, role, color: COLOR.black, tag: node.id }], indentPt: 0, justify: false }, meta, W, 'left');
  };
  if (b.copyNumber) metaLineOf(b.copyNumber, BODY.role, '份号');
  if (b.secrecy) metaLineOf(b.secrecy, 'heiti', '密级和保密期限');
  if (b.urgency) metaLineOf(b.urgency, 'heiti', '紧急程度');

  const g = redHeaderGeometry(b);
  const real = displayWidths(s.glyphs.book)('xiaobiaosong');
  const markNode = s.structure.add(sect, 'P', '发文机关标志');
  const o = s.origin(n);
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
      s.glyphs.draw(s.items(n), seg(l), style, left, base, [...l].length > 1 ? lineW * size : undefined);
    });
    if (b.suffix) {
      const mid = markTop + ((b.lines.length - 1) * pitch + size) / 2;
      s.glyphs.draw(s.items(n), seg(b.suffix), style, left + (lineW + MARK_SUFFIX.gapChars) * size, o.y + mid - size / 2 + 0.88 * size);
    }
  } else {
    s.glyphs.draw(s.items(n), seg((b.lines[0] ?? '') + b.suffix), style, left, o.y + markTop + 0.88 * size);
  }

  const signers = b.signers ?? [];
  const numberLine = g.numberLine - Math.max(0, signers.length - 1);
  const numStyle = plain(BODY.sizePt);
  if (signers.length > 0) {
    signers.forEach((name, i) => {
      const lineTop = top + (numberLine + i) * LINE_PT;
      if (i === signers.length - 1 && b.number) {
        const node = s.structure.add(sect, 'P', '发文字号');
        s.line(n, lineTop, { segs: [{ text: b.number, role: BODY.role, color: COLOR.black, tag: node.id }], indentPt: BODY.sizePt, justify: false }, numStyle, W, 'left');
      }
      const node = s.structure.add(sect, 'P', '签发人');
      const segs: Seg[] = [
        { text: '签发人：', role: BODY.role, color: COLOR.black, tag: node.id },
        { text: name, role: 'kaiti', color: COLOR.black, tag: node.id },
      ];
      s.line(n, lineTop, { segs, indentPt: 0, justify: false }, numStyle, W - BODY.sizePt, 'right');
    });
  } else if (b.number) {
    const node = s.structure.add(sect, 'P', '发文字号');
    s.line(n, top + numberLine * LINE_PT, { segs: [{ text: b.number, role: BODY.role, color: COLOR.black, tag: node.id }], indentPt: 0, justify: false }, numStyle, W, 'center');
  }
  const ruleY = top + mmToPt(g.ruleTopMm) + HEADER.ruleWidthPt / 2;
  s.rule(n, 0, ruleY, W, ruleY, HEADER.ruleWidthPt, red, s.artifact(`red-rule-${n}`, '版头分隔线'));
}
