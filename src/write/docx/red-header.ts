// 版头 (§7.2): 份号/密级/紧急程度 top left, the red 发文机关标志 whose top lies 35 mm below the
// text block, the 发文字号 two lines below it (or left, beside 签发人), and the red rule 4 mm
// below the number, 156 mm long (a bottom border across the whole text width).

import type { RedHeaderBlock } from '../../model/types.js';
import { BODY, COLOR, HEADER, MARK_SUFFIX, PAGE, mmToPt } from '../../profile/gbt9704.js';
import { paraXml, run, lineSpacing, indChars } from './paragraph.js';
import { STYLE } from './styles.js';
import { LINE_TW, mmToTw, ptToEighth, ptToHalf, ptToTw, gridWidth, charsTw } from './units.js';

/** 标志 size: the largest half-point size (≤ markMaxSizePt) at which the widest line fits 156 mm. */
export function markSizePt(b: RedHeaderBlock): number {
  // Stacked lines leave a gap before the suffix; a single line runs into it.
  const suffix = gridWidth(b.suffix) + (b.lines.length > 1 && b.suffix ? MARK_SUFFIX.gapChars : 0);
  const widest = Math.max(1, ...b.lines.map((l) => gridWidth(l) + suffix));
  const fit = Math.floor((mmToPt(PAGE.textWidthMm) / widest) * 2) / 2;
  return Math.min(HEADER.markMaxSizePt, fit);
}

export function redHeaderXml(b: RedHeaderBlock, textWidth: number): string {
  let out = '';
  let usedLines = 0;
  const field = (text: string, role: 'heiti' | 'fangsong') => {
    usedLines++;
    out += paraXml({ style: STYLE.headerField, spacing: lineSpacing(), body: run(text, { role }) });
  };
  if (b.copyNumber) field(b.copyNumber, 'fangsong');
  if (b.secrecy) field(b.secrecy, 'heiti');
  if (b.urgency) field(b.urgency, 'heiti');

  const size = markSizePt(b);
  const half = ptToHalf(size);
  const markLine = ptToTw(size * HEADER.markLineFactor);
  // An exact line puts the glyphs at its foot: the glyph top lies (line − size) below the
  // line top, which the spacer takes off so that the glyph top is 35 mm below the text block.
  const spacer = Math.max(20, mmToTw(HEADER.markTopMm) - usedLines * LINE_TW - (markLine - ptToTw(size)));
  out += paraXml({ style: STYLE.redMark, spacing: `<w:spacing w:before="0" w:after="0" w:line="${spacer}" w:lineRule="exact"/>`, markRPr: '<w:sz w:val="2"/><w:szCs w:val="2"/>', body: '' });

  const markSpacing = `<w:spacing w:before="0" w:after="0" w:line="${markLine}" w:lineRule="exact"/>`;
  const markRun = (t: string) => run(t, { size: half });
  const lines = b.lines.length ? b.lines : [''];
  if (lines.length === 1 || !b.suffix) {
    for (let i = 0; i < lines.length; i++) {
      const text = lines.length === 1 ? lines[0] + b.suffix : lines[i];
      out += paraXml({ style: STYLE.redMark, spacing: markSpacing, jc: 'center', markRPr: `<w:sz w:val="${half}"/>`, body: markRun(text) });
    }
  } else {
    // Stacked names with the suffix to their right, centred on them: a borderless two-column
    // table, the names spread over the widest one's width.
    const sizeTw = ptToTw(size);
    const leftW = Math.round(Math.max(...lines.map(gridWidth)) * sizeTw);
    const rightW = Math.min(textWidth - leftW, Math.round((gridWidth(b.suffix) + MARK_SUFFIX.gapChars) * sizeTw));
    const cell = (w: number, content: string) =>
      `<w:tc><w:tcPr><w:tcW w:w="${w}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>${content}</w:tc>`;
    const names = lines
      .map((l) => paraXml({ style: STYLE.redMark, spacing: markSpacing, jc: 'distribute', markRPr: `<w:sz w:val="${half}"/>`, body: markRun(l) }))
      .join('');
    const suffix = paraXml({ style: STYLE.redMark, spacing: markSpacing, jc: 'right', markRPr: `<w:sz w:val="${half}"/>`, body: markRun(b.suffix) });
    out +=
      `<w:tbl><w:tblPr><w:tblW w:w="${leftW + rightW}" w:type="dxa"/><w:jc w:val="center"/>` +
      `<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>` +
      `<w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>` +
      `<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>` +
      `<w:tblGrid><w:gridCol w:w="${leftW}"/><w:gridCol w:w="${rightW}"/></w:tblGrid>` +
      `<w:tr><w:trPr><w:cantSplit/></w:trPr>${cell(leftW, names)}${cell(rightW, suffix)}</w:tr></w:tbl>`;
  }

  // The red rule: a bottom border across the text width, 4 mm below the number's glyphs. The
  // border hangs below the exact line box, whose foot lies about a third of (line − size)
  // below the glyphs (measured in LibreOffice's PDF); w:space is in whole points, at most 31.
  const below = (LINE_TW / 20 - BODY.sizePt) / 3;
  const space = Math.max(0, Math.min(31, Math.round(mmToPt(HEADER.ruleGapMm) - below)));
  const rule = `<w:pBdr><w:bottom w:val="single" w:sz="${ptToEighth(HEADER.ruleWidthPt)}" w:space="${space}" w:color="${COLOR.red}"/></w:pBdr>`;
  const gap = lineSpacing(HEADER.numberGapLines);
  const signers = b.signers ?? [];
  if (signers.length === 0) {
    out += paraXml({ style: STYLE.docNumber, pBdr: rule, spacing: gap, jc: 'center', body: b.number ? run(b.number) : '' });
  } else {
    // Upward documents: 签发人 right, one 字 in; the number left, one 字 in, on the last signer's line.
    const label = '签发人：';
    const longest = Math.max(...signers.map(gridWidth));
    const pos = textWidth - charsTw(1 + gridWidth(label) + longest);
    signers.forEach((name, i) => {
      const last = i === signers.length - 1;
      // Names after the first align under the first name, after the label.
      const stop = i === 0 ? pos : pos + charsTw(gridWidth(label));
      out += paraXml({
        style: STYLE.docNumber,
        pBdr: last ? rule : undefined,
        tabs: `<w:tabs><w:tab w:val="left" w:pos="${stop}"/></w:tabs>`,
        spacing: i === 0 ? gap : lineSpacing(),
        ind: indChars({ left: 1 }),
        jc: 'left',
        body: (last && b.number ? run(b.number) : '') + run('\t') + (i === 0 ? run(label) : '') + run(name, { role: 'kaiti' }),
      });
    });
  }
  return out;
}
