// Fonts the user puts in <projectDir>/fonts/: identified by the families in their name table,
// never by file name. CFF-outline fonts still work but Chromium embeds them as Type 3 (text as
// paths, large files): flag them.
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fontkit } from './fontkit-lazy.js';
import type { FontkitFont } from 'fontkit';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { FontRole } from '../profile/gbt9704.js';
import { rankOfFamily, roleOfFamily } from './families.js';

export const FONT_EXTENSIONS = ['.ttf', '.otf', '.ttc', '.woff', '.woff2'];

export interface UserFont {
  path: string;
  /** Path relative to the project, for messages. */
  display: string;
  role: FontRole;
  /** The family name that matched. */
  family: string;
  rank: number;
  cff: boolean;
  /** A bold face (OS/2 weight ≥ 600): used for bold runs of its role. */
  bold: boolean;
  font: FontkitFont;
}

/** Every family-like name of a font: the name table's family, typographic family and full names in every language. */
function familyNames(font: FontkitFont): string[] {
  const names = new Set<string>();
  for (const n of [font.familyName, font.fullName, font.postscriptName]) if (n) names.add(n);
  const rec = font.name?.records ?? {};
  for (const key of ['fontFamily', 'preferredFamily', 'fullName', 'postscriptName', 'compatibleFull']) {
    for (const v of Object.values(rec[key] ?? {})) if (typeof v === 'string') names.add(v);
  }
  return [...names];
}

export function scanUserFonts(projectDir: string, diags: Diagnostic[]): UserFont[] {
  const dir = join(projectDir, 'fonts');
  let root: string;
  let projectRoot: string;
  try {
    root = realpathSync(dir);
    projectRoot = realpathSync(projectDir);
  } catch {
    return [];
  }
  const out: UserFont[] = [];
  for (const entry of readdirSync(root).sort()) {
    if (!FONT_EXTENSIONS.includes(extname(entry).toLowerCase())) continue;
    const display = join('fonts', entry);
    let path: string;
    try {
      // A symlink may point anywhere: only files that stay inside the project are read.
      path = realpathSync(join(root, entry));
      if (path !== projectRoot && !path.startsWith(projectRoot + sep)) {
        diags.push(warn(display, 'font-outside', `${display} points outside the project; ignored`));
        continue;
      }
      if (!statSync(path).isFile()) continue;
    } catch {
      continue;
    }
    let parsed: ReturnType<ReturnType<typeof fontkit>['create']>;
    try {
      parsed = fontkit().create(readFileSync(path));
    } catch (e) {
      diags.push(warn(display, 'font-unreadable', `${display} is not a font fontkit can read: ${(e as Error).message}`));
      continue;
    }
    // A collection (.ttc) can only be loaded by @font-face as its first font.
    const fonts = 'fonts' in parsed ? parsed.fonts : [parsed];
    fonts.forEach((font, index) => {
      let best: { role: FontRole; family: string; rank: number } | undefined;
      for (const name of familyNames(font)) {
        const role = roleOfFamily(name);
        if (role && (!best || rankOfFamily(name) < best.rank)) best = { role, family: name, rank: rankOfFamily(name) };
      }
      if (!best) return;
      if (index > 0) {
        diags.push(warn(display, 'font-collection-index', `${display}: ${best.family} is font ${index + 1} of a collection; only the first font of a .ttc can be used — extract it to its own file`));
        return;
      }
      const tables = font.directory.tables;
      const cff = 'CFF ' in tables || 'CFF2' in tables;
      if (cff) {
        diags.push(warn(display, 'font-cff', `${display} (${best.family}) has CFF outlines: Chromium embeds it as a Type 3 font (text drawn as paths, larger PDF); a TrueType version is better`));
      }
      const os2 = (font as unknown as { 'OS/2'?: { usWeightClass?: number } })['OS/2'];
      const bold = (os2?.usWeightClass ?? 400) >= 600;
      out.push({ path, display: relative(projectRoot, path) || display, ...best, cff, bold, font });
    });
  }
  return out;
}

function warn(file: string, ruleId: string, message: string): Diagnostic {
  return { file, line: 0, column: 0, severity: 'warning', ruleId, message, source: 'render' };
}
