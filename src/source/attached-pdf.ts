// An attached PDF is read when the notice is compiled, not first when it is printed: a damaged
// one (a page tree that loops, as a broken export makes) passed `check` and failed `build`
// with pdf-lib's "Maximum call stack size exceeded".

//
// pdf-lib is loaded only when a document attaches a PDF: `check` of a notice loads no PDF library.

import { stat } from 'node:fs/promises';
import { GuardedReadError, readGuarded } from './guarded-read.js';

/** An attached PDF larger than this is refused: a scanned 200-page annex is well under it. */
export const MAX_ATTACHED_PDF_BYTES = 100 * 1024 * 1024;

/** What reading a file gave, while it is unchanged: its problem, or its page count (the layout numbers its pages on). */
const seen = new Map<string, { mtimeMs: number; problem: string | undefined; pages: number }>();

/** Undefined when the PDF loads and its pages can be copied; else what is wrong, in a few words. */
export async function attachedPdfProblem(abs: string, projectDir = '/'): Promise<string | undefined> {
  return (await inspect(abs, projectDir)).problem;
}

/** The pages of an attached PDF the compile accepted: read then, not again for each document that numbers them. */
export async function attachedPdfPages(abs: string, projectDir = '/'): Promise<number> {
  const { problem, pages } = await inspect(abs, projectDir);
  if (problem) throw new Error(`the attached PDF ${abs} cannot be used: ${problem}`);
  return pages;
}

async function inspect(abs: string, projectDir: string): Promise<{ problem: string | undefined; pages: number }> {
  let mtimeMs: number;
  try {
    mtimeMs = (await stat(abs)).mtimeMs;
  } catch {
    return { problem: '文件无法读取', pages: 0 };
  }
  const hit = seen.get(abs);
  if (hit && hit.mtimeMs === mtimeMs) return hit;
  let problem: string | undefined;
  let pages = 0;
  try {
    const { PDFDocument } = await import('../vendor/pdf-lib.js');
    // The guarded reader: a named pipe as attachment hung `check` and `build` forever.
    const { bytes } = readGuarded(abs, { projectDir, maxBytes: MAX_ATTACHED_PDF_BYTES, what: '附件' });
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    pages = doc.getPageCount();
    if (pages === 0) problem = '它没有页面';
    else await (await PDFDocument.create()).copyPages(doc, doc.getPageIndices());
  } catch (err) {
    problem = err instanceof GuardedReadError ? err.message.replace(/^附件「[^」]*」/, '') : err instanceof RangeError ? '页面树循环：文件已损坏' : `不是可读的 PDF：${(err as Error).message.split('\n')[0].slice(0, 120)}`;
  }
  const found = { mtimeMs, problem, pages };
  seen.set(abs, found);
  return found;
}
