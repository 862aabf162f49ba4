// The font book (book-types.ts): for each GB/T 9704 role and weight, a chain of font files —
// the user's fonts/ folder, the machine's fonts under the standard's names, then the free
// substitute's whole simplified-Chinese file, its Latin file and its unicode-range slices (for
// rarer characters such as 塅 and 〇). A file is opened (its sfnt read, from the cache for a
// WOFF2) only when a character reaches it: a slice whose CSS range does not hold the character
// is passed over unopened. Every answer is memoised per (role, bold, code point), so the
// millions of lookups of a batch cost a Map lookup each (35–110 ns on the shared machine).
// A whole process that loads the book and looks up 2,000 characters of content/ in 仿宋 and
// 200 in each of four more chains: 0.16 s with the sfnt cache warm (load 2 ms after the
// imports), 1.5 s the first time (five WOFF2 files decoded and cached, LXGW WenKai's 333 ms
// of it) — measured with the machine quiet; under the other agents' load 0.7 s and 2.5 s.
import { resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { FONT_NAMES, FONT_ROLES, type FontRole } from '../profile/gbt9704.js';
import type { FaceInfo } from './book-types.js';
import type { BookGlyph, FontBook, Substitution } from './book-types.js';
import { openFaceFile, type Face } from './face.js';
import { loadPackageFace, loadPackageWhole, SUBSTITUTES, SYMBOLS, type PackageFace } from './package-fonts.js';
import { initWoff2 } from './sfnt-cache.js';
import { scanSystemFonts } from './system-fonts.js';
import { inRanges, type Range } from './unicode-range.js';
import { scanUserFonts } from './user-fonts.js';

export const BOOK_ROLES: readonly FontRole[] = FONT_ROLES;

/** One file of a chain. */
interface Link {
  /** For people: "仿宋_GB2312 (fonts/fs.ttf)", "Noto Serif SC 300 (whole)". */
  name: string;
  /** A file path (user, system) or a package name. */
  source: string;
  origin: 'user' | 'system' | 'package';
  path: string;
  index: number;
  /** A substitute's file, whose CSS may declare its code points (a slice); absent or without ranges: ask its cmap. */
  declared?: { readonly ranges?: Range[] };
  /** Opened face; null when the file could not be opened. */
  face?: Face | null;
}

interface Candidate {
  path: string;
  index: number;
  family: string;
  rank: number;
  weight: number;
  bold: boolean;
  display: string;
}

const books = new Map<string, Promise<FontBook>>();

/** The font book of a project, built once per process per directory. */
export function loadFontBook(projectDir: string, opts: { systemFonts?: boolean } = {}): Promise<FontBook> {
  const dir = resolve(projectDir);
  const system = opts.systemFonts !== false && process.env.GONGWEN_SYSTEM_FONTS !== '0';
  const key = `${dir}\0${system}`;
  let hit = books.get(key);
  if (!hit) {
    // The WOFF2 decoder compiles off the main thread while the folders are scanned.
    const decoder = initWoff2();
    hit = Promise.resolve().then(() => buildBook(dir, system)).then(async (book) => (await decoder, book));
    books.set(key, hit);
    hit.catch(() => books.delete(key));
  }
  return hit;
}

/** Choose, per family, the file for regular runs and the one for bold runs (either may stand for both). */
function families(cands: Candidate[], bold: boolean): Candidate[] {
  const byFamily = new Map<string, Candidate[]>();
  for (const c of [...cands].sort((a, b) => a.rank - b.rank || (a.display < b.display ? -1 : a.display > b.display ? 1 : a.index - b.index))) {
    byFamily.set(c.family, [...(byFamily.get(c.family) ?? []), c]);
  }
  const out: Candidate[] = [];
  for (const files of byFamily.values()) {
    const want = files.filter((f) => f.bold === bold);
    const pool = want.length ? want : files;
    const target = bold ? 700 : 400;
    out.push([...pool].sort((a, b) => Math.abs(a.weight - target) - Math.abs(b.weight - target))[0]);
  }
  return out;
}

function packageLinks(pkg: string, weight: number, withWhole = true): Link[] {
  const links: Link[] = [];
  const add = (pf: PackageFace, kind: string): void => {
    for (const s of pf.subsets) {
      links.push({ name: `${pf.family} ${pf.weight} (${kind})`, source: pf.package, origin: 'package', path: s.path, index: 0, declared: s });
    }
  };
  const whole = withWhole ? loadPackageWhole(pkg, weight) : undefined;
  if (whole) add(whole, 'whole');
  const slices = loadPackageFace(pkg, weight);
  add(slices, slices.subsets.length > 1 ? 'slices' : 'whole');
  return links;
}

function buildBook(projectDir: string, system: boolean): FontBook {
  const diagnostics: Diagnostic[] = [];
  const users = scanUserFonts(projectDir, diagnostics);
  const systems = system ? scanSystemFonts() : [];

  const chains = new Map<string, Link[]>();
  const substitutions: Substitution[] = [];
  // One set of links for every chain: a symbol is opened once, whichever role asks first.
  const symbolLinks = packageLinks(SYMBOLS.package, SYMBOLS.weight, false);
  for (const role of BOOK_ROLES) {
    const mine: Candidate[] = users.filter((u) => u.role === role).map((u) => ({ ...u }));
    const installed: Candidate[] = systems.filter((s) => s.role === role).map((s) => ({ ...s, display: s.path }));
    const sub = SUBSTITUTES[role];
    for (const bold of [false, true]) {
      const links: Link[] = [
        ...families(mine, bold).map((c): Link => ({ name: `${c.family} (${c.display})`, source: c.path, origin: 'user', path: c.path, index: c.index })),
        ...families(installed, bold).map((c): Link => ({ name: `${c.family} (${c.path}${c.index ? `#${c.index}` : ''})`, source: c.path, origin: 'system', path: c.path, index: c.index })),
        ...packageLinks(sub.package, bold ? sub.boldWeight : sub.weight),
        ...symbolLinks,
      ];
      chains.set(chainId(role, bold), links);
    }
    if (mine.length === 0 && installed.length === 0) {
      const pf = loadPackageFace(sub.package, sub.weight);
      substitutions.push({ role, used: `${pf.family} ${pf.weight} (${pf.package})`, wanted: FONT_NAMES[role].primary });
    }
  }

  const faces = new Map<string, { face: Face; info: FaceInfo }>();
  const open = (link: Link, role: FontRole): Face | undefined => {
    if (link.face === undefined) {
      try {
        link.face = openFaceFile(link.path, link.index);
      } catch (e) {
        link.face = null;
        diagnostics.push({ file: link.source, line: 0, column: 0, severity: 'warning', ruleId: 'font-unreadable', message: `${link.name} cannot be read: ${(e as Error).message}`, source: 'render' });
      }
      const face = link.face;
      if (face && !faces.has(face.key)) {
        const { key, postscriptName, family, cff, unitsPerEm, ascender, descender, capHeight, bbox } = face;
        faces.set(key, { face, info: { key, postscriptName, family, role, cff, unitsPerEm, ascender, descender, ...(capHeight !== undefined ? { capHeight } : {}), bbox, source: link.source } });
      }
    }
    return link.face ?? undefined;
  };

  // One memo per chain, found without building a string: this is the hot path of layout.
  const memos: Record<FontRole, [Map<number, BookGlyph>, Map<number, BookGlyph>]> = Object.fromEntries(BOOK_ROLES.map((r) => [r, [new Map(), new Map()]])) as Record<FontRole, [Map<number, BookGlyph>, Map<number, BookGlyph>]>;
  const notFound = new WeakSet<BookGlyph>();
  const glyph = (role: FontRole, bold: boolean, cp: number): BookGlyph => {
    const memo = memos[role]?.[bold ? 1 : 0];
    if (!memo) throw new Error(`no font role ${role}`);
    const hit = memo.get(cp);
    if (hit) return hit;
    const chain = chains.get(chainId(role, bold))!;
    let found: BookGlyph | undefined;
    for (const link of chain) {
      const ranges = link.declared?.ranges;
      if (ranges && !inRanges(ranges, cp)) continue;
      const face = open(link, role);
      if (!face) continue;
      const gid = face.glyphOf(cp);
      if (gid !== 0 && gid < face.numGlyphs) {
        found = { face: face.key, gid, advanceEm: face.advance(gid) / face.unitsPerEm };
        break;
      }
    }
    if (!found) {
      let first: Face | undefined;
      for (const l of chain) if ((first = open(l, role))) break;
      if (!first) throw new Error(`no font of role ${role} can be opened`);
      found = { face: first.key, gid: 0, advanceEm: 1 };
      notFound.add(found);
    }
    memo.set(cp, found);
    return found;
  };

  // A user's font that plays a role by its name but has few Chinese characters (a Latin font
  // renamed, a symbol font) would pass every character to the next face without a word: say so.
  const checked = new Set<string>();
  for (const role of BOOK_ROLES) {
    for (const bold of [false, true]) {
      for (const link of chains.get(chainId(role, bold))!) {
        if (link.origin !== 'user' || checked.has(link.path + '#' + link.index)) continue;
        checked.add(link.path + '#' + link.index);
        const face = open(link, role);
        if (!face) continue;
        const have = COMMON_HAN.filter((cp) => face.glyphOf(cp) !== 0).length;
        if (have < COMMON_HAN.length / 2) {
          diagnostics.push({ file: link.source, line: 0, column: 0, severity: 'warning', ruleId: 'font-no-chinese', message: `${link.name} is named as ${FONT_NAMES[role].primary}'s font but has ${have} of ${COMMON_HAN.length} common Chinese characters: its text is drawn from the next font`, source: 'render' });
        }
      }
    }
  }

  return {
    glyph,
    face(key) {
      const f = faces.get(key);
      if (!f) throw new Error(`unknown font face ${key}`);
      return f.info;
    },
    async sfnt(key) {
      const f = faces.get(key);
      if (!f) throw new Error(`unknown font face ${key}`);
      return f.face.sfnt;
    },
    missing(role, text) {
      const out: string[] = [];
      const seen = new Set<number>();
      for (const ch of text) {
        const cp = ch.codePointAt(0)!;
        if (seen.has(cp) || cp < 0x20) continue;
        seen.add(cp);
        if (notFound.has(glyph(role, false, cp))) out.push(ch);
      }
      return out;
    },
    substitutions,
    diagnostics,
    describe() {
      return BOOK_ROLES.map((role) => {
        const listed: { name: string; source: string }[] = [];
        for (const l of chains.get(chainId(role, false)) ?? []) {
          if (!listed.some((x) => x.name === l.name && x.source === l.source)) listed.push({ name: l.name, source: l.source });
        }
        return { role, faces: listed };
      });
    },
  };
}

/** The twenty most frequent Chinese characters. */
const COMMON_HAN = [...'的一是在不了有和人这中大为上个国我以要他'].map((c) => c.codePointAt(0)!);

function chainId(role: FontRole, bold: boolean): string {
  return bold ? `${role}:b` : role;
}
