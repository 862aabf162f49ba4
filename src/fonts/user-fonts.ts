// Fonts the user puts in <projectDir>/fonts/: identified by the families in their name table,
// never by file name (font-names.ts reads the names, families.ts matches them; the system scan
// uses the same two).
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fontkit } from './fontkit-lazy.js';
import type { FontkitFont } from 'fontkit';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { FontRole } from '../profile/gbt9704.js';
import { bestRole } from './families.js';
import { readFontFileNames } from './font-names.js';
import { readFileSync } from 'node:fs';

export const FONT_EXTENSIONS = ['.ttf', '.otf', '.ttc', '.woff', '.woff2'];

export interface UserFont {
  path: string;
  /** Path relative to the project, for messages. */
  display: string;
  /** Index of the face in a collection (.ttc). */
  index: number;
  role: FontRole;
  /** The family name that matched. */
  family: string;
  rank: number;
  cff: boolean;
  /** A bold face (OS/2 weight ≥ 600 or its bold bit): used for bold runs of its role. */
  bold: boolean;
  weight: number;
  /** The font parsed by fontkit, on first use (the old font map's coverage asks it). */
  readonly font: FontkitFont;
}

export interface ScanOptions {
  /**
   * For the old font map (font-map.ts, which served fonts to Chromium when it drew the PDF):
   * Chromium embedded CFF fonts as Type 3 and loaded only a collection's first font, so both
   * were warned about and the later fonts of a collection left out. The font book passes false.
   */
  chromium?: boolean;
}

export function scanUserFonts(projectDir: string, diags: Diagnostic[], opts: ScanOptions = { chromium: true }): UserFont[] {
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
    let faces: ReturnType<typeof readFontFileNames>;
    try {
      faces = readFontFileNames(path);
    } catch (e) {
      diags.push(warn(display, 'font-unreadable', `${display} is not a font gongwen can read: ${(e as Error).message}`));
      continue;
    }
    for (const face of faces) {
      const best = bestRole(face.names);
      if (!best) continue;
      if (opts.chromium && face.index > 0) {
        diags.push(warn(display, 'font-collection-index', `${display}: ${best.family} is font ${face.index + 1} of a collection; only the first font of a .ttc can be used — extract it to its own file`));
        continue;
      }
      if (opts.chromium && face.cff) {
        diags.push(warn(display, 'font-cff', `${display} (${best.family}) has CFF outlines: Chromium embeds it as a Type 3 font (text drawn as paths, larger PDF); a TrueType version is better`));
      }
      const file = path;
      let font: FontkitFont | undefined;
      out.push({
        path,
        display: relative(projectRoot, path) || display,
        index: face.index,
        ...best,
        cff: face.cff,
        bold: face.bold,
        weight: face.weight,
        get font(): FontkitFont {
          if (!font) {
            const parsed = fontkit().create(readFileSync(file));
            font = 'fonts' in parsed ? parsed.fonts[0] : parsed;
          }
          return font;
        },
      });
    }
  }
  return out;
}

function warn(file: string, ruleId: string, message: string): Diagnostic {
  return { file, line: 0, column: 0, severity: 'warning', ruleId, message, source: 'render' };
}
