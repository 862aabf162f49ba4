// The print stylesheet: GB/T 9704 page geometry, the 22 × 28 grid, the page numbers in margin
// boxes, and the look of every block. All measures come from the profile through units.ts.
import {
  ANNEX,
  BODY,
  COLOR,
  COVER,
  GRID,
  HEADER,
  HEADING,
  IMPRINT,
  LANDSCAPE,
  PAGE,
  PAGE_NUMBER,
  TABLE,
  TITLE,
  TOC,
  ptToMm,
} from '../../profile/gbt9704.js';
import type { FontRole } from '../../profile/gbt9704.js';
import { chars, FIT_EPSILON_MM, GRID_LETTER_SPACING, lines, mm, pt } from './units.js';

export const font = (role: FontRole): string => `var(--font-${role})`;

/** Named pages: landscape sections, and pages without a number (cover, blank page, 版记 page after a blank). */
export const PAGE_NAMES = {
  landscape: 'landscape',
  nonum: 'nonum',
  landscapeNonum: 'landscape-nonum',
} as const;

function cssQuote(s: string): string {
  return `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

function pageNumberBoxes(): string {
  const content = `${cssQuote(PAGE_NUMBER.prefix)} counter(page) ${cssQuote(PAGE_NUMBER.suffix)}`;
  const indent = pt(PAGE_NUMBER.sideIndentChars * PAGE_NUMBER.sizePt);
  // The dashes' middle lies belowTextMm under the text block: with line-height 1 the em box's
  // middle is half a size below the box top.
  const top = `calc(${mm(PAGE_NUMBER.belowTextMm)} - ${pt(PAGE_NUMBER.sizePt / 2)})`;
  const box = `content: ${content}; font-family: ${font(PAGE_NUMBER.role)}; font-size: ${pt(PAGE_NUMBER.sizePt)}; line-height: 1; vertical-align: top; padding-top: ${top}; letter-spacing: 0; white-space: pre;`;
  // Landscape pages (§8): the number stands where it stands on portrait pages, so on the
  // landscape page it runs up the left edge (the portrait foot), turned a quarter clockwise,
  // as the DOCX's text box sets it (write/docx/page.ts): the line's outer side lies
  // PAGE.heightMm − (top + text height + belowTextMm) from the page's left edge; odd pages at
  // the bottom end (the portrait right), even pages at the top end, one 字 in.
  // The box's content is exactly one line wide (padding on both sides), so the line sits
  // there whichever way Chromium aligns a turned margin box.
  const lineOuterMm = PAGE.heightMm - (PAGE.topMm + PAGE.textHeightMm + PAGE_NUMBER.belowTextMm);
  const lineMm = ptToMm(PAGE_NUMBER.sizePt);
  const turned = `content: ${content}; font-family: ${font(PAGE_NUMBER.role)}; font-size: ${pt(PAGE_NUMBER.sizePt)}; line-height: 1; letter-spacing: 0; white-space: pre;
    writing-mode: vertical-rl; text-orientation: sideways; padding-left: ${mm(lineOuterMm - lineMm)}; padding-right: ${mm(LANDSCAPE.leftMm - lineOuterMm)};`;
  const noFoot = '@bottom-right { content: none; } @bottom-left { content: none; }';
  return `
@page :right { @bottom-right { ${box} text-align: right; padding-right: ${indent}; } }
@page :left { @bottom-left { ${box} text-align: left; padding-left: ${indent}; } }
@page ${PAGE_NAMES.landscape}:right { ${noFoot} @left-middle { ${turned} text-align: end; padding-bottom: ${indent}; } }
@page ${PAGE_NAMES.landscape}:left { ${noFoot} @left-middle { ${turned} text-align: start; padding-top: ${indent}; } }`;
}

export function printCss(): string {
  const portraitMargin = `${mm(PAGE.topMm)} ${mm(PAGE.rightMm)} ${mm(PAGE.bottomMm)} ${mm(PAGE.leftMm)}`;
  const landscapeMargin = `${mm(LANDSCAPE.topMm)} ${mm(LANDSCAPE.rightMm)} ${mm(LANDSCAPE.bottomMm)} ${mm(LANDSCAPE.leftMm)}`;
  // Pages without a number do not count either: the body after a cover starts at "— 1 —".
  const none = `counter-increment: page 0; @bottom-right { content: none; } @bottom-left { content: none; }`;
  const pitch = lines(1);
  const tableSizes = Object.entries(TABLE.sizePt)
    .map(([k, v]) => `table.t-${k} { font-size: ${pt(v)}; }`)
    .join('\n');
  const headings = ([1, 2, 3, 4] as const)
    .map((l) => `.h${l} { font-family: ${font(HEADING[l].role)}; font-size: ${pt(HEADING[l].sizePt)}; font-weight: ${HEADING[l].bold ? 'bold' : 'normal'}; }
.num-${l} { font-family: ${font(HEADING[l].role)}; }`)
    .join('\n');
  return `
@page { size: ${mm(PAGE.widthMm)} ${mm(PAGE.heightMm)}; margin: ${portraitMargin}; }
${pageNumberBoxes()}
@page ${PAGE_NAMES.landscape} { size: ${mm(LANDSCAPE.widthMm)} ${mm(LANDSCAPE.heightMm)}; margin: ${landscapeMargin}; }
@page ${PAGE_NAMES.landscapeNonum} { size: ${mm(LANDSCAPE.widthMm)} ${mm(LANDSCAPE.heightMm)}; margin: ${landscapeMargin}; ${none} }
@page ${PAGE_NAMES.nonum} { ${none} }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body {
  margin: 0;
  color: #000;
  font-family: ${font(BODY.role)};
  font-size: ${pt(BODY.sizePt)};
  font-weight: normal;
  /* The grid: an exact line pitch of 225 mm / ${GRID.linesPerPage}, and ${GRID.charsPerLine} characters a line. */
  line-height: ${pitch};
  letter-spacing: ${GRID_LETTER_SPACING};
  text-align: justify;
  text-spacing-trim: space-all;
  text-autospace: no-autospace;
  overflow-wrap: anywhere;
  font-kerning: none;
  /* A synthetic bold or italic is embedded as a Type 3 font: bold comes from real bold files. */
  font-synthesis: none;
  font-variant-east-asian: normal;
  /* No widow or orphan rule: every full page holds 22 lines (GB/T 9704, the DOCX, src/layout). */
  orphans: 1;
  widows: 1;
}
section.sec { position: relative; }
section.sec + section.sec { break-before: page; }
section.landscape { page: ${PAGE_NAMES.landscape}; }
section.nonum { page: ${PAGE_NAMES.nonum}; }
section.landscape.nonum { page: ${PAGE_NAMES.landscapeNonum}; }
p, h1, h2, h3, h4, h5, div { margin: 0; padding: 0; }
a { color: inherit; text-decoration: none; }
p.body { text-indent: ${chars(BODY.firstLineChars)}; }
p.flush { text-indent: 0; }
p.al-left { text-align: left; } p.al-center { text-align: center; } p.al-right { text-align: right; }
.h { position: relative; text-indent: ${chars(BODY.firstLineChars)}; break-after: avoid; }
${headings}
.r-fangsong { font-family: ${font('fangsong')}; } .r-heiti { font-family: ${font('heiti')}; }
.r-kaiti { font-family: ${font('kaiti')}; } .r-song { font-family: ${font('song')}; }
.r-xiaobiaosong { font-family: ${font('xiaobiaosong')}; }
b { font-weight: bold; }
/* A run in another font (the 楷体 of "（一）", a bold face, a link) has other ascent and descent:
   its own inline box would make the line taller than the grid's pitch, and a page would hold
   20 lines instead of 22. Zero line-height keeps every line box at the paragraph's strut. */
p span, p b, p i, p a, .h span, .h b, .h i, .h a { line-height: 0; }

/* 版头 */
.red-header { position: relative; }
.red-header > .line { position: absolute; left: 0; right: 0; height: ${pitch}; }
.red-header .mark { position: absolute; left: 0; right: 0; display: flex; justify-content: center; align-items: center;
  color: #${COLOR.red}; font-family: ${font('xiaobiaosong')}; letter-spacing: 0; line-height: ${HEADER.markLineFactor}; white-space: nowrap; }
.red-header .mark .stack > div { text-align: justify; text-align-last: justify; }
.red-header .number { text-align: center; letter-spacing: 0; }
.red-header .signer-row { display: flex; justify-content: space-between; letter-spacing: 0; padding: 0 ${chars(1)}; }
.red-header .signer-row .signer-name { font-family: ${font('kaiti')}; }
.red-header .meta { text-align: left; letter-spacing: 0; }
.red-header .meta.heiti { font-family: ${font('heiti')}; }
.red-header .rule { position: absolute; left: 0; right: 0; height: 0; border-top: ${pt(HEADER.ruleWidthPt)} solid #${COLOR.red}; }

/* 标题 */
.title { font-family: ${font(TITLE.role)}; font-size: ${pt(TITLE.sizePt)}; font-weight: normal; line-height: ${pitch};
  text-align: center; letter-spacing: 0; text-indent: 0; break-after: avoid; break-inside: avoid; }
/* The layout stage chose the lines (layout/lines): a font a little wider than the grid must not
   wrap a line it measured as fitting ("……提 / 纲"). */
.title > div, .cover-title > div { white-space: nowrap; }
.recipients { text-indent: 0; }

/* 附件说明 */
.attachments { display: grid; grid-template-columns: max-content max-content 1fr; margin-left: ${chars(2)};
  text-indent: 0; text-align: left; break-inside: avoid; }
.attachments .name { text-align: left; }

/* 署名, 日期 */
/* §7.3.5.3: 附件说明, 署名 and 附注 never stand on a page without body text: no break before them,
   so the body's last line goes over with them (src/layout/flow decides the same). */
.attachments, .signature, .signature + .note { break-before: avoid; }
.signature { display: flex; justify-content: flex-end; break-inside: avoid; text-indent: 0; }
.signature .block { text-align: left; white-space: nowrap; }
.signature .date { padding-left: ${chars(2)}; }
/* The sealed form: parts placed absolutely (layout/measure/signature.ts); the box keeps with the body's last line. */
.signature.sealed { display: block; position: relative; break-inside: avoid; break-before: avoid; }
/* …and a 附件说明 before it keeps with the body's last line too: the seal's page has body text (§7.3.5.5). */
.attachments:has(+ .signature.sealed) { break-before: avoid; }
.signature.sealed > .name, .signature.sealed > .date { position: absolute; white-space: nowrap; padding: 0; }
.signature.sealed > .name, .signature.sealed > .date { transform: translateX(-50%); }
.signature.sealed > .seal { position: absolute; z-index: 1; }
.note { text-indent: ${chars(2)}; }

/* 附件 pages */
.annex-label { font-family: ${font(ANNEX.labelRole)}; text-indent: 0; text-align: left; break-before: page; break-after: avoid; }

/* 表格 */
.caption { text-align: center; font-family: ${font(TABLE.headRole)}; text-indent: 0; letter-spacing: 0; break-after: avoid; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; letter-spacing: 0; text-indent: 0;
  line-height: ${TABLE.lineFactor}; font-family: ${font(TABLE.bodyRole)}; text-align: left; }
${tableSizes}
/* Half a line between a table and the text around it (TABLE.spaceAroundLines); none at a page
   top after a break, where the previous element is not text. An official form's tables (.form-grid: fixed columns; not .t-form, which is the 五号 size class)
   and their captions keep the form's own spacing: their notes sit right under them (the DOCX
   and layout/flow add no space there either). */
:is(p, .h, .attachments) + :is(table, .caption):not(.form-grid), table:not(.form-grid) + :is(p, .h) { margin-top: ${lines(TABLE.spaceAroundLines)}; }
thead { display: table-header-group; }
thead td, thead th { font-family: ${font(TABLE.headRole)}; font-weight: normal; }
tr { break-inside: avoid; }
/* A head keeps two body rows with it (layout/tables/rows.ts): the first body row keeps with the next. */
tr.keep { break-after: avoid; }
td, th { border: ${pt(TABLE.borderPt)} solid #000; padding: ${mm(TABLE.cellPaddingMm)}; vertical-align: middle; overflow-wrap: break-word; }
/* break-word, not anywhere: the same breaks in a fixed-layout table, and no min-content work per cell. */
td.c, th.c { text-align: center; } td.r, th.r { text-align: right; } td.l, th.l { text-align: left; }

/* 封面, 目录 */
.figure { margin: 0; break-inside: avoid; text-indent: 0; text-align: center; }
.figure .fig-box { display: flex; align-items: flex-end; justify-content: center; }
.figure img { display: block; }
.figure figcaption { text-align: center; text-indent: 0; }
.cover { height: calc(${mm(PAGE.textHeightMm)} - 1mm); display: flex; flex-direction: column; justify-content: center; text-align: center; text-indent: 0; letter-spacing: 0; break-after: page; }
.cover .cover-title { font-family: ${font(COVER.titleRole)}; font-size: ${pt(COVER.titleSizePt)}; line-height: 1.5; margin-bottom: ${lines(COVER.gapLines)}; }
.cover .cover-text { font-family: ${font(COVER.textRole)}; font-size: ${pt(COVER.textSizePt)}; }
.cover .cover-statement { text-align: justify; }
.toc-title { font-family: ${font(TOC.titleRole)}; font-size: ${pt(TOC.titleSizePt)}; text-align: center; letter-spacing: 0; margin-bottom: ${lines(TOC.gapAfterTitleLines)}; }
.toc-entry { display: flex; align-items: baseline; text-indent: 0; }
.toc-entry .lead { flex: 1; border-bottom: 1pt dotted #000; margin: 0 ${chars(0.5)}; min-width: ${chars(2)}; }
.toc-entry .pg { letter-spacing: 0; }

/* 版记 */
/* The rules are SVG rectangles, not borders: Chromium snaps borders and backgrounds (and even
   a scaled box) to whole CSS pixels — 0.35 mm and 0.25 mm all printed as 1 px = 0.26 mm,
   measured at 1200 dpi — while SVG geometry reaches the PDF as drawn (unclipped: the SVG box
   itself is snapped). */
.imprint { position: relative; font-family: ${font(IMPRINT.role)}; font-size: ${pt(IMPRINT.sizePt)}; letter-spacing: 0; text-indent: 0; text-align: left;
  padding: ${mm(IMPRINT.outerRuleMm)} 0; break-inside: avoid; }
.imprint .row { position: relative; padding: 0 ${pt(IMPRINT.sideIndentChars * IMPRINT.sizePt)}; }
.imprint .row + .row { padding-top: ${mm(IMPRINT.innerRuleMm)}; }
.imprint svg.rule { position: absolute; left: 0; width: 100%; display: block; overflow: visible; }
.imprint > svg.rule.outer { height: ${mm(IMPRINT.outerRuleMm)}; }
.imprint > svg.rule.outer.top { top: 0; } .imprint > svg.rule.outer.bottom { bottom: 0; }
.imprint .row > svg.rule.inner { top: 0; height: ${mm(IMPRINT.innerRuleMm)}; }
.imprint .hang { display: flex; }
.imprint .hang .label { flex: none; }
.imprint .split { display: flex; justify-content: space-between; }
.imprint-page { break-before: page; height: ${mm(PAGE.textHeightMm - FIT_EPSILON_MM)}; display: flex; flex-direction: column; justify-content: flex-end; }
.imprint-page.nonum, .blank-page { page: ${PAGE_NAMES.nonum}; }
.blank-page { break-before: page; height: 1mm; }
/* Where an appended PDF's page goes: a numbered page with nothing on it but its number. */
.appended-page { break-before: page; height: 1mm; }

/* the page numbers' font, loaded with the document (render-html.ts) */
.pn-font { position: absolute; left: 0; top: 0; height: 0; overflow: hidden; visibility: hidden; font-family: ${font(PAGE_NUMBER.role)}; font-size: ${pt(PAGE_NUMBER.sizePt)}; }

/* layout-pass markers: links the PDF renderer reads back; absolutely placed, so they move nothing */
.mark-box { position: relative; height: 0; }
/* A row's marker stays in the flow: an absolutely positioned box in every row of a 10,000-row
   table made Chromium's print three times slower. Zero net advance, so nothing moves. */
td.mark-cell a.mark { position: static; display: inline-block; width: 1px; height: 1px; margin-right: -1px; vertical-align: top; }
a.mark { position: absolute; left: 0; top: 0; width: 1mm; height: 1mm; display: block; }
`.replace(/^\s*\n/gm, '');
}
