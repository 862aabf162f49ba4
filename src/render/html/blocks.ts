// One small renderer per block type (markdown-it style: a table of rules, not a big switch).
import type {
  AnnexLabelBlock,
  AttachmentNoteBlock,
  Block,
  CoverBlock,
  FigureBlock,
  HeadingBlock,
  ImprintBlock,
  NoteBlock,
  ParagraphBlock,
  RecipientsBlock,
  Run,
  SignatureBlock,
  SignatureSeal,
  TableBlock,
  TableCell,
  TitleBlock,
  TocBlock,
} from '../../model/types.js';
import type { HeadingLevel } from '../../profile/gbt9704.js';
import { headingMarkName, rowMarkName } from '../../layout/measure/positions.js';
import { ANNEX, ATTACHMENT_NOTE, COVER, HEADER, SIGNATURE, TABLE, TITLE } from '../../profile/gbt9704.js';
import { esc, safeHref } from './escape.js';
import { figureUrl, sealUrl } from './images.js';
import { sealedSignatureLayout } from '../../layout/measure/signature.js';
import { redHeaderHtml } from './red-header.js';
import { chars, lines, mm } from './units.js';
import { LINE_PITCH_MM } from '../../profile/gbt9704.js';

/** Origin of the layout-pass marker links (never in a final PDF). */
export const MARK_ORIGIN = 'http://gongwen.local/mark/';
export const markHref = (name: string): string => `${MARK_ORIGIN}${encodeURIComponent(name)}`;

export interface BlockContext {
  prev: Block | undefined;
  /** Add marker links (read back from the print: render/pdf/executor.ts). */
  markers: boolean;
  /** Every heading of the document, in order (for contents pages). */
  headings: HeadingBlock[];
  /** Index of the block among the document's tables (for its row markers). */
  tableIndex?: number;
}


const ROLES = new Set(['fangsong', 'xiaobiaosong', 'heiti', 'kaiti', 'song']);

export function runsHtml(runs: Run[]): string {
  return runs
    .map((r) => {
      // A forced line break (Markdown hard break, a cell line of the layout stage): DOCX writes w:br.
      let t = esc(r.text).replace(/\n/g, '<br>');
      if (r.bold) t = `<b>${t}</b>`;
      if (r.italic) t = `<i>${t}</i>`;
      if (r.role && ROLES.has(r.role)) t = `<span class="r-${r.role}">${t}</span>`;
      const href = safeHref(r.link);
      if (href) t = `<a href="${esc(href)}">${t}</a>`;
      return t;
    })
    .join('');
}

const plainText = (runs: Run[]): string => runs.map((r) => r.text).join('');

export function markLink(name: string): string {
  return `<a class="mark" href="${esc(markHref(name))}"></a>`;
}

const level = (l: number): HeadingLevel => (l >= 1 && l <= 4 ? (Math.trunc(l) as HeadingLevel) : 4);

function heading(b: HeadingBlock, ctx: BlockContext): string {
  const l = level(b.level);
  const tag = `h${l + 1}`;
  const mark = ctx.markers ? markLink(headingMarkName(b.id)) : '';
  const num = b.number ? `<span class="num-${l}">${esc(b.number)}</span>` : '';
  return `<${tag} class="h h${l}" id="${esc(b.id)}">${mark}${num}${runsHtml(b.runs)}</${tag}>`;
}

function paragraph(b: ParagraphBlock): string {
  const cls = [b.indent === 'none' ? 'flush' : 'body'];
  if (b.align && b.align !== 'justify') cls.push(`al-${b.align}`);
  let lead = '';
  if (b.number) lead = `<span class="num-${level(b.numberLevel ?? 3)}">${esc(b.number)}</span>`;
  else if (b.bullet) lead = `${esc(b.bullet)}`;
  return `<p class="${cls.join(' ')}">${lead}${runsHtml(b.runs)}</p>`;
}

function cellClass(cell: TableCell, colAlign: string | undefined, head: boolean): string {
  const a = cell.align ?? colAlign ?? (head ? 'center' : 'left');
  return a === 'center' ? 'c' : a === 'right' ? 'r' : 'l';
}

const span = (n: number | undefined): number => (Number.isInteger(n) && (n as number) > 1 ? Math.min(n as number, 1000) : 1);

function table(b: TableBlock, ctx: BlockContext): string {
  // A marker in each body row: where pages start, for a table whose merges are cut there.
  const rowMarks = ctx.markers && b.repeatMergedOnBreak && ctx.tableIndex !== undefined;
  const cols = b.columns.map((c) => `<col style="width: ${+(Math.max(0, c.share) * 100).toFixed(3)}%">`).join('');
  const rowHtml = (row: (TableCell | null)[], head: boolean, r: number): string => {
    let marked = !(rowMarks && !head);
    const cells = row
      .map((cell, i) => {
        if (!cell) return '';
        const mark = marked ? '' : ((marked = true), markLink(rowMarkName(ctx.tableIndex!, r)));
        const rs = span(cell.rowSpan);
        const cs = span(cell.colSpan);
        const attrs = `${rs > 1 ? ` rowspan="${rs}"` : ''}${cs > 1 ? ` colspan="${cs}"` : ''}`;
        // The row marker goes inside the first line: on a line of its own it would make every
        // row a line taller than the layout counted.
        // One paragraph goes straight into the cell: a wrapper block in each of 10,000 cells
        // costs a fifth of the print.
        const paras = cell.paragraphs.map((p, k) => `${k === 0 ? mark : ''}${runsHtml(p) || '&#8203;'}`);
        const body = paras.length === 1 ? paras[0] : paras.map((p) => `<div>${p}</div>`).join('');
        const inner = cell.bold ? `<b>${body}</b>` : body;
        const tag = head ? 'th' : 'td';
        // The model's vertical alignment (top by default); head cells are centred.
        const valign = head ? '' : ` style="vertical-align: ${cell.valign === 'middle' ? 'middle' : cell.valign === 'bottom' ? 'bottom' : 'top'}"`;
        const pos = mark ? ' mark-cell' : '';
        return `<${tag}${attrs}${valign} class="${cellClass(cell, b.columns[i]?.align, head)}${pos}">${inner}</${tag}>`;
      })
      .join('');
    // The head and the first body rows stand together (keptRows, from the layout stage).
    return r < kept - 1 && !head ? `<tr class="keep">${cells}</tr>` : `<tr>${cells}</tr>`;
  };
  const kept = b.keptRows ?? 0;
  const headN = Math.max(0, Math.min(b.headerRows, b.rows.length));
  const thead = headN ? `<thead>${b.rows.slice(0, headN).map((r, k) => rowHtml(r, true, k)).join('')}</thead>` : '';
  const tbody = `<tbody>${b.rows.slice(headN).map((r, k) => rowHtml(r, false, headN + k)).join('')}</tbody>`;
  const size = b.size in TABLE.sizePt ? b.size : 'body';
  const caption = b.caption ? `<div class="caption${b.fixedColumns ? ' form-grid' : ''}">${esc(b.caption)}</div>` : '';
  return `${caption}<table class="t-${size}${b.fixedColumns ? ' form-grid' : ''}"><colgroup>${cols}</colgroup>${thead}${tbody}</table>`;
}

function title(b: TitleBlock, ctx: BlockContext): string {
  let before = 0;
  let after = TITLE.gapAfterLines;
  if (b.variant === 'document' && ctx.prev?.type === 'redHeader') before = HEADER.titleGapLines;
  if (b.variant === 'annex') {
    before = ctx.prev?.type === 'annexLabel' ? ANNEX.titleGapLines : 0;
    after = ANNEX.gapAfterTitleLines;
  }
  const style = `margin-top: ${lines(before)}; margin-bottom: ${lines(after)};`;
  return `<h1 class="title ${b.variant}" style="${style}">${b.lines.map((l) => `<div>${esc(l)}</div>`).join('')}</h1>`;
}

function recipients(b: RecipientsBlock): string {
  return `<p class="recipients">${esc(b.text)}</p>`;
}

function attachmentNote(b: AttachmentNoteBlock): string {
  // "附件：" then, for several, "1. 名称" with each name wrapping under its own first character
  // and "2." under "1." (§7.3.4): a three-column grid does all of that.
  const several = b.items.length > 1;
  const cells = b.items
    .map((item, i) => {
      const label = i === 0 ? '附件：' : '';
      const num = several ? `${i + 1}.` : '';
      return `<div class="label">${label}</div><div class="n">${num}</div><div class="name">${esc(item)}</div>`;
    })
    .join('');
  const indent = ATTACHMENT_NOTE.indentChars;
  return `<div class="attachments" style="margin-top: ${lines(ATTACHMENT_NOTE.gapBeforeLines)}; margin-left: ${chars(indent)}">${cells}</div>`;
}

function signature(b: SignatureBlock): string {
  if (b.seal) return sealedSignature({ ...b, seal: b.seal });
  // A right-aligned box, two characters in: its width is the longer of the name and
  // (2 characters + date), so whichever is longer sits two characters in and the date's first
  // character stays two characters right of the name's (§7.3.5.2).
  const names = b.names.map((n) => `<div class="name">${esc(n)}</div>`).join('');
  const style = `margin-top: ${lines(SIGNATURE.gapBeforeLines)}; padding-right: ${chars(SIGNATURE.nameRightChars)};`;
  return `<div class="signature" style="${style}"><div class="block">${names}<div class="date" style="padding-left: ${chars(SIGNATURE.dateOffsetChars)}">${esc(b.date)}</div></div></div>`;
}

/**
 * The sealed form (§7.3.5.1), every part placed where layout/measure/signature.ts says, in a box as high as
 * the seals need: the box never breaks, and never opens a page (the body's last line comes with
 * it), so the seal always stands on a page with body text. A seal without image leaves its
 * space empty for a hand stamp.
 */
function sealedSignature(b: SignatureBlock & { seal: SignatureSeal }): string {
  const lay = sealedSignatureLayout(b);
  const at = (left: number, line: number) => `left: ${chars(left)}; top: ${lines(line)}`;
  const names = lay.rows.flatMap((r) => r.names.map((n) => `<div class="name" style="${at(n.centre, r.line)}">${esc(n.text)}</div>`));
  // Name, date and seal share one centre (the date's, four 字 in), whatever the font's digits.
  const date = `<div class="date" style="${at((lay.date.left + lay.date.right) / 2, lay.date.line)}">${esc(b.date)}</div>`;
  const seals = lay.seals.map((s, i) => {
    const img = b.seal.images[i];
    const box = `${at(s.left, s.top)}; width: ${chars(s.width)}; height: ${lines(s.height)}`;
    return img ? `<img class="seal" alt="" src="${esc(sealUrl(img))}" style="${box}">` : `<div class="seal" style="${box}"></div>`;
  });
  return `<div class="signature sealed" style="height: ${lines(lay.lines)}">${names.join('')}${date}${seals.join('')}</div>`;
}

function note(b: NoteBlock): string {
  return `<p class="note">${esc(b.text)}</p>`;
}

function annexLabel(b: AnnexLabelBlock): string {
  return `<div class="annex-label">${esc(b.text)}</div>`;
}

function cover(b: CoverBlock): string {
  const t = b.title.map((l) => `<div>${esc(l)}</div>`).join('');
  const gap = b.info ? ` style="margin-top: ${lines(1)}"` : '';
  const extra = (b.info ?? [b.author, b.date]).filter(Boolean).map((x, i) => `<div class="cover-text"${i ? gap : ''}>${esc(x!)}</div>`).join('');
  const statement = b.statement ? `<p class="body cover-statement" style="margin-top: ${lines(COVER.formStatementGapLines)}">${esc(b.statement)}</p>` : '';
  return `<div class="cover"><div class="cover-title">${t}</div>${extra}${statement}</div>`;
}

function toc(b: TocBlock, ctx: BlockContext): string {
  const pages = b.pages ?? {};
  const entries = ctx.headings
    .filter((h) => h.level <= b.depth)
    .map((h) => {
      const pg = pages[h.id];
      const indent = chars((level(h.level) - 1) * 1);
      return `<div class="toc-entry" style="padding-left: ${indent}"><a href="#${esc(encodeURIComponent(h.id))}">${esc(h.number)}${esc(plainText(h.runs))}</a><span class="lead"></span><span class="pg">${pg === undefined ? '' : String(pg)}</span></div>`;
    })
    .join('');
  return `<div class="toc"><div class="toc-title">${esc(b.title)}</div>${entries}</div>`;
}

/**
 * A figure: the picture centred in a box of whole grid lines (as Word and LibreOffice round a
 * picture's line up to the grid), kept on one page with its caption below.
 */
function figure(b: FigureBlock): string {
  const box = Math.ceil(b.heightMm / LINE_PITCH_MM - 1e-6);
  const caption = b.caption ? `${b.label} ${b.caption}` : b.label;
  return (
    `<figure class="figure"><div class="fig-box" style="height: ${lines(box)}">` +
    `<img src="${esc(figureUrl(b))}" alt="${esc(b.caption)}" style="width: ${mm(b.widthMm)}; height: ${mm(b.heightMm)}"></div>` +
    `<figcaption>${esc(caption)}</figcaption></figure>`
  );
}

type Renderer = (b: never, ctx: BlockContext) => string;

export const BLOCK_RENDERERS: Record<Block['type'], Renderer> = {
  heading: heading as Renderer,
  paragraph: paragraph as Renderer,
  table: table as Renderer,
  pageBreak: (() => '<div style="break-after: page"></div>') as Renderer,
  redHeader: redHeaderHtml as Renderer,
  title: title as Renderer,
  recipients: recipients as Renderer,
  attachmentNote: attachmentNote as Renderer,
  signature: signature as Renderer,
  note: note as Renderer,
  annexLabel: annexLabel as Renderer,
  cover: cover as Renderer,
  toc: toc as Renderer,
  figure: figure as Renderer,
};

export function blockHtml(b: Block, ctx: BlockContext): string {
  const r = BLOCK_RENDERERS[b.type] as ((b: Block, ctx: BlockContext) => string) | undefined;
  return r ? r(b, ctx) : '';
}

export function imprintHtml(b: ImprintBlock): string {
  const rows: string[] = [];
  const hang = (label: string, text: string) => `<div class="row hang"><span class="label">${label}</span><span>${esc(text)}</span></div>`;
  if (b.to) rows.push(hang('主送：', b.to));
  if (b.cc) rows.push(hang('抄送：', b.cc));
  if (b.printer || b.printed) {
    rows.push(`<div class="row split"><span>${esc(b.printer ?? '')}</span><span>${b.printed ? `${esc(b.printed)}印发` : ''}</span></div>`);
  }
  // Rules drawn as SVG (print-css.ts says why): outer above and below, inner above each later row.
  const rule = (cls: string) => `<svg class="rule ${cls}" viewBox="0 0 1 1" preserveAspectRatio="none" aria-hidden="true"><rect width="1" height="1"/></svg>`;
  const ruled = rows.map((r, i) => (i === 0 ? r : r.replace(/^<div class="row([^"]*)">/, (m) => `${m}${rule('inner')}`)));
  return `<div class="imprint">${rule('outer top')}${ruled.join('')}${rule('outer bottom')}</div>`;
}
