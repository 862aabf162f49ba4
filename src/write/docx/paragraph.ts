// Paragraphs and runs. pPr children must follow the schema's order (Word rejects a file
// otherwise), so a paragraph is built from named parts and serialised in that order.

import type { Run } from '../../model/types.js';
import type { FontRole } from '../../profile/gbt9704.js';
import { rFonts } from './fonts.js';
import { esc } from './xml.js';
import { LINE_TW, charsTw, ptToTw } from './units.js';
import { TABLE } from '../../profile/gbt9704.js';

export interface Para {
  style: string;
  keepNext?: boolean;
  keepLines?: boolean;
  /** Widow/orphan control on (the document default is off): at least two lines on each side of a page break. */
  widowControl?: boolean;
  pageBreakBefore?: boolean;
  framePr?: string;
  numPr?: string;
  pBdr?: string;
  tabs?: string;
  /**
   * Text at the font's own widths: not snapped to the character grid, no extra space between
   * 汉字 and digits. LibreOffice otherwise gives each run of two digits two grid cells and
   * adds space around them: a date 16 pt wider than its characters.
   */
  offGrid?: boolean;
  spacing?: string;
  ind?: string;
  jc?: string;
  /** Run properties of the paragraph mark. */
  markRPr?: string;
  sectPr?: string;
  /** Content: runs, bookmarks, fields. */
  body: string;
}

export function paraXml(p: Para): string {
  return (
    `<w:p><w:pPr><w:pStyle w:val="${p.style}"/>` +
    (p.keepNext ? '<w:keepNext/>' : '') +
    (p.keepLines ? '<w:keepLines/>' : '') +
    (p.pageBreakBefore ? '<w:pageBreakBefore/>' : '') +
    (p.framePr ?? '') +
    (p.widowControl ? '<w:widowControl/>' : '') +
    (p.numPr ?? '') +
    (p.pBdr ?? '') +
    (p.tabs ?? '') +
    (p.offGrid ? '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/><w:snapToGrid w:val="0"/>' : '') +
    (p.spacing ?? '') +
    (p.ind ?? '') +
    (p.jc ? `<w:jc w:val="${p.jc}"/>` : '') +
    (p.markRPr ? `<w:rPr>${p.markRPr}</w:rPr>` : '') +
    (p.sectPr ?? '') +
    `</w:pPr>${p.body}</w:p>`
  );
}

/** Spacing of an exact grid line with whole blank lines before and after. */
export function lineSpacing(beforeLines = 0, afterLines = 0, line = LINE_TW): string {
  return `<w:spacing w:before="${Math.round(beforeLines * LINE_TW)}" w:after="${Math.round(afterLines * LINE_TW)}" w:line="${line}" w:lineRule="exact"/>`;
}

/** A table line: exactly TABLE.lineFactor × the text size (the PDF's CSS line-height), off the body grid. */
export function tableLineSpacing(sizePt: number): string {
  return `<w:spacing w:before="0" w:after="0" w:line="${ptToTw(sizePt * TABLE.lineFactor)}" w:lineRule="exact"/>`;
}

/** Indentation in grid characters (body 字), written both as *Chars (Word) and twips (LibreOffice). */
export function indChars(o: { left?: number; right?: number; firstLine?: number; hanging?: number }): string {
  const a: string[] = [];
  const left = o.left ?? 0;
  const right = o.right ?? 0;
  a.push(`w:left="${charsTw(left)}"`, `w:leftChars="${Math.round(left * 100)}"`);
  a.push(`w:right="${charsTw(right)}"`, `w:rightChars="${Math.round(right * 100)}"`);
  if (o.hanging !== undefined) a.push(`w:hanging="${charsTw(o.hanging)}"`, `w:hangingChars="${Math.round(o.hanging * 100)}"`);
  else {
    const f = o.firstLine ?? 0;
    a.push(`w:firstLine="${charsTw(f)}"`, `w:firstLineChars="${Math.round(f * 100)}"`);
  }
  return `<w:ind ${a.join(' ')}/>`;
}

export interface RunStyle {
  role?: FontRole;
  /** Half-points. */
  size?: number;
  bold?: boolean;
  italic?: boolean;
  color?: string;
}

export function rPr(s: RunStyle): string {
  return (
    (s.role ? rFonts(s.role) : '') +
    (s.bold ? '<w:b/><w:bCs/>' : '') +
    (s.italic ? '<w:i/><w:iCs/>' : '') +
    (s.color ? `<w:color w:val="${s.color}"/>` : '') +
    (s.size ? `<w:sz w:val="${s.size}"/><w:szCs w:val="${s.size}"/>` : '')
  );
}

/** Text content of a run: tabs and line breaks become w:tab and w:br. */
function textXml(text: string): string {
  let out = '';
  const parts = text.split(/(\t|\r\n|\n|\r)/);
  for (const part of parts) {
    if (part === '') continue;
    if (part === '\t') out += '<w:tab/>';
    else if (part === '\n' || part === '\r' || part === '\r\n') out += '<w:br/>';
    else out += `<w:t xml:space="preserve">${esc(part)}</w:t>`;
  }
  return out;
}

/** One run of plain text with the given style. */
export function run(text: string, s: RunStyle = {}): string {
  const props = rPr(s);
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}${textXml(text)}</w:r>`;
}

/** External links get relationship ids in order of appearance. */
export interface LinkSink {
  link(target: string): string | undefined;
}

const SAFE_LINK = /^(https?:|mailto:)/i;

export function runsXml(runs: Run[], base: RunStyle, links?: LinkSink): string {
  let out = '';
  for (const r of runs) {
    const s: RunStyle = {
      ...base,
      role: r.role ?? base.role,
      bold: r.bold ?? base.bold,
      italic: r.italic ?? base.italic,
    };
    const xml = run(r.text, s);
    const rid = r.link && SAFE_LINK.test(r.link) && links ? links.link(r.link) : undefined;
    out += rid ? `<w:hyperlink r:id="${rid}" w:history="1">${xml}</w:hyperlink>` : xml;
  }
  return out;
}

/** A complex field: begin, instruction, separate, cached result, end. */
export function field(instr: string, resultRuns: string, s: RunStyle = {}): string {
  const props = rPr(s);
  const p = props ? `<w:rPr>${props}</w:rPr>` : '';
  return (
    `<w:r>${p}<w:fldChar w:fldCharType="begin"/></w:r>` +
    `<w:r>${p}<w:instrText xml:space="preserve"> ${esc(instr)} </w:instrText></w:r>` +
    `<w:r>${p}<w:fldChar w:fldCharType="separate"/></w:r>` +
    resultRuns +
    `<w:r>${p}<w:fldChar w:fldCharType="end"/></w:r>`
  );
}
