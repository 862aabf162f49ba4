// Where things landed in a print, as a Measurer reports them: the names of the places the
// layout asks about (section starts, headings, table rows, the content's end, the 版记's end),
// each with its page (1-based, from the document's first page) and its top in points from the
// page's top edge. render/html draws a marker link at each named place; render/pdf reads them
// back. The layout stage takes them as one input instead of its own estimate.

export interface Position {
  name: string;
  page: number;
  /** Top of the place, in points from the page's top edge. */
  top: number;
  /** Height of that page in points (portrait or landscape). */
  pageHeight: number;
}

/** Names of the places a print reports. */
export const MARKS = { contentEnd: 'end', imprintEnd: 'imprint-end' } as const;
export const sectionMarkName = (index: number): string => `s:${index}`;
export const headingMarkName = (id: string): string => `h:${id}`;
/** A table's body row: which page each row starts on. */
export const rowMarkName = (table: number, row: number): string => `r:${table}:${row}`;

/** Page of each named place (the first report of a name wins). */
export function pagesByName(positions: Position[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const p of positions) if (!m.has(p.name)) m.set(p.name, p.page);
  return m;
}

/**
 * What must measure when the grid cannot compute (a print's text in real fonts): given the
 * model as it will be printed for measuring, the positions of its named places.
 */
export interface Measurer {
  measure(probe: import('../../model/types.js').DocumentModel): Promise<{ positions: Position[]; pageCount: number }>;
}
