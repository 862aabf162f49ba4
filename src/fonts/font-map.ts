// The font map of the PDF: each GB/T 9704 role → an ordered chain of faces (the user's fonts
// first, then the free substitute). It writes the @font-face CSS the HTML needs, answers the
// font requests Chromium makes (request interception: fonts never come from file:// or the
// network), and tells which characters no face of a role has (Chromium would silently take a
// system font, maybe a CFF one, for them).
import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { fontkit } from './fontkit-lazy.js';
import type { FontkitFont } from 'fontkit';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { FontRole } from '../profile/gbt9704.js';
import { FONT_NAMES } from '../profile/gbt9704.js';
import { loadPackageFace, loadPackageWhole, SUBSTITUTES, type PackageFace } from './package-fonts.js';
import { inRanges, type Range } from './unicode-range.js';
import { woff2Coverage } from './woff2-cmap.js';
import { scanUserFonts } from './user-fonts.js';

export const FONT_ROLES: readonly FontRole[] = ['fangsong', 'xiaobiaosong', 'heiti', 'kaiti', 'song'];

/** Origin of the font URLs in the HTML; the PDF renderer answers it from `serve`. */
export const FONT_ORIGIN = 'http://fonts.local';

export interface FontFile {
  url: string;
  path: string;
  /** Code points of this file (a unicode-range subset); undefined: ask the font. */
  ranges?: Range[];
  /** The CSS weight it is declared at: 400 for the regular, 700 for the bold. */
  weight: 400 | 700;
  /**
   * A package's whole file, whose characters its unicode-range slices (later in the chain) all
   * have: coverage asks the slices and never opens this one (a 1.5 MB WOFF2 to decompress).
   */
  inSlices?: boolean;
}

export interface FontFace {
  /** The CSS family name of this face in the HTML, unique per face ("gw-fangsong-0"). */
  cssFamily: string;
  /** For people: "仿宋_GB2312 (fonts/fs.ttf)" or "Noto Serif SC 300 (@fontsource/noto-serif-sc)". */
  name: string;
  source: 'user' | 'package';
  files: FontFile[];
  /** CFF outlines: embedded as Type 3 by Chromium. */
  cff: boolean;
}

export interface Substitution {
  role: FontRole;
  /** The face used for the role. */
  used: string;
  /** The official font the role wants (DOCX names it). */
  wanted: string;
}

export interface FontMap {
  roles: Record<FontRole, FontFace[]>;
  /** Roles served by a free substitute because no user font plays them. */
  substitutions: Substitution[];
  /** Warnings about the user's fonts (CFF outlines, unreadable files). */
  diagnostics: Diagnostic[];
  /** @font-face rules plus `--font-<role>` custom properties holding each role's chain. */
  fontCss: string;
  /** Answer a font request of Chromium; undefined for a URL that is not ours. */
  serve(url: string): { body: Buffer; contentType: string } | undefined;
  /** The characters of `text` that no face of `role` has (unique, in order of appearance). */
  coverage(role: FontRole, text: string): string[];
}

const CONTENT_TYPES: Record<string, string> = {
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.ttc': 'font/collection',
};
const FORMATS: Record<string, string> = {
  '.woff2': 'woff2',
  '.woff': 'woff',
  '.ttf': 'truetype',
  '.otf': 'opentype',
  '.ttc': 'collection',
};

const cache = new Map<string, Promise<FontMap>>();

/** The font map of a project, built once per process per directory. */
export function loadFontMap(projectDir: string): Promise<FontMap> {
  const key = resolve(projectDir);
  let hit = cache.get(key);
  if (!hit) {
    hit = Promise.resolve().then(() => buildFontMap(key));
    cache.set(key, hit);
    hit.catch(() => cache.delete(key));
  }
  return hit;
}

function buildFontMap(projectDir: string): FontMap {
  const diagnostics: Diagnostic[] = [];
  const users = scanUserFonts(projectDir, diagnostics);
  const urlToPath = new Map<string, string>();
  const fontOfPath = new Map<string, FontkitFont>();
  const register = (path: string): string => {
    for (const [u, p] of urlToPath) if (p === path) return u;
    const base = path.split(/[\\/]/).pop() ?? 'font';
    // The index keeps URLs unique; the name is only for reading logs.
    const url = `${FONT_ORIGIN}/${urlToPath.size}/${encodeURIComponent(base)}`;
    urlToPath.set(url, path);
    return url;
  };

  const roles = {} as Record<FontRole, FontFace[]>;
  const substitutions: Substitution[] = [];
  for (const role of FONT_ROLES) {
    const chain: FontFace[] = [];
    const mine = users.filter((u) => u.role === role).sort((a, b) => a.rank - b.rank || a.display.localeCompare(b.display));
    // One face per family: a user's regular and bold files of 仿宋_GB2312 form one face.
    const families = new Map<string, typeof mine>();
    for (const u of mine) families.set(u.family, [...(families.get(u.family) ?? []), u]);
    for (const [family, files] of families) {
      for (const u of files) fontOfPath.set(u.path, u.font);
      chain.push({
        cssFamily: `gw-${role}-${chain.length}`,
        name: `${family} (${files.map((u) => u.display).join(', ')})`,
        source: 'user',
        files: files.map((u) => ({ url: register(u.path), path: u.path, weight: u.bold ? 700 : 400 })),
        cff: files.some((u) => u.cff),
      });
    }
    const sub = SUBSTITUTES[role];
    const pf = loadPackageFace(sub.package, sub.weight);
    // A package face's regular and bold files, as font files of the map.
    const packageFiles = (regular: PackageFace, bold: PackageFace, inSlices?: true): FontFile[] => [
      ...regular.subsets.map((s) => ({ url: register(s.path), path: s.path, ranges: s.ranges, weight: 400 as const, inSlices })),
      ...bold.subsets.map((s) => ({ url: register(s.path), path: s.path, ranges: s.ranges, weight: 700 as const, inSlices })),
    ];
    const whole = loadPackageWhole(sub.package, sub.weight);
    const wholeBold = loadPackageWhole(sub.package, sub.boldWeight);
    if (whole && wholeBold) {
      chain.push({
        cssFamily: `gw-${role}-${chain.length}`,
        name: `${pf.family} ${pf.weight} (${pf.package}, whole)`,
        source: 'package',
        files: packageFiles(whole, wholeBold, true),
        cff: false,
      });
    }
    const face: FontFace = {
      cssFamily: `gw-${role}-${chain.length}`,
      name: `${pf.family} ${pf.weight} (${pf.package})`,
      source: 'package',
      files: packageFiles(pf, loadPackageFace(sub.package, sub.boldWeight)),
      cff: false,
    };
    chain.push(face);
    if (mine.length === 0) substitutions.push({ role, used: face.name, wanted: FONT_NAMES[role].primary });
    roles[role] = chain;
  }

  const fontCss = buildCss(roles);
  const bodies = new Map<string, Buffer>();
  // A batch asks about the same characters for every document: answers are kept per role.
  const covered: Partial<Record<FontRole, Map<number, boolean>>> = {};
  const regular: Partial<Record<FontRole, FontFile[]>> = {};

  // One coverage test per file: a font fontkit already opened (the user's), a WOFF2's cmap read
  // with zlib, or else fontkit.
  const tests = new Map<string, (cp: number) => boolean>();
  const testOf = (path: string): ((cp: number) => boolean) => {
    let test = tests.get(path);
    if (test) return test;
    let font = fontOfPath.get(path);
    if (!font && extname(path).toLowerCase() === '.woff2') {
      try {
        test = woff2Coverage(path);
      } catch {
        test = undefined;
      }
    }
    if (!test) {
      if (!font) {
        const parsed = fontkit().create(readFileSync(path));
        font = 'fonts' in parsed ? parsed.fonts[0] : parsed;
      }
      const f = font;
      test = (cp) => f.hasGlyphForCodePoint(cp);
    }
    tests.set(path, test);
    return test;
  };
  const fileHas = (file: FontFile, cp: number): boolean => (file.ranges ? inRanges(file.ranges, cp) : testOf(file.path)(cp));

  return {
    roles,
    substitutions,
    diagnostics,
    fontCss,
    serve(url) {
      const path = urlToPath.get(url);
      if (!path) return undefined;
      let body = bodies.get(path);
      if (!body) {
        body = readFileSync(path);
        bodies.set(path, body);
      }
      return { body, contentType: CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream' };
    },
    coverage(role, text) {
      const missing: string[] = [];
      const seen = new Set<number>();
      const known = (covered[role] ??= new Map());
      // Files with declared ranges answer without opening a font: ask them first.
      const files = (regular[role] ??= roles[role].flatMap((f) => f.files.filter((file) => file.weight === 400 && !file.inSlices)).sort((a, b) => Number(!a.ranges) - Number(!b.ranges)));
      for (const ch of text) {
        const cp = ch.codePointAt(0)!;
        // Spaces and controls are not drawn from a font.
        if (seen.has(cp) || cp <= 0x20 || (cp >= 0x7f && cp <= 0xa0)) continue;
        seen.add(cp);
        let has = known.get(cp);
        if (has === undefined) {
          has = /\s/u.test(ch) || files.some((file) => fileHas(file, cp));
          known.set(cp, has);
        }
        if (!has) missing.push(ch);
      }
      return missing;
    },
  };
}

function cssString(s: string): string {
  return `'${s.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

function buildCss(roles: Record<FontRole, FontFace[]>): string {
  const out: string[] = [];
  const vars: string[] = [];
  for (const role of FONT_ROLES) {
    for (const face of roles[role]) {
      for (const file of face.files) {
        const ext = extname(file.path).toLowerCase();
        const range = file.ranges
          ? `\n  unicode-range: ${file.ranges.map(([a, b]) => (a === b ? `U+${a.toString(16)}` : `U+${a.toString(16)}-${b.toString(16)}`)).join(',')};`
          : '';
        // Each face has its own family name, declared at 400 (and 700 for its bold file) whatever
        // the file's real weight: the weight chosen for a substitute never competes with another.
        out.push(
          `@font-face {\n  font-family: ${cssString(face.cssFamily)};\n  font-style: normal;\n  font-weight: ${file.weight};\n  font-display: block;\n  src: url(${cssString(file.url)}) format('${FORMATS[ext] ?? 'woff2'}');${range}\n}`,
        );
      }
    }
    vars.push(`  --font-${role}: ${roles[role].map((f) => cssString(f.cssFamily)).join(', ')};`);
  }
  return `${out.join('\n')}\n:root {\n${vars.join('\n')}\n}\n`;
}

/** One line per substituted role, for the CLI: "仿宋_GB2312 (fangsong) → Noto Serif SC 300 (@fontsource/noto-serif-sc)". */
export function describeSubstitutions(map: FontMap): string[] {
  return map.substitutions.map((s) => `${s.wanted} (${s.role}) → ${s.used}`);
}
