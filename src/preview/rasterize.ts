// PDF pages → JPEG images for the preview page, with poppler's pdftoppm (the tests' PDF reader,
// installed by scripts/setup.sh). JPEG, not PNG: the seed notice's 10 pages at 120 dpi take
// 0.45 s as JPEG and 4 s as PNG (zlib) on the 2-core reference machine (2026-12-01, loaded).
// Only the pages asked for are drawn: the session asks for the pages that changed (page-keys.ts).

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

/** Runs of consecutive page numbers, the longest halved until there is one per core. */
export function pageRuns(pages: readonly number[], cores: number): [number, number][] {
  const runs: [number, number][] = [];
  for (const p of [...new Set(pages)].sort((a, b) => a - b)) {
    const last = runs[runs.length - 1];
    if (last && last[1] === p - 1) last[1] = p;
    else runs.push([p, p]);
  }
  for (;;) {
    if (runs.length === 0 || runs.length >= cores) return runs;
    let longest = 0;
    runs.forEach((r, i) => r[1] - r[0] > runs[longest][1] - runs[longest][0] && (longest = i));
    const [first, last] = runs[longest];
    if (first === last) return runs;
    const mid = Math.floor((first + last) / 2);
    runs.splice(longest, 1, [first, mid], [mid + 1, last]);
  }
}

/**
 * Renders the pages `pages` (1-based) of `pdf` into `dir` (which must be empty), one pdftoppm
 * per run of consecutive pages, as many at once as there are cores (pdftoppm itself uses one).
 */
export async function rasterize(pdf: string, dir: string, pages: readonly number[]): Promise<Map<number, PageImage>> {
  const cores = Math.max(1, availableParallelism());
  const queue = pageRuns(pages, cores);
  const worker = async () => {
    for (let r = queue.shift(); r; r = queue.shift()) {
      await run('pdftoppm', ['-jpeg', '-jpegopt', 'quality=85', '-r', String(PREVIEW_DPI), '-f', String(r[0]), '-l', String(r[1]), pdf, join(dir, 'page')], { timeout: 60_000 });
    }
  };
  await Promise.all(Array.from({ length: Math.min(cores, queue.length) }, worker));
  // pdftoppm pads the page number to the width of the last one: page-01.jpg … page-10.jpg.
  const files = (await readdir(dir)).filter((f) => /^page-\d+\.jpg$/.test(f));
  const out = new Map<number, PageImage>();
  await Promise.all(
    files.map(async (f) => {
      const path = join(dir, f);
      const { width, height } = imageDimensions(await readFile(path));
      out.set(pageNo(f), { path, width, height });
    }),
  );
  return out;
}

const pageNo = (f: string): number => Number(/(\d+)\.jpg$/.exec(f)![1]);
