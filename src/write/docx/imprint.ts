// 版记 (§7.4): as wide as the text block, 4号仿宋, 抄送 one 字 in with wrapped lines aligned
// after "抄送：", 印发机关 left and "…印发" right (one 字 in each) on the last line; first and
// last rules 0.35 mm, the rules between items 0.25 mm (a one-column table's borders). Its last
// rule must lie on the bottom edge of the text block of the last page: placed from the page's top
// by its own height (imprintHeightTw); see index.ts for the page each placement puts it on.

import type { ImprintBlock } from '../../model/types.js';
import { IMPRINT, mmToPt } from '../../profile/gbt9704.js';
import { imprintHeightPt } from '../../layout/pages/imprint.js';
import { LINE_PT } from '../../layout/measure/metrics.js';
import { paraXml, run, lineSpacing } from './paragraph.js';
import { STYLE } from './styles.js';
import { LINE_TW, mmToEighth, ptToTw, gridWidth } from './units.js';

export interface ImprintOptions {
  /**
   * Float the table so that its last rule lies on the foot of the text block, placed from the
   * page's edges: `left` from the left edge, `bottom` (the text block's foot) from the top, in
   * twips. LibreOffice makes a floating table a frame only when it is placed horizontally from
   * the page edge (or narrower than the text block); vertically it is placed from the page's
   * top by the table's own height, not aligned to the bottom of the margin: LibreOffice took
   * "bottom of the margin" as the body area less its dynamic footer and set the 版记 6.8 mm
   * low, into the page number (content/2020-191.md page 10).
   */
  float?: { left: number; bottom: number };
}

/** Height of the 版记 table in twips: its lines at the grid pitch (exact) and its rules. */
export function imprintHeightTw(b: ImprintBlock): number {
  const rows = [b.to, b.cc].filter(Boolean).length + (b.printer || b.printed ? 1 : 0);
  const rulesPt = 2 * mmToPt(IMPRINT.outerRuleMm) + Math.max(0, rows - 1) * mmToPt(IMPRINT.innerRuleMm);
  const lines = Math.round((imprintHeightPt(b) - rulesPt) / LINE_PT);
  return lines * LINE_TW + ptToTw(rulesPt);
}

export function imprintXml(b: ImprintBlock, textWidth: number, o: ImprintOptions = {}): string {
  const ch = ptToTw(IMPRINT.sizePt); // one 字 of the 版记 size
  const side = IMPRINT.sideIndentChars * ch;
  const rows: string[] = [];
  const item = (label: string, text: string) => {
    const hang = Math.round(gridWidth(label) * ch);
    return paraXml({
      style: STYLE.imprint,
      spacing: lineSpacing(),
      ind: `<w:ind w:left="${side + hang}" w:right="${side}" w:hanging="${hang}"/>`,
      body: run(label) + run(text),
    });
  };
  if (b.to) rows.push(item('主送：', b.to));
  if (b.cc) rows.push(item('抄送：', b.cc));
  if (b.printer || b.printed) {
    rows.push(
      paraXml({
        style: STYLE.imprint,
        spacing: lineSpacing(),
        tabs: `<w:tabs><w:tab w:val="right" w:pos="${textWidth - side}"/></w:tabs>`,
        ind: `<w:ind w:left="${side}" w:right="${side}" w:firstLine="0"/>`,
        body: run(b.printer ?? '') + run('\t') + run(b.printed ? `${b.printed}印发` : ''),
      }),
    );
  }
  if (rows.length === 0) return '';
  const rule = (side: string, mm: number) => `<w:${side} w:val="single" w:sz="${mmToEighth(mm)}" w:space="0" w:color="000000"/>`;
  const none = (side: string) => `<w:${side} w:val="nil"/>`;
  const float = o.float
    ? `<w:tblpPr w:leftFromText="0" w:rightFromText="0" w:topFromText="0" w:bottomFromText="0" w:vertAnchor="margin" w:horzAnchor="page" w:tblpX="${o.float.left}" w:tblpY="${o.float.bottom - imprintHeightTw(b)}"/><w:tblOverlap w:val="never"/>`
    : '';
  return (
    `<w:tbl><w:tblPr>${float}<w:tblW w:w="${textWidth}" w:type="dxa"/>${o.float ? '' : '<w:jc w:val="center"/>'}` +
    `<w:tblBorders>${rule('top', IMPRINT.outerRuleMm)}${none('left')}${rule('bottom', IMPRINT.outerRuleMm)}${none('right')}` +
    `${rule('insideH', IMPRINT.innerRuleMm)}${none('insideV')}</w:tblBorders>` +
    `<w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>` +
    `<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>` +
    `<w:tblGrid><w:gridCol w:w="${textWidth}"/></w:tblGrid>` +
    rows.map((p) => `<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="${textWidth}" w:type="dxa"/></w:tcPr>${p}</w:tc></w:tr>`).join('') +
    `</w:tbl>`
  );
}
