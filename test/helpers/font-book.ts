// A font book double for fast layout tests: one face per role (a bold face beside it), every
// CJK character 1 em, Latin from a small table (Times-like figures 0.5 em, letters 0.44–0.72),
// glyph ids the code points. No files are read.
import type { BookGlyph, FontBook } from '../../src/fonts/book-types.js';
import type { FaceInfo } from '../../src/layout/frame/types.js';
import type { FontRole } from '../../src/profile/gbt9704.js';
import { gridWide } from '../../src/layout/measure/text-width.js';

const LATIN: Record<string, number> = { ' ': 0.25, '.': 0.25, ',': 0.25, '%': 0.833, '-': 0.333, '/': 0.278, ':': 0.278, '(': 0.333, ')': 0.333, '@': 0.921 };
for (const d of '0123456789') LATIN[d] = 0.5;
for (const c of 'abcdefghijklmnopqrstuvwxyz') LATIN[c] = 'mw'.includes(c) ? 0.72 : 'ijlft'.includes(c) ? 0.28 : 0.5;
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') LATIN[c] = 'MW'.includes(c) ? 0.89 : 'I'.includes(c) ? 0.33 : 0.67;

export function advanceEm(cp: number): number {
  if (gridWide(cp) || cp >= 0x2e80) return 1;
  return LATIN[String.fromCodePoint(cp)] ?? 0.5;
}

export function fakeBook(): FontBook {
  const faces = new Map<string, FaceInfo>();
  const faceOf = (role: FontRole, bold: boolean): string => {
    const key = `${role}${bold ? '-bold' : ''}`;
    if (!faces.has(key))
      faces.set(key, { key, postscriptName: `Fake-${key}`, family: `Fake ${role}`, role, cff: false, unitsPerEm: 1000, ascender: 880, descender: -120, bbox: [0, -120, 1000, 880], source: 'test double' });
    return key;
  };
  // Memoised per (role, bold, code point), as the real book is.
  const memo = new Map<string, Map<number, BookGlyph>>();
  return {
    glyph(role: FontRole, bold: boolean, cp: number): BookGlyph {
      const k = bold ? `${role}-bold` : role;
      let m = memo.get(k);
      if (!m) memo.set(k, (m = new Map()));
      let g = m.get(cp);
      if (!g) m.set(cp, (g = { face: faceOf(role, bold), gid: cp, advanceEm: advanceEm(cp) }));
      return g;
    },
    face: (key) => faces.get(key)!,
    sfnt: async () => new Uint8Array(),
    missing: () => [],
    substitutions: [],
    diagnostics: [],
    describe: () => [],
  };
}
