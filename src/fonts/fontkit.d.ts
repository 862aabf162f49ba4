// fontkit 2 ships no types: declare the little of it that src/fonts uses.
declare module 'fontkit' {
  export interface FontkitFont {
    familyName: string;
    fullName: string;
    postscriptName: string;
    subfamilyName: string;
    directory: { tables: Record<string, unknown> };
    name?: { records?: Record<string, Record<string, string> | undefined> };
    hasGlyphForCodePoint(codePoint: number): boolean;
    characterSet: number[];
    unitsPerEm: number;
    glyphForCodePoint(codePoint: number): { advanceWidth: number };
  }
  export interface FontkitCollection {
    fonts: FontkitFont[];
    type: 'TTC' | 'DFont';
  }
  export function create(buffer: Uint8Array, postscriptName?: string): FontkitFont | FontkitCollection;
}
