// gongwen import OLD.docx: a content file (and its annex pages) from an old Word file, to start
// a draft from. src/import reads the DOCX within bounds and recognises the parts of the 公文;
// this command writes what it made, all files or none, never destroying a file it replaces
// (a temporary file renamed into place, with the old file's mode), and says what it wrote and
// what it could not place. Exit 0 only when everything was placed.

import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { lstat, mkdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { runs } from './options.js';
import { UsageError } from './project.js';
import { writeFilesAtomic } from '../util/atomic-write.js';

interface ImportOptions {
  output?: string;
  force?: boolean;
  quiet?: boolean;
}

export function register(program: Command): void {
  program
    .command('import')
    .summary('a content file from an old Word file (.docx)')
    .description(
      'Read a Word file (.docx) into a content file: front matter from what it recognises (发文字号, 标题, 主送, 署名, 成文日期, 附注, 附件说明 → attachments, 抄送, 印发), the body as Markdown with headings from their 一、（一）1.（1） numbers, tables as pipe tables, annex pages (附件N) as their own files. Whatever it could not place is listed with its paragraph in the Word file, and the exit status is 1.',
    )
    .argument('<docx>', 'the Word file')
    .option('-o, --output <file>', 'the content file to write (default: the Word file\'s name with .md, in the current folder). e.g. -o content/通知.md')
    .option('--force', 'replace files that exist (atomically: the old file stays whole if writing fails)')
    .option('-q, --quiet', 'no notes (what could not be placed is always listed)')
    .addHelpText(
      'after',
      `
Examples:
  gongwen import 旧通知.docx                    # → 旧通知.md (+ 旧通知-annex1.md, … for annex pages)
  gongwen import 旧通知.docx -o content/通知.md
  gongwen check content/通知.md                 # then see what the checks say

Exit status: 0 everything placed; 1 something could not be placed (listed), or the file could not be read or written; 2 bad usage or no such file.`,
    )
    .action(runs(runImport));
}

/** Findings listed at most: a file with thousands of images says so in one line, not thousands. */
const MAX_SHOWN = 100;

const shown = (p: string) => relative(process.cwd(), p) || '.';

/** A write failure as a clerk reads it: what, where, what to do; the old files are untouched. */
function writeProblem(err: NodeJS.ErrnoException, files: string[], folder: string): string {
  const code = err.code ?? '';
  const what = `${files.join('、')} 未写入`;
  if (['ENOSPC', 'EDQUOT', 'EFBIG'].includes(code)) return `${what}：磁盘空间不足（${folder}），原有文件未改动；腾出空间后再导入，或用 -o 写到别处`;
  if (['EACCES', 'EPERM', 'EROFS'].includes(code)) return `${what}：没有在 ${folder} 写文件的权限（文件夹只读），原有文件未改动；用 -o 写到可写的文件夹`;
  return `${what}：无法在 ${folder} 写入（${err.message.split('\n')[0]}），原有文件未改动`;
}

async function runImport(docx: string, opts: ImportOptions): Promise<number> {
  if (extname(docx).toLowerCase() !== '.docx') throw new UsageError(`import reads .docx files (Word 2007 and later), not "${docx}"; save a .doc as .docx first`);
  if (!existsSync(docx)) {
    process.stderr.write(`${docx}: 没有这个文件\n`);
    return 2;
  }
  const out = resolve(opts.output ?? `${basename(docx, extname(docx))}.md`);
  if (extname(out).toLowerCase() !== '.md') throw new UsageError(`-o ${opts.output}: the content file must end in .md`);
  const stem = basename(out, extname(out));
  const { importDocx, ImportError } = await import('../import/docx.js');
  let imported: Awaited<ReturnType<typeof importDocx>>;
  try {
    imported = await importDocx(docx, { annexName: (n) => `${stem}-annex${n}.md` });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why =
      err instanceof ImportError ? e.message
      : e.code === 'EACCES' ? '没有读取权限：请让文件的所有者放开读取权限，或复制一份再导入'
      : e.code === 'ENOENT' ? '没有这个文件'
      : 'gongwen 读这个文件时出了错（是 gongwen 的问题，不是文件的）：请把这个文件发给 gongwen 的维护者';
    process.stderr.write(`${docx}: ${why}\n未写入任何文件\n`);
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
      process.stderr.write(`${shown(f.path)} 是文件夹，不能写成内容文件：用 -o 另取文件名\n未写入任何文件\n`);
      return 1;
    }
    if (s && !s.isFile()) {
      process.stderr.write(`${shown(f.path)} 不是普通文件：用 -o 另取文件名\n未写入任何文件\n`);
      return 1;
    }
    if (s) {
      clash.push(shown(f.path));
      if (opts.force && (s.mode & 0o222) === 0) {
        process.stderr.write(`${shown(f.path)} 是只读文件，--force 也不替换它：先改为可写（chmod u+w），或用 -o 另取文件名\n未写入任何文件\n`);
        return 1;
      }
    }
    targets.push({ path, data: f.text, mode: s ? s.mode & 0o7777 : undefined });
  }
  if (clash.length && !opts.force) throw new UsageError(`${clash.join('、')} 已存在：加 --force 替换（新文件写好之前原文件不动），或用 -o 另取文件名`);
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
  for (const f of shownFindings.slice(0, MAX_SHOWN)) process.stderr.write(`${docx}${f.at ? ` ${placeText(f.at)}` : ''}: ${f.lost ? '未能放置' : '提示'}: ${f.message}\n`);
  if (shownFindings.length > MAX_SHOWN) process.stderr.write(`${docx}: 另有 ${shownFindings.length - MAX_SHOWN} 处未列出\n`);
  const lost = imported.findings.items.filter((f) => f.lost).length;
  const written = files.map((f) => shown(f.path)).join('、');
  process.stderr.write(lost ? `已写入 ${written}；${lost} 处未能放置（见上），补上后再 gongwen check\n` : `已写入 ${written}；全部内容已放置\n`);
  return lost ? 1 : 0;
}
