// The fonts an SVG's <text> is drawn with: resvg turns text into paths only with fonts loaded,
// and a seal's lettering or a diagram's labels are part of the picture. Decided: one fixed face,
// Noto Sans SC 500 (the font book's 黑体 substitute, from @fontsource, shipped with gongwen), for
// every family an SVG names: the same outlines on every machine (no system fonts: a build must
// not change with what is installed), and a Gothic reads like the 黑体/宋体 lettering of real
// seals and charts at their size. An SVG that needs an exact face converts its text to paths.
//
// resvg 2.6 loads fonts from files only and reads TrueType, not WOFF; the package ships WOFF 1
// beside its WOFF2, and WOFF 1 is zlib per table: unpacked here (25 ms for the 1.2 MB Chinese
// file, measured), written once per machine to a cache folder by content hash.

import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { packageFontPath } from '../../util/package-font-dir.js';

export const SVG_FONT_FAMILY = 'Noto Sans SC';
/** The WOFF 1 files, by their path in the package: scripts/copy-fonts.mjs ships them. */
export const SVG_FONT_FILES = ['@fontsource/noto-sans-sc/files/noto-sans-sc-chinese-simplified-500-normal.woff', '@fontsource/noto-sans-sc/files/noto-sans-sc-latin-500-normal.woff'];

/** A WOFF 1 file as the TrueType/OpenType file it packs. */
export function woffToSfnt(b: Buffer): Buffer {
  if (b.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF file');
  const flavor = b.readUInt32BE(4);
  const n = b.readUInt16BE(12);
  const tables = Array.from({ length: n }, (_, i) => {
    const o = 44 + i * 20;
    return { tag: b.readUInt32BE(o), off: b.readUInt32BE(o + 4), comp: b.readUInt32BE(o + 8), orig: b.readUInt32BE(o + 12), sum: b.readUInt32BE(o + 16) };
  });
  const size = tables.reduce((s, t) => s + ((t.orig + 3) & ~3), 12 + 16 * n);
  const out = Buffer.alloc(size);
  out.writeUInt32BE(flavor, 0);
  out.writeUInt16BE(n, 4);
  let es = 1;
  let log = 0;
  while (es * 2 <= n) {
    es *= 2;
    log++;
  }
  out.writeUInt16BE(es * 16, 6);
  out.writeUInt16BE(log, 8);
  out.writeUInt16BE(n * 16 - es * 16, 10);
  let at = 12 + 16 * n;
  tables.forEach((t, i) => {
    const raw = b.subarray(t.off, t.off + t.comp);
    const data = t.comp < t.orig ? inflateSync(raw) : raw;
    const h = 12 + i * 16;
    out.writeUInt32BE(t.tag, h);
    out.writeUInt32BE(t.sum, h + 4);
    out.writeUInt32BE(at, h + 8);
    out.writeUInt32BE(t.orig, h + 12);
    data.copy(out, at, 0, t.orig);
    at += (t.orig + 3) & ~3;
  });
  return out;
}

let cached: string[] | undefined;

/** Paths of the TrueType files for resvg (made on first use). */
export function svgFontFiles(): string[] {
  if (cached) return cached;
  let dir = join(tmpdir(), `gongwen-svg-fonts-${process.getuid?.() ?? 'u'}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // The shared temporary folder: a folder of that name made by another user (with fonts of its
  // choosing) is not used; a private one for this process is.
  const st = lstatSync(dir);
  if (!st.isDirectory() || (process.getuid && st.uid !== process.getuid()) || (st.mode & 0o022) !== 0) dir = mkdtempSync(join(tmpdir(), 'gongwen-svg-fonts-'));
  cached = SVG_FONT_FILES.map((f) => {
    const woff = readFileSync(packageFontPath(f));
    const path = join(dir, `${createHash('sha256').update(woff).digest('hex').slice(0, 16)}.ttf`);
    if (!existsSync(path)) {
      const tmp = `${path}.${process.pid}.gongwen-tmp`;
      writeFileSync(tmp, woffToSfnt(woff));
      renameSync(tmp, path);
    }
    return path;
  });
  return cached;
}
