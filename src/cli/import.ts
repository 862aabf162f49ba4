// gongwen import OLD.docx: a content file (and its annex pages) from an old Word file, to start
// a draft from. src/import reads the DOCX within bounds and recognises the parts of the 公文;
// this command writes what it made, all files or none, never destroying a file it replaces
// (a temporary file renamed into place, with the old file's mode), and says what it wrote and
// what it could not place. Exit 0 only when everything was placed.

import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { lstat, mkdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { m } from './messages.js';
import { runs } from './options.js';
import { UsageError } from './project.js';
import { writeFilesAtomic } from '../util/atomic-write.js';

interface ImportOptions {
  output?: string;
  force?: boolean;
  quiet?: boolean;
}

export function register(program: Command): void {
  const t = m();
  program
    .command('import')
    .summary(t.importSummary)
    .description(t.importDescription)
    .argument('<docx>', t.importDocxArgument)
    .option('-o, --output <file>', t.importOutputOption)
    .option('--force', t.importForceOption)
    .option('-q, --quiet', t.importQuietOption)
    .addHelpText('after', t.importExamples)
    .action(runs(runImport));
}

/** Findings listed at most: a file with thousands of images says so in one line, not thousands. */
const MAX_SHOWN = 100;

const shown = (p: string) => relative(process.cwd(), p) || '.';

/** A write failure as a clerk reads it: what, where, what to do; the old files are untouched. */
function writeProblem(err: NodeJS.ErrnoException, files: string[], folder: string): string {
  const t = m();
  const code = err.code ?? '';
  if (['ENOSPC', 'EDQUOT', 'EFBIG'].includes(code)) return t.importNoSpace(t.list(files), folder);
  if (['EACCES', 'EPERM', 'EROFS'].includes(code)) return t.importNoWrite(t.list(files), folder);
  return t.importWriteFailed(t.list(files), folder, err.message.split('\n')[0]);
}

async function runImport(docx: string, opts: ImportOptions): Promise<number> {
  const t = m();
  if (extname(docx).toLowerCase() !== '.docx') throw new UsageError(t.importNotDocx(docx));
  if (!existsSync(docx)) {
    process.stderr.write(`${docx}: ${t.importNoSuchFile}\n`);
    return 2;
  }
  const out = resolve(opts.output ?? `${basename(docx, extname(docx))}.md`);
  if (extname(out).toLowerCase() !== '.md') throw new UsageError(t.importNotMd(opts.output));
  const stem = basename(out, extname(out));
  const { importDocx, ImportError } = await import('../import/docx.js');
  let imported: Awaited<ReturnType<typeof importDocx>>;
  try {
    imported = await importDocx(docx, { annexName: (n) => `${stem}-annex${n}.md` });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why =
      err instanceof ImportError ? e.message
      : e.code === 'EACCES' ? t.importNoRead
      : e.code === 'ENOENT' ? t.importNoSuchFile
      : t.importOwnFault;
    process.stderr.write(`${docx}: ${why}\n${t.importNothingWritten}\n`);
    return 1;
  }
  const files = [{ path: out, text: imported.text }, ...imported.annexes.map((a) => ({ path: join(dirname(out), a.file), text: a.text }))];

  // Where each file goes: through a link to its target; never onto a folder or a read-only file.
  const targets: { path: string; data: string; mode?: number }[] = [];
  const clash: string[] = [];
  for (const f of files) {
    let path = f.path;
    const l = await lstat(path).catch(() => undefined);
    if (l?.isSymbolicLink()) path = await realpath(path).catch(() => path);
    const s = await stat(path).catch(() => undefined);
    if (s?.isDirectory()) {
      process.stderr.write(`${t.importIsFolder(shown(f.path))}\n${t.importNothingWritten}\n`);
      return 1;
    }
    if (s && !s.isFile()) {
      process.stderr.write(`${t.importNotRegular(shown(f.path))}\n${t.importNothingWritten}\n`);
      return 1;
    }
    if (s) {
      clash.push(shown(f.path));
      if (opts.force && (s.mode & 0o222) === 0) {
        process.stderr.write(`${t.importReadOnly(shown(f.path))}\n${t.importNothingWritten}\n`);
        return 1;
      }
    }
    targets.push({ path, data: f.text, mode: s ? s.mode & 0o7777 : undefined });
  }
  if (clash.length && !opts.force) throw new UsageError(t.importExists(t.list(clash)));
  try {
    await mkdir(dirname(out), { recursive: true });
    await writeFilesAtomic(targets);
  } catch (err) {
    process.stderr.write(`${writeProblem(err as NodeJS.ErrnoException, files.map((f) => shown(f.path)), shown(dirname(out)))}\n`);
    return 1;
  }

  const { placeText } = await import('../import/findings.js');
  // In the Word file's order, so the clerk can go through it top to bottom.
  const shownFindings = [...imported.findings.items].filter((f) => f.lost || !opts.quiet).sort((a, b) => (a.at?.paragraph ?? 0) - (b.at?.paragraph ?? 0));
  for (const f of shownFindings.slice(0, MAX_SHOWN)) process.stderr.write(`${docx}${f.at ? ` ${placeText(f.at)}` : ''}: ${f.lost ? t.importLost : t.importNote}: ${f.message}\n`);
  if (shownFindings.length > MAX_SHOWN) process.stderr.write(`${docx}: ${t.importMoreNotShown(shownFindings.length - MAX_SHOWN)}\n`);
  const lost = imported.findings.items.filter((f) => f.lost).length;
  const written = t.list(files.map((f) => shown(f.path)));
  process.stderr.write(`${lost ? t.importWrittenLost(written, lost) : t.importWrittenAll(written)}\n`);
  return lost ? 1 : 0;
}
