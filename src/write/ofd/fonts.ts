// The faces the pages draw, embedded under Res/ (PublicRes Fonts → FontFile). An OFD reader
// draws a TextCode's characters through the embedded file's own cmap, so the file must keep a
// cmap for every character written; glyph ids the cmap does not give are named by CGTransform
// (text.ts) in the embedded file's numbering.
//
// TEMPORARY: until subsetFace (src/fonts/subset.ts, branch `fonts`) is merged the whole face is
// embedded, which keeps every glyph id and the full cmap.
import type { FaceInfo, PagedDocument } from '../../layout/frame/types.js';
import type { TextFace } from './text.js';
import type { FontRes } from './document.js';
import { sfntGlyphOf } from './sfnt-cmap.js';

export interface FontSource {
  face(key: string): FaceInfo;
  sfnt(key: string): Promise<Uint8Array>;
}

/** Faces in order of first use, each with the glyph ids drawn from it. */
export function facesUsed(doc: PagedDocument): Map<string, Set<number>> {
  const used = new Map<string, Set<number>>();
  for (const page of doc.pages) {
    for (const item of page.items) {
      if (item.kind !== 'text') continue;
      if (!used.has(item.face)) used.set(item.face, new Set());
      const set = used.get(item.face)!;
      for (const g of item.glyphs) set.add(g.gid);
    }
  }
  return used;
}

export interface EmbeddedFonts {
  faces: Map<string, TextFace>;
  resources: FontRes[];
  files: [string, Uint8Array][];
}

export async function embedFonts(doc: PagedDocument, fonts: FontSource, used: Map<string, Set<number>>, ids: Map<string, number>): Promise<EmbeddedFonts> {
  const faces = new Map<string, TextFace>();
  const resources: FontRes[] = [];
  const files: [string, Uint8Array][] = [];
  for (const [key] of used) {
    const info = doc.faces[key] ?? fonts.face(key);
    const sfnt = await fonts.sfnt(key);
    const id = ids.get(key)!;
    const file = `font_${id}.${info.cff ? 'otf' : 'ttf'}`;
    faces.set(key, { fontId: id, info, glyphOf: sfntGlyphOf(sfnt), embedded: (gid) => gid });
    resources.push({ id, fontName: info.postscriptName, familyName: info.family, file });
    files.push([`Doc_0/Res/${file}`, sfnt]);
  }
  return { faces, resources, files };
}
