// The character → glyph map of an sfnt, to decide where a text run needs a CGTransform.
// TEMPORARY: src/fonts/cmap.ts and src/fonts/sfnt.ts (branch `fonts`) are the one cmap reader;
// this file goes when that branch is merged.
export function sfntGlyphOf(b: Uint8Array): (cp: number) => number {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const n = v.getUint16(4);
  let cmap = -1;
  for (let i = 0; i < n; i++) {
    const rec = 12 + i * 16;
    if (String.fromCharCode(b[rec], b[rec + 1], b[rec + 2], b[rec + 3]) === 'cmap') cmap = v.getUint32(rec + 8);
  }
  if (cmap < 0) return () => 0;
  const count = v.getUint16(cmap + 2);
  let f4 = -1;
  let f12 = -1;
  for (let i = 0; i < count; i++) {
    const rec = cmap + 4 + i * 8;
    const platform = v.getUint16(rec);
    const encoding = v.getUint16(rec + 2);
    const at = cmap + v.getUint32(rec + 4);
    if (!(platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10)))) continue;
    const format = v.getUint16(at);
    if (format === 12 && f12 < 0) f12 = at;
    if (format === 4 && f4 < 0) f4 = at;
  }
  if (f12 >= 0) {
    const groups = v.getUint32(f12 + 12);
    return (cp) => {
      for (let g = 0; g < groups; g++) {
        const at = f12 + 16 + g * 12;
        const start = v.getUint32(at);
        if (cp >= start && cp <= v.getUint32(at + 4)) return v.getUint32(at + 8) + cp - start;
      }
      return 0;
    };
  }
  if (f4 < 0) return () => 0;
  const segX2 = v.getUint16(f4 + 6);
  const ends = f4 + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const ros = deltas + segX2;
  return (cp) => {
    if (cp > 0xffff) return 0;
    for (let i = 0; i < segX2 / 2; i++) {
      if (cp > v.getUint16(ends + i * 2)) continue;
      const start = v.getUint16(starts + i * 2);
      if (cp < start) return 0;
      const delta = v.getUint16(deltas + i * 2);
      const ro = v.getUint16(ros + i * 2);
      if (ro === 0) return (cp + delta) & 0xffff;
      const g = v.getUint16(ros + i * 2 + ro + (cp - start) * 2);
      return g === 0 ? 0 : (g + delta) & 0xffff;
    }
    return 0;
  };
}
