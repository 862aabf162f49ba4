// Segmentations kept across processes, in the user's cache folder: loading jieba's dictionary
// takes 0.1 s of a cold build (94–100 ms of the seed notice's 0.67 s, measured with the build's
// trace), and an author rebuilds the same document again and again with the same title, 标志
// and table cells. A text segmented once is answered from the file, and the dictionary loads
// only for a text no earlier build met. What the file holds is what jieba answered, keyed by the
// segmenter's version: a new dictionary starts a new file. It can be deleted at any time.
//
// The file is read once, on the first question, and written once, when the process ends, only
// if it learned something (a rename: a reader sees the old file or the new). It keeps the
// newest MAX_TEXTS texts; a file that is damaged, too big or unreadable is treated as empty.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { userCacheDir } from '../../util/cache-dir.js';

const MAX_TEXTS = 5000;
const MAX_BYTES = 4 * 1024 * 1024;

type Entry = { tags?: [string, string][]; cut?: string[] };

let entries: Map<string, Entry> | undefined;
let learned = false;

function fileName(): string {
  const require = createRequire(import.meta.url);
  let version = '0';
  try {
    version = (require('@node-rs/jieba/package.json') as { version: string }).version;
  } catch {
    /* an unknown version still gets a file of its own */
  }
  return join(userCacheDir(), `segments-jieba-${version}.json`);
}

function load(): Map<string, Entry> {
  if (entries) return entries;
  entries = new Map();
  if (process.env.GONGWEN_SEGMENT_CACHE === '0') return entries;
  try {
    const path = fileName();
    if (statSync(path).size > MAX_BYTES) return entries;
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      for (const [text, e] of Object.entries(parsed as Record<string, Entry>)) if (e && typeof e === 'object') entries.set(text, e);
    }
  } catch {
    /* no file yet, or one that cannot be used: start empty */
  }
  return entries;
}

function save(): void {
  if (!learned || !entries || process.env.GONGWEN_SEGMENT_CACHE === '0') return;
  try {
    const kept = [...entries].slice(-MAX_TEXTS);
    const path = fileName();
    mkdirSync(join(path, '..'), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(Object.fromEntries(kept)));
    renameSync(tmp, path);
  } catch {
    /* a cache that cannot be written only costs the next process the dictionary */
  }
}

/** What an earlier process (or this one) learned about `text`, or undefined. */
export function stored(text: string): Entry | undefined {
  return load().get(text);
}

/** Keeps what jieba answered about `text` for later processes. */
export function store(text: string, add: Entry): void {
  const map = load();
  const had = map.get(text);
  // Newest last: re-inserting moves the text to the end, so the oldest are dropped first.
  map.delete(text);
  map.set(text, { ...had, ...add });
  if (!learned) {
    learned = true;
    process.once('exit', save);
  }
}
