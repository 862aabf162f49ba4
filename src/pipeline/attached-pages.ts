// How many pages each attached PDF has: the layout stage numbers them on with the body (a
// notice's 附件 as scans), so their count is known before anything is laid out. The files
// were checked when the notice was compiled (source/attached-pdf.ts); pdf-lib loads only
// when a notice attaches one.
import { readFile } from 'node:fs/promises';

export async function attachedPageCounts(paths: readonly string[]): Promise<{ path: string; pages: number }[]> {
  if (paths.length === 0) return [];
  const { PDFDocument } = await import('../vendor/pdf-lib.js');
  return Promise.all(
    paths.map(async (path) => {
      const doc = await PDFDocument.load(await readFile(path), { updateMetadata: false });
      return { path, pages: doc.getPageCount() };
    }),
  );
}
