// Section properties and footers: A4 page and margins in exact twips, the 22-line grid
// (w:docGrid type lines; the 28 characters a line come from the body's character spacing:
// a character grid (linesAndChars) makes LibreOffice 7.4 fit only 27 of them), and the page numbers "— N —" in 4号宋体: odd pages right,
// even pages left, one 字 in from the outer edge (w:evenAndOddHeaders in settings.xml).

import { PAGE, PAGE_NUMBER, ptToMm } from '../../profile/gbt9704.js';
import { field, paraXml, run } from './paragraph.js';
import { STYLE } from './styles.js';
import { LINE_TW, ptToTw, type PageGeometry } from './units.js';
import { XML_DECL, NS_W, NS_R, NS_WP, NS_A, NS_WPS, NS_MC, NS_V } from './xml.js';

export const FOOTER_RIDS = {
  odd: 'rIdFooterOdd',
  even: 'rIdFooterEven',
  blank: 'rIdFooterBlank',
  landscapeOdd: 'rIdFooterLandscapeOdd',
  landscapeEven: 'rIdFooterLandscapeEven',
} as const;

export interface SectionOptions {
  geometry: PageGeometry;
  pageNumbers: boolean;
  restartNumbering?: boolean;
  /** Align the section's text to the page foot (the 版记 page). */
  vAlignBottom?: boolean;
  /**
   * How the section starts: on the next page, or on the next even page (the 版记, §7.4.1: the
   * word processor inserts the blank page itself when its own layout ends on an even page).
   */
  start?: 'nextPage' | 'evenPage';
}

export function sectPrXml(o: SectionOptions): string {
  const g = o.geometry;
  const land = g.landscape;
  const odd = o.pageNumbers ? (land ? FOOTER_RIDS.landscapeOdd : FOOTER_RIDS.odd) : FOOTER_RIDS.blank;
  const even = o.pageNumbers ? (land ? FOOTER_RIDS.landscapeEven : FOOTER_RIDS.even) : FOOTER_RIDS.blank;
  return (
    `<w:sectPr><w:footerReference w:type="default" r:id="${odd}"/><w:footerReference w:type="even" r:id="${even}"/>` +
    `<w:type w:val="${o.start ?? 'nextPage'}"/>` +
    `<w:pgSz w:w="${g.width}" w:h="${g.height}"${g.landscape ? ' w:orient="landscape"' : ''}/>` +
    `<w:pgMar w:top="${g.top}" w:right="${g.right}" w:bottom="${g.bottom}" w:left="${g.left}" w:header="${g.footer}" w:footer="${g.footer}" w:gutter="0"/>` +
    (o.restartNumbering ? '<w:pgNumType w:start="1"/>' : '') +
    `<w:cols w:space="720"/>` +
    (o.vAlignBottom ? '<w:vAlign w:val="bottom"/>' : '') +
    // A landscape text block (156 mm) is no whole number of lines: LibreOffice centres a line
    // grid in it and starts the text 4 pt lower than the page's margin, which cost the landscape
    // cluster list a row a page. Its text (a list's title and table) needs no grid.
    (land ? `<w:docGrid w:linePitch="${LINE_TW}"/>` : `<w:docGrid w:type="lines" w:linePitch="${LINE_TW}"/>`) +
    `</w:sectPr>`
  );
}

function footerXml(content: string): string {
  return `${XML_DECL}<w:ftr xmlns:w="${NS_W}" xmlns:r="${NS_R}" xmlns:wp="${NS_WP}" xmlns:a="${NS_A}" xmlns:wps="${NS_WPS}" xmlns:mc="${NS_MC}" xmlns:v="${NS_V}" mc:Ignorable="wps">${content}</w:ftr>`;
}

/** "— N —" with a PAGE field whose cached value is 1. */
export function pageNumberPara(side: 'odd' | 'even'): string {
  const ind = ptToTw(PAGE_NUMBER.sizePt) * PAGE_NUMBER.sideIndentChars;
  return paraXml({
    style: STYLE.footer,
    ind: side === 'odd' ? `<w:ind w:left="0" w:right="${ind}" w:firstLine="0"/>` : `<w:ind w:left="${ind}" w:right="0" w:firstLine="0"/>`,
    jc: side === 'odd' ? 'right' : 'left',
    body: run(PAGE_NUMBER.prefix) + field('PAGE', run('1')) + run(PAGE_NUMBER.suffix),
  });
}

export function footers(): { odd: string; even: string; blank: string; landscapeOdd: string; landscapeEven: string } {
  return {
    odd: footerXml(pageNumberPara('odd')),
    even: footerXml(pageNumberPara('even')),
    blank: footerXml(paraXml({ style: STYLE.footer, body: '' })),
    landscapeOdd: footerXml(paraXml({ style: STYLE.footer, body: landscapeNumberBox('odd') })),
    landscapeEven: footerXml(paraXml({ style: STYLE.footer, body: landscapeNumberBox('even') })),
  };
}

/**
 * The page number of a landscape page where it stands on portrait pages (§8): a landscape
 * page is bound by its top edge (the table head on the binding side), so the foot of the
 * bound page is the landscape page's left edge. The number is a text box in the left margin
 * whose text runs top to bottom (DrawingML vert="vert", turned 90° clockwise), spanning the
 * portrait text block's width, with the portrait footer's paragraph inside: on the bound,
 * upright page it reads "— N —" 7 mm below the text block, one 字 in from the outer edge.
 *
 * Landscape page (x right, y down) from the portrait page turned a quarter to the left:
 * x = page height − portrait y, y = portrait x.
 */
function landscapeNumberBox(side: 'odd' | 'even'): string {
  const lineMm = ptToMm(PAGE_NUMBER.sizePt);
  // The number line's top, below the portrait text block, becomes the box's right edge.
  const topMm = PAGE.topMm + PAGE.textHeightMm + PAGE_NUMBER.belowTextMm;
  const boxW = Math.round(mmToEmu(lineMm * LANDSCAPE_BOX_LINES));
  const x = Math.round(mmToEmu(PAGE.heightMm - topMm)) - boxW;
  const y = Math.round(mmToEmu(PAGE.leftMm));
  const boxH = Math.round(mmToEmu(PAGE.textWidthMm));
  const id = side === 'odd' ? 1 : 2;
  const para = pageNumberPara(side);
  // Word 2010 and later, WPS and LibreOffice read the DrawingML shape (mc:Choice); older
  // readers the same box in VML, its text turned by layout-flow.
  const pt = (emu: number) => `${+(emu / 12700).toFixed(2)}pt`;
  const vml =
    `<w:pict><v:shape id="gwPageNumber${id}" type="#_x0000_t202" filled="f" stroked="f" ` +
    `style="position:absolute;margin-left:${pt(x)};margin-top:${pt(y)};width:${pt(boxW)};height:${pt(boxH)};` +
    `mso-position-horizontal-relative:page;mso-position-vertical-relative:page;layout-flow:vertical;z-index:${id}">` +
    `<v:textbox style="layout-flow:vertical" inset="0,0,0,0"><w:txbxContent>${para}</w:txbxContent></v:textbox></v:shape></w:pict>`;
  return (
    `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="${id}" behindDoc="0" locked="1" layoutInCell="0" allowOverlap="1">` +
    `<wp:simplePos x="0" y="0"/>` +
    `<wp:positionH relativeFrom="page"><wp:posOffset>${x}</wp:posOffset></wp:positionH>` +
    `<wp:positionV relativeFrom="page"><wp:posOffset>${y}</wp:posOffset></wp:positionV>` +
    `<wp:extent cx="${boxW}" cy="${boxH}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>` +
    `<wp:docPr id="${id}" name="Page number ${side}"/><wp:cNvGraphicFramePr/>` +
    `<a:graphic><a:graphicData uri="${NS_WPS}"><wps:wsp><wps:cNvSpPr txBox="1"/>` +
    `<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${boxW}" cy="${boxH}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>` +
    `<wps:txbx><w:txbxContent>${para}</w:txbxContent></wps:txbx>` +
    `<wps:bodyPr rot="0" vert="vert" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="t" anchorCtr="0"><a:noAutofit/></wps:bodyPr>` +
    `</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback>${vml}</mc:Fallback></mc:AlternateContent></w:r>`
  );
}

/** The box is a little wider than the number's line, so that no font's line spills out of it. */
const LANDSCAPE_BOX_LINES = 1.2;

const mmToEmu = (mm: number): number => mm * 36000;
