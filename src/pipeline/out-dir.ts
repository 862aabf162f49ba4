// The output folder is checked once, before anything is rendered: a read-only or missing
// parent used to fail every document after its rendering, with `ENOENT … mkdir` once per data
// row of a batch.

import { mkdir, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { displayPath } from '../source/paths.js';

/**
 * Undefined when files can be written in `outDir`; else the one diagnostic to show. Folders
 * made for the probe are removed again: a build that writes nothing leaves nothing.
 */
export async function outDirProblem(outDir: string): Promise<Diagnostic | undefined> {
  const probe = join(outDir, `.gongwen-probe-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const first = await mkdir(outDir, { recursive: true });
    await writeFile(probe, '');
    await rm(probe, { force: true });
    if (first) {
      for (let d = resolve(outDir); ; d = dirname(d)) {
        await rmdir(d).catch(() => undefined);
        if (d === resolve(first) || dirname(d) === d) break;
      }
    }
    return undefined;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why = e.code === 'EACCES' || e.code === 'EPERM' || e.code === 'EROFS' ? 'it is read-only' : e.code === 'ENOSPC' ? 'the disk is full' : e.code === 'ENOTDIR' || e.code === 'EEXIST' ? 'a file of that name is in the way' : e.message;
    return { file: displayPath(outDir), line: 0, column: 0, severity: 'error', ruleId: 'out', message: `cannot write to the output folder (${why}); choose another with --out`, source: 'build' };
  }
}
