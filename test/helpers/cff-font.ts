// A small CFF OpenType font made in code (CID-keyed, or name-keyed on request), for the PDF writer's CFF path: no .otf font
// is installed on this machine, and a user's own 仿宋_GB2312 may be one. Its glyphs are
// rectangles, and its CIDs are not its glyph ids (glyph 1 is CID 100, …), so a writer that put
// glyph ids in the content stream would draw .notdef or the wrong glyph.
import { buildSfnt } from '../../src/fonts/sfnt.js';

export interface CffGlyph {
  cid: number;
  unicode: number;
  /** Rectangle in font units [x0, y0, x1, y1]; every glyph is 1000 units wide. */
  rect: [number, number, number, number];
}

const u16 = (v: number): number[] => [(v >> 8) & 255, v & 255];
const i16 = (v: number): number[] => u16(v & 0xffff);
const u32 = (v: number): number[] => [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

function index(items: number[][]): number[] {
  if (items.length === 0) return [0, 0];
  const offs = [1];
  for (const it of items) offs.push(offs[offs.length - 1] + it.length);
  return [...u16(items.length), 4, ...offs.flatMap(u32), ...items.flat()];
}

/** A DICT operand as a fixed five-byte integer (so offsets can be filled in later). */
const int5 = (v: number): number[] => [29, ...u32(v)];
/** A Type 2 charstring number. */
const cs = (v: number): number[] => [28, ...i16(v)];

/** A name-keyed CFF: glyph names g1, g2, … in its charset, its Private DICT on the Top DICT. */
function nameKeyedCff(name: string, charStrings: number[][]): number[] {
  const strings = charStrings.slice(1).map((_, i) => `g${i + 1}`);
  const charset = [0, ...strings.flatMap((_, i) => u16(391 + i))];
  const priv = [...int5(1000), 20];
  const top = (o: { charset: number; charStrings: number; priv: number }): number[] => [...int5(o.charset), 15, ...int5(o.charStrings), 17, ...int5(priv.length), ...int5(o.priv), 18];
  const header = [1, 0, 4, 4];
  const nameIndex = index([ascii(name)]);
  const topSize = index([top({ charset: 0, charStrings: 0, priv: 0 })]).length;
  const stringIndex = index(strings.map(ascii));
  const gsubr = index([]);
  const at = { charset: header.length + nameIndex.length + topSize + stringIndex.length + gsubr.length, charStrings: 0, priv: 0 };
  at.charStrings = at.charset + charset.length;
  at.priv = at.charStrings + index(charStrings).length;
  return [...header, ...nameIndex, ...index([top(at)]), ...stringIndex, ...gsubr, ...charset, ...index(charStrings), ...priv];
}

function cff(name: string, glyphs: CffGlyph[], cidKeyed: boolean): number[] {
  const n = glyphs.length + 1;
  const charStrings = [[14], ...glyphs.map(({ rect: [x0, y0, x1, y1] }) => [...cs(x0), ...cs(y0), 21, ...cs(x1 - x0), ...cs(0), 5, ...cs(0), ...cs(y1 - y0), 5, ...cs(x0 - x1), ...cs(0), 5, 14])];
  if (!cidKeyed) return nameKeyedCff(name, charStrings);
  const strings = ['Adobe', 'Identity', `${name}-FD`];
  const sid = (i: number): number => 391 + i;
  const charset = [0, ...glyphs.flatMap((g) => u16(g.cid))];
  const fdSelect = [0, ...new Array(n).fill(0)];
  const priv = [...int5(1000), 20]; // defaultWidthX
  // Top DICT with fixed-size operands; offsets filled in once the layout is known.
  const top = (o: { charset: number; fdSelect: number; charStrings: number; fdArray: number }): number[] => [
    ...int5(sid(0)), ...int5(sid(1)), ...int5(0), 12, 30, // ROS
    ...int5(65535), 12, 34, // CIDCount
    ...int5(o.charset), 15,
    ...int5(o.fdSelect), 12, 37,
    ...int5(o.charStrings), 17,
    ...int5(o.fdArray), 12, 36,
  ];
  const fontDict = (privOffset: number): number[] => [...int5(sid(2)), 12, 38, ...int5(priv.length), ...int5(privOffset), 18];
  const header = [1, 0, 4, 4];
  const nameIndex = index([ascii(name)]);
  const topSize = index([top({ charset: 0, fdSelect: 0, charStrings: 0, fdArray: 0 })]).length;
  const stringIndex = index(strings.map(ascii));
  const gsubr = index([]);
  const at = { charset: header.length + nameIndex.length + topSize + stringIndex.length + gsubr.length, fdSelect: 0, charStrings: 0, fdArray: 0 };
  at.fdSelect = at.charset + charset.length;
  at.charStrings = at.fdSelect + fdSelect.length;
  at.fdArray = at.charStrings + index(charStrings).length;
  const privAt = at.fdArray + index([fontDict(0)]).length;
  return [...header, ...nameIndex, ...index([top(at)]), ...stringIndex, ...gsubr, ...charset, ...fdSelect, ...index(charStrings), ...index([fontDict(privAt)]), ...priv];
}

function cmap(glyphs: CffGlyph[]): number[] {
  const segs = [...glyphs.map((g, i) => ({ code: g.unicode, gid: i + 1 })).sort((a, b) => a.code - b.code), { code: 0xffff, gid: 0 }];
  const segX2 = segs.length * 2;
  const log = Math.floor(Math.log2(segs.length));
  const sub = [
    ...u16(4), ...u16(16 + segs.length * 8), ...u16(0), ...u16(segX2), ...u16(2 ** (log + 1)), ...u16(log), ...u16(segX2 - 2 ** (log + 1)),
    ...segs.flatMap((s) => u16(s.code)), ...u16(0),
    ...segs.flatMap((s) => u16(s.code)),
    ...segs.flatMap((s) => u16((s.gid - s.code) & 0xffff)),
    ...segs.flatMap(() => u16(0)),
  ];
  return [...u16(0), ...u16(1), ...u16(3), ...u16(1), ...u32(12), ...sub];
}

function nameTable(family: string, ps: string): number[] {
  const recs: [number, string][] = [[1, family], [2, 'Regular'], [4, family], [6, ps]];
  const data: number[] = [];
  const out = [...u16(0), ...u16(recs.length), ...u16(6 + recs.length * 12)];
  for (const [id, s] of recs) {
    const bytes = [...s].flatMap((c) => u16(c.charCodeAt(0)));
    out.push(...u16(3), ...u16(1), ...u16(0x409), ...u16(id), ...u16(bytes.length), ...u16(data.length));
    data.push(...bytes);
  }
  return [...out, ...data];
}

export function makeCidCffFont(ps: string, glyphs: CffGlyph[], o: { cidKeyed?: boolean } = {}): Uint8Array {
  const n = glyphs.length + 1;
  const head = [...u32(0x00010000), ...u32(0x00010000), ...u32(0), ...u32(0x5f0f3cf5), ...u16(3), ...u16(1000), ...new Array(16).fill(0), ...i16(0), ...i16(-120), ...i16(1000), ...i16(880), ...u16(0), ...u16(8), ...i16(2), ...i16(0), ...i16(0)];
  const hhea = [...u32(0x00010000), ...i16(880), ...i16(-120), ...i16(0), ...u16(1000), ...i16(0), ...i16(0), ...i16(1000), ...i16(1), ...i16(0), ...i16(0), ...new Array(8).fill(0), ...i16(0), ...u16(n)];
  const maxp = [...u32(0x00005000), ...u16(n)];
  const hmtx = Array.from({ length: n }, () => [...u16(1000), ...i16(0)]).flat();
  const os2 = [
    ...u16(4), ...i16(1000), ...u16(400), ...u16(5), ...u16(0), // version, xAvgCharWidth, weight, width, fsType 0: embedding allowed
    ...new Array(20).fill(0), // subscript/superscript/strikeout metrics
    ...i16(0), // sFamilyClass
    ...new Array(10).fill(0), // panose
    ...new Array(16).fill(0), // ulUnicodeRange
    ...ascii('GWEN'), ...u16(0x40), ...u16(0x20), ...u16(0xffff), // vendor, fsSelection, first/last char
    ...i16(880), ...i16(-120), ...i16(0), ...u16(880), ...u16(120), // typo ascender/descender/lineGap, win ascent/descent
    ...new Array(8).fill(0), // code page ranges
    ...i16(500), ...i16(700), ...u16(0), ...u16(32), ...u16(0), // xHeight, capHeight, default, break, max context
  ];
  const post = [...u32(0x00030000), ...u32(0), ...i16(-100), ...i16(50), ...new Array(20).fill(0)];
  return buildSfnt(0x4f54544f, [
    { tag: 'CFF ', data: new Uint8Array(cff(ps, glyphs, o.cidKeyed !== false)) },
    { tag: 'OS/2', data: new Uint8Array(os2) },
    { tag: 'cmap', data: new Uint8Array(cmap(glyphs)) },
    { tag: 'head', data: new Uint8Array(head) },
    { tag: 'hhea', data: new Uint8Array(hhea) },
    { tag: 'hmtx', data: new Uint8Array(hmtx) },
    { tag: 'maxp', data: new Uint8Array(maxp) },
    { tag: 'name', data: new Uint8Array(nameTable(ps, ps)) },
    { tag: 'post', data: new Uint8Array(post) },
  ]);
}
