// A small CFF-outline OpenType font built byte by byte, CID-keyed or name-keyed: no CFF font is
// installed on the test machines (no .otf under /usr/share/fonts), and a user's own
// 仿宋_GB2312 may be one. Each glyph is a different rectangle, so a glyph that the subset
// swapped or broke shows in its outline.
import { buildSfnt } from '../src/fonts/sfnt.js';

/** Code points of the font's glyphs 1…n (glyph 0 is .notdef). */
export const CFF_TEST_CPS = [...'关于通知的一是在不了有和人这中大为上个国我以要他ABC'].map((c) => c.codePointAt(0)!);
/** The CID of glyph g (g ≥ 1) in the CID-keyed font: not g, so a writer that confuses the two is caught. */
export const cidOfGlyph = (g: number): number => 1000 + g * 7;

const int32 = (v: number): number[] => [29, (v >> 24) & 0xff, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff];
const dictInt = (v: number): number[] => (v >= -107 && v <= 107 ? [v + 139] : int32(v));
const u16 = (v: number): number[] => [(v >> 8) & 0xff, v & 0xff];
const u32 = (v: number): number[] => [(v >>> 24) & 0xff, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff];

function index(items: number[][]): number[] {
  if (items.length === 0) return [0, 0];
  const out = [...u16(items.length), 4];
  let off = 1;
  out.push(...u32(off));
  for (const it of items) out.push(...u32((off += it.length)));
  for (const it of items) out.push(...it);
  return out;
}

/** Type 2 charstring: width, then a w×h rectangle at (x, y). */
function rect(width: number, x: number, y: number, w: number, h: number): number[] {
  const n = (v: number): number[] => [28, ...u16(v & 0xffff)];
  return [...n(width), ...n(x), ...n(y), 21, ...n(w), ...n(0), 5, ...n(0), ...n(h), 5, ...n(-w), ...n(0), 5, 14];
}

function cffTable(cid: boolean): number[] {
  const n = CFF_TEST_CPS.length + 1;
  const charStrings = index(Array.from({ length: n }, (_, g) => (g === 0 ? rect(500, 50, 0, 400, 700) : rect(1000, 40 + g * 10, -100 + g * 20, 300 + g * 30, 500 + g * 15))));
  const strings = index(cid ? [[...Buffer.from('Adobe')], [...Buffer.from('Identity')], [...Buffer.from('TestCFF-FD')]] : []);
  const privateDict = [...dictInt(0), 20, ...dictInt(0), 21]; // defaultWidthX 0, nominalWidthX 0
  // charset: format 0, one SID/CID per glyph after .notdef (name-keyed: standard strings 1…).
  const charset = [0, ...Array.from({ length: n - 1 }, (_, i) => u16(cid ? cidOfGlyph(i + 1) : i + 1)).flat()];
  const fdSelect = [0, ...new Array(n).fill(0)];
  const name = index([[...Buffer.from(cid ? 'TestCFF-CID' : 'TestCFF-Name')]]);
  // Top DICT with fixed-size (int32) offsets: its size does not depend on their values.
  const top = (o: { charset: number; charStrings: number; privateAt: number; fdArray: number; fdSelect: number }): number[] => [
    ...(cid ? [...dictInt(391), ...dictInt(392), ...dictInt(0), 12, 30, ...int32(cidOfGlyph(n) + 1), 12, 34] : []),
    ...dictInt(0), ...dictInt(-200), ...dictInt(1000), ...dictInt(900), 5,
    ...int32(o.charset), 15,
    ...int32(o.charStrings), 17,
    ...(cid ? [...int32(o.fdArray), 12, 36, ...int32(o.fdSelect), 12, 37] : [...int32(privateDict.length), ...int32(o.privateAt), 18]),
  ];
  const header = [1, 0, 4, 4];
  const zero = { charset: 0, charStrings: 0, privateAt: 0, fdArray: 0, fdSelect: 0 };
  const topSize = index([top(zero)]).length;
  const gsubrs = index([]);
  let at = header.length + name.length + topSize + strings.length + gsubrs.length;
  const o = { ...zero };
  o.charset = at;
  at += charset.length;
  o.charStrings = at;
  at += charStrings.length;
  o.privateAt = at;
  at += privateDict.length;
  let fdArray: number[] = [];
  if (cid) {
    o.fdSelect = at;
    at += fdSelect.length;
    o.fdArray = at;
    const fd = [...dictInt(393), 12, 38, ...int32(privateDict.length), ...int32(o.privateAt), 18];
    fdArray = index([fd]);
  }
  return [...header, ...name, ...index([top(o)]), ...strings, ...gsubrs, ...charset, ...charStrings, ...privateDict, ...(cid ? [...fdSelect, ...fdArray] : [])];
}

function cmap(): number[] {
  // Format 4, one segment per code point (sorted), then the 0xFFFF end segment.
  const pairs = CFF_TEST_CPS.map((cp, i) => [cp, i + 1]).sort((a, b) => a[0] - b[0]);
  const segs = pairs.length + 1;
  const ends = [...pairs.map((p) => p[0]), 0xffff];
  const starts = [...pairs.map((p) => p[0]), 0xffff];
  const deltas = [...pairs.map((p) => (p[1] - p[0]) & 0xffff), 1];
  const sub = [
    ...u16(4), ...u16(16 + 8 * segs), ...u16(0), ...u16(segs * 2), ...u16(0), ...u16(0), ...u16(0),
    ...ends.flatMap(u16), ...u16(0), ...starts.flatMap(u16), ...deltas.flatMap(u16), ...new Array(segs).fill(0).flatMap(u16),
  ];
  return [...u16(0), ...u16(1), ...u16(3), ...u16(1), ...u32(12), ...sub];
}

function nameTable(family: string): number[] {
  const recs: [number, string][] = [[1, family], [2, 'Regular'], [4, family], [6, family.replace(/\s/g, '')]];
  const strs = recs.map(([, s]) => [...Buffer.from(s, 'utf16le').swap16()]);
  const out = [...u16(0), ...u16(recs.length), ...u16(6 + 12 * recs.length)];
  let off = 0;
  recs.forEach(([id], i) => {
    out.push(...u16(3), ...u16(1), ...u16(0x409), ...u16(id), ...u16(strs[i].length), ...u16(off));
    off += strs[i].length;
  });
  return [...out, ...strs.flat()];
}

/** The whole OpenType font ('OTTO'). */
export function cffTestFont(cid: boolean, family = cid ? 'Test CFF CID' : 'Test CFF Name'): Uint8Array {
  const n = CFF_TEST_CPS.length + 1;
  const head = [...u32(0x10000), ...u32(0x10000), ...u32(0), ...u32(0x5f0f3cf5), ...u16(0), ...u16(1000), ...new Array(16).fill(0),
    ...u16(0), ...u16(0xff38), ...u16(1000), ...u16(900), ...u16(0), ...u16(8), ...u16(2), ...u16(0), ...u16(0)];
  const hhea = [...u32(0x10000), ...u16(880), ...u16(0xff88), ...u16(0), ...u16(1000), ...u16(0), ...u16(0), ...u16(1000),
    ...u16(1), ...u16(0), ...u16(0), ...new Array(8).fill(0), ...u16(0), ...u16(n)];
  const hmtx = Array.from({ length: n }, (_, g) => [...u16(g === 0 ? 500 : 1000), ...u16(0)]).flat();
  const maxp = [...u32(0x5000), ...u16(n)];
  const os2 = new Array(96).fill(0);
  os2.splice(0, 2, ...u16(4));
  os2.splice(4, 2, ...u16(400));
  os2.splice(68, 2, ...u16(880));
  os2.splice(70, 2, ...u16(0xff88));
  const post = [...u32(0x30000), ...new Array(28).fill(0)];
  const t = (tag: string, data: number[]) => ({ tag, data: Uint8Array.from(data) });
  return buildSfnt(0x4f54544f, [
    t('CFF ', cffTable(cid)), t('OS/2', os2), t('cmap', cmap()), t('head', head), t('hhea', hhea), t('hmtx', hmtx),
    t('maxp', maxp), t('name', nameTable(family)), t('post', post),
  ]);
}
