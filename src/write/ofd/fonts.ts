// The faces the pages draw, embedded as subsets under Res/ (PublicRes Fonts → FontFile).
// An OFD reader draws a TextCode's characters through the embedded file's own cmap (GB/T 33190
// §11: the character code is the text, the font maps it), so a subset stripped to glyph ids, as
// a PDF's CID font may be, would draw nothing. Which characters the subset's cmap gives the
// glyph drawn is read from the subset itself; every other glyph (a fallback glyph, one glyph for
// two characters, a glyph for none, a character the subset's cmap lacks) is named by a
// CGTransform (text.ts) in the subset's own numbering (gidMap).
//
// The subset is hb-subset's plain one (the PDF writer asks for the same, so a build making both
// subsets each face once): measured on every face of the examples, it keeps the cmap entry of
// each character whose glyph it keeps — byte-identical to subsetFace's keepCmap subset where that
// one succeeds, and keepCmap failed its glyph-count check on '<' and '≥' (2021-cluster-
// evaluation: hb-subset adds the glyph of the mirrored character, '>' and '≤'). The 2020-191
// notice (12 pages, five faces) is 151 KB with subsets, 6.0 MB with the whole faces.
//
// A CID-keyed CFF face (a user's own OpenType 仿宋 may be one): the subset's gidMap gives CIDs,
// which a PDF wants and an OFD's CGTransform does not; such a face is subset keeping its glyph
// ids instead (larger, but every id is the original's).
import type { FaceInfo, PagedDocument } from '../../layout/frame/types.js';
import { readDirectory, table } from '../../fonts/sfnt.js';
import { cmapGlyphs } from '../../fonts/cmap.js';
import { subsetFace, type SubsetGlyph } from '../../fonts/subset.js';
import type { TextFace } from './text.js';
import type { FontRes } from './document.js';

export interface FontSource {
  face(key: string): FaceInfo;
  sfnt(key: string): Promise<Uint8Array>;
}

/** Faces in order of first use. */
export function facesUsed(doc: PagedDocument): string[] {
  const used = new Set<string>();
  for (const page of doc.pages) for (const item of page.items) if (item.kind === 'text') used.add(item.face);
  return [...used];
}

/**
 * A font file's cmap reader, built once per bytes object (the font book hands out one sfnt per
 * face, subsetFace one result per face and glyph set); a file without a cmap maps nothing.
 */
const cmaps = new WeakMap<Uint8Array, (cp: number) => number>();

function cmapOf(font: Uint8Array): (cp: number) => number {
  let glyphOf = cmaps.get(font);
  if (!glyphOf) {
    const cmap = table(font, readDirectory(font), 'cmap');
    glyphOf = cmap ? cmapGlyphs(cmap) : () => 0;
    cmaps.set(font, glyphOf);
  }
  return glyphOf;
}

export interface EmbeddedFonts {
  faces: Map<string, TextFace>;
  resources: FontRes[];
  files: [string, Uint8Array][];
}

/** The glyph ids of one face the pages draw. */
function glyphsOf(doc: PagedDocument, key: string): SubsetGlyph[] {
  const seen = new Set<number>();
  for (const page of doc.pages) {
    for (const item of page.items) {
      if (item.kind !== 'text' || item.face !== key) continue;
      for (let i = 0; i < item.glyphs.length; i++) seen.add(item.glyphs.gid(i));
    }
  }
  return [...seen].map((gid) => ({ gid }));
}

export async function embedFonts(doc: PagedDocument, fonts: FontSource, used: string[], ids: Map<string, number>): Promise<EmbeddedFonts> {
  const faces = new Map<string, TextFace>();
  const resources: FontRes[] = [];
  const files: [string, Uint8Array][] = [];
  for (const key of used) {
    const info = doc.faces[key] ?? fonts.face(key);
    const sfnt = await fonts.sfnt(key);
    const keep = glyphsOf(doc, key);
    let sub = await subsetFace(sfnt, keep);
    if (sub.cidKeyed) sub = await subsetFace(sfnt, keep, { retainGids: true });
    const id = ids.get(key)!;
    const file = `font_${id}.${sub.cff ? 'otf' : 'ttf'}`;
    const gidMap = sub.gidMap;
    const embedded = (gid: number): number => {
      const n = gidMap.get(gid);
      if (n === undefined) throw new Error(`font ${info.postscriptName}: glyph ${gid} missing from its subset`);
      return n;
    };
    const subsetGlyphOf = cmapOf(sub.bytes);
    faces.set(key, { fontId: id, info, embedded, simple: (cp, gid) => subsetGlyphOf(cp) === embedded(gid) });
    resources.push({ id, fontName: info.postscriptName, familyName: info.family, file });
    files.push([`Doc_0/Res/${file}`, sub.bytes]);
  }
  return { faces, resources, files };
}
