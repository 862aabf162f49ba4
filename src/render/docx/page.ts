// Section properties and footers: A4 page and margins in exact twips, the 22-line grid
// (w:docGrid type lines; the 28 characters a line come from the body's character spacing:
// a character grid (linesAndChars) makes LibreOffice 7.4 fit only 27 of them), and the page numbers "— N —" in 4号宋体: odd pages right,
// even pages left, one 字 in from the outer edge (w:evenAndOddHeaders in settings.xml).

import { PAGE_NUMBER } from '../../profile/gbt9704.js';
import { field, paraXml, run } from './paragraph.js';
import { STYLE } from './styles.js';
import { LINE_TW, ptToTw, type PageGeometry } from './units.js';
import { XML_DECL, NS_W, NS_R } from './xml.js';

export const FOOTER_RIDS = { odd: 'rIdFooterOdd', even: 'rIdFooterEven', blank: 'rIdFooterBlank' } as const;

export interface SectionOptions {
  geometry: PageGeometry;
  pageNumbers: boolean;
  restartNumbering?: boolean;
  /** Align the section's text to the page foot (the 版记 page). */
  vAlignBottom?: boolean;
}

export function sectPrXml(o: SectionOptions): string {
  const g = o.geometry;
  const odd = o.pageNumbers ? FOOTER_RIDS.odd : FOOTER_RIDS.blank;
  const even = o.pageNumbers ? FOOTER_RIDS.even : FOOTER_RIDS.blank;
  return (
    `<w:sectPr><w:footerReference w:type="default" r:id="${odd}"/><w:footerReference w:type="even" r:id="${even}"/>` +
    `<w:type w:val="nextPage"/>` +
    `<w:pgSz w:w="${g.width}" w:h="${g.height}"${g.landscape ? ' w:orient="landscape"' : ''}/>` +
    `<w:pgMar w:top="${g.top}" w:right="${g.right}" w:bottom="${g.bottom}" w:left="${g.left}" w:header="${g.footer}" w:footer="${g.footer}" w:gutter="0"/>` +
    (o.restartNumbering ? '<w:pgNumType w:start="1"/>' : '') +
    `<w:cols w:space="720"/>` +
    (o.vAlignBottom ? '<w:vAlign w:val="bottom"/>' : '') +
    `<w:docGrid w:type="lines" w:linePitch="${LINE_TW}"/></w:sectPr>`
  );
}

function footerXml(content: string): string {
  return `${XML_DECL}<w:ftr xmlns:w="${NS_W}" xmlns:r="${NS_R}">${content}</w:ftr>`;
}

/** "— N —" with a PAGE field whose cached value is 1. */
function pageNumberPara(side: 'odd' | 'even'): string {
  const ind = ptToTw(PAGE_NUMBER.sizePt) * PAGE_NUMBER.sideIndentChars;
  return paraXml({
    style: STYLE.footer,
    ind: side === 'odd' ? `<w:ind w:left="0" w:right="${ind}" w:firstLine="0"/>` : `<w:ind w:left="${ind}" w:right="0" w:firstLine="0"/>`,
    jc: side === 'odd' ? 'right' : 'left',
    body: run(PAGE_NUMBER.prefix) + field('PAGE', run('1')) + run(PAGE_NUMBER.suffix),
  });
}

export function footers(): { odd: string; even: string; blank: string } {
  return {
    odd: footerXml(pageNumberPara('odd')),
    even: footerXml(pageNumberPara('even')),
    blank: footerXml(paraXml({ style: STYLE.footer, body: '' })),
  };
}
