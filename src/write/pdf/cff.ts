// What the PDF writer must know of a CFF-flavoured OpenType face: the bare 'CFF ' table (PDF 1.4's
// FontFile3/CIDFontType0C embeds that, not the sfnt) and, when the CFF is CID-keyed, the CID its
// charset gives each glyph — a CIDFontType0 reads a code as a CID and finds the glyph through the
// charset, so a content stream that wrote glyph ids would draw the wrong glyphs. A name-keyed CFF
// is read with CID = glyph id.

export function cffCids(sfnt: Uint8Array): { table: Uint8Array; cidOf?: (gid: number) => number } {
  const table = cffTable(sfnt);
  const dv = new DataView(table.buffer, table.byteOffset, table.byteLength);
  let p = table[2]; // header size
  const index = (at: number): { items: [number, number][]; end: number } => {
    const count = dv.getUint16(at);
    if (count === 0) return { items: [], end: at + 2 };
    const offSize = table[at + 2];
    const off = (i: number): number => {
      let v = 0;
      for (let k = 0; k < offSize; k++) v = v * 256 + table[at + 3 + i * offSize + k];
      return v;
    };
    const base = at + 2 + (count + 1) * offSize;
    const items: [number, number][] = [];
    for (let i = 0; i < count; i++) items.push([base + off(i), base + off(i + 1)]);
    return { items, end: base + off(count) };
  };
  p = index(p).end; // Name INDEX
  const top = index(p);
  if (top.items.length === 0) throw new Error('the CFF table has no Top DICT');
  const dict = topDict(table, top.items[0][0], top.items[0][1]);
  if (!dict.has(1230)) return { table }; // no ROS: name-keyed
  const charStrings = dict.get(17)?.[0];
  const charset = dict.get(15)?.[0];
  if (charStrings === undefined || charset === undefined) throw new Error('a CID-keyed CFF without CharStrings or charset');
  const nGlyphs = dv.getUint16(charStrings);
  const cids = new Uint16Array(nGlyphs);
  const format = table[charset];
  let q = charset + 1;
  let gid = 1;
  if (format === 0) {
    for (; gid < nGlyphs; gid++, q += 2) cids[gid] = dv.getUint16(q);
  } else if (format === 1 || format === 2) {
    while (gid < nGlyphs) {
      const first = dv.getUint16(q);
      const left = format === 1 ? table[q + 2] : dv.getUint16(q + 2);
      q += format === 1 ? 3 : 4;
      for (let k = 0; k <= left && gid < nGlyphs; k++) cids[gid++] = first + k;
    }
  } else throw new Error(`CFF charset format ${format} is not one the CFF specification defines`);
  return { table, cidOf: (g) => (g < nGlyphs ? cids[g] : 0) };
}

function cffTable(sfnt: Uint8Array): Uint8Array {
  const dv = new DataView(sfnt.buffer, sfnt.byteOffset, sfnt.byteLength);
  const n = dv.getUint16(4);
  for (let i = 0; i < n; i++) {
    const r = 12 + i * 16;
    if (String.fromCharCode(sfnt[r], sfnt[r + 1], sfnt[r + 2], sfnt[r + 3]) === 'CFF ') {
      const off = dv.getUint32(r + 8);
      const len = dv.getUint32(r + 12);
      if (off + len > sfnt.length) throw new Error('the CFF table runs past the end of the font');
      return sfnt.subarray(off, off + len);
    }
  }
  throw new Error('a face marked CFF has no CFF table');
}

/** Top DICT operators → operands (two-byte operators as 1200 + second byte). */
function topDict(b: Uint8Array, start: number, end: number): Map<number, number[]> {
  const out = new Map<number, number[]>();
  let ops: number[] = [];
  let p = start;
  while (p < end) {
    const b0 = b[p];
    if (b0 <= 21) {
      const op = b0 === 12 ? 1200 + b[p + 1] : b0;
      p += b0 === 12 ? 2 : 1;
      out.set(op, ops);
      ops = [];
    } else if (b0 === 28) {
      ops.push(((b[p + 1] << 8) | b[p + 2]) << 16 >> 16);
      p += 3;
    } else if (b0 === 29) {
      ops.push((b[p + 1] << 24) | (b[p + 2] << 16) | (b[p + 3] << 8) | b[p + 4]);
      p += 5;
    } else if (b0 === 30) {
      p++;
      while (p < end) {
        const v = b[p++];
        if ((v & 0x0f) === 0x0f || (v >> 4) === 0x0f) break;
      }
      ops.push(0); // reals only in operators this reader does not use
    } else if (b0 >= 32 && b0 <= 246) {
      ops.push(b0 - 139);
      p++;
    } else if (b0 >= 247 && b0 <= 250) {
      ops.push((b0 - 247) * 256 + b[p + 1] + 108);
      p += 2;
    } else if (b0 >= 251 && b0 <= 254) {
      ops.push(-(b0 - 251) * 256 - b[p + 1] - 108);
      p += 2;
    } else throw new Error(`a CFF Top DICT byte ${b0} is not a valid operand or operator`);
  }
  return out;
}
