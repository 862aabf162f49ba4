// Every file gongwen writes (outputs, `check --fix`, imports) is written atomically: a temporary
// file in the same folder, flushed, then renamed over the old one. A failed write (a full disk)
// leaves the old file as it was and names the path.
//
// The file replaced keeps what it was: its mode and owner (a private 0600 file became 0644
// after `check --fix`), and a symlinked content file is written through to its target inside the
// project (the link was replaced by a copy and its target stayed unfixed). A read-only file is
// refused, not replaced. Temporary files carry gongwen's name and pid
// (`.name.gongwen-<pid>-<hex>.tmp`): one left by a SIGKILL is removed by the next write to that
// folder, once its process is gone (before, a hidden .tmp stayed in out/ forever).
//
// The file calls are synchronous: a batch writes two files a document, and the promises of
// node:fs/promises (a FileHandle, a trip to the thread pool and back for each of lstat, open,
// write, close, link, rename) took 7 % of a batch's main thread, more than the calls themselves
// (bench/run.js --batch, --cpu-prof). The writes are small and go to the page cache.

import { accessSync, chmodSync, chownSync, closeSync, constants, copyFileSync, fsyncSync, linkSync, lstatSync, mkdirSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { lstat, readdir, rm } from 'node:fs/promises';
import { dirname, basename, join, relative, isAbsolute } from 'node:path';
import { randomBytes } from 'node:crypto';

/** A write that could not be done: the message names the path and what to do. */
export class WriteError extends Error {
  constructor(
    readonly path: string,
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'WriteError';
  }
}

export interface AtomicWriteOptions {
  /**
   * Follow a symlink at `path` to its target, which must lie inside this folder (a content file
   * fixed in place). Without it a link at `path` is replaced by the new file (outputs).
   */
  followLinksInside?: string;
  /**
   * Flush the new file to the disk before it replaces the old one (default): an author's own
   * file (`check --fix`, `import --force`) survives a power cut whole. Outputs, which a build
   * makes again, skip it: two fsyncs took 218 ms of a 0.87 s cold build here, and a batch writes
   * thousands of files. Either way the rename is atomic: a reader sees the old file or the new.
   */
  durable?: boolean;
}

const TMP = /^\..+\.gongwen-(\d+)-[0-9a-f]{8}\.(tmp|old)$/;
const STALE_MS = 60 * 60 * 1000;

function tmpName(path: string, what: 'tmp' | 'old'): string {
  return join(dirname(path), `.${basename(path)}.gongwen-${process.pid}-${randomBytes(4).toString('hex')}.${what}`);
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const cleaned = new Set<string>();

/** Folders made (or found) by this process: a batch's thousands of files ask once, not once a file. */
const made = new Set<string>();
function folder(dir: string): void {
  if (made.has(dir)) return;
  mkdirSync(dir, { recursive: true });
  if (made.size < 10_000) made.add(dir);
}

/** Removes temporary files of gongwen processes that are gone (a SIGKILL mid-write), once per folder per process. */
export async function cleanStaleTemps(dir: string): Promise<void> {
  if (cleaned.has(dir)) return;
  cleaned.add(dir);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  await Promise.all(
    names.map(async (n) => {
      const m = TMP.exec(n);
      if (!m) return;
      const p = join(dir, n);
      try {
        const st = await lstat(p);
        if (!st.isFile()) return;
        if (!alive(Number(m[1])) || Date.now() - st.mtimeMs > STALE_MS) await rm(p, { force: true });
      } catch {
        /* gone already */
      }
    }),
  );
}

function explain(err: unknown, path: string): WriteError {
  if (err instanceof WriteError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? '磁盘已满（或超出配额）：腾出空间后重试；原文件未改动'
      : code === 'EACCES' || code === 'EPERM'
        ? '没有写入权限：检查文件夹的权限；原文件未改动'
        : code === 'EROFS'
          ? '所在的文件系统是只读的'
          : code === 'EISDIR'
            ? '这个位置是文件夹'
            : `写入失败（${code ?? (err as Error).message}）；原文件未改动`;
  return new WriteError(path, `无法写入 ${path}：${why}`, code);
}

interface Target {
  /** Where the data goes (a link's target when followed). */
  path: string;
  /** Whether something stands at `path` now (what a failed write of several files puts back). */
  exists: boolean;
  /** The file replaced, if any: its mode and owner carry over. */
  old?: { mode: number; uid: number; gid: number };
}

function target(path: string, o: AtomicWriteOptions): Target {
  let st;
  try {
    st = lstatSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { path, exists: false };
    throw explain(err, path);
  }
  let real = path;
  if (st.isSymbolicLink() && o.followLinksInside) {
    real = orElse(() => realpathSync(path), path);
    const root = orElse(() => realpathSync(o.followLinksInside!), o.followLinksInside);
    const rel = relative(root, real);
    if (rel.startsWith('..') || isAbsolute(rel)) throw new WriteError(path, `${path} 是指向项目文件夹之外的链接（${real}）：不写入项目外的文件`);
    st = statSync(real);
  }
  if (st.isDirectory()) throw new WriteError(path, `无法写入 ${path}：这个位置是文件夹`);
  if (!st.isFile() && !st.isSymbolicLink()) throw new WriteError(path, `无法写入 ${path}：它不是普通文件`);
  if (st.isFile()) {
    // Read-only by its mode (no one may write it), not by access(2): root may write anything,
    // and a file its owner made read-only is still one gongwen must not replace.
    const writable = (st.mode & 0o222) !== 0 && orElse(() => (accessSync(real, constants.W_OK), true), false);
    if (!writable) throw new WriteError(path, `${path} 是只读文件：不覆盖它；要更改，先去掉只读属性（chmod u+w）`);
    return { path: real, exists: true, old: { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid } };
  }
  return { path: real, exists: true };
}

/** Writes data to a new temporary file next to `path` (flushed to disk when `durable`), with `old`'s mode and owner. */
function stage(path: string, data: Uint8Array | string, old: Target['old'], durable: boolean): string {
  const tmp = tmpName(path, 'tmp');
  const fd = openNew(tmp, old ? old.mode : 0o666);
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
    if (durable) fsyncSync(fd);
  } catch (err) {
    orElse(() => closeSync(fd), undefined);
    rmSync(tmp, { force: true });
    throw err;
  }
  closeSync(fd);
  if (old) {
    orElse(() => chmodSync(tmp, old.mode), undefined); // the umask narrowed open()'s mode
    if (old.uid !== process.getuid?.() || old.gid !== process.getgid?.()) orElse(() => chownSync(tmp, old.uid, old.gid), undefined);
  }
  return tmp;
}

/** Opens a new file; its folder, made earlier by this process and gone since (out/ cleaned mid-batch), is made again. */
function openNew(path: string, mode: number): number {
  try {
    return openSync(path, 'wx', mode);
  } catch (err) {
    const dir = dirname(path);
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || !made.has(dir)) throw err;
    made.delete(dir);
    folder(dir);
    return openSync(path, 'wx', mode);
  }
}

/** `f()`, or `fallback` when it throws. */
function orElse<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}

export async function writeFileAtomic(path: string, data: Uint8Array | string, o: AtomicWriteOptions = {}): Promise<void> {
  const dir = dirname(path);
  let tmp: string | undefined;
  try {
    folder(dir);
    const t = target(path, o);
    await cleanStaleTemps(dirname(t.path));
    tmp = stage(t.path, data, t.old, o.durable ?? true);
    renameSync(tmp, t.path);
  } catch (err) {
    if (tmp) rmSync(tmp, { force: true });
    throw explain(err, path);
  }
}

/**
 * Writes several files so that either all appear or none changes: every file goes to its
 * temporary name first; the files they replace are kept (hard links) until every rename has
 * succeeded, and put back when one fails. Before, a PDF that could not be renamed into place
 * left the new DOCX next to the old PDF.
 */
export async function writeFilesAtomic(files: { path: string; data: Uint8Array | string }[], o: AtomicWriteOptions = {}): Promise<void> {
  const staged: { tmp?: string; path: string; exists: boolean; backup?: string; placed?: boolean }[] = [];
  let current = '';
  const removeAll = (paths: (string | undefined)[]) => {
    for (const p of paths) if (p) rmSync(p, { force: true });
  };
  try {
    for (const f of files) {
      current = f.path;
      folder(dirname(f.path));
      const t = target(f.path, o);
      await cleanStaleTemps(dirname(t.path));
      const s: (typeof staged)[number] = { path: t.path, exists: t.exists };
      staged.push(s);
      s.tmp = stage(t.path, f.data, t.old, o.durable ?? true);
    }
    for (const s of staged) {
      if (!s.exists) continue; // nothing to replace
      current = s.path;
      const backup = tmpName(s.path, 'old');
      try {
        linkSync(s.path, backup);
        s.backup = backup;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue; // gone meanwhile: nothing to replace
        copyFileSync(s.path, backup); // a file system without hard links
        s.backup = backup;
      }
    }
    for (const s of staged) {
      current = s.path;
      renameSync(s.tmp!, s.path);
      s.placed = true;
    }
  } catch (err) {
    for (const s of staged) {
      if (s.placed) {
        if (s.backup) orElse(() => renameSync(s.backup!, s.path), undefined);
        else rmSync(s.path, { force: true });
      }
    }
    removeAll(staged.map((s) => s.tmp));
    throw explain(err, current);
  } finally {
    removeAll(staged.map((s) => s.backup));
  }
}
