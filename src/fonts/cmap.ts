// Code point → glyph id from a cmap table: the Unicode subtable of format 12 (full repertoire),
// else format 4 (the BMP). The segments are copied into typed arrays once and binary-searched:
// the layout asks millions of characters in a batch of notices (a linear walk over Noto Serif
// SC's ~1,400 format 4 segments was the cost of the old reader).
import { u16, u32 } from './sfnt.js';

export type GlyphOf = (cp: number) => number;

interface Subtable {
  platform: number;
  encoding: number;
  at: number;
  format: number;
}

function unicodeSubtables(t: Uint8Array): { f12?: Subtable; f4?: Subtable } {
  if (t.length < 4) return {};
  const n = u16(t, 2);
  const subtables: Subtable[] = [];
  for (let i = 0; i < n; i++) {
    const rec = 4 + i * 8;
    if (rec + 8 > t.length) break;
    const at = u32(t, rec + 4);
    if (at + 2 > t.length) continue;
    subtables.push({ platform: u16(t, rec), encoding: u16(t, rec + 2), at, format: u16(t, at) });
  }
  const unicode = (s: Subtable): boolean => s.platform === 0 || (s.platform === 3 && (s.encoding === 1 || s.encoding === 10));
  return { f12: subtables.find((s) => unicode(s) && s.format === 12), f4: subtables.find((s) => unicode(s) && s.format === 4) };
}

/** Glyph ids from a cmap table (0: none). */
export function cmapGlyphs(t: Uint8Array): GlyphOf {
  const { f12, f4 } = unicodeSubtables(t);
  if (f12) {
    const n = Math.min(u32(t, f12.at + 12), Math.floor((t.length - f12.at - 16) / 12));
    const starts = new Uint32Array(n);
    const ends = new Uint32Array(n);
    const glyphs = new Uint32Array(n);
    for (let g = 0; g < n; g++) {
      const at = f12.at + 16 + g * 12;
      starts[g] = u32(t, at);
      ends[g] = u32(t, at + 4);
      glyphs[g] = u32(t, at + 8);
    }
    return (cp) => {
      let lo = 0;
      let hi = n - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (cp < starts[mid]) hi = mid - 1;
        else if (cp > ends[mid]) lo = mid + 1;
        else return glyphs[mid] + cp - starts[mid];
      }
      return 0;
    };
  }
  if (!f4) return () => 0;
  const segs = u16(t, f4.at + 6) / 2;
  const endsAt = f4.at + 14;
  const startsAt = endsAt + segs * 2 + 2;
  const deltasAt = startsAt + segs * 2;
  const rangesAt = deltasAt + segs * 2;
  if (rangesAt + segs * 2 > t.length) return () => 0;
  const ends = new Uint16Array(segs);
  const starts = new Uint16Array(segs);
  const deltas = new Uint16Array(segs);
  const ranges = new Uint16Array(segs);
  for (let i = 0; i < segs; i++) {
    ends[i] = u16(t, endsAt + i * 2);
    starts[i] = u16(t, startsAt + i * 2);
    deltas[i] = u16(t, deltasAt + i * 2);
    ranges[i] = u16(t, rangesAt + i * 2);
  }
  return (cp) => {
    if (cp > 0xffff) return 0;
    let lo = 0;
    let hi = segs - 1;
    // The first segment whose end is at or past cp.
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid] < cp) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= segs || cp < starts[lo] || cp > ends[lo]) return 0;
    if (ranges[lo] === 0) return (cp + deltas[lo]) & 0xffff;
    const at = rangesAt + lo * 2 + ranges[lo] + (cp - starts[lo]) * 2;
    if (at + 2 > t.length) return 0;
    const glyph = u16(t, at);
    return glyph === 0 ? 0 : (glyph + deltas[lo]) & 0xffff;
  };
}

/**
 * Coverage from a cmap table without glyph ids, where a format 12 subtable gives it as ranges
 * (a code point is covered when the glyph lookup gives a non-zero id otherwise).
 */
export function cmapCoverage(t: Uint8Array): ((cp: number) => boolean) | undefined {
  const { f12, f4 } = unicodeSubtables(t);
  if (!f12 && !f4) return undefined;
  const glyph = cmapGlyphs(t);
  return (cp) => glyph(cp) !== 0;
}
