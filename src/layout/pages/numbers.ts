// Page numbers (§7.5): which physical pages carry "— N —" and what N is. Pages of sections
// without numbers (a cover, a contents page) and blank pages do not count, so a plan's body
// starts at "— 1 —"; that page must be a right-hand (odd) sheet side, so when the front matter
// takes an odd number of pages a blank unnumbered page goes before the body.

/** Physical page → the number printed on it (pages listed in `uncounted` carry none). */
export function displayedNumber(uncounted: Set<number>): (page: number) => number {
  const sorted = [...uncounted].sort((a, b) => a - b);
  return (page) => page - sorted.filter((p) => p <= page).length;
}

/** Whether the body, starting on physical page `bodyStart` after unnumbered front matter, needs a blank page before it. */
export function needsBlankBeforeBody(bodyStart: number, frontMatter: boolean): boolean {
  return frontMatter && bodyStart % 2 === 0;
}
