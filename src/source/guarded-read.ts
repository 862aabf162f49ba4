// One reader for every file a document names (content, data, templates, figures, seals,
// attachments): resolved inside the project, refused when it is a link that leads out, a FIFO,
// a device or a folder, and read with a size bound, before any parser sees a byte.
//
// Why a file descriptor and not stat-then-readFile: a named pipe given as content, attachment or
// template made `check` and `build` hang forever in open(2) (a FIFO's open blocks until a writer
// comes); a template linked to /dev/zero grew until the process died. The file is opened with
// O_NONBLOCK (a FIFO opens at once), checked with fstat on that same descriptor (no window for a
// swap between the check and the read), and read up to its bound plus one byte, so a file that
// grows while it is read is still caught.

import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { resolveInside } from './paths.js';

export interface GuardedReadOptions {
  /** The project folder: the file must resolve inside it (links followed). */
  projectDir: string;
  /** Folder `path` is relative to; the project folder when absent. */
  baseDir?: string;
  /** Largest size accepted, in bytes. */
  maxBytes: number;
  /** What the file is, for messages: "模板", "数据文件", "印章图片"… */
  what?: string;
}

export interface GuardedFile {
  /** Absolute path (as resolved, not the link's target). */
  abs: string;
  bytes: Buffer;
}

export type GuardedReadFault = 'outside' | 'missing' | 'not-file' | 'too-large' | 'unreadable';

/** A file refused or not readable: `message` says what, where and what to do (no errno, no stack). */
export class GuardedReadError extends Error {
  constructor(
    readonly fault: GuardedReadFault,
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'GuardedReadError';
  }
}

const mb = (n: number) => (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`);

function kindOf(st: Stats): string | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return '是文件夹';
  if (st.isFIFO()) return '是命名管道（FIFO）';
  if (st.isCharacterDevice() || st.isBlockDevice()) return '是设备文件';
  if (st.isSocket()) return '是套接字';
  return '不是普通文件';
}

function resolved(path: string, o: GuardedReadOptions): string {
  const what = o.what ?? '文件';
  const abs = resolveInside(o.projectDir, path, o.baseDir ?? o.projectDir);
  if (!abs) throw new GuardedReadError('outside', path, `${what}「${path}」在项目文件夹之外（或是指向项目外的链接）：请把文件放进项目文件夹，写相对路径`);
  return abs;
}

function openFault(err: unknown, path: string, what: string): GuardedReadError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new GuardedReadError('missing', path, `找不到${what}「${path}」（文件不存在）：检查路径和文件名`);
  if (code === 'EISDIR') return new GuardedReadError('not-file', path, `${what}「${path}」是文件夹，不是文件`);
  if (code === 'EACCES' || code === 'EPERM') return new GuardedReadError('unreadable', path, `${what}「${path}」没有读取权限：检查文件权限`);
  if (code === 'ELOOP') return new GuardedReadError('unreadable', path, `${what}「${path}」是循环的链接`);
  return new GuardedReadError('unreadable', path, `${what}「${path}」无法读取（${code ?? (err as Error).message}）`);
}

function checkStat(st: Stats, path: string, o: GuardedReadOptions): void {
  const what = o.what ?? '文件';
  const kind = kindOf(st);
  if (kind) throw new GuardedReadError('not-file', path, `${what}「${path}」${kind}：只读取项目文件夹内的普通文件`);
  if (st.size > o.maxBytes) throw new GuardedReadError('too-large', path, `${what}「${path}」有 ${mb(st.size)}，超过 ${mb(o.maxBytes)} 的上限：请缩小文件`);
}

/** A file that reads longer than its bound (it grew, or stat said 0: /proc, a device behind a link). */
const grew = (path: string, o: GuardedReadOptions) => new GuardedReadError('too-large', path, `${o.what ?? '文件'}「${path}」超过 ${mb(o.maxBytes)} 的上限：请缩小文件`);

const FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * Reads `path` (relative to `baseDir`) under the rules above; throws GuardedReadError. One
 * synchronous reader for all: a figure is read while the Markdown is rendered (markdown-it is
 * synchronous), and every read is bounded by its maxBytes. It was two twins, this and an
 * asynchronous copy; the project's 15 content, data and template files read in 0.57 ms this
 * way against 1.24 ms all at once through the copy (medians of 40 paired rounds).
 */
export function readGuarded(path: string, o: GuardedReadOptions): GuardedFile {
  const abs = resolved(path, o);
  let fd: number;
  try {
    fd = openSync(abs, FLAGS);
  } catch (err) {
    throw openFault(err, path, o.what ?? '文件');
  }
  try {
    checkStat(fstatSync(fd), path, o);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(1 << 20, o.maxBytes + 1 - total));
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(n === buf.length ? buf : buf.subarray(0, n));
      total += n;
      if (total > o.maxBytes) throw grew(path, o);
    }
    return { abs, bytes: Buffer.concat(chunks, total) };
  } catch (err) {
    if (err instanceof GuardedReadError) throw err;
    throw openFault(err, path, o.what ?? '文件');
  } finally {
    closeSync(fd);
  }
}
