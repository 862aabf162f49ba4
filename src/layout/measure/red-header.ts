// Geometry of the 版头 (§7.2): the 发文机关标志's size (the widest line fits the text block), the
// line of the 发文字号 two blank lines below the 标志 (§7.2.5), the red rule 4 mm below the number
// (§7.2.7), and the header's height in grid lines — what the paginator counts and what both
// renderers draw.
import type { RedHeaderBlock } from '../../model/types.js';
import { GRID, HEADER, LINE_PITCH_MM, MARK_SUFFIX, PAGE, mmToPt, ptToMm } from '../../profile/gbt9704.js';
import { gridWidth } from './text-width.js';

export interface MarkGeometry {
  sizePt: number;
  /** Bottom of the 标志's last line below the text block top. */
  bottomMm: number;
}

export function markGeometry(b: RedHeaderBlock): MarkGeometry {
  const maxLine = Math.max(0, ...b.lines.map(gridWidth));
  const suffix = gridWidth(b.suffix);
  const stacked = b.lines.length > 1;
  const totalEm = stacked ? maxLine + (suffix ? MARK_SUFFIX.gapChars + suffix : 0) : maxLine + suffix;
  const sizePt = Math.min(HEADER.markMaxSizePt, mmToPt(PAGE.textWidthMm) / Math.max(totalEm, 1));
  const n = Math.max(b.lines.length, 1);
  const bottomMm = HEADER.markTopMm + ptToMm((n - 1) * sizePt * HEADER.markLineFactor + sizePt);
  return { sizePt, bottomMm };
}

export interface RedHeaderGeometry extends MarkGeometry {
  /** Grid line (from the text block top, may be fractional) of the 发文字号 (or the last 签发人). */
  numberLine: number;
  ruleTopMm: number;
  /** Height of the whole 版头 in grid lines. */
  heightLines: number;
}

export function redHeaderGeometry(b: RedHeaderBlock): RedHeaderGeometry {
  const g = markGeometry(b);
  // Two blank lines below the 标志 (§7.2.5), counted in lines from the text block top.
  const firstFree = g.bottomMm / LINE_PITCH_MM;
  const signers = b.signers ?? [];
  let numberLine = firstFree + HEADER.numberGapLines;
  let ruleTopMm: number;
  if (b.number || signers.length) {
    if (signers.length > 1) numberLine += signers.length - 1;
    // The number's em box bottom: half a pitch plus half the body size below its line's top.
    ruleTopMm = numberLine * LINE_PITCH_MM + LINE_PITCH_MM / 2 + ptToMm(GRID.bodySizePt / 2) + HEADER.ruleGapMm;
  } else {
    numberLine = firstFree - 1;
    ruleTopMm = g.bottomMm + HEADER.ruleGapMm;
  }
  const heightLines = Math.max(numberLine + 1, ruleTopMm / LINE_PITCH_MM);
  return { ...g, numberLine, ruleTopMm, heightLines };
}
