// One text run as an OFD TextObject. OFD readers draw a TextCode's characters through the
// embedded font's cmap and place the i-th character at X + ΣDeltaX[0..i-1]; so each glyph's own
// place is kept exactly by writing the differences of the layout's x positions (justification
// and punctuation compression are in them), not the advances. A glyph the cmap does not give
// for its character (a fallback glyph, one glyph for two characters, a glyph for no character)
// gets a CGTransform naming the glyph, so the reader draws what the PDF draws.
import type { TextItem, FaceInfo } from '../../layout/frame/types.js';
import { esc, mm, um, num, color, box } from './xml.js';

export interface TextFace {
  /** The Font resource's ID. */
  fontId: number;
  info: FaceInfo;
  /** The glyph id in the embedded file (renumbered in a subset). */
  embedded(gid: number): number;
  /** Whether the embedded file's cmap gives, for this character, the glyph with this (original) id. */
  simple(cp: number, gid: number): boolean;
}

/** Characters of one cluster and the glyphs drawn for them, at the first glyph's x. */
interface Cluster {
  codes: string[];
  gids: number[];
  x: number;
}

/** Characters XML 1.0 cannot carry (esc drops them): they are no character codes of a TextCode. */
const NOT_XML = /^[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff\ud800-\udfff]$/;

/** Glyphs into clusters: a glyph that stands for no character joins the cluster before it. */
function clusters(item: TextItem): Cluster[] {
  const out: Cluster[] = [];
  let pending: number[] = [];
  const gs = item.glyphs;
  for (let i = 0; i < gs.length; i++) {
    const codes = Array.from(gs.text(i)).filter((c) => !NOT_XML.test(c));
    if (codes.length === 0) {
      if (out.length) out[out.length - 1].gids.push(gs.gid(i));
      else pending.push(gs.gid(i));
      continue;
    }
    out.push({ codes, gids: [...pending, gs.gid(i)], x: gs.x(i) });
    pending = [];
  }
  return out;
}

/** DeltaX as GB/T 33190 §11.3 allows: a run of three or more equal values as "g N v". */
export function deltaArray(deltas: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < deltas.length; ) {
    let j = i + 1;
    while (j < deltas.length && deltas[j] === deltas[i]) j++;
    const n = j - i;
    if (n >= 3) parts.push(`g ${n} ${mm(deltas[i])}`);
    else for (let k = i; k < j; k++) parts.push(mm(deltas[k]));
    i = j;
  }
  return parts.join(' ');
}

/**
 * The TextObject of a run, or '' for a run with no character to write (OFD text must carry at
 * least one character code).
 */
export function textObject(item: TextItem, id: number, face: TextFace): string {
  const cs = clusters(item);
  if (cs.length === 0) return '';
  const upm = face.info.unitsPerEm || 1000;
  const asc = (Math.max(face.info.ascender, face.info.bbox[3]) / upm) * item.sizePt;
  const desc = (Math.min(face.info.descender, face.info.bbox[1]) / upm) * item.sizePt;
  // Glyph places relative to the run's origin, on the micrometre grid; deltas between the
  // rounded places, so no rounding adds up along a line.
  const first = um(cs[0].x);
  const codes: string[] = [];
  const deltas: number[] = [];
  const transforms: string[] = [];
  let prev = first;
  for (const c of cs) {
    const at = um(c.x);
    if (codes.length) deltas.push(at - prev);
    // The cluster's other characters stand where its first does (its glyphs are drawn there).
    for (let k = 1; k < c.codes.length; k++) deltas.push(0);
    prev = at;
    const simple = c.codes.length === 1 && c.gids.length === 1 && face.simple(c.codes[0].codePointAt(0)!, c.gids[0]);
    if (!simple) {
      const glyphs = c.gids.map((g) => face.embedded(g)).join(' ');
      transforms.push(
        `<ofd:CGTransform CodePosition="${codes.length}" CodeCount="${c.codes.length}" GlyphCount="${c.gids.length}"><ofd:Glyphs>${glyphs}</ofd:Glyphs></ofd:CGTransform>`,
      );
    }
    codes.push(...c.codes);
  }
  // Extent of the run along its baseline, from its origin.
  let right = 0;
  for (let i = 0; i < item.glyphs.length; i++) right = Math.max(right, um(item.glyphs.x(i) + item.glyphs.advance(i)));
  const left = Math.min(0, first);
  const top = -um(asc);
  const bottom = -um(desc);
  const size = `Size="${mm(um(item.sizePt))}"`;
  const fill = color('FillColor', item.color);
  const dx = deltas.length ? ` DeltaX="${deltaArray(deltas)}"` : '';
  const text = esc(codes.join(''));
  const ox = um(item.x);
  const oy = um(item.y);
  const rot = item.rotation ? (item.rotation % 360 + 360) % 360 : 0;
  if (!rot) {
    // Upright: the Boundary's origin is the run's top-left; TextCode's X, Y are the first
    // glyph's place on the baseline within it.
    const bx = ox + left;
    const by = oy + top;
    return (
      `<ofd:TextObject ID="${id}" Boundary="${box(bx, by, right - left, bottom - top)}" Font="${face.fontId}" ${size}>` +
      fill +
      transforms.join('') +
      `<ofd:TextCode X="${mm(ox + first - bx)}" Y="${mm(oy - by)}"${dx}>${text}</ofd:TextCode></ofd:TextObject>`
    );
  }
  // Turned about the run's origin (clockwise, y down): the CTM turns the text's own frame, whose
  // origin is the run's origin, and moves it to that origin's place in the Boundary, which is the
  // turned box's bounding box.
  const a = (rot * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const corners = [
    [left, top],
    [right, top],
    [right, bottom],
    [left, bottom],
  ].map(([x, y]) => [x * cos - y * sin, x * sin + y * cos]);
  const minX = Math.floor(Math.min(...corners.map((p) => p[0])));
  const minY = Math.floor(Math.min(...corners.map((p) => p[1])));
  const maxX = Math.ceil(Math.max(...corners.map((p) => p[0])));
  const maxY = Math.ceil(Math.max(...corners.map((p) => p[1])));
  const bx = ox + minX;
  const by = oy + minY;
  const ctm = [cos, sin, -sin, cos, (ox - bx) / 1000, (oy - by) / 1000].map(num).join(' ');
  return (
    `<ofd:TextObject ID="${id}" Boundary="${box(bx, by, maxX - minX, maxY - minY)}" CTM="${ctm}" Font="${face.fontId}" ${size}>` +
    fill +
    transforms.join('') +
    `<ofd:TextCode X="${mm(first)}" Y="0"${dx}>${text}</ofd:TextCode></ofd:TextObject>`
  );
}
