// The fonts installed on the machine that play a GB/T 9704 role by their names (families.ts):
// the real 仿宋_GB2312, 方正小标宋 and 楷体_GB2312 of an office PC serve before the substitutes.
// Only the name, OS/2 and head tables of each TTF, OTF and TTC are read (font-names.ts), and
// the result is kept in the user's cache folder under a key made of the folders and their
// mtimes (adding or removing a font changes its folder's mtime): a later process walks the
// folders and reads one small JSON file. Files already scanned are reused by path, size and mtime
// when a folder changed.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, extname, join } from 'node:path';
import type { FontRole } from '../profile/gbt9704.js';
import { bestRole, FAMILY_ROLES } from './families.js';
import { readSfntFileNames } from './font-names.js';
import { userCacheDir } from '../util/cache-dir.js';

export interface SystemFont {
  path: string;
  index: number;
  role: FontRole;
  family: string;
  rank: number;
  weight: number;
  bold: boolean;
  cff: boolean;
}

const EXTENSIONS = new Set(['.ttf', '.otf', '.ttc']);
/** Folder depth walked below each root (Debian: /usr/share/fonts/truetype/<package>/). */
const MAX_DEPTH = 6;

/** The folders searched, in order: GONGWEN_SYSTEM_FONT_DIRS when set, else the platform's. */
export function systemFontDirs(): string[] {
  const env = process.env.GONGWEN_SYSTEM_FONT_DIRS;
  if (env !== undefined) return env.split(delimiter).filter(Boolean);
  const home = homedir();
  if (process.platform === 'win32') {
    const dirs = [join(process.env.WINDIR ?? 'C:\\Windows', 'Fonts')];
    if (process.env.LOCALAPPDATA) dirs.push(join(process.env.LOCALAPPDATA, 'Microsoft', 'Windows', 'Fonts'));
    return dirs;
  }
  if (process.platform === 'darwin') return ['/Library/Fonts', '/System/Library/Fonts', join(home, 'Library', 'Fonts')];
  const data = (process.env.XDG_DATA_DIRS || '/usr/local/share:/usr/share').split(':').filter(Boolean);
  const dirs = [join(process.env.XDG_DATA_HOME || join(home, '.local', 'share'), 'fonts'), join(home, '.fonts'), ...data.map((d) => join(d, 'fonts'))];
  return [...new Set(dirs)];
}

interface ScanCache {
  key: string;
  files: Record<string, { size: number; mtimeMs: number; faces: SystemFont[] }>;
}

/** Version of the cache's layout and of the name table it matched against. */
const SCAN_VERSION = createHash('sha256').update(`1\0${JSON.stringify(FAMILY_ROLES)}`).digest('hex').slice(0, 12);

const memo = new Map<string, SystemFont[]>();

/**
 * The system's fonts that play a role. `GONGWEN_SYSTEM_FONTS=0` turns the search off. Unreadable
 * files are skipped silently: a font folder holds many files that are not ours to judge.
 */
export function scanSystemFonts(): SystemFont[] {
  if (process.env.GONGWEN_SYSTEM_FONTS === '0') return [];
  const roots = systemFontDirs();
  const dirs: { path: string; mtimeMs: number; files: string[] }[] = [];
  const walk = (dir: string, depth: number): void => {
    let st;
    try {
      st = statSync(dir);
      if (!st.isDirectory()) return;
    } catch {
      return;
    }
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    const files: string[] = [];
    const subdirs: string[] = [];
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(dir, e.name);
      if (e.isDirectory() || (e.isSymbolicLink() && depth < MAX_DEPTH && isDir(p))) subdirs.push(p);
      else if (EXTENSIONS.has(extname(e.name).toLowerCase())) files.push(p);
    }
    dirs.push({ path: dir, mtimeMs: st.mtimeMs, files });
    if (depth < MAX_DEPTH) for (const s of subdirs) walk(s, depth + 1);
  };
  for (const r of roots) walk(r, 0);
  const key = createHash('sha256')
    .update(SCAN_VERSION)
    .update(dirs.map((d) => `${d.path}\0${d.mtimeMs}`).join('\n'))
    .digest('hex')
    .slice(0, 24);
  const hit = memo.get(key);
  if (hit) return hit;

  const cacheFile = join(userCacheDir(), 'system-fonts.json');
  let old: ScanCache | undefined;
  try {
    old = JSON.parse(readFileSync(cacheFile, 'utf8')) as ScanCache;
  } catch {
    old = undefined;
  }
  let result: SystemFont[];
  if (old && old.key === key && old.files) {
    result = Object.values(old.files).flatMap((f) => f.faces);
  } else {
    const files: ScanCache['files'] = {};
    const seen = new Set<string>();
    for (const d of dirs) {
      for (const path of d.files) {
        if (seen.has(path)) continue;
        seen.add(path);
        let st;
        try {
          st = statSync(path);
          if (!st.isFile()) continue;
        } catch {
          continue;
        }
        const before = old?.files?.[path];
        if (before && before.size === st.size && before.mtimeMs === st.mtimeMs) {
          files[path] = before;
          continue;
        }
        let faces: SystemFont[] = [];
        try {
          faces = readSfntFileNames(path).flatMap((f) => {
            const best = bestRole(f.names);
            return best ? [{ path, index: f.index, ...best, weight: f.weight, bold: f.bold, cff: f.cff }] : [];
          });
        } catch {
          faces = [];
        }
        files[path] = { size: st.size, mtimeMs: st.mtimeMs, faces };
      }
    }
    result = Object.values(files).flatMap((f) => f.faces);
    writeCache(cacheFile, { key, files });
  }
  memo.set(key, result);
  return result;
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function writeCache(file: string, data: ScanCache): void {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(tmp, JSON.stringify(data));
    renameSync(tmp, file);
  } catch {
    /* a read-only cache folder: scan again next time */
  }
}
