// Subsets kept across processes, in the user's cache folder: an author rebuilds the same
// document again and again, and its glyphs of each face are the same set each time. Subsetting
// them anew cost most of the PDF's 96 ms in a cold build of the seed notice (the subsetter's
// WebAssembly compiled, five faces subset); read back, a subset costs a file read. The key is
// the face's table directory (every table's checksum and length: the font book's face key) with
// the glyph set and options asked for; what is kept is exactly what hb-subset answered, so the
// files written are the same bytes either way. An entry that cannot be read is made again; a
// cache folder that cannot be written only costs the next process the subsetting. It holds at
// most MAX_ENTRIES files, the oldest dropped first.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { userCacheDir } from '../util/cache-dir.js';
import { readDirectory } from './sfnt.js';
import type { SubsetResult } from './subset-result.js';

/** Bumped when what is kept changes (the subsetter's version is part of every key). */
const FORMAT = 'hb-subset-1';
const MAX_ENTRIES = 400;

const off = () => process.env.GONGWEN_SUBSET_CACHE === '0';
const folder = () => join(userCacheDir(), 'subsets');

/** The key of a face's subset: its table directory (checksums and lengths) and the request. */
export function subsetKey(sfnt: Uint8Array, request: string): string {
  const d = readDirectory(sfnt);
  const at = d.at ?? 0;
  return createHash('sha256').update(FORMAT).update(sfnt.subarray(at, at + 12 + 16 * d.tables.size)).update(request).digest('hex').slice(0, 40);
}

type Kept = { gidMap: [number, number][]; glyphIds: [number, number][]; cids?: [number, number][]; cff: boolean; cidKeyed: boolean };

export function storedSubset(key: string): SubsetResult | undefined {
  if (off()) return undefined;
  try {
    const file = readFileSync(join(folder(), `${key}.bin`));
    const headLength = file.readUInt32BE(0);
    const head = JSON.parse(file.subarray(4, 4 + headLength).toString('utf8')) as Kept;
    const bytes = new Uint8Array(file.subarray(4 + headLength));
    if (bytes.length === 0) return undefined;
    return { bytes, gidMap: new Map(head.gidMap), glyphIds: new Map(head.glyphIds), ...(head.cids ? { cids: new Map(head.cids) } : {}), cff: head.cff, cidKeyed: head.cidKeyed };
  } catch {
    return undefined;
  }
}

let pruned = false;

export function storeSubset(key: string, r: SubsetResult): void {
  if (off()) return;
  try {
    const dir = folder();
    mkdirSync(dir, { recursive: true });
    if (!pruned) prune(dir);
    const kept: Kept = { gidMap: [...r.gidMap], glyphIds: [...r.glyphIds], ...(r.cids ? { cids: [...r.cids] } : {}), cff: r.cff, cidKeyed: r.cidKeyed };
    const head = Buffer.from(JSON.stringify(kept), 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(head.length);
    const tmp = join(dir, `.${key}.${process.pid}.tmp`);
    writeFileSync(tmp, Buffer.concat([length, head, r.bytes]));
    renameSync(tmp, join(dir, `${key}.bin`));
  } catch {
    /* the cache is only a saving */
  }
}

/** Once per process: the oldest entries go when the folder holds more than MAX_ENTRIES. */
function prune(dir: string): void {
  pruned = true;
  const names = readdirSync(dir).filter((n) => n.endsWith('.bin'));
  if (names.length <= MAX_ENTRIES) return;
  const dated = names.map((n) => ({ n, t: statSync(join(dir, n)).mtimeMs })).sort((a, b) => a.t - b.t);
  for (const { n } of dated.slice(0, names.length - MAX_ENTRIES / 2)) unlinkSync(join(dir, n));
}
