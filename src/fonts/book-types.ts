// The font book: what the layout stage measures with and what the writers embed. For each
// GB/T 9704 role an ordered chain of faces (the user's fonts, then the fonts installed on the
// machine under the standard's names, then the free substitutes shipped as npm packages); a
// character is drawn from the first face of the chain that has it. Each face is one sfnt
// (a WOFF2 is decoded once and the sfnt kept in the user's cache folder), with its own glyph ids.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { FontRole } from '../profile/gbt9704.js';

/** One character's glyph, as the layout stage places it. */
export interface BookGlyph {
  /** Key of the face (FaceInfo.key), stable for the same font file within a process and across rebuilds. */
  face: string;
  gid: number;
  /** Advance in ems (the face's advance width / unitsPerEm). */
  advanceEm: number;
}

export interface Substitution {
  role: FontRole;
  /** The face used for the role. */
  used: string;
  /** The official font the role wants (DOCX names it). */
  wanted: string;
}

export interface FontBook {
  /**
   * The glyph for one code point in a role's chain (its bold files when `bold` and the face has
   * them). A character no face of the chain has comes back as glyph 0 of the chain's first face
   * with an advance of 1 em, and is reported by `missing`.
   */
  glyph(role: FontRole, bold: boolean, cp: number): BookGlyph;
  /** What a face is (for the writers' font dictionaries). */
  face(key: string): FaceInfo;
  /** The face's sfnt (TrueType or CFF OpenType), decoded from WOFF2 where it was one. */
  sfnt(key: string): Promise<Uint8Array>;
  /** The characters of `text` that no face of `role` has (unique, in order of appearance). */
  missing(role: FontRole, text: string): string[];
  /** Roles served by a free substitute because no user or system font plays them. */
  substitutions: Substitution[];
  /** Warnings about fonts (unreadable files, a user font without the characters it should have). */
  diagnostics: Diagnostic[];
  /** Which faces serve each role, in chain order, for `--verbose` and `gongwen doctor`. */
  describe(): { role: FontRole; faces: { name: string; source: string }[] }[];
}

/**
 * What a face is, for the layout stage that draws with it and the writers that embed it (the
 * positioned pages name faces by `key`; `sfnt` gives the bytes).
 */
export interface FaceInfo {
  key: string;
  /** For people and the PDF's BaseFont: a PostScript name without spaces. */
  postscriptName: string;
  family: string;
  /** The role that chose it (the first role that used it). */
  role: FontRole;
  /** CFF outlines (OpenType 'OTTO'), else TrueType. */
  cff: boolean;
  unitsPerEm: number;
  /** Ascender and descender in font units (descender negative), cap height if known. */
  ascender: number;
  descender: number;
  capHeight?: number;
  /** Bounding box in font units [xMin, yMin, xMax, yMax]. */
  bbox: [number, number, number, number];
  /** Where it came from, for `--verbose` and `doctor`: a file path or a package name. */
  source: string;
}
