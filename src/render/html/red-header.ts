// 版头 geometry (§7.2): the 标志 top 35 mm below the text block top, sized to fit 156 mm; the
// 发文字号 two blank lines below it; the red rule 4 mm below the 发文字号. Computed here in mm,
// drawn with absolute positions. The distances are the standard's, not snapped to the grid:
// the DOCX lays the header out the same way (exact lines), so that a word processor and the
// PDF put the same number of lines on page 1.
import type { RedHeaderBlock } from '../../model/types.js';
import { HEADER, MARK_SUFFIX } from '../../profile/gbt9704.js';
import { redHeaderGeometry } from '../../layout/measure/red-header.js';
import { esc } from './escape.js';
import { gridWidth } from '../../layout/measure/text-width.js';
import { lines, mm, pt } from './units.js';


export function redHeaderHtml(b: RedHeaderBlock): string {
  const parts: string[] = [];
  const at = (line: number) => `top: ${lines(line)};`;
  // 份号, 密级, 紧急程度: stacked at the top left (§7.2.1–7.2.3).
  let metaLine = 0;
  if (b.copyNumber) parts.push(`<div class="line meta" style="${at(metaLine++)}">${esc(b.copyNumber)}</div>`);
  if (b.secrecy) parts.push(`<div class="line meta heiti" style="${at(metaLine++)}">${esc(b.secrecy)}</div>`);
  if (b.urgency) parts.push(`<div class="line meta heiti" style="${at(metaLine++)}">${esc(b.urgency)}</div>`);

  const g = redHeaderGeometry(b);
  // line-height markLineFactor puts (factor − 1) / 2 of a size above the first em box.
  const markTop = `calc(${mm(HEADER.markTopMm)} - ${pt(((HEADER.markLineFactor - 1) / 2) * g.sizePt)})`;
  const markStyle = `top: ${markTop}; font-size: ${pt(g.sizePt)};`;
  if (b.lines.length > 1) {
    const width = Math.max(...b.lines.map(gridWidth)) * g.sizePt;
    const stack = b.lines.map((l) => `<div>${esc(l)}</div>`).join('');
    const suffix = b.suffix ? `<div class="suffix" style="margin-left: ${pt(MARK_SUFFIX.gapChars * g.sizePt)}">${esc(b.suffix)}</div>` : '';
    parts.push(`<div class="mark" style="${markStyle}"><div class="stack" style="width: ${pt(width)}">${stack}</div>${suffix}</div>`);
  } else {
    parts.push(`<div class="mark" style="${markStyle}"><div>${esc((b.lines[0] ?? '') + b.suffix)}</div></div>`);
  }

  const signers = b.signers ?? [];
  // g.numberLine is the number's line: the last signer's (the first signer stands above).
  const numberLine = g.numberLine - Math.max(0, signers.length - 1);
  if (signers.length > 0) {
    // Upward document: 签发人 on the right, one per line; the number on the last signer's line, on the left (§7.2.6).
    signers.forEach((name, i) => {
      const left = i === signers.length - 1 && b.number ? `<span class="doc-number">${esc(b.number)}</span>` : '<span></span>';
      parts.push(`<div class="line signer-row" style="${at(numberLine + i)}">${left}<span>签发人：<span class="signer-name">${esc(name)}</span></span></div>`);
    });
  } else if (b.number) {
    parts.push(`<div class="line number" style="${at(numberLine)}">${esc(b.number)}</div>`);
  }
  parts.push(`<div class="rule" style="top: ${mm(g.ruleTopMm)}"></div>`);
  return `<div class="red-header" style="height: ${lines(g.heightLines)}">${parts.join('')}</div>`;
}
