// model → DOCX. The renderer writes WordprocessingML itself (see xml.ts for why) and zips it
// with fixed times: the same model always gives the same bytes.
//
// Layout of the output: one w:sectPr per model section (portrait or landscape, page numbers
// on or off, page numbering restarting at the body after a cover or contents page); a blank
// unnumbered page where the layout stage put one (a plan's body on a right-hand page); the 版记
// at the foot of the last page ('same-page') or in a section that starts on an even page
// ('next-page', and 'after-blank' after the layout's blank page): where Word, WPS or
// LibreOffice break a line differently from the layout, they still put the 版记 on an even page.
// Measured with LibreOffice 7.4 (test/docx-lo-imprint.test.ts): after a list its pages are the
// PDF's (197 lists of 1–130 rows); after text it breaks by its own widths and ended 11 of 60
// notices a page off, 9 of them still with the 版记 on its own even page behind the blank page
// it inserts — which its PDF export leaves out unless told (IsSkipEmptyPages), its print keeps.
// Not covered: 'same-page' where the renderer's content runs onto the next, odd page (2 of 60):
// the floating 版记 follows its anchor there; no section type says "this page if even".

import type { DocumentModel, Section } from '../../model/types.js';
import { RenderContext } from './context.js';
import { isPara, sectionItems, writeItems, type Item } from './blocks.js';
import { imprintXml } from './imprint.js';
import { footers, sectPrXml, FOOTER_RIDS } from './page.js';
import { appXml, contentTypesXml, coreXml, documentRelsXml, fixedDate, rootRelsXml, settingsXml } from './package.js';
import { zipParts, type Segments } from '../zip.js';
import type { Para } from './paragraph.js';
import { STYLE, stylesXml } from './styles.js';
import { fontTableXml } from './fonts.js';
import { LANDSCAPE_TW, PORTRAIT_TW } from './units.js';
import { XML_DECL, NS_W, NS_R, NS_WP, XmlBytes } from './xml.js';

export interface DocxOptions {
  /** Written to core.xml as creator when the model's meta has no author. */
  creator?: string;
}

/** A tiny paragraph: carries a section's properties or a page break without taking a line. */
const tiny = (body = ''): Para => ({ style: STYLE.sectionBreak, body });

const EMPTY_SECTION: Section = { orientation: 'portrait', pageNumbers: true, part: 'body', blocks: [] };

let staticParts: { footers: ReturnType<typeof footers>; fontTable: string; contentTypes: string; rootRels: string; app: string } | undefined;

function statics() {
  staticParts ??= { footers: footers(), fontTable: fontTableXml(), contentTypes: contentTypesXml(), rootRels: rootRelsXml(), app: appXml() };
  return staticParts;
}

/** Puts a section's properties on its last paragraph, or on a tiny one after a table. */
function closeSection(items: Item[], sectPr: string): void {
  const last = items[items.length - 1];
  if (isPara(last) && !last.framePr && !last.sectPr) last.sectPr = sectPr;
  else items.push({ ...tiny(), sectPr });
}

export function renderDocxSync(model: DocumentModel, opts: DocxOptions = {}): Uint8Array {
  const ctx = new RenderContext(model);
  const sections = model.sections.length ? model.sections : [EMPTY_SECTION];
  const placement = model.imprintPlacement ?? 'next-page';
  const geometryOf = (s: Section) => (s.orientation === 'landscape' ? LANDSCAPE_TW : PORTRAIT_TW);

  // document.xml is written as UTF-8 as it goes (a 100,000-row list's is 101 MB).
  const body = new XmlBytes();
  body.add(`${XML_DECL}<w:document xmlns:w="${NS_W}" xmlns:r="${NS_R}" xmlns:wp="${NS_WP}"><w:body>`);
  let frontMatter = false;
  let bodyStarted = false;
  let finalSectPr = '';
  sections.forEach((s, i) => {
    ctx.geometry = geometryOf(s);
    const items = sectionItems(s, ctx);
    const restart = s.part === 'body' && frontMatter && !bodyStarted;
    if (s.part === 'cover' || s.part === 'toc') frontMatter = true;
    if (s.part === 'body') bodyStarted = true;
    const sectPr = sectPrXml({ geometry: ctx.geometry, pageNumbers: s.pageNumbers, restartNumbering: restart });
    // A blank page before this section: a section of one empty paragraph, without numbers.
    if (s.blankPageBefore) writeItems(body, [{ ...tiny(), sectPr: sectPrXml({ geometry: ctx.geometry, pageNumbers: false }) }]);
    const last = i === sections.length - 1;
    if (!last) {
      closeSection(items, sectPr);
      writeItems(body, items);
      return;
    }
    const imprint = model.imprint;
    if (!imprint) {
      writeItems(body, items);
      finalSectPr = sectPr;
      return;
    }
    // The 版记 spans the portrait text block (§7.4.1), whatever the last section's width. It is
    // a table floating at the foot of the text block (Word and LibreOffice both honour that;
    // LibreOffice 7.4 ignores a section's w:vAlign and a frame's yAlign): on the current last
    // page ('same-page'), after a page break ('next-page'), or in a section of its own after a
    // blank page, both without page numbers ('after-blank', §7.5).
    const table = imprintXml(imprint, PORTRAIT_TW.textWidth, { float: { left: PORTRAIT_TW.left, bottom: PORTRAIT_TW.height - PORTRAIT_TW.bottom - PORTRAIT_TW.top } });
    if (placement === 'same-page') {
      writeItems(body, [...items, table, tiny()]);
      finalSectPr = sectPr;
      return;
    }
    // A new page comes from a section break, not a page-break run: LibreOffice anchors the
    // floating table to the paragraph before it, which must already be on the new page.
    closeSection(items, sectPr);
    writeItems(body, items);
    // 'after-blank': the blank page the layout counted is a page of its own (an unnumbered
    // section), so that every reader counts it — LibreOffice leaves the blank page an even-page
    // break inserts out of its PDF export (measured, 7.4: 9 pages, the 版记 numbered 10). The
    // 版记's section still starts on an even page: where a word processor's own layout ends the
    // content a page off, it moves the 版记 on to the next even page.
    // LibreOffice drops an empty paragraph that only carries a section break, so the blank page
    // gets a paragraph of its own.
    const blank = placement === 'after-blank';
    if (blank) writeItems(body, [tiny(), { ...tiny(), sectPr: sectPrXml({ geometry: PORTRAIT_TW, pageNumbers: false }) }]);
    const imprintSect = sectPrXml({ geometry: PORTRAIT_TW, pageNumbers: blank ? false : s.pageNumbers, start: 'evenPage' });
    writeItems(body, [tiny(), table, tiny()]);
    finalSectPr = imprintSect;
  });

  const lang = model.meta.lang || 'zh-CN';
  body.add(`${finalSectPr}</w:body></w:document>`);
  const document = body.segments();
  const st = statics();
  const parts: [string, string | Uint8Array | Segments][] = [
    ['[Content_Types].xml', st.contentTypes],
    ['_rels/.rels', st.rootRels],
    ['docProps/core.xml', coreXml(model.meta, opts.creator)],
    ['docProps/app.xml', st.app],
    ['word/document.xml', document],
    ['word/_rels/document.xml.rels', documentRelsXml(ctx.links, ctx.media, FOOTER_RIDS)],
    ['word/styles.xml', stylesXml(lang)],
    ['word/numbering.xml', ctx.numbering.xml()],
    ['word/settings.xml', settingsXml(lang)],
    ['word/fontTable.xml', st.fontTable],
    ['word/footer1.xml', st.footers.odd],
    ['word/footer2.xml', st.footers.even],
    ['word/footer3.xml', st.footers.blank],
    ['word/footer4.xml', st.footers.landscapeOdd],
    ['word/footer5.xml', st.footers.landscapeEven],
    ...ctx.media.map((m): [string, Uint8Array] => [m.path, m.bytes]),
  ];
  return zipParts(parts, fixedDate(model.meta), 'the DOCX');
}

/** Renders the model to a DOCX file's bytes. Async for symmetry with the PDF renderer. */
export async function renderDocx(model: DocumentModel, opts: DocxOptions = {}): Promise<Uint8Array> {
  return renderDocxSync(model, opts);
}
