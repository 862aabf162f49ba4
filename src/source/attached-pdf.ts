// An attached PDF is read when the notice is compiled, not first when it is printed: a damaged
// one (a page tree that loops, as a broken export makes) passed `check` and failed `build`
// with pdf-lib's "Maximum call stack size exceeded".

//
// pdf-lib is loaded only when a document attaches a PDF: `check` of a notice loads no PDF library.

import { readFile, stat } from 'node:fs/promises';

const seen = new Map<string, { mtimeMs: number; problem: string | undefined }>();

/** Undefined when the PDF loads and its pages can be copied; else what is wrong, in a few words. */
export async function attachedPdfProblem(abs: string): Promise<string | undefined> {
  let mtimeMs: number;
  try {
    mtimeMs = (await stat(abs)).mtimeMs;
  } catch {
    return '文件无法读取';
  }
  const hit = seen.get(abs);
  if (hit && hit.mtimeMs === mtimeMs) return hit.problem;
  let problem: string | undefined;
  try {
    const { PDFDocument } = await import('pdf-lib');
    const doc = await PDFDocument.load(await readFile(abs), { updateMetadata: false });
    if (doc.getPageCount() === 0) problem = '它没有页面';
    else await (await PDFDocument.create()).copyPages(doc, doc.getPageIndices());
  } catch (err) {
    problem = err instanceof RangeError ? '页面树循环：文件已损坏' : `不是可读的 PDF：${(err as Error).message.split('\n')[0].slice(0, 120)}`;
  }
  seen.set(abs, { mtimeMs, problem });
  return problem;
}
