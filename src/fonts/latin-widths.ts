// How wide the PDF draws the characters that are not CJK (digits, Latin letters, %, ASCII
// punctuation), per font role: the advance of each in the face Chromium takes it from (the
// first face of the role's chain that has it), in ems. The layout stage counts body lines on
// the 28-character grid; a CJK character is one grid character in any font, but a digit is
// not half of one: Noto Serif SC's digits are 0.55 em and its % 0.91 em, 仿宋_GB2312's 0.5 em.
// Measured on content/2021-zhuzhou-cluster-plan.md: with 0.5 em assumed, three paragraphs
// ending in figures ("2020年", "1800亿元", "75%") took a line more in Chromium than on the
// grid and moved two headings a page.
import { readFileSync, statSync } from 'node:fs';
import { fontkit } from './fontkit-lazy.js';
import type { FontkitFont } from 'fontkit';
import type { FontRole } from '../profile/gbt9704.js';
import type { FontMap } from './font-map.js';
import { FONT_ROLES } from './font-map.js';
import { inRanges } from './unicode-range.js';
import { woff2Advances } from './woff2-cmap.js';

/** Ems of each non-CJK character, by role (the shape layout/measure's LatinWidths takes). */
export type LatinWidthsByRole = Partial<Record<FontRole, Record<string, number>>>;

/** The characters measured: printable ASCII (the grid's nominal half width stands for the rest). */
const MEASURED: string[] = [];
for (let cp = 0x20; cp <= 0x7e; cp++) MEASURED.push(String.fromCodePoint(cp));

const byMap = new WeakMap<FontMap, LatinWidthsByRole>();

/**
 * The regular faces' advances of the measured characters, per role, once per font map. A
 * role's table is read when a width of it is first asked for: LXGW WenKai (楷体) is one 7 MB
 * WOFF2 (220 ms to decompress), opened only for a （一） heading with a figure in it.
 */
export function latinWidths(fonts: FontMap): LatinWidthsByRole {
  let hit = byMap.get(fonts);
  if (hit) return hit;
  // One reader per file: a WOFF2's tables through zlib (fontkit's JavaScript Brotli took 6 s
  // for the substitutes' slices), any other font through fontkit.
  const readers = new Map<string, ((cp: number) => number | undefined) | undefined>();
  const reader = (path: string) => {
    if (!readers.has(path)) readers.set(path, openReader(path));
    return readers.get(path);
  };
  const measure = (role: FontRole): Record<string, number> => {
    const widths: Record<string, number> = {};
    for (const ch of MEASURED) {
      const cp = ch.codePointAt(0)!;
      for (const face of fonts.roles[role] ?? []) {
        // The files of a face are one design: the smallest that has the character answers
        // (a package's 18 KB Latin file, not its 1.5 MB Chinese one).
        const files = face.files.filter((f) => f.weight === 400 && (!f.ranges || inRanges(f.ranges, cp))).sort((a, b) => sizeOf(a.path) - sizeOf(b.path));
        let em: number | undefined;
        for (const file of files) if ((em = reader(file.path)?.(cp)) !== undefined) break;
        if (em === undefined) continue;
        widths[ch] = em;
        break;
      }
    }
    return widths;
  };
  hit = {};
  for (const role of FONT_ROLES) hit[role] = lazy(() => measure(role));
  byMap.set(fonts, hit);
  return hit;
}

/** A table that is computed on its first read. */
function lazy(make: () => Record<string, number>): Record<string, number> {
  let table: Record<string, number> | undefined;
  const get = () => (table ??= make());
  return new Proxy({} as Record<string, number>, {
    get: (_, key) => (typeof key === 'string' ? get()[key] : undefined),
    has: (_, key) => key in get(),
    ownKeys: () => Reflect.ownKeys(get()),
    getOwnPropertyDescriptor: (_, key) => Reflect.getOwnPropertyDescriptor(get(), key),
  });
}

function openReader(path: string): ((cp: number) => number | undefined) | undefined {
  try {
    const fast = woff2Advances(path);
    if (fast) return fast;
    const parsed = fontkit().create(readFileSync(path));
    const font: FontkitFont = 'fonts' in parsed ? parsed.fonts[0] : parsed;
    return (cp) => (font.hasGlyphForCodePoint(cp) ? font.glyphForCodePoint(cp).advanceWidth / font.unitsPerEm : undefined);
  } catch {
    return undefined;
  }
}

const sizes = new Map<string, number>();
function sizeOf(path: string): number {
  let n = sizes.get(path);
  if (n === undefined) {
    try {
      n = statSync(path).size;
    } catch {
      n = Infinity;
    }
    sizes.set(path, n);
  }
  return n;
}
