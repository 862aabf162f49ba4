// What a subset is, in its own module: the subsetter (subset.ts) makes it and the cache
// (subset-store.ts) keeps and reads it back, and neither imports the other for it.

export interface SubsetResult {
  bytes: Uint8Array;
  /**
   * Old glyph id → the code a PDF content stream writes: the subset's glyph id, or for a
   * CID-keyed CFF face (`cidKeyed`) the glyph's CID. With `retainGids` the glyph ids are kept and
   * this is the identity, whatever the font (the OFD writer names glyph ids; see `cids`).
   */
  gidMap: Map<number, number>;
  /** Old glyph id → the subset's glyph id, always (an OFD CGTransform, fontkit). */
  glyphIds: Map<number, number>;
  /** Old glyph id → CID, for a CID-keyed CFF face only (what a PDF writes with `retainGids`). */
  cids?: Map<number, number>;
  cff: boolean;
  /** A CID-keyed CFF: a PDF content stream names glyphs by CID (CIDFontType0, no CIDToGIDMap). */
  cidKeyed: boolean;
}
