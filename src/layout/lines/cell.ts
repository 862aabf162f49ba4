// Line filling of table cell text: break between words (jieba), never inside one that fits a
// line; a closing mark never starts a line and an opening one never ends one; a number, a
// telephone or fax number (027-87651009), an e-mail or web address is one unit; the breaks are
// chosen together so that no line holds one character alone where another choice avoids it
// (联系/人, 主管领/导, …管委会主/任, the defects of the application forms in issue 21; …产业集 /
// 群 and 科 / 委 those of the 109-row cluster list). The column allocator counts lines with this
// filler and the layout stage writes its breaks into the model, so DOCX and PDF break alike.

import { BoundedMemo } from '../../util/bounded-memo.js';
import { textWidth } from '../measure/text-width.js';
import { spannedGaps, words } from './segment.js';

const CLOSING = /^[，。、；：？！”’》）〕】」』…—)\]%％·＊*]/;
const ENDS_OPENING = /[“‘《（〔【「『(\[]$/;
/** Numbers, telephone and fax numbers (027-87651009), e-mail and web addresses, "E-mail": never broken inside. */
const LATIN = /^[A-Za-z0-9.@_\-+/:%#?=&~]+$/;
const DIGITS_END = /[0-9]$/;
/** A figure's unit stays with it (3.5万元, 120家). */
const UNIT = /^(万元|亿元|千元|元|万|亿|个|家|人|项|件|年|月|日|号|次|%|％|‰)/;
const SHORT = 2;

/** Units that may not be broken: words with their punctuation, Latin runs whole, a figure with its unit. */
export function cellUnits(text: string): string[] {
  const units: string[] = [];
  for (const w of words(text)) {
    const prev = units[units.length - 1];
    const stick =
      prev !== undefined &&
      (CLOSING.test(w.text) ||
        ENDS_OPENING.test(prev) ||
        (LATIN.test(lastRun(prev)) && LATIN.test(w.text)) ||
        (DIGITS_END.test(prev) && (w.text === ',' || UNIT.test(w.text))) ||
        (prev.endsWith(',') && /^[0-9]/.test(w.text)) ||
        (prev.endsWith('股份') && /^有限(责任)?公司/.test(w.text)) ||
        // A choice is its box, its letter and its label up to the next space or box
        // (□E西部大开发, ☑H先进制造与自动化): never "□E / 西部大开发".
        (/[□☑☐■][^\s□☑☐■]*$/.test(prev) && /^[^\s□☑☐■]/.test(w.text)) ||
        // Spaces end the unit before them: a line never starts with one.
        /^\s+$/.test(w.text));
    if (stick) units[units.length - 1] += w.text;
    else units.push(w.text);
  }
  return units;
}

/** The Latin run a unit ends with ("E-mail：" has none: the ： closed it). */
function lastRun(u: string): string {
  const m = /[A-Za-z0-9.@_\-+/:%#?=&~]+$/.exec(u);
  return m ? m[0] : '';
}

/** The longest unit that cannot be broken, in characters: a column narrower than it cuts a word. */
export function longestUnit(text: string, widthOf: (s: string) => number = textWidth): number {
  let max = 0;
  for (const u of cellUnits(text)) max = Math.max(max, widthOf(u));
  return max;
}

/** A word too wide for its line, cut where no shorter dictionary word spans (上海市 | 浦东新区). */
function partsOf(u: string): string[] {
  const spanned = spannedGaps(u, true);
  const parts: string[] = [];
  let start = 0;
  for (let k = 1; k < u.length; k++) {
    if (spanned[k] || /[\uD800-\uDBFF]/.test(u[k - 1]) || CLOSING.test(u[k]) || ENDS_OPENING.test(u[k - 1])) continue;
    parts.push(u.slice(start, k));
    start = k;
  }
  parts.push(u.slice(start));
  return parts;
}

/** Characters of a part wider than the line, a closing mark kept with the one before it (类别＊). */
function charsOf(part: string): string[] {
  const out: string[] = [];
  for (const ch of part) {
    if (out.length && (CLOSING.test(ch) || ENDS_OPENING.test(out[out.length - 1]))) out[out.length - 1] += ch;
    else out.push(ch);
  }
  return out;
}

/** Prices of the line filler: a line, a line of one character, of two, a cut inside a word. */
const LINE_PRICE = 10;
const LONE_CHAR_PRICE = 50;
const SHORT_LINE_PRICE = 5;
const CUT_PRICE = 30;
/** A break after 、，；： (between the items of a list: 党工委副书记、 / 管委会主任) is cheaper. */
const GOOD_BREAK = /[、，；：,;:]$/;

const CACHE_MAX = 50000;
const cache = new BoundedMemo<string, string[]>(CACHE_MAX);

/**
 * Lines of `text` in a cell `width` characters wide (content width, padding excluded), widths by
 * `widthOf` (default: the cell rule, textWidth). Breaks between words, chosen together (a small
 * dynamic programme, not greedily): fewest lines first, and never a line of one character alone
 * where another choice of breaks avoids it — 联系/人, 主管领/导, …管委会主/任 were the defects
 * of the application forms — then no line of two; a word is cut only when it is wider than the
 * line, and a number, telephone number, e-mail or web address only when it alone is.
 */
export function breakCell(text: string, width: number, widthOf: (s: string) => number = textWidth): string[] {
  if (widthOf(text) <= width + 1e-9) return [text];
  const key = widthOf === textWidth ? `${width}\u0000${text}` : undefined;
  const hit = key && cache.get(key);
  if (hit) return hit;
  const fits = (u: string) => widthOf(u) <= width + 1e-9;
  // Pieces: the units, a unit too wide cut at dictionary words, then characters; cut[k]: the gap before piece k is inside a unit.
  const pieces: string[] = [];
  const cut: boolean[] = [];
  for (const u of cellUnits(text)) {
    const parts = fits(u) ? [u] : partsOf(u).flatMap((part) => (fits(part) ? [part] : charsOf(part)));
    parts.forEach((p, k) => {
      pieces.push(p);
      cut.push(k > 0);
    });
  }
  const n = pieces.length;
  const pre = [0];
  for (const p of pieces) pre.push(pre[pre.length - 1] + widthOf(p));
  const total = pre[n];
  const best: number[] = new Array(n + 1).fill(Infinity);
  const from: number[] = new Array(n + 1).fill(-1);
  best[0] = 0;
  for (let j = 1; j <= n; j++) {
    for (let i = j - 1; i >= 0; i--) {
      const w = pre[j] - pre[i];
      if (w > width + 1e-9 && j - i > 1) break;
      if (best[i] === Infinity) continue;
      const line = pieces.slice(i, j).join('');
      const chars = [...line].length;
      let c = best[i] + LINE_PRICE;
      if (total > width) {
        if (chars === 1 || w <= 1) c += LONE_CHAR_PRICE;
        else if (w <= SHORT) c += SHORT_LINE_PRICE;
      }
      if (i > 0 && cut[i]) c += CUT_PRICE;
      if (i > 0 && GOOD_BREAK.test(pieces[i - 1])) c -= 1;
      // Fuller lines first (as a person fills a line): a little for the room a line leaves.
      if (j < n) c += (width - w) * 0.01;
      if (c < best[j]) {
        best[j] = c;
        from[j] = i;
      }
    }
  }
  const lines: string[] = [];
  for (let j = n; j > 0; j = from[j]) lines.unshift(pieces.slice(from[j], j).join(''));
  if (key) {
    cache.set(key, lines);
  }
  return lines;
}
