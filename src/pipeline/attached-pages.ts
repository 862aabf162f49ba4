// How many pages each attached PDF has: the layout stage numbers them on with the body (a
// notice's 附件 as scans), so their count is known before anything is laid out. The compile read
// each file when it checked it (source/attached-pdf.ts), and the count comes from that reading.

import { attachedPdfPages } from '../source/attached-pdf.js';

export async function attachedPageCounts(paths: readonly string[], projectDir?: string): Promise<{ path: string; pages: number }[]> {
  return Promise.all(paths.map(async (path) => ({ path, pages: await attachedPdfPages(path, projectDir) })));
}
