// PDF pages → JPEG images for the preview page, with poppler's pdftoppm (the tests' PDF reader,
// installed by scripts/setup.sh). JPEG, not PNG: the seed notice's 10 pages at 120 dpi take
// 0.45 s as JPEG and 4 s as PNG (zlib) on the 2-core reference machine (2026-12-01, loaded).

import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { imageDimensions } from '../util/image-size.js';

const run = promisify(execFile);

/** Resolution of the page images: an A4 page is 992 × 1403 px, sharp at the page's width. */
export const PREVIEW_DPI = 120;

export interface PageImage {
  /** The JPEG file. */
  path: string;
  width: number;
  height: number;
}

/**
 * Renders the `pages` pages of `pdf` into `dir` (which must be empty): page-1.jpg, page-2.jpg, …
 * One pdftoppm per core, each on a run of pages (pdftoppm itself uses one).
 */
export async function rasterize(pdf: string, dir: string, pages: number): Promise<PageImage[]> {
  const parts = Math.max(1, Math.min(availableParallelism(), pages));
  const per = Math.ceil(pages / parts);
  const runs = [];
  for (let first = 1; first <= pages; first += per) {
    const last = Math.min(pages, first + per - 1);
    runs.push(run('pdftoppm', ['-jpeg', '-jpegopt', 'quality=85', '-r', String(PREVIEW_DPI), '-f', String(first), '-l', String(last), pdf, join(dir, 'page')], { timeout: 60_000 }));
  }
  await Promise.all(runs);
  // pdftoppm pads the page number to the width of the last one: page-01.jpg … page-10.jpg.
  const files = (await readdir(dir)).filter((f) => /^page-\d+\.jpg$/.test(f));
  files.sort((a, b) => pageNo(a) - pageNo(b));
  return Promise.all(
    files.map(async (f) => {
      const path = join(dir, f);
      const { width, height } = imageDimensions(await readFile(path));
      return { path, width, height };
    }),
  );
}

const pageNo = (f: string): number => Number(/(\d+)\.jpg$/.exec(f)![1]);
