// Font subsets for the PDF and OFD writers, made by HarfBuzz's hb-subset (harfbuzzjs's
// harfbuzz-subset.wasm, compiled once per process). pdf-lib's subsetter broke 22 of 29 CJK
// glyphs of a subset; hb-subset keeps outlines intact for TrueType and CFF alike (the tests
// compare every kept glyph's outline with the original's).
//
// Glyph ids: the subset renumbers the kept glyphs in their original order (glyph 0 first, the
// components of composite glyphs added); `gidMap` gives each requested old id its new one, which
// the writer puts in the content stream. For a CID-keyed CFF face the content stream names
// glyphs by CID, and hb-subset keeps each glyph's CID in the subset's charset: `gidMap` then
// gives the CID (`cidKeyed`). Renumbering rather than retain-gids, measured on 1,000 glyphs
// (node /tmp/fonts-subbench.mjs, see the commit): Noto Serif SC 300 389 kB (245 kB deflated)
// against 446 kB (246 kB), LXGW WenKai 476 kB (325 kB) against 529 kB (324 kB) — the same once
// the PDF deflates it, smaller raw (OFD's zip), and no 30,000-entry loca and hmtx to carry.
// Time for those 1,000 glyphs: the first subset of a process 150–180 ms (the WASM instantiates
// in 22 ms, and runs unoptimised at first), later ones 30 ms (Noto, 3.5 MB sfnt) to 50–90 ms
// (LXGW, 16.5 MB, copied into the WASM heap each time); the same glyph set again: the memo.
//
// hb-subset keeps the cmap entries of the glyphs it keeps, so the subset always maps its code
// points; `keepCmap` adds the given code points whose cmap glyph is not the given glyph.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { readDirectory, table, u16, u32 } from './sfnt.js';
import { cmapGlyphs } from './cmap.js';
import { storedSubset, storeSubset, subsetKey } from './subset-store.js';
import type { SubsetResult } from './subset-result.js';

export type { SubsetResult };

export interface SubsetGlyph {
  gid: number;
  /** The code point this glyph stands for (kept in the subset's cmap with `keepCmap`). */
  cp?: number;
}

interface HbExports {
  memory: { buffer: ArrayBuffer };
  malloc(n: number): number;
  free(p: number): void;
  hb_blob_create(data: number, length: number, mode: number, user: number, destroy: number): number;
  hb_blob_destroy(b: number): void;
  hb_blob_get_length(b: number): number;
  hb_blob_get_data(b: number, lengthOut: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(f: number): void;
  hb_face_reference_blob(f: number): number;
  hb_set_add(s: number, v: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(i: number): void;
  hb_subset_input_set(i: number, which: number): number;
  hb_subset_input_set_flags(i: number, flags: number): void;
  hb_subset_or_fail(face: number, input: number): number;
}

const require = createRequire(import.meta.url);
let hb: Promise<HbExports> | undefined;

function harfbuzz(): Promise<HbExports> {
  return (hb ??= (async () => {
    const wasm = readFileSync(require.resolve('harfbuzzjs/dist/harfbuzz-subset.wasm'));
    // The TypeScript lib of this project has no DOM/WebAssembly types: Node's global is typed here.
    const wa = (globalThis as unknown as { WebAssembly: { instantiate(b: Uint8Array, imports: object): Promise<{ instance: { exports: unknown } }> } }).WebAssembly;
    const { instance } = await wa.instantiate(wasm, {});
    return instance.exports as HbExports;
  })());
}

// hb-subset.h
const SETS_GLYPH_INDEX = 0;
const SETS_UNICODE = 1;
const SETS_DROP_TABLE_TAG = 3;
const FLAG_NO_HINTING = 0x1;
const FLAG_RETAIN_GIDS = 0x2;
const FLAG_NOTDEF_OUTLINE = 0x40;
const FLAG_NO_LAYOUT_CLOSURE = 0x200;
const MEMORY_MODE_READONLY = 1;

/** Tables a writer that draws positioned glyph ids never needs (layout is done). */
const DROP = ['GSUB', 'GPOS', 'GDEF', 'BASE', 'JSTF', 'MATH', 'DSIG', 'vhea', 'vmtx', 'VORG', 'kern', 'hdmx', 'LTSH', 'VDMX', 'gasp', 'fpgm', 'prep', 'cvt ', 'morx', 'kerx', 'feat', 'meta'];

function tagNumber(tag: string): number {
  return ((tag.charCodeAt(0) << 24) | (tag.charCodeAt(1) << 16) | (tag.charCodeAt(2) << 8) | tag.charCodeAt(3)) >>> 0;
}

const memo = new WeakMap<Uint8Array, Map<string, Promise<SubsetResult>>>();
const MEMO_PER_FACE = 8;

/**
 * A subset of `sfnt` holding `glyphs` (and glyph 0). The same sfnt (the same bytes object, as
 * the font book hands it out) and glyph set give the same promise within a process.
 */
export function subsetFace(sfnt: Uint8Array, glyphs: SubsetGlyph[], opts: { keepCmap?: boolean; retainGids?: boolean } = {}): Promise<SubsetResult> {
  const gids = [...new Set(glyphs.map((g) => g.gid))].sort((a, b) => a - b);
  const cps = opts.keepCmap ? [...new Set(glyphs.flatMap((g) => (g.cp === undefined ? [] : [g.cp])))].sort((a, b) => a - b) : [];
  const id = `${opts.retainGids ? 'r' : ''}${gids.join(',')}|${cps.join(',')}`;
  let forFace = memo.get(sfnt);
  if (!forFace) memo.set(sfnt, (forFace = new Map()));
  let hit = forFace.get(id);
  if (hit) forFace.delete(id);
  else {
    // An earlier process's subset of the same glyphs of the same face, else hb-subset (and keep it).
    const key = subsetKey(sfnt, id);
    const kept = storedSubset(key);
    hit = kept
      ? Promise.resolve(kept)
      : harfbuzz().then((x) => {
          const made = runSubset(x, sfnt, gids, cps, !!opts.retainGids);
          storeSubset(key, made);
          return made;
        });
    const made = hit;
    made.catch(() => forFace!.get(id) === made && forFace!.delete(id));
  }
  // The most recently used last; a long preview session changes its glyph set at every save,
  // so only the last few subsets of a face are kept.
  forFace.set(id, hit);
  if (forFace.size > MEMO_PER_FACE) forFace.delete(forFace.keys().next().value!);
  return hit;
}

function runSubset(x: HbExports, sfnt: Uint8Array, gids: number[], cps: number[], retain: boolean): SubsetResult {
  const d = readDirectory(sfnt);
  const numGlyphs = u16(table(sfnt, d, 'maxp')!, 4);
  for (const g of gids) if (!Number.isInteger(g) || g < 0 || g >= numGlyphs) throw new Error(`glyph id ${g} is not in the font (0–${numGlyphs - 1})`);
  // The glyphs the subset will hold, in order: what hb-subset's renumbering gives.
  const kept = new Set<number>([0, ...gids]);
  if (cps.length) {
    const glyphOf = cmapGlyphs(table(sfnt, d, 'cmap')!);
    for (const cp of cps) {
      const g = glyphOf(cp);
      if (g) kept.add(g);
    }
  }
  if (!d.cff) addComponents(sfnt, d, kept);

  const fontPtr = x.malloc(sfnt.byteLength);
  new Uint8Array(x.memory.buffer).set(sfnt, fontPtr);
  const blob = x.hb_blob_create(fontPtr, sfnt.byteLength, MEMORY_MODE_READONLY, 0, 0);
  const face = x.hb_face_create(blob, 0);
  x.hb_blob_destroy(blob);
  const input = x.hb_subset_input_create_or_fail();
  let result: number = 0;
  try {
    if (!input) throw new Error('hb-subset: out of memory');
    const glyphSet = x.hb_subset_input_set(input, SETS_GLYPH_INDEX);
    for (const g of gids) x.hb_set_add(glyphSet, g);
    const unicodes = x.hb_subset_input_set(input, SETS_UNICODE);
    for (const cp of cps) x.hb_set_add(unicodes, cp);
    const drop = x.hb_subset_input_set(input, SETS_DROP_TABLE_TAG);
    for (const t of DROP) x.hb_set_add(drop, tagNumber(t));
    x.hb_subset_input_set_flags(input, FLAG_NO_HINTING | FLAG_NOTDEF_OUTLINE | FLAG_NO_LAYOUT_CLOSURE | (retain ? FLAG_RETAIN_GIDS : 0));
    result = x.hb_subset_or_fail(face, input);
    if (!result) throw new Error('hb-subset failed on this font');
    const out = x.hb_face_reference_blob(result);
    const at = x.hb_blob_get_data(out, 0);
    const len = x.hb_blob_get_length(out);
    const bytes = new Uint8Array(x.memory.buffer).slice(at, at + len);
    x.hb_blob_destroy(out);
    if (len === 0) throw new Error('hb-subset produced an empty font');

    const sd = readDirectory(bytes);
    const newCount = u16(table(bytes, sd, 'maxp')!, 4);
    const order = [...kept].sort((a, b) => a - b);
    const glyphIds = new Map<number, number>();
    if (retain) for (const g of order) glyphIds.set(g, g);
    else {
      if (newCount !== order.length) throw new Error(`hb-subset kept ${newCount} glyphs where ${order.length} were expected`);
      order.forEach((g, i) => glyphIds.set(g, i));
    }
    let gidMap = glyphIds;
    let cids: Map<number, number> | undefined;
    const charset = sd.cff ? cffCids(bytes, sd) : undefined;
    if (charset) {
      cids = new Map([...glyphIds].map(([old, neu]) => [old, charset[neu] ?? neu]));
      if (!retain) gidMap = cids;
    }
    const cidKeyed = cids !== undefined;
    return { bytes, gidMap, glyphIds, ...(cids ? { cids } : {}), cff: sd.cff, cidKeyed };
  } finally {
    if (result) x.hb_face_destroy(result);
    if (input) x.hb_subset_input_destroy(input);
    x.hb_face_destroy(face);
    x.free(fontPtr);
  }
}

/** Add the components of the kept composite glyphs (glyf), as hb-subset's closure does. */
function addComponents(sfnt: Uint8Array, d: ReturnType<typeof readDirectory>, kept: Set<number>): void {
  const glyf = table(sfnt, d, 'glyf');
  const loca = table(sfnt, d, 'loca');
  const head = table(sfnt, d, 'head');
  if (!glyf || !loca || !head) return;
  const long = u16(head, 50) === 1;
  const offset = (g: number): number => (long ? u32(loca, g * 4) : u16(loca, g * 2) * 2);
  const todo = [...kept];
  while (todo.length) {
    const g = todo.pop()!;
    const start = offset(g);
    const end = offset(g + 1);
    if (end - start < 10 || start + 10 > glyf.length) continue;
    if (!(glyf[start] & 0x80)) continue; // numberOfContours ≥ 0: a simple glyph
    let p = start + 10;
    for (;;) {
      if (p + 4 > glyf.length) break;
      const flags = u16(glyf, p);
      const comp = u16(glyf, p + 2);
      if (!kept.has(comp)) {
        kept.add(comp);
        todo.push(comp);
      }
      p += 4 + (flags & 0x1 ? 4 : 2);
      if (flags & 0x8) p += 2;
      else if (flags & 0x40) p += 4;
      else if (flags & 0x80) p += 8;
      if (!(flags & 0x20)) break;
    }
  }
}

/** The CID of each glyph of a CID-keyed CFF (its charset), or undefined for a name-keyed one. */
function cffCids(bytes: Uint8Array, d: ReturnType<typeof readDirectory>): number[] | undefined {
  const cff = table(bytes, d, 'CFF ');
  if (!cff) return undefined;
  const nameIndex = cff[2];
  const topIndex = skipIndex(cff, nameIndex);
  const top = indexItems(cff, topIndex)[0];
  if (!top) return undefined;
  const dict = parseDict(cff.subarray(top[0], top[1]));
  if (!dict.has(1230)) return undefined; // ROS: 12 30
  const charStrings = dict.get(17)?.[0];
  const charset = dict.get(15)?.[0];
  if (charStrings === undefined || charset === undefined) return undefined;
  const n = u16(cff, charStrings);
  const cids = [0];
  let p = charset;
  const format = cff[p++];
  if (format === 0) {
    for (let i = 1; i < n; i++, p += 2) cids.push(u16(cff, p));
  } else if (format === 1 || format === 2) {
    while (cids.length < n) {
      const first = u16(cff, p);
      const left = format === 1 ? cff[p + 2] : u16(cff, p + 2);
      p += format === 1 ? 3 : 4;
      for (let k = 0; k <= left && cids.length < n; k++) cids.push(first + k);
    }
  } else return undefined;
  return cids;
}

/** Offset just past a CFF INDEX. */
function skipIndex(b: Uint8Array, at: number): number {
  const items = indexItems(b, at);
  if (items.length === 0) return at + 2;
  return items[items.length - 1][1];
}

/** The [start, end) of each item of a CFF INDEX. */
function indexItems(b: Uint8Array, at: number): [number, number][] {
  const count = u16(b, at);
  if (count === 0) return [];
  const offSize = b[at + 2];
  const off = (i: number): number => {
    let v = 0;
    for (let k = 0; k < offSize; k++) v = v * 256 + b[at + 3 + i * offSize + k];
    return v;
  };
  const base = at + 3 + (count + 1) * offSize - 1;
  return Array.from({ length: count }, (_, i) => [base + off(i), base + off(i + 1)] as [number, number]);
}

/** A CFF DICT: operator (12 x as 1200 + x) → operands (integers; reals read as 0). */
function parseDict(b: Uint8Array): Map<number, number[]> {
  const out = new Map<number, number[]>();
  let ops: number[] = [];
  for (let p = 0; p < b.length; ) {
    const v = b[p];
    if (v <= 21) {
      const op = v === 12 ? 1200 + b[p + 1] : v;
      p += v === 12 ? 2 : 1;
      out.set(op, ops);
      ops = [];
    } else if (v === 28) {
      ops.push((((b[p + 1] << 8) | b[p + 2]) << 16) >> 16);
      p += 3;
    } else if (v === 29) {
      ops.push((b[p + 1] << 24) | (b[p + 2] << 16) | (b[p + 3] << 8) | b[p + 4]);
      p += 5;
    } else if (v === 30) {
      p++;
      while (p < b.length) {
        const x = b[p++];
        if ((x & 0x0f) === 0x0f || (x & 0xf0) === 0xf0) break;
      }
      ops.push(0);
    } else if (v >= 32 && v <= 246) {
      ops.push(v - 139);
      p++;
    } else if (v >= 247 && v <= 250) {
      ops.push((v - 247) * 256 + b[p + 1] + 108);
      p += 2;
    } else if (v >= 251 && v <= 254) {
      ops.push(-(v - 251) * 256 - b[p + 1] - 108);
      p += 2;
    } else p++;
  }
  return out;
}

/** What a glyph drawn from a face stands for, as a PDF's W and ToUnicode say it. */
export interface GlyphUse {
  /** Width in 1/1000 em. */
  width: number;
  /** The text the glyph was first drawn for. */
  text: string;
}

/**
 * The one rule for a glyph's use, a document's or a batch chunk's: the first width and text it
 * was drawn with, or a later text where the first had none (a glyph drawn for no text first).
 */
export function noteUse(uses: Map<number, GlyphUse>, gid: number, width: number, text: string): void {
  const u = uses.get(gid);
  if (!u) uses.set(gid, { width, text });
  else if (u.text === '') u.text = text;
}

/**
 * The glyphs a batch draws from each face, gathered over all its documents so that each face
 * is subset once, for the union (a batch of 1,000 notices must not subset 1,000 times).
 */
export class GlyphUnion {
  private readonly byFace = new Map<string, Map<number, number | undefined>>();
  /**
   * The last subset asked for, per face, until a glyph is added: each document of a chunk asks
   * for the same one (sorting the union and keying the memo took 0.5 ms a document).
   */
  private readonly made = new Map<string, { sfnt: Uint8Array; opts?: { keepCmap?: boolean }; subset: Promise<SubsetResult> }>();

  /** Per face, what the chunk drew each glyph for (noteUse): what a chunk's fonts say of it (W, ToUnicode). */
  private readonly used = new Map<string, Map<number, GlyphUse>>();

  /** Records what a glyph drawn from `face` stands for and how wide it is (noteUse). */
  use(face: string, gid: number, width: number, text: string): void {
    let m = this.used.get(face);
    if (!m) this.used.set(face, (m = new Map()));
    noteUse(m, gid, width, text);
  }

  /** What `use` recorded for a face (the same map as it grows). */
  uses(face: string): ReadonlyMap<number, GlyphUse> | undefined {
    return this.used.get(face);
  }

  add(face: string, glyphs: Iterable<SubsetGlyph>): void {
    let m = this.byFace.get(face);
    if (!m) this.byFace.set(face, (m = new Map()));
    for (const g of glyphs)
      if (!m.has(g.gid) || (m.get(g.gid) === undefined && g.cp !== undefined)) {
        m.set(g.gid, g.cp);
        this.made.delete(face);
      }
  }

  faces(): string[] {
    return [...this.byFace.keys()].sort();
  }

  glyphs(face: string): SubsetGlyph[] {
    return [...(this.byFace.get(face) ?? [])].sort((a, b) => a[0] - b[0]).map(([gid, cp]) => (cp === undefined ? { gid } : { gid, cp }));
  }

  /** The union's subset of one face (memoised by subsetFace for the same glyph set). */
  subset(face: string, sfnt: Uint8Array, opts?: { keepCmap?: boolean }): Promise<SubsetResult> {
    const last = this.made.get(face);
    if (last && last.sfnt === sfnt && last.opts?.keepCmap === opts?.keepCmap) return last.subset;
    const subset = subsetFace(sfnt, this.glyphs(face), opts);
    this.made.set(face, { sfnt, opts, subset });
    return subset;
  }
}
