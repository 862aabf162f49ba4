// The blocks that are text and nothing else: headings, paragraphs, the 主送机关, the 附注, titles,
// the 附件说明 and the 附件 label. Grid text is broken again by the breaker the paginator used
// (lines/grid-lines.ts) at the same widths and drawn where it put it (body-text.ts); a heading's
// lines at its own face's widths, a title's display lines (broken at the faces' real widths by
// fillDisplayLines, so none is wider than its box) centred.
import type { AnnexLabelBlock, AttachmentNoteBlock, HeadingBlock, NoteBlock, ParagraphBlock, RecipientsBlock, TitleBlock } from '../../model/types.js';
import { ANNEX, ATTACHMENT_NOTE, BODY, COLOR, HEADING, TITLE, type HeadingLevel } from '../../profile/gbt9704.js';
import type { Piece } from '../flow/distribute.js';
import { breakGridLines } from '../lines/grid-lines.js';
import { LINE_PT, type PageBox } from '../measure/metrics.js';
import { gridWidth, gridWidthIn, type TextMetrics } from '../measure/text-width.js';
import { BODY_STYLE, PITCH, W_CHARS, boxLines, flowLines } from './body-text.js';
import { runSegs, runsText, toLines } from './segments.js';
import type { Surface } from './surface.js';
import { plain, type Seg } from './text.js';
import type { OutlineEntry, StructureNode } from './types.js';

/** Draws a heading (its outline entry: headingEntry). */
export function drawHeading(s: Surface, b: HeadingBlock, pieces: Piece[], box: PageBox, sect: StructureNode, metrics: TextMetrics): void {
  const lvl = (b.level >= 1 && b.level <= 4 ? b.level : 4) as HeadingLevel;
  const role = HEADING[lvl].role;
  const node = s.structure.add(sect, `H${lvl}` as StructureNode['role'], '正文');
  const segs: Seg[] = [];
  if (b.number) segs.push({ text: b.number, role, color: COLOR.black, tag: node.id });
  segs.push(...runSegs(b.runs, role, COLOR.black, node.id, HEADING[lvl].bold));
  const text = b.number + runsText(b.runs);
  const lines = toLines(segs, text, breakGridLines(text, W_CHARS, BODY.firstLineChars, gridWidthIn(metrics[role])), BODY.firstLineChars, true);
  flowLines(s, pieces, lines, BODY_STYLE, box, 'justify');
}

/** A heading's outline entry (the builder nests it), if any line of it was placed. */
export function headingEntry(s: Surface, b: HeadingBlock, pieces: Piece[]): OutlineEntry | undefined {
  const lvl = (b.level >= 1 && b.level <= 4 ? b.level : 4) as HeadingLevel;
  const first = pieces.find((p) => p.kind === 'lines');
  return first ? { title: b.number + runsText(b.runs), page: first.page - 1, y: s.origin(first.page).y + first.y, level: lvl, children: [] } : undefined;
}

export function drawParagraph(s: Surface, b: ParagraphBlock, pieces: Piece[], box: PageBox, sect: StructureNode): void {
  const node = s.structure.add(sect, 'P', '正文');
  const segs: Seg[] = [];
  const prefix = b.number ?? b.bullet ?? '';
  if (b.number) segs.push({ text: b.number, role: HEADING[b.numberLevel ?? 3].role, color: COLOR.black, tag: node.id });
  else if (b.bullet) segs.push({ text: b.bullet, role: BODY.role, color: COLOR.black, tag: node.id });
  segs.push(...runSegs(b.runs, BODY.role, COLOR.black, node.id));
  const centred = b.align === 'center' || b.align === 'right';
  const indent = b.indent === 'none' || centred ? 0 : BODY.firstLineChars;
  const text = prefix + runsText(b.runs);
  const align = b.align === 'center' || b.align === 'right' || b.align === 'left' ? b.align : 'justify';
  flowLines(s, pieces, toLines(segs, text, breakGridLines(text, W_CHARS, indent, s.body), indent, align === 'justify'), BODY_STYLE, box, align);
}

export function drawRecipients(s: Surface, b: RecipientsBlock, pieces: Piece[], box: PageBox, sect: StructureNode): void {
  const node = s.structure.add(sect, 'P', '主送机关');
  const segs: Seg[] = [{ text: b.text, role: BODY.role, color: COLOR.black, tag: node.id }];
  flowLines(s, pieces, toLines(segs, b.text, breakGridLines(b.text, W_CHARS, 0, s.body), 0, true), BODY_STYLE, box, 'justify');
}

export function drawNote(s: Surface, b: NoteBlock, piece: Piece | undefined, box: PageBox, sect: StructureNode): void {
  const node = s.structure.add(sect, 'P', '附注');
  const segs: Seg[] = [{ text: b.text, role: BODY.role, color: COLOR.black, tag: node.id }];
  boxLines(s, piece, toLines(segs, b.text, breakGridLines(b.text, W_CHARS, 2, s.body), 2, true), BODY_STYLE, box);
}

export function drawTitle(s: Surface, b: TitleBlock, piece: Piece | undefined, box: PageBox, sect: StructureNode): void {
  if (!piece || piece.kind !== 'box') return;
  const node = s.structure.add(sect, 'P', b.variant === 'document' ? '标题' : '附件');
  const style = plain(TITLE.sizePt);
  b.lines.forEach((l, k) => {
    s.line(piece.page, piece.y + k * LINE_PT, { segs: [{ text: l, role: TITLE.role, color: COLOR.black, tag: node.id }], indentPt: 0, justify: false }, style, box.widthPt, 'center');
  });
}

export function drawAnnexLabel(s: Surface, b: AnnexLabelBlock, pieces: Piece[], box: PageBox, sect: StructureNode): void {
  const node = s.structure.add(sect, 'P', '附件');
  const piece = pieces.find((p) => p.kind === 'box');
  if (piece?.kind !== 'box') return;
  s.line(piece.page, piece.y, { segs: [{ text: b.text, role: ANNEX.labelRole, color: COLOR.black, tag: node.id }], indentPt: 0, justify: false }, BODY_STYLE, box.widthPt, 'left');
}

export function drawAttachmentNote(s: Surface, b: AttachmentNoteBlock, piece: Piece | undefined, box: PageBox, sect: StructureNode): void {
  if (!piece || piece.kind !== 'box') return;
  const node = s.structure.add(sect, 'P', '附件说明');
  const several = b.items.length > 1;
  const labelChars = gridWidth('附件：');
  const nameAt = ATTACHMENT_NOTE.indentChars + labelChars + (several ? 1.5 : 0);
  const width = W_CHARS - nameAt;
  const lines: { segs: Seg[]; at: number }[] = [];
  b.items.forEach((item, i) => {
    const broken = breakGridLines(item, width, 0, s.body);
    broken.forEach((l, k) => {
      if (k === 0) {
        if (i === 0) lines.push({ segs: [{ text: '附件：', role: BODY.role, color: COLOR.black, tag: node.id }], at: ATTACHMENT_NOTE.indentChars });
        if (several) lines.push({ segs: [{ text: `${i + 1}.`, role: BODY.role, color: COLOR.black, tag: node.id }], at: ATTACHMENT_NOTE.indentChars + labelChars });
      }
      lines.push({ segs: [{ text: l, role: BODY.role, color: COLOR.black, tag: node.id }], at: -nameAt });
    });
  });
  // Each name line is a grid line; the label and number stand on their name's first line.
  let page = piece.page;
  let y = piece.y;
  for (const l of lines) {
    if (l.at >= 0) {
      s.line(page, y, { segs: l.segs, indentPt: l.at * PITCH, justify: false }, BODY_STYLE, box.widthPt, 'left');
      continue;
    }
    if (y + LINE_PT > box.heightPt + 0.01) {
      page++;
      y = 0;
    }
    s.line(page, y, { segs: l.segs, indentPt: -l.at * PITCH, justify: false }, BODY_STYLE, box.widthPt, 'left');
    y += LINE_PT;
  }
}
