// A WOFF2 is decoded to its sfnt once per machine, and the sfnt kept in the user's cache folder:
// every later process reads the file instead of decoding it. Measured on this machine (Node 20,
// page cache warm, `node scripts` in the report of commit "Font book"):
//   LXGW WenKai 500 (7.2 MB WOFF2 → 16.5 MB sfnt): wawoff2 decode 333 ms, cached read 9 ms;
//   Noto Serif SC 300 chinese-simplified (1.5 MB → 3.5 MB): decode 50 ms, cached read 2 ms.
// (fontkit's JavaScript decoder took 0.25–0.65 s a font; Node's Brotli of the tables alone,
// without rebuilding glyf, 220 ms for LXGW WenKai.) The metrics the layout needs (cmap, hmtx)
// are read from this same sfnt, so there is one way to open a face; wawoff2 (Google's woff2 in
// WASM, 10 ms to instantiate) is compiled only when a file is not cached yet.
//
// The cache key is the file's path, size and mtime plus the WOFF2's own header and table
// directory (its first 4 KB hold the sfnt's total size and every table's length): a file that
// changes in place gets a new entry. An entry is written to a temporary name and renamed, so a
// reader never sees half of one; an entry that is short or whose tables run past its end is
// decoded again; a cache folder that cannot be written leaves the sfnt in memory only.
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { checkBounds, readDirectory } from './sfnt.js';
import { userCacheDir } from '../util/cache-dir.js';

/** Counters for tests and `--verbose`: how many WOFF2 files this process decoded or read from the cache. */
export const sfntCacheStats = { decoded: 0, cached: 0, written: 0 };

const DECODER = 'wawoff2-2';
const require = createRequire(import.meta.url);

interface Woff2Binding {
  decompress(b: Uint8Array): Uint8Array | false;
}
let binding: Woff2Binding | undefined;
let ready: Promise<void> | undefined;

/**
 * Instantiate wawoff2's WASM. Its exported `decompress` is async only because it waits for this;
 * once done, the binding decodes synchronously, which the font book needs: a face is opened the
 * first time `glyph()` asks it for a character, inside a synchronous call.
 */
export function initWoff2(): Promise<void> {
  return (ready ??= (async () => {
    const decompress = require('wawoff2/decompress.js') as (b: Uint8Array) => Promise<Uint8Array>;
    // An empty input fails fast after the runtime is up.
    await decompress(new Uint8Array(0)).catch(() => undefined);
    binding = require('wawoff2/build/decompress_binding.js') as Woff2Binding;
  })());
}

export function isWoff2(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x77 && b[1] === 0x4f && b[2] === 0x46 && b[3] === 0x32;
}

/** The cache file of a WOFF2 path (its key: path, size, mtime and the file's first 4 KB). */
function entryPath(path: string): string | undefined {
  try {
    const st = statSync(path);
    const head = Buffer.alloc(Math.min(4096, st.size));
    const fd = openSync(path, 'r');
    try {
      readSync(fd, head, 0, head.length, 0);
    } finally {
      closeSync(fd);
    }
    const key = createHash('sha256').update(`${DECODER}\0${path}\0${st.size}\0${st.mtimeMs}\0`).update(head).digest('hex').slice(0, 24);
    return join(userCacheDir(), 'sfnt', `${key}.sfnt`);
  } catch {
    return undefined;
  }
}

/** The cached sfnt of a WOFF2 file, or undefined when it is absent or damaged. */
function readEntry(entry: string): Uint8Array | undefined {
  try {
    const b = readFileSync(entry);
    checkBounds(readDirectory(b), b.length);
    return b;
  } catch {
    return undefined;
  }
}

/**
 * The sfnt of a WOFF2 file, synchronously: from the cache when it is there, else decoded (the
 * decoder must have been started with `initWoff2()`) and written to the cache.
 */
export function woff2Sfnt(path: string): Uint8Array {
  const entry = entryPath(path);
  if (entry) {
    const hit = readEntry(entry);
    if (hit) {
      sfntCacheStats.cached++;
      if (process.env.GONGWEN_TRACE_FONTS) process.stderr.write(`gongwen fonts: cached ${path}\n`);
      return hit;
    }
  }
  const sfnt = decodeWoff2(readFileSync(path));
  if (process.env.GONGWEN_TRACE_FONTS) process.stderr.write(`gongwen fonts: decoded ${path}\n`);
  if (entry) writeEntry(entry, sfnt);
  return sfnt;
}

/** Decode WOFF2 bytes in memory (the decoder must be started: `initWoff2()`). */
export function decodeWoff2(bytes: Uint8Array): Uint8Array {
  if (!binding) throw new Error('the WOFF2 decoder is not started (initWoff2)');
  const out = binding.decompress(bytes);
  if (out === false) throw new Error('not a WOFF2 font the decoder can read');
  sfntCacheStats.decoded++;
  // The binding returns a view into the WASM heap, which the next decode overwrites: copy it.
  return out.slice();
}

function writeEntry(entry: string, sfnt: Uint8Array): void {
  const tmp = `${entry}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    mkdirSync(join(entry, '..'), { recursive: true });
    writeFileSync(tmp, sfnt);
    renameSync(tmp, entry);
    sfntCacheStats.written++;
    prune(join(entry, '..'), entry);
  } catch {
    try {
      unlinkSync(tmp);
    } catch {
      /* nothing was written */
    }
  }
}

/** Bound of the sfnt cache: every weight of the three substitutes decoded is about 250 MB. */
const CACHE_LIMIT = 512 * 1024 * 1024;

/**
 * Entries of fonts that changed (a package upgrade) are never read again: when the folder
 * passes its bound, the oldest written go first (a font still in use is decoded once more).
 */
function prune(dir: string, keep: string): void {
  try {
    const entries = readdirSync(dir)
      .filter((name) => name.endsWith('.sfnt'))
      .map((name) => {
        const path = join(dir, name);
        const st = statSync(path);
        return { path, size: st.size, mtimeMs: st.mtimeMs };
      })
      .sort((a, b) => a.mtimeMs - b.mtimeMs);
    let total = entries.reduce((n, e) => n + e.size, 0);
    for (const e of entries) {
      if (total <= CACHE_LIMIT) break;
      if (e.path === keep) continue;
      unlinkSync(e.path);
      total -= e.size;
    }
  } catch {
    /* another process pruned or wrote meanwhile: next time */
  }
}
