// The user's cache folder for gongwen: what a process learns once and later processes reuse
// (decoded fonts, the system font scan, word segmentations). Everything in it can be deleted.
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The user's cache folder for gongwen (not created here); `GONGWEN_CACHE_DIR` overrides it. */
export function userCacheDir(): string {
  const env = process.env.GONGWEN_CACHE_DIR;
  if (env) return env;
  if (process.platform === 'win32') {
    const local = process.env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local');
    return join(local, 'gongwen', 'Cache');
  }
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'gongwen');
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'gongwen');
}
