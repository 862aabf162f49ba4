// Column widths from content, as shares of the text block: each column gets what its longest
// cell needs (in grid characters) while the page allows; the widest columns give way first.

import { gridWidth } from './text-width.js';

/**
 * @param cells rows of cell texts
 * @param columns number of columns
 * @param available width of the text block in characters of the table's font size
 */
export function columnShares(cells: string[][], columns: number, available = 32): number[] {
  const padding = 1; // a cell's padding, about one character
  const need = Array.from({ length: columns }, (_, k) =>
    Math.max(2, ...cells.map((r) => gridWidth(r[k] ?? '') + padding)),
  );
  const total = need.reduce((a, b) => a + b, 0);
  let widths = need;
  if (total > available) {
    // Shrink the widest columns down to a common cap until everything fits.
    const sorted = [...need].sort((a, b) => b - a);
    let cap = sorted[0];
    const fits = (c: number) => need.reduce((a, w) => a + Math.min(w, c), 0) <= available;
    let lo = 1;
    let hi = cap;
    while (hi - lo > 0.05) {
      const mid = (lo + hi) / 2;
      if (fits(mid)) lo = mid;
      else hi = mid;
    }
    cap = lo;
    widths = need.map((w) => Math.min(w, cap));
  }
  const sum = widths.reduce((a, b) => a + b, 0);
  return widths.map((w) => w / sum);
}
