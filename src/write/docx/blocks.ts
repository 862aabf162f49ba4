// One section's blocks → paragraphs and tables. Each block type has one small function;
// vertical distances are whole grid lines from the profile (spacing before/after), so the
// text stays on the 22-line grid.

import type { Block, Section, HeadingBlock, ParagraphBlock, AttachmentNoteBlock, SignatureBlock, TitleBlock, CoverBlock, FigureBlock } from '../../model/types.js';
import { inlineXml, mmToEmu } from './media.js';
import { ANNEX, ATTACHMENT_NOTE, COVER, HEADER, SIGNATURE, TABLE, TITLE, GRID } from '../../profile/gbt9704.js';
import type { RenderContext } from './context.js';
import { indChars, lineSpacing, paraXml, run, runsXml, type Para } from './paragraph.js';
import { redHeaderXml } from './red-header.js';
import { STYLE, FIRST_LINE_2 } from './styles.js';
import { tableXml } from './table.js';
import { sealedSignatureParas } from './seal.js';
import { tocParas } from './toc.js';
import { gridWidth, CHAR_TW, LINE_TW } from './units.js';
import { XmlBytes } from './xml.js';

/** A paragraph (whose properties can still change: page break, section end) or raw XML (tables, as UTF-8 bytes). */
export type Item = Para | string | XmlBytes;

/** Whether an item is a paragraph (not raw XML). */
export const isPara = (it: Item | undefined): it is Para => it !== undefined && typeof it !== 'string' && !(it instanceof XmlBytes);

/** A page break before a table (which cannot take pageBreakBefore): a tiny paragraph, so no empty line opens the new page. */
export const PAGE_BREAK_PARA: Para = { style: STYLE.sectionBreak, body: '<w:r><w:br w:type="page"/></w:r>' };

const JC = { justify: 'both', left: 'left', center: 'center', right: 'right' } as const;

function heading(b: HeadingBlock, ctx: RenderContext): Para {
  const ref = ctx.heading(b);
  const numPr = b.number ? ctx.numbering.numPr(b.sequence, b.level, b.number) : undefined;
  const literal = b.number && !numPr ? run(b.number) : '';
  const content = literal + runsXml(b.runs, {}, ctx);
  const body = ref
    ? `<w:bookmarkStart w:id="${ref.bookmarkId}" w:name="${ref.bookmark}"/>${content}<w:bookmarkEnd w:id="${ref.bookmarkId}"/>`
    : content;
  return { style: STYLE.heading(b.level), numPr, ind: numPr ? FIRST_LINE_2 : undefined, body };
}

/**
 * A body paragraph. An author's hard line break starts a new Word paragraph of the same style
 * (联系电话 and 报送地址 under 联系人: the seeds give each line its own two-character indent, which
 * a w:br inside one paragraph would not: Word indents only a paragraph's first line). The
 * number or bullet goes on the first. The layout's lines start there too (layout/lines/grid-lines.ts).
 */
function paragraph(b: ParagraphBlock, ctx: RenderContext): Para[] {
  let numPr: string | undefined;
  let prefix = '';
  if (b.number) {
    numPr = ctx.numbering.numPr(b.sequence ?? 0, b.numberLevel ?? 3, b.number);
    if (!numPr) prefix = run(b.number);
  } else if (b.bullet) prefix = run(b.bullet);
  const ind = b.indent === 'none' ? indChars({}) : numPr ? FIRST_LINE_2 : undefined;
  const jc = b.align ? JC[b.align] : undefined;
  const lines = linesOfRuns(b.runs);
  // The body's last paragraph (layout/flow/keeps.ts): every line keeps with the next, down to the
  // signature; widow control carries at least two lines over where Word splits it. A long one
  // ('lines') only where the layout holds it (b.held: it carried lines over, or the paragraph
  // fits with the signature on a page): LibreOffice moves a keep-with-next paragraph whole.
  const keep = b.keepWithNext === 'lines' && !b.held ? undefined : b.keepWithNext;
  return lines.map((runs, i) => ({
    style: STYLE.body,
    ...(keep ? { keepNext: true, widowControl: true, ...(keep === 'whole' ? { keepLines: true } : {}) } : {}),
    ...(keep && i < lines.length - 1 ? { keepNext: true } : {}),
    numPr: i === 0 ? numPr : undefined,
    ind: i === 0 || !numPr ? ind : FIRST_LINE_2,
    jc,
    body: (i === 0 ? prefix : '') + runsXml(runs, {}, ctx),
  }));
}

/** Runs cut at the author's hard line breaks ("\n" in a run's text). */
function linesOfRuns(runs: ParagraphBlock['runs']): ParagraphBlock['runs'][] {
  const out: ParagraphBlock['runs'][] = [[]];
  for (const r of runs) {
    const parts = r.text.split('\n');
    parts.forEach((t, k) => {
      if (k > 0) out.push([]);
      if (t) out[out.length - 1].push({ ...r, text: t });
    });
  }
  return out;
}

function title(b: TitleBlock, prev: Block | undefined): Para {
  const annex = b.variant === 'annex';
  const before = annex
    ? prev?.type === 'annexLabel' ? ANNEX.titleGapLines : 0
    : prev?.type === 'redHeader' ? HEADER.titleGapLines : 0;
  const after = annex ? ANNEX.gapAfterTitleLines : TITLE.gapAfterLines;
  return {
    style: annex ? STYLE.annexTitle : STYLE.title,
    spacing: lineSpacing(before, after),
    body: b.lines.map((l, i) => (i ? '<w:r><w:br/></w:r>' : '') + run(l)).join(''),
  };
}

/** 附件说明: "附件：名称", or "附件：1. 名称" with the following items aligned under "1.". */
function attachmentNote(b: AttachmentNoteBlock): Para[] {
  const label = '附件：';
  const lw = gridWidth(label);
  const first = ATTACHMENT_NOTE.indentChars;
  const spacing = (i: number) => lineSpacing(i === 0 ? ATTACHMENT_NOTE.gapBeforeLines : 0);
  if (b.items.length <= 1) {
    return [{
      style: STYLE.attachmentNote,
      spacing: spacing(0),
      // Wrapped lines align with the first character of the name.
      ind: indChars({ left: first + lw, hanging: lw }),
      body: run(label + (b.items[0] ?? '')),
    }];
  }
  const labels = b.items.map((_, i) => `${i + 1}.`);
  // Numbers are half-width; a tab to the hanging indent aligns every name, whatever the font.
  const nw = Math.max(...labels.map(gridWidth)) + 0.5;
  return b.items.map((name, i) => ({
    style: STYLE.attachmentNote,
    spacing: spacing(i),
    ind: indChars({ left: first + lw + nw, hanging: i === 0 ? lw + nw : nw }),
    body: (i === 0 ? run(label) : '') + run(labels[i]) + run('\t') + run(name),
  }));
}

/**
 * 署名 and 日期 without seal (§7.3.5.2): the name two 字 in from the right, the date on the
 * next line starting two 字 right of the name's first character; when that would bring the
 * date closer than two 字 to the right edge, the date sits two 字 in and the name moves left.
 * Both are placed by their left edge on the grid, so the relation holds in any font.
 */
export function signatureColumns(names: string[], date: string, perLine: number = GRID.charsPerLine): { name: number; date: number } {
  const n = Math.max(0, ...names.map(gridWidth));
  const d = gridWidth(date);
  const right = SIGNATURE.nameRightChars;
  const name = Math.max(0, Math.min(perLine - right - n, perLine - right - d - SIGNATURE.dateOffsetChars));
  return { name, date: name + SIGNATURE.dateOffsetChars };
}

function signature(b: SignatureBlock, perLine: number): Para[] {
  const cols = signatureColumns(b.names, b.date, perLine);
  // §7.3.5.2: the date's first character two right of the name's; a date longer than the name
  // stands two 字 from the right (the usual case), and then it is placed from the right edge —
  // right-aligned with a right indent of 2 字 — so that however wide a renderer draws its figures
  // it ends there (LibreOffice's ended 1 字 from the edge when its left edge was fixed). A name
  // longer than the date puts the date by its left edge, two right of the name's.
  const fromRight = cols.date + gridWidth(b.date) >= perLine - SIGNATURE.nameRightChars - 1e-9;
  const out: Para[] = b.names.map((name, i) => ({
    style: STYLE.signature,
    // The names never stand on a page without their date.
    keepNext: true,
    spacing: lineSpacing(i === 0 ? SIGNATURE.gapBeforeLines : 0),
    // Placed by the left edge; the line may run into the right margin rather than wrap when
    // a substitute font's digits are wider than Times New Roman's.
    ind: indChars({ left: cols.name, right: -SIGNATURE.nameRightChars }),
    body: run(name),
  }));
  out.push({
    style: STYLE.date,
    spacing: lineSpacing(out.length === 0 ? SIGNATURE.gapBeforeLines : 0),
    ...(fromRight
      ? { ind: indChars({ left: 0, right: SIGNATURE.nameRightChars }), jc: 'right', offGrid: true }
      : { ind: indChars({ left: cols.date, right: -SIGNATURE.nameRightChars }) }),
    body: run(b.date),
  });
  return out;
}

function cover(b: CoverBlock): Para[] {
  const out: Para[] = [{
    style: STYLE.coverTitle,
    // A form's cover holds more lines (集群名称, 申报单位, 申报时间, 声明): it starts higher.
    spacing: lineSpacing(b.info ? COVER.formTopLines : COVER.titleTopLines),
    body: b.title.map((l, i) => (i ? '<w:r><w:br/></w:r>' : '') + run(l)).join(''),
  }];
  const info = (b.info ?? [b.author, b.date]).filter((x): x is string => !!x);
  info.forEach((t, i) => out.push({ style: STYLE.coverInfo, spacing: lineSpacing(i === 0 ? (b.info ? COVER.gapLines : COVER.infoGapLines) : b.info ? 1 : 0), body: run(t) }));
  if (b.statement) out.push({ style: STYLE.body, spacing: lineSpacing(COVER.formStatementGapLines), body: run(b.statement) });
  return out;
}

/**
 * A figure: the picture centred in a paragraph of automatic height (an exact grid line would
 * clip it; Word and LibreOffice round it up to whole grid lines, as the PDF's figure box
 * does), kept with its caption, then the caption centred in body text.
 */
function figure(b: FigureBlock, ctx: RenderContext): Para[] {
  // The checked image (an SVG reduced and simplified by source/images), never the file as it is.
  const drawing = inlineXml(ctx, { bytes: b.bytes, ext: b.format, cx: mmToEmu(b.widthMm), cy: mmToEmu(b.heightMm), name: b.label, descr: b.caption });
  const caption = b.caption ? `${b.label} ${b.caption}` : b.label;
  return [
    { style: STYLE.body, keepNext: true, spacing: '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>', ind: indChars({}), jc: 'center', body: drawing },
    { style: STYLE.body, ind: indChars({}), jc: 'center', body: run(caption) },
  ];
}

export function sectionItems(section: Section, ctx: RenderContext): Item[] {
  const items: Item[] = [];
  let breakNext = false;
  const textWidth = ctx.geometry.textWidth;
  // Grid characters a line: 28 on portrait pages, more on landscape ones.
  const perLine = Math.floor(textWidth / CHAR_TW + 1e-6);
  const push = (...ps: Para[]) => {
    for (const p of ps) {
      if (breakNext) {
        p.pageBreakBefore = true;
        breakNext = false;
      }
      items.push(p);
    }
  };
  const pushRaw = (xml: string | XmlBytes) => {
    if (breakNext) {
      items.push({ ...PAGE_BREAK_PARA });
      breakNext = false;
    }
    items.push(xml);
  };
  // Half a line between a table and the text around it (TABLE.spaceAroundLines), as the PDF's CSS.
  const TEXT = new Set<Block['type']>(['heading', 'paragraph', 'attachmentNote']);
  const spacer = (): Para => ({ style: STYLE.sectionBreak, spacing: lineSpacing(0, 0, Math.round(TABLE.spaceAroundLines * LINE_TW)), body: '' });
  let prev: Block | undefined;
  section.blocks.forEach((b) => {
    // An official form's tables (fixed columns) keep the form's own spacing, as in the PDF.
    if ((b.type === 'heading' || b.type === 'paragraph') && prev?.type === 'table' && !prev.fixedColumns) push(spacer());
    switch (b.type) {
      case 'heading':
        push(heading(b, ctx));
        break;
      case 'paragraph':
        push(...paragraph(b, ctx));
        break;
      case 'table':
        if (prev && TEXT.has(prev.type) && !breakNext && !b.fixedColumns) push(spacer());
        pushRaw(tableXml(b, textWidth, ctx));
        break;
      case 'pageBreak':
        if (breakNext) items.push({ ...PAGE_BREAK_PARA });
        breakNext = true;
        break;
      case 'redHeader':
        pushRaw(redHeaderXml(b, textWidth));
        break;
      case 'title':
        push(title(b, prev));
        break;
      case 'recipients':
        push({ style: STYLE.recipients, body: run(b.text) });
        break;
      case 'attachmentNote':
        push(...attachmentNote(b));
        break;
      case 'signature':
        keepBodyWithSignature(items);
        push(...(b.seal ? sealedSignatureParas({ ...b, seal: b.seal }, perLine, ctx) : signature(b, perLine)));
        break;
      case 'note':
        // 附注 on the line after the date (§7.3.6): the date keeps with it.
        if (prev?.type === 'signature') {
          const date = items[items.length - 1];
          if (isPara(date)) date.keepNext = true;
        }
        push({ style: STYLE.note, body: run(b.text) });
        break;
      case 'annexLabel':
        push({ style: STYLE.annexLabel, body: run(b.text) });
        break;
      case 'cover':
        push(...cover(b));
        break;
      case 'toc':
        push(...tocParas(b, ctx));
        break;
      case 'figure':
        push(...figure(b, ctx));
        break;
    }
    prev = b;
  });
  if (breakNext) items.push({ ...PAGE_BREAK_PARA });
  return items;
}

/**
 * GB/T 9704 §7.3.5: the signature and date never stand on a page without text of the body.
 * The 附件说明 lines keep with the signature; the body's last paragraph carries its own keeps
 * (keepWithNext, set by the layout stage), so the text the clerk edits stays one paragraph (the
 * GW Body Tail split it at a line break computed for the PDF, and LibreOffice's metrics tore
 * 评|价 across two paragraphs). Stops at a table or a page break.
 */
function keepBodyWithSignature(items: Item[]): void {
  for (let i = items.length - 1; i >= 0; i--) {
    const it = items[i];
    if (!isPara(it) || it.body === PAGE_BREAK_PARA.body || it.style !== STYLE.attachmentNote) return;
    it.keepNext = true;
  }
}

/** Writes the items' XML into `out`. */
export function writeItems(out: XmlBytes, items: Item[]): void {
  for (const it of items) {
    if (it instanceof XmlBytes) out.append(it);
    else out.add(typeof it === 'string' ? it : paraXml(it));
  }
}
