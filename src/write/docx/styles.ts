// styles.xml: one named paragraph style per GB/T 9704 element and level ("GW Body",
// "GW Heading 1" …), so that a user editing in Word or WPS keeps working with styles.
// Every measure comes from the profile through units.ts.

import type { FontRole } from '../../profile/gbt9704.js';
import { BODY, COLOR, HEADING, IMPRINT, PAGE_NUMBER, TABLE, TITLE, ANNEX, COVER, TOC } from '../../profile/gbt9704.js';
import { rFonts } from './fonts.js';
import { tableLineSpacing } from './paragraph.js';
import { XML_DECL, NS_W, esc } from './xml.js';
import { LINE_TW, charsTw, ptToHalf, ptToTw, PORTRAIT_TW, BODY_CHAR_SPACING_TW } from './units.js';

/** Paragraph style ids (no spaces: ids are referenced by w:pStyle). */
export const STYLE = {
  body: 'GWBody',
  /** The body's last line set apart before the signature (blocks.ts lastLineApart): the same paragraph, continued. */
  heading: (level: number) => `GWHeading${level}`,
  title: 'GWTitle',
  redMark: 'GWRedMark',
  docNumber: 'GWDocNumber',
  headerField: 'GWHeaderField',
  recipients: 'GWRecipients',
  attachmentNote: 'GWAttachmentNote',
  signature: 'GWSignature',
  date: 'GWDate',
  note: 'GWNote',
  annexLabel: 'GWAnnexLabel',
  annexTitle: 'GWAnnexTitle',
  table: 'GWTable',
  tableHead: 'GWTableHead',
  tableCaption: 'GWTableCaption',
  imprint: 'GWImprint',
  tocHeading: 'GWTOCHeading',
  toc: (level: number) => `GWTOC${level}`,
  coverTitle: 'GWCoverTitle',
  coverInfo: 'GWCoverInfo',
  footer: 'GWFooter',
  sectionBreak: 'GWSectionBreak',
} as const;

/** Exact body line: every grid line is LINE_TW high (LineRuleType exact). */
export const EXACT_LINE = `<w:spacing w:before="0" w:after="0" w:line="${LINE_TW}" w:lineRule="exact"/>`;
export const FIRST_LINE_2 = `<w:ind w:left="0" w:right="0" w:firstLineChars="${BODY.firstLineChars * 100}" w:firstLine="${charsTw(BODY.firstLineChars)}"/>`;
const NO_INDENT = '<w:ind w:left="0" w:right="0" w:firstLineChars="0" w:firstLine="0"/>';
const NO_SNAP = '<w:snapToGrid w:val="0"/>';

interface StyleDef {
  id: string;
  name: string;
  basedOn?: string;
  next?: string;
  pPr?: string;
  rPr?: string;
  outline?: number;
}

const size = (pt: number) => `<w:sz w:val="${ptToHalf(pt)}"/><w:szCs w:val="${ptToHalf(pt)}"/>`;
const font = (role: FontRole) => rFonts(role);

function styleXml(s: StyleDef): string {
  return (
    `<w:style w:type="paragraph" w:customStyle="1" w:styleId="${s.id}"><w:name w:val="${esc(s.name)}"/>` +
    (s.basedOn ? `<w:basedOn w:val="${s.basedOn}"/>` : '') +
    `<w:next w:val="${s.next ?? STYLE.body}"/><w:qFormat/>` +
    `<w:pPr>${s.pPr ?? ''}${s.outline !== undefined ? `<w:outlineLvl w:val="${s.outline}"/>` : ''}</w:pPr>` +
    `<w:rPr>${s.rPr ?? ''}</w:rPr></w:style>`
  );
}

function tocTabs(): string {
  return `<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="${PORTRAIT_TW.textWidth}"/></w:tabs>`;
}

function defs(): StyleDef[] {
  const list: StyleDef[] = [
    { id: STYLE.body, name: 'GW Body', basedOn: 'Normal', pPr: FIRST_LINE_2 },
    // A named style, so that a reader (gongwen import, a person in Word) can tell the line set
    // apart from a paragraph of its own and join it back.
  ];
  for (const level of [1, 2, 3, 4] as const) {
    const h = HEADING[level];
    list.push({
      id: STYLE.heading(level),
      name: `GW Heading ${level}`,
      basedOn: STYLE.body,
      pPr: '<w:keepNext/>' + FIRST_LINE_2,
      rPr: font(h.role) + (h.bold ? '<w:b/><w:bCs/>' : '') + size(h.sizePt),
      outline: level - 1,
    });
  }
  const centred = `${NO_INDENT}<w:jc w:val="center"/>`;
  list.push(
    { id: STYLE.title, name: 'GW Title', basedOn: 'Normal', pPr: NO_SNAP + EXACT_LINE + centred, rPr: font(TITLE.role) + size(TITLE.sizePt) },
    { id: STYLE.redMark, name: 'GW Red Mark', basedOn: 'Normal', pPr: NO_SNAP + centred, rPr: font('xiaobiaosong') + `<w:color w:val="${COLOR.red}"/>` },
    { id: STYLE.docNumber, name: 'GW Doc Number', basedOn: 'Normal', pPr: centred },
    { id: STYLE.headerField, name: 'GW Header Field', basedOn: 'Normal', pPr: `${NO_INDENT}<w:jc w:val="left"/>`, rPr: font('heiti') },
    { id: STYLE.recipients, name: 'GW Recipients', basedOn: 'Normal', pPr: NO_INDENT },
    { id: STYLE.attachmentNote, name: 'GW Attachment Note', basedOn: STYLE.body },
    { id: STYLE.signature, name: 'GW Signature', basedOn: 'Normal', pPr: `${NO_INDENT}<w:jc w:val="left"/>` },
    { id: STYLE.date, name: 'GW Date', basedOn: STYLE.signature },
    { id: STYLE.note, name: 'GW Note', basedOn: STYLE.body },
    { id: STYLE.annexLabel, name: 'GW Annex Label', basedOn: 'Normal', pPr: `${NO_INDENT}<w:jc w:val="left"/>`, rPr: font(ANNEX.labelRole) },
    { id: STYLE.annexTitle, name: 'GW Annex Title', basedOn: STYLE.title },
    {
      id: STYLE.table,
      name: 'GW Table',
      basedOn: 'Normal',
      next: STYLE.table,
      // Tables leave the 28.95 pt grid: exact lines of lineFactor × their own size (as the
      // PDF's line-height; "auto" would follow each font's own line height), and characters
      // at their natural width (the PDF's tables have letter-spacing 0).
      pPr: NO_SNAP + tableLineSpacing(TABLE.sizePt.list) + NO_INDENT + '<w:jc w:val="left"/>',
      rPr: font(TABLE.bodyRole) + '<w:spacing w:val="0"/>' + size(TABLE.sizePt.list),
    },
    { id: STYLE.tableHead, name: 'GW Table Head', basedOn: STYLE.table, next: STYLE.table, pPr: '<w:keepNext/><w:jc w:val="center"/>', rPr: font(TABLE.headRole) },
    { id: STYLE.tableCaption, name: 'GW Table Caption', basedOn: 'Normal', pPr: '<w:keepNext/>' + centred, rPr: font(TABLE.headRole) },
    { id: STYLE.imprint, name: 'GW Imprint', basedOn: 'Normal', pPr: NO_SNAP + NO_INDENT + '<w:jc w:val="left"/>', rPr: font(IMPRINT.role) + size(IMPRINT.sizePt) },
    { id: STYLE.tocHeading, name: 'GW TOC Heading', basedOn: STYLE.title },
  );
  for (const level of [1, 2, 3, 4]) {
    list.push({
      id: STYLE.toc(level),
      name: `GW TOC ${level}`,
      basedOn: 'Normal',
      pPr: tocTabs() + `<w:ind w:left="${charsTw(TOC.indentCharsPerLevel * (level - 1))}" w:leftChars="${100 * TOC.indentCharsPerLevel * (level - 1)}" w:right="0" w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="left"/>`,
      rPr: level === 1 ? font('heiti') : '',
    });
  }
  list.push(
    { id: STYLE.coverTitle, name: 'GW Cover Title', basedOn: STYLE.title, rPr: size(COVER.titleSizePt) },
    { id: STYLE.coverInfo, name: 'GW Cover Info', basedOn: 'Normal', pPr: centred, rPr: font(COVER.infoRole) },
    {
      id: STYLE.footer,
      name: 'GW Footer',
      basedOn: 'Normal',
      pPr: NO_SNAP + `<w:spacing w:before="0" w:after="0" w:line="${ptToTw(PAGE_NUMBER.sizePt)}" w:lineRule="exact"/>` + NO_INDENT,
      rPr: font(PAGE_NUMBER.role) + size(PAGE_NUMBER.sizePt),
    },
    {
      id: STYLE.sectionBreak,
      name: 'GW Section Break',
      basedOn: 'Normal',
      // Carries a section's properties after a table: as small as Word allows, so it never spills a page.
      pPr: NO_SNAP + '<w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>' + NO_INDENT,
      rPr: size(1),
    },
  );
  return list;
}

/** Word's own TOC styles, based on ours, so that "Update field" keeps the look. */
function builtinTocStyles(): string {
  let out = '';
  for (const level of [1, 2, 3, 4]) {
    out +=
      `<w:style w:type="paragraph" w:styleId="TOC${level}"><w:name w:val="toc ${level}"/>` +
      `<w:basedOn w:val="${STYLE.toc(level)}"/><w:next w:val="${STYLE.body}"/><w:uiPriority w:val="39"/><w:unhideWhenUsed/></w:style>`;
  }
  return out;
}

/** styles.xml depends only on the language: built once per language. */
const cache = new Map<string, string>();

export function stylesXml(lang: string): string {
  const hit = cache.get(lang);
  if (hit) return hit;
  const defaults =
    `<w:docDefaults><w:rPrDefault><w:rPr>${rFonts(BODY.role)}<w:kern w:val="0"/>${size(BODY.sizePt)}` +
    `<w:lang w:val="en-US" w:eastAsia="${esc(lang)}" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
    `<w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>`;
  const normal =
    `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>` +
    // autoSpace off: no extra gap between Chinese and Latin text, so lines stay on the 28-character grid.
    `<w:pPr><w:widowControl w:val="0"/><w:kinsoku/><w:overflowPunct/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>` +
    `${NO_SNAP}${EXACT_LINE}<w:jc w:val="both"/></w:pPr>` +
    `<w:rPr>${rFonts(BODY.role)}<w:spacing w:val="${BODY_CHAR_SPACING_TW}"/>${size(BODY.sizePt)}</w:rPr></w:style>`;
  const charDefault =
    `<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>` +
    `<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>` +
    `<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
    `<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>`;
  const xml =
    `${XML_DECL}<w:styles xmlns:w="${NS_W}">${defaults}${normal}${charDefault}` +
    defs().map(styleXml).join('') +
    builtinTocStyles() +
    `</w:styles>`;
  cache.set(lang, xml);
  return xml;
}
