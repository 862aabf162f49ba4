// Breaking a title into lines (§7.3.1): centred, shaped as a trapezoid or diamond, never
// breaking a word. Done in the model so that DOCX and PDF break at the same places.

import { gridWidth } from './text-width.js';

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });


/**
 * Breaks `title` into the fewest lines of at most `maxWidth` characters, as even as
 * possible, preferring a longer first line (trapezoid) and breaking only between words.
 * Explicit line breaks ("\n") in the title are kept.
 */
export function breakTitle(title: string, maxWidth: number): string[] {
  return title
    .split(/\n/)
    .map((s) => s.trim())
    .filter(Boolean)
    .flatMap((part) => breakOne(part, maxWidth));
}

function breakOne(text: string, maxWidth: number): string[] {
  if (gridWidth(text) <= maxWidth) return [text];
  // Candidate break positions: word boundaries, but never before closing punctuation
  // or after opening punctuation.
  const words = [...segmenter.segment(text)].map((s) => s.segment);
  const units: string[] = [];
  for (const w of words) {
    if (units.length > 0 && (/^[，。、；：？！”’》）〕】…—]/.test(w) || /[“‘《（〔【]$/.test(units[units.length - 1]))) {
      units[units.length - 1] += w;
    } else units.push(w);
  }
  const total = gridWidth(text);
  const lines = Math.ceil(total / maxWidth);
  for (let n = lines; n <= units.length; n++) {
    const result = evenSplit(units, n, maxWidth);
    if (result) return result;
  }
  return [text];
}

/** Greedy split into n lines whose widths approach total/n, first lines not shorter. */
function evenSplit(units: string[], n: number, maxWidth: number): string[] | undefined {
  const total = units.reduce((a, u) => a + gridWidth(u), 0);
  const target = total / n;
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    const linesLeft = n - out.length;
    const w = gridWidth(cur + u);
    if (cur && linesLeft > 1 && (w > maxWidth || (gridWidth(cur) >= target && w - target > target - gridWidth(cur) + 0.01))) {
      out.push(cur);
      cur = u;
    } else cur += u;
  }
  if (cur) out.push(cur);
  if (out.length !== n || out.some((l) => gridWidth(l) > maxWidth)) return undefined;
  return out;
}
