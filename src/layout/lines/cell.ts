// Line filling of table cell text: break between words (jieba), never inside one that fits a
// line; a closing mark never starts a line and an opening one never ends one; no line of one or
// two characters when the text has more (…产业集 / 群 and …管委 / 会 were the defects of the
// 109-row cluster list, 科 / 委 the split word). The column allocator counts lines with this
// filler and the layout stage writes its breaks into the model, so DOCX and PDF break alike.

import { textWidth } from '../measure/text-width.js';
import { spannedGaps, words } from './segment.js';

const CLOSING = /^[，。、；：？！”’》）〕】」』…—)\]%％·]/;
const ENDS_OPENING = /[“‘《（〔【「『(\[]$/;
const LATIN = /^[A-Za-z0-9.@_\-+/:%]+$/;
const SHORT = 2;

/** Units that may not be broken: words with their punctuation, Latin runs whole. */
export function cellUnits(text: string): string[] {
  const units: string[] = [];
  for (const w of words(text)) {
    const prev = units[units.length - 1];
    if (prev !== undefined && (CLOSING.test(w.text) || ENDS_OPENING.test(prev) || (LATIN.test(prev) && LATIN.test(w.text)))) units[units.length - 1] += w.text;
    else units.push(w.text);
  }
  return units;
}

/** The longest unit that cannot be broken, in characters: a column narrower than it cuts a word. */
export function longestUnit(text: string): number {
  let max = 0;
  for (const u of cellUnits(text)) max = Math.max(max, textWidth(u));
  return max;
}

/** A word too wide for its line, cut where no shorter dictionary word spans (上海市 | 浦东新区). */
function partsOf(u: string): string[] {
  const spanned = spannedGaps(u, true);
  const parts: string[] = [];
  let start = 0;
  for (let k = 1; k < u.length; k++) {
    if (spanned[k] || /[\uD800-\uDBFF]/.test(u[k - 1])) continue;
    parts.push(u.slice(start, k));
    start = k;
  }
  parts.push(u.slice(start));
  return parts;
}

/**
 * Lines of `text` in a cell `width` characters wide (content width, padding excluded). Greedy
 * by units; a unit wider than the line is cut by characters; a last line of one or two
 * characters takes units from the line before.
 */
export function breakCell(text: string, width: number): string[] {
  if (textWidth(text) <= width + 1e-9) return [text];
  const lines: string[][] = [[]];
  let cur = 0;
  const place = (u: string) => {
    const w = textWidth(u);
    if (cur > 0 && cur + w > width + 1e-9) {
      lines.push([]);
      cur = 0;
    }
    lines[lines.length - 1].push(u);
    cur += w;
  };
  const fits = (u: string) => textWidth(u) <= width + 1e-9;
  for (const u of cellUnits(text)) {
    if (fits(u)) place(u);
    else for (const part of partsOf(u)) (fits(part) ? [part] : [...part]).forEach(place);
  }
  // A short last line takes units from the line before while both stay within the width.
  const widthOf = (l: string[]) => textWidth(l.join(''));
  while (lines.length > 1) {
    const last = lines[lines.length - 1];
    const before = lines[lines.length - 2];
    if (widthOf(last) > SHORT || before.length < 2) break;
    const moved = before[before.length - 1];
    if (widthOf([moved, ...last]) > width + 1e-9 || widthOf(before.slice(0, -1)) <= SHORT) break;
    last.unshift(before.pop()!);
  }
  return lines.map((l) => l.join(''));
}
