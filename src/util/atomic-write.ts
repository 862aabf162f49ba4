// Outputs are written atomically: a temporary file in the same folder, then rename. A failed
// build leaves no partial file and never replaces a good file with a broken one.

import { chmod, copyFile, link, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/**
 * Writes several files so that either all appear or none changes: every file goes to its
 * temporary name first; the files they replace are kept (hard links) until every rename has
 * succeeded, and put back when one fails. Before, a PDF that could not be renamed into place
 * left the new DOCX next to the old PDF.
 */
export async function writeFilesAtomic(files: { path: string; data: Uint8Array | string; mode?: number }[]): Promise<void> {
  const staged: { tmp: string; path: string; backup?: string; placed?: boolean }[] = [];
  const tmpName = (path: string, what: string) => join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.${what}`);
  try {
    for (const f of files) {
      await mkdir(dirname(f.path), { recursive: true });
      const s: (typeof staged)[number] = { tmp: tmpName(f.path, 'tmp'), path: f.path };
      staged.push(s);
      await writeFile(s.tmp, f.data);
      if (f.mode !== undefined) await chmod(s.tmp, f.mode); // the replaced file's mode (a private 0600 stays private)
    }
    for (const s of staged) {
      const backup = tmpName(s.path, 'old');
      try {
        await link(s.path, backup);
        s.backup = backup;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue; // nothing to replace
        await copyFile(s.path, backup); // a file system without hard links
        s.backup = backup;
      }
    }
    for (const s of staged) {
      await rename(s.tmp, s.path);
      s.placed = true;
    }
  } catch (err) {
    for (const s of staged) {
      if (s.placed) {
        if (s.backup) await rename(s.backup, s.path).catch(() => undefined);
        else await rm(s.path, { force: true });
      }
    }
    await Promise.all(staged.map((s) => rm(s.tmp, { force: true })));
    throw err;
  } finally {
    await Promise.all(staged.map((s) => (s.backup ? rm(s.backup, { force: true }) : undefined)));
  }
}
