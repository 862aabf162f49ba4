// model → one complete HTML document with print CSS (GB/T 9704). No scripts, no external
// resources but the fonts the font map serves; all text escaped.
import type { DocumentModel, HeadingBlock, ImprintPlacement } from '../../model/types.js';
import { esc } from './escape.js';
import { blockHtml, imprintHtml, markLink, type BlockContext } from './blocks.js';
import { printCss } from './print-css.js';
import { mm } from './units.js';
import { PAGE_NUMBER } from '../../profile/gbt9704.js';
import { MARKS, sectionMarkName } from '../../layout/measure/positions.js';
import { IMAGE_ORIGIN } from './images.js';

export interface ImprintLayout {
  placement: ImprintPlacement;
  /** For 'same-page': blank space between the end of the content and the 版记. */
  spacerMm?: number;
  /** The 版记 page carries no page number (after appended PDFs: §7.5 lets a 版记 page go without). */
  unnumbered?: boolean;
}

export interface HtmlOptions {
  /** @font-face rules and --font-<role> properties (FontMap.fontCss). */
  fontCss: string;
  /** Add marker links (content end, 版记 end, sections, headings, table rows): a print checks itself with them. */
  markers?: boolean;
  /**
   * A layout print, only read for its markers: nothing but the markers is painted
   * (visibility changes no box), which takes a quarter off the print.
   */
  probe?: boolean;
  /** Where the 版记 goes; absent: it simply follows the content (a layout print). */
  imprint?: ImprintLayout;
  /**
   * Pages of appended PDFs: as many blank numbered pages after the content (before a 版记 page),
   * which the PDF renderer replaces by the appended pages with their number drawn over them
   * (render/pdf/finalize.ts): the count and the odd/even sides continue as Chromium draws them.
   */
  appendedPages?: number;
}

/**
 * What a probe print adds, in the body (the head stays the same for every print of a run, so
 * that the PDF renderer can keep a page's fonts and swap only the body).
 */
const PROBE_STYLE = '<style>\nbody * { visibility: hidden !important; }\na.mark { visibility: visible !important; }\n</style>\n';

/**
 * The page numbers' characters in their font, hidden: Chromium draws margin boxes with the
 * fonts the document has loaded, and waitForFonts waits only for fonts the body uses. Measured:
 * the first print on a fresh page of a one-page notice (nothing else in 宋体) came out without
 * "— 1 —"; every later print of the same HTML had it.
 */
const PAGE_NUMBER_FONT = `<div class="pn-font" aria-hidden="true">${PAGE_NUMBER.prefix}0123456789${PAGE_NUMBER.suffix}</div>\n`;


export function collectHeadings(model: DocumentModel): HeadingBlock[] {
  return model.sections.flatMap((s) => s.blocks.filter((b): b is HeadingBlock => b.type === 'heading'));
}

/** The whole HTML document: documentHead, then the body. */
export function renderHtml(model: DocumentModel, opts: HtmlOptions): string {
  return `${documentHead(model, opts)}<body>\n${renderBody(model, opts)}\n</body>\n</html>\n`;
}

/** Everything before `<body>`: the same for every document of a run but for the title. */
export function documentHead(model: DocumentModel, opts: HtmlOptions): string {
  return `<!DOCTYPE html>
<html lang="${esc(model.meta.lang || 'zh-CN')}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src http://fonts.local; img-src ${IMAGE_ORIGIN}">
<title>${esc(model.meta.title)}</title>
<style>
${opts.fontCss}
</style>
<style>
${printCss()}
</style>
</head>
`;
}

/** What goes inside `<body>` (a batch's combined print puts many of these in one body). */
export function renderBody(model: DocumentModel, opts: HtmlOptions): string {
  const headings = collectHeadings(model);
  const markers = opts.markers ?? false;
  const sections: string[] = [];
  let tables = 0;
  model.sections.forEach((section, si) => {
    const cls = ['sec', section.part];
    if (section.orientation === 'landscape') cls.push('landscape');
    if (!section.pageNumbers) cls.push('nonum');
    let prev: BlockContext['prev'];
    const body = section.blocks
      .map((b) => {
        const tableIndex = b.type === 'table' ? tables++ : undefined;
        const html = blockHtml(b, { prev, markers, headings, tableIndex });
        prev = b;
        return html;
      })
      .join('\n');
    const last = si === model.sections.length - 1;
    // Out of flow (the section is position: relative): moves nothing, breaks nothing.
    const start = markers ? markLink(sectionMarkName(si)) : '';
    // The layout stage's blank page before a section (a plan's body on a right-hand page).
    const blank = section.blankPageBefore ? '<div class="blank-page"></div>\n' : '';
    sections.push(`<section class="${cls.join(' ')}">\n${blank}${start}${body}${last ? tail(model, opts) : ''}\n</section>`);
  });
  if (model.sections.length === 0) sections.push(`<section class="sec">${tail(model, opts)}</section>`);
  const placeholders = '<div class="appended-page" aria-hidden="true"></div>'.repeat(Math.max(0, opts.appendedPages ?? 0));
  const imprint = model.imprint && opts.imprint && opts.imprint.placement !== 'same-page' ? imprintPages(model, opts.imprint, !!opts.markers) : '';
  return `${opts.probe ? PROBE_STYLE : ''}${PAGE_NUMBER_FONT}${sections.join('\n')}\n${placeholders}${imprint}`;
}

/** What follows the last block inside the last section: markers, and the 版记 when it flows or shares the page. */
function tail(model: DocumentModel, opts: HtmlOptions): string {
  const parts: string[] = [];
  if (opts.markers) parts.push(markBox(MARKS.contentEnd));
  if (model.imprint && !opts.imprint) {
    // A layout print: the 版记 follows the content so that its height can be measured.
    parts.push(imprintHtml(model.imprint));
    if (opts.markers) parts.push(markBox(MARKS.imprintEnd));
  } else if (model.imprint && opts.imprint?.placement === 'same-page') {
    parts.push(`<div class="imprint-spacer" style="height: ${mm(Math.max(0, opts.imprint.spacerMm ?? 0))}"></div>`);
    parts.push(imprintHtml(model.imprint));
    // A speculative print checks that the 版记 came out at the foot of the page.
    if (opts.markers) parts.push(markBox(MARKS.imprintEnd));
  }
  return parts.join('\n');
}

/** A marker in a box of no height: it moves nothing. */
function markBox(name: string): string {
  return `<div class="mark-box">${markLink(name)}</div>`;
}

function imprintPages(model: DocumentModel, layout: ImprintLayout, markers: boolean): string {
  const blank = layout.placement === 'after-blank' ? '<div class="blank-page"></div>' : '';
  const nonum = layout.placement === 'after-blank' || layout.unnumbered ? ' nonum' : '';
  // A speculative print checks that the 版记 page is the one its guess said.
  const mark = markers ? markBox(MARKS.imprintEnd) : '';
  return `${blank}<div class="imprint-page${nonum}">${imprintHtml(model.imprint!)}${mark}</div>`;
}
