// An attached PDF is read when the notice is compiled, not first when it is printed: a damaged
// one (a page tree that loops, as a broken export makes) passed `check` and failed `build`
// with pdf-lib's "Maximum call stack size exceeded".

import { readFile, stat } from 'node:fs/promises';
import { PDFDocument } from 'pdf-lib';

const seen = new Map<string, { mtimeMs: number; problem: string | undefined }>();

/** Undefined when the PDF loads and its pages can be copied; else what is wrong, in a few words. */
export async function attachedPdfProblem(abs: string): Promise<string | undefined> {
  let mtimeMs: number;
  try {
    mtimeMs = (await stat(abs)).mtimeMs;
  } catch {
    return 'the file cannot be read';
  }
  const hit = seen.get(abs);
  if (hit && hit.mtimeMs === mtimeMs) return hit.problem;
  let problem: string | undefined;
  try {
    const doc = await PDFDocument.load(await readFile(abs), { updateMetadata: false });
    if (doc.getPageCount() === 0) problem = 'it has no pages';
    else await (await PDFDocument.create()).copyPages(doc, doc.getPageIndices());
  } catch (err) {
    problem = err instanceof RangeError ? 'its page tree loops: the file is damaged' : `it is not a readable PDF: ${(err as Error).message.split('\n')[0].slice(0, 120)}`;
  }
  seen.set(abs, { mtimeMs, problem });
  return problem;
}
