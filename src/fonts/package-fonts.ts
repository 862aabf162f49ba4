// Free substitutes from the @fontsource packages: Google's TrueType-flavoured WOFF2, split by
// unicode-range. Reading the package's own CSS gives the subset files and the ranges, so
// coverage is known without opening a single font file (LXGW WenKai ships one file without a
// range: its coverage comes from its cmap, read lazily).
//
// Only the files gongwen draws with are shipped (issue 22): the packages hold every weight in
// WOFF and WOFF2, 218 MB, of which the weights below take 43 MB. They are devDependencies;
// scripts/copy-fonts.mjs copies the CSS named by SHIPPED_FONT_CSS, the WOFF2 files that CSS
// names, and the SVG faces (svg-fonts.ts) into dist/package-fonts/ (util/package-font-dir.ts),
// keeping the packages' paths. That folder is the one place fonts are read from, in the tarball
// and in a checkout (`npm run build` and the test setup fill it there).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { packageFontPath } from '../util/package-font-dir.js';
import type { FontRole } from '../profile/gbt9704.js';
import { normalizeRanges, parseUnicodeRange, type Range } from './unicode-range.js';

export interface PackageSubset {
  /** Absolute path of the .woff2 file. */
  path: string;
  /** The subset's code points; undefined when the file covers everything it has. */
  ranges?: Range[];
}

export interface PackageFace {
  package: string;
  family: string;
  weight: number;
  subsets: PackageSubset[];
}

/**
 * The substitute for each role, and why:
 * - fangsong → Noto Serif SC 300: 仿宋 is a Song-structured face with thin, even strokes; a light
 *   Song is the nearest free shape, and keeping it a Song leaves 楷体 (the （一） headings)
 *   visibly different from the body text, as in the real documents.
 * - xiaobiaosong → Noto Serif SC 700: 小标宋 is a heavy, high-contrast Song for titles and the 标志.
 * - heiti → Noto Sans SC 500: 黑体 (SimHei) is a medium-weight Gothic, darker than a regular Sans.
 * - kaiti → LXGW WenKai 500 (its regular): the only free Kai with full GB coverage that is TrueType.
 * - song → Noto Serif SC 400: 宋体 is a regular Song.
 * Bold runs get a real bold file (boldWeight), drawn as it is: no synthetic bold.
 */
export const SUBSTITUTES: Record<FontRole, { package: string; weight: number; boldWeight: number }> = {
  fangsong: { package: '@fontsource/noto-serif-sc', weight: 300, boldWeight: 700 },
  xiaobiaosong: { package: '@fontsource/noto-serif-sc', weight: 700, boldWeight: 900 },
  heiti: { package: '@fontsource/noto-sans-sc', weight: 500, boldWeight: 700 },
  kaiti: { package: '@fontsource/lxgw-wenkai', weight: 500, boldWeight: 700 },
  song: { package: '@fontsource/noto-serif-sc', weight: 400, boldWeight: 700 },
};

/**
 * The last face of every chain: the symbols no CJK substitute has. The application forms' choices
 * are ☑ and □ (U+2611, U+25A1): Noto Serif SC, Noto Sans SC and LXGW WenKai have □ but not ☑,
 * and a form drawn with ☑ as an empty box says the opposite of what was ticked. Noto Sans Symbols 2
 * has both (its `symbols` slice), in 888 KB of package.
 */
export const SYMBOLS = { package: '@fontsource/noto-sans-symbols-2', weight: 400 } as const;

/** The CSS files of the faces above: each weight's slices, and the Noto packages' whole files. */
export const SHIPPED_FONT_CSS: string[] = (() => {
  const out = new Set<string>([`${SYMBOLS.package}/${SYMBOLS.weight}.css`]);
  for (const { package: pkg, weight, boldWeight } of Object.values(SUBSTITUTES)) {
    for (const w of [weight, boldWeight]) {
      out.add(`${pkg}/${w}.css`);
      if (pkg.startsWith('@fontsource/noto-')) for (const part of ['chinese-simplified', 'latin']) out.add(`${pkg}/${part}-${w}.css`);
    }
  }
  return [...out].sort();
})();

/** Read `<package>/<weight>.css` and list its @font-face subsets. */
export function loadPackageFace(pkg: string, weight: number): PackageFace {
  return readPackageCss(pkg, `${weight}.css`, weight);
}

/**
 * The package's whole simplified-Chinese file and its Latin file, when it ships them (the Noto
 * packages do): about 8,000 characters in one font, so a paragraph's text comes from one face
 * rather than from many of the hundred small unicode-range slices (when Chromium drew the PDF,
 * a page printed in a third less time so). The slices stay
 * behind it for the rarer characters.
 */
export function loadPackageWhole(pkg: string, weight: number): PackageFace | undefined {
  try {
    const cjk = readPackageCss(pkg, `chinese-simplified-${weight}.css`, weight);
    const latin = readPackageCss(pkg, `latin-${weight}.css`, weight);
    // The Chinese file first: its punctuation and digits are the ones the slices would give.
    return { ...cjk, subsets: [...cjk.subsets.map((s) => ({ path: s.path, ranges: undefined })), ...latin.subsets] };
  } catch {
    return undefined;
  }
}

const cssMemo = new Map<string, PackageFace>();

/**
 * A package CSS file's faces, read once per process; each slice's unicode-range is parsed when
 * first asked (a weight's CSS lists ~10,000 ranges over 100 slices: 50 ms to parse all, while a
 * document's characters are nearly all in the whole file and only a rare one reaches a slice).
 */
function readPackageCss(pkg: string, file: string, weight: number): PackageFace {
  const id = `${pkg}/${file}`;
  let hit = cssMemo.get(id);
  if (!hit) cssMemo.set(id, (hit = parsePackageCss(pkg, file, weight)));
  return hit;
}

function parsePackageCss(pkg: string, file: string, weight: number): PackageFace {
  const cssPath = packageFontPath(`${pkg}/${file}`);
  const dir = dirname(cssPath);
  const css = readFileSync(cssPath, 'utf8');
  const subsets: PackageSubset[] = [];
  let family = pkg;
  for (const block of css.match(/@font-face\s*{[^}]*}/g) ?? []) {
    const fam = /font-family:\s*'([^']+)'/.exec(block);
    if (fam) family = fam[1];
    const url = /url\((\.\/files\/[^)]+\.woff2)\)/.exec(block);
    if (!url) continue;
    const range = /unicode-range:\s*([^;]+);/.exec(block);
    let parsed: Range[] | undefined;
    subsets.push({
      path: join(dir, url[1]),
      get ranges(): Range[] | undefined {
        if (range && !parsed) parsed = normalizeRanges(parseUnicodeRange(range[1]));
        return parsed;
      },
    });
  }
  if (subsets.length === 0) throw new Error(`no WOFF2 subsets in ${cssPath}`);
  return { package: pkg, family, weight, subsets };
}
