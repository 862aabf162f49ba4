// The faces the pages draw, embedded as subsets under Res/ (PublicRes Fonts → FontFile).
// An OFD reader draws a TextCode's characters through the embedded file's own cmap (GB/T 33190
// §11: the character code is the text, the font maps it), so a subset stripped to glyph ids, as
// a PDF's CID font may be, draws nothing. Each subset keeps (keepCmap) the cmap entry of every
// character a glyph is written for where that character's glyph in the original face is the
// glyph drawn; every other glyph (a fallback glyph, one glyph for two characters, a glyph for
// none) is named by a CGTransform (text.ts) in the subset's own numbering (gidMap). The
// 2020-191 notice (12 pages, five faces) is 151 KB with subsets, 6.0 MB with the whole faces.
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

/** Each face's cmap reader, built once per sfnt (the font book hands out one bytes object per face). */
const cmaps = new WeakMap<Uint8Array, (cp: number) => number>();

function cmapOf(sfnt: Uint8Array, info: FaceInfo): (cp: number) => number {
  let glyphOf = cmaps.get(sfnt);
  if (!glyphOf) {
    const cmap = table(sfnt, readDirectory(sfnt), 'cmap');
    if (!cmap) throw new Error(`font ${info.postscriptName} (${info.source}) has no cmap: an OFD reader could not draw its text`);
    glyphOf = cmapGlyphs(cmap);
    cmaps.set(sfnt, glyphOf);
  }
  return glyphOf;
}

export interface EmbeddedFonts {
  faces: Map<string, TextFace>;
  resources: FontRes[];
  files: [string, Uint8Array][];
}

/** The glyphs of one face to keep, each with its character where the face's cmap gives that glyph for it. */
function glyphsOf(doc: PagedDocument, key: string, glyphOf: (cp: number) => number): SubsetGlyph[] {
  const seen = new Map<string, SubsetGlyph>();
  for (const page of doc.pages) {
    for (const item of page.items) {
      if (item.kind !== 'text' || item.face !== key) continue;
      for (const g of item.glyphs) {
        const codes = Array.from(g.text);
        const cp = codes.length === 1 ? codes[0].codePointAt(0)! : undefined;
        const kept: SubsetGlyph = cp !== undefined && glyphOf(cp) === g.gid ? { gid: g.gid, cp } : { gid: g.gid };
        seen.set(`${kept.gid}:${kept.cp ?? ''}`, kept);
      }
    }
  }
  return [...seen.values()];
}

export async function embedFonts(doc: PagedDocument, fonts: FontSource, used: string[], ids: Map<string, number>): Promise<EmbeddedFonts> {
  const faces = new Map<string, TextFace>();
  const resources: FontRes[] = [];
  const files: [string, Uint8Array][] = [];
  for (const key of used) {
    const info = doc.faces[key] ?? fonts.face(key);
    const sfnt = await fonts.sfnt(key);
    const glyphOf = cmapOf(sfnt, info);
    const keep = glyphsOf(doc, key, glyphOf);
    let sub = await subsetFace(sfnt, keep, { keepCmap: true });
    if (sub.cidKeyed) sub = await subsetFace(sfnt, keep, { keepCmap: true, retainGids: true });
    const id = ids.get(key)!;
    const file = `font_${id}.${sub.cff ? 'otf' : 'ttf'}`;
    const gidMap = sub.gidMap;
    faces.set(key, {
      fontId: id,
      info,
      glyphOf,
      embedded: (gid) => {
        const n = gidMap.get(gid);
        if (n === undefined) throw new Error(`font ${info.postscriptName}: glyph ${gid} missing from its subset`);
        return n;
      },
    });
    resources.push({ id, fontName: info.postscriptName, familyName: info.family, file });
    files.push([`Doc_0/Res/${file}`, sub.bytes]);
  }
  return { faces, resources, files };
}
