// Styled text cut into the lines the grid breaker chose: a paragraph's runs become segments
// (role, weight, colour, structure node, link), and each broken line takes the segments' pieces
// it covers. The breaker's lines join back to the text less its '\n' (lines/grid-lines.ts), so
// the cut needs no second measurement.
import type { Run } from '../../model/types.js';
import { CHAR_PITCH_MM, mmToPt, type FontRole } from '../../profile/gbt9704.js';
import type { Seg } from './text.js';

const PITCH = mmToPt(CHAR_PITCH_MM);

export const runsText = (runs: Run[]): string => runs.map((r) => r.text).join('');

/** A line ready to draw: its segments, its indent and whether it is justified. */
export interface TextLine {
  segs: Seg[];
  indentPt: number;
  justify: boolean;
}

/** Cuts styled segments at the line breaks the grid breaker chose (its lines join back to the text without its '\n'). */
export function toLines(segs: Seg[], text: string, lines: string[], firstIndentChars: number, justify: boolean): TextLine[] {
  const out: TextLine[] = [];
  let at = 0;
  let afterBreak = true;
  lines.forEach((l, i) => {
    const from = at;
    const to = at + l.length;
    at = to;
    const hard = text[at] === '\n';
    if (hard) at++;
    // The first line, and the first after a hard break (lines/grid-lines.ts gridLinesOf), start indented.
    out.push({ segs: slice(segs, from, to), indentPt: afterBreak ? firstIndentChars * PITCH : 0, justify: justify && !hard && i < lines.length - 1 });
    afterBreak = hard;
  });
  return out;
}

function slice(segs: Seg[], from: number, to: number): Seg[] {
  const out: Seg[] = [];
  let pos = 0;
  for (const s of segs) {
    const end = pos + s.text.length;
    if (end > from && pos < to) {
      const t = s.text.slice(Math.max(0, from - pos), Math.min(s.text.length, to - pos));
      if (t) out.push({ ...s, text: t });
    }
    pos = end;
    if (pos >= to) break;
  }
  return out;
}

export function runSegs(runs: Run[], role: FontRole, color: string, tag: number | undefined, bold = false): Seg[] {
  return runs.map((r) => {
    const s: Seg = { text: r.text, role: r.role ?? role, color };
    if (tag !== undefined) s.tag = tag;
    if (r.bold || bold) s.bold = true;
    if (r.link && /^(https?:|mailto:)/i.test(r.link)) s.link = r.link;
    return s;
  });
}
