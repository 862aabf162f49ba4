// Body text on the GB/T 9704 grid (§5.2.2: 28 characters a line at 3号): where lines break,
// with the Chinese line-breaking rules (禁则) that Chromium, Word and LibreOffice all apply —
// closing punctuation never starts a line, opening punctuation never ends one; the character
// before a forbidden break goes down with it (Chromium and LibreOffice push out, they do not
// squeeze; measured on content/2020-191.md: every line the PDF broke this way breaks here too).
// A run of Latin letters and digits ("2021", "http") is one unit, as in the browsers.
//
// Widths are in grid characters (measure/text-width.ts: a CJK character 1, Latin ½, or the
// fonts' Latin widths when given). Pure: no fonts are read; the paginator counts lines with it.

import { gridWidth } from '../measure/text-width.js';

/** Never at a line start (GB/T 15834 practice; what 禁则 lists in Word and LibreOffice hold). */
export const NO_LINE_START = new Set([...'。，、；：？！）》〉」』】〕”’…—·％‰℃:;,.!?)]}%']);
/** Never at a line end. */
export const NO_LINE_END = new Set([...'（《〈「『【〔“‘([{']);


/**
 * How far past the line's end a line still fits, in grid characters: Chromium kept on one line
 * a line of 27 CJK characters and two two-digit numbers in Noto Serif SC that sums to 28.018
 * (content/2022-cluster-application.md, 发展目标) and broke one of 28.18 (the plan's "2020年").
 * On the nominal widths (multiples of ½) it changes nothing.
 */
const FIT_SLACK = 0.05;

/** A line of a paragraph and how far in it starts, in the unit of the width. */
export interface GridLine {
  text: string;
  indent: number;
}

/**
 * The lines of one paragraph with their indents: the first line of the paragraph and the first
 * line after each hard line break start `firstIndent` in (the seeds give 联系电话 and 报送地址
 * under 联系人 each its own two-character indent: a hard break starts a new line of the same
 * paragraph, set as its first line was), the others at the margin. What the PDF draws.
 */
export function gridLinesOf(text: string, width: number, firstIndent = 0, widthOf: (s: string) => number = gridWidth): GridLine[] {
  return text.split('\n').flatMap((seg) => breakSegment(seg, width, firstIndent, widthOf).map((t, i) => ({ text: t, indent: i === 0 ? firstIndent : 0 })));
}

/**
 * The lines of one paragraph: `width` grid characters a line, the first line (and the first
 * after each hard line break) starting `firstIndent` characters in. Returns the text of each
 * line (at least one, possibly empty).
 */
export function breakGridLines(text: string, width: number, firstIndent = 0, widthOf: (s: string) => number = gridWidth): string[] {
  // A hard line break (an author's, or one the column allocator wrote into a cell) starts a line.
  if (text.includes('\n')) return text.split('\n').flatMap((seg) => breakSegment(seg, width, firstIndent, widthOf));
  return breakSegment(text, width, firstIndent, widthOf);
}

function breakSegment(text: string, width: number, firstIndent: number, widthOf: (s: string) => number): string[] {
  const us = latinWords(text);
  const lines: string[][] = [];
  let line: string[] = [];
  let used = firstIndent;
  for (const u of us) {
    const w = widthOf(u);
    if (line.length === 0 && used + w > width + FIT_SLACK && u.length > 1) {
      // A Latin word wider than the line breaks anywhere at a line start too (an e-mail address
      // first in a narrow cell drew past the cell's edge).
      let rest = u;
      let room = width - used;
      while (rest.length > 1 && widthOf(rest) > room + FIT_SLACK) {
        const [head, tail] = splitAt(rest, room, widthOf);
        lines.push([head]);
        rest = tail;
        room = width;
      }
      line = rest ? [rest] : [];
      used = widthOf(rest);
      continue;
    }
    if (used + w <= width + FIT_SLACK || line.length === 0) {
      line.push(u);
      used += w;
      continue;
    }
    // Break before `u`. 禁则: pull characters down while the break is forbidden.
    const carry: string[] = [];
    while (line.length > 1 && (NO_LINE_START.has(firstChar(carry[0] ?? u)) || NO_LINE_END.has(lastChar(line[line.length - 1])))) {
      carry.unshift(line.pop()!);
    }
    lines.push(line);
    line = [...carry, u];
    used = line.reduce((a, x) => a + widthOf(x), 0);
    // A Latin word wider than the line breaks anywhere (overflow-wrap: anywhere).
    while (used > width + FIT_SLACK && line.length === 1 && u.length > 1) {
      const [head, rest] = splitAt(line[0], width, widthOf);
      lines.push([head]);
      line = rest ? [rest] : [];
      used = widthOf(rest);
    }
  }
  lines.push(line);
  return lines.map((l) => l.join(''));
}

/** Lines a paragraph takes (breakGridLines' count, without building the strings' array twice). */
export function gridLineCount(text: string, width: number, firstIndent = 0, widthOf: (s: string) => number = gridWidth): number {
  if (text.includes('\n')) return text.split('\n').reduce((a, seg) => a + gridLineCount(seg, width, firstIndent, widthOf), 0);
  // A paragraph that fits needs no breaking at all (the common short case).
  if (widthOf(text) + firstIndent <= width + FIT_SLACK) return 1;
  return breakGridLines(text, width, firstIndent, widthOf).length;
}

function latinWords(text: string): string[] {
  const out: string[] = [];
  let word = '';
  for (const ch of text) {
    if (/[A-Za-z0-9]/.test(ch) || (word && /[.\-_/@%]/.test(ch))) word += ch;
    else {
      if (word) out.push(word);
      word = '';
      out.push(ch);
    }
  }
  if (word) out.push(word);
  return out;
}

const firstChar = (s: string): string => [...s][0] ?? '';
const lastChar = (s: string): string => {
  const a = [...s];
  return a[a.length - 1] ?? '';
};

function splitAt(word: string, width: number, widthOf: (s: string) => number): [string, string] {
  const chars = [...word];
  let w = 0;
  let i = 0;
  while (i < chars.length && w + widthOf(chars[i]) <= width) w += widthOf(chars[i++]);
  i = Math.max(1, i);
  return [chars.slice(0, i).join(''), chars.slice(i).join('')];
}
