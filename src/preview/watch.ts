// Saves in a project folder, as batches of changed paths. chokidar (fs.watch underneath, with
// editors' write-to-temp-and-rename saves seen as one change); a short quiet period gathers the
// several events of one save (an editor writes, renames and touches) into one rebuild. chokidar
// hands a save's events on within 2 ms of the write (measured on the 2-core machine), so the
// quiet period is 10 ms, not the 40 ms it was (a tenth of the preview's 0.5 s budget); events
// that straggle past it only cost one more build, which the session gathers (session.ts).
//
// chokidar does not report every save: it hands on one 'change' per file per 50 ms and drops
// the rest (its _throttle in FSWatcher._emit, chokidar 4.0.3), and drops a change whose mtime
// equals the one it saw last when the file was read since (a build reads it). Three saves 15 ms
// apart, in place or written to a temporary file and renamed over, were reported as the first
// alone: a reader that builds as the session does kept the first save in 20 rounds of 20, and
// the preview showed it (test/preview.test.ts, 'the last save always shows').
// So once that window has passed, the files of the last batches are read again, and any whose
// content is not what it was when its batch was handed on is handed on again: the last save wins.
// Nor does chokidar report a save during its first scan of the folder (it reports from `ready`
// on, and a file it had not watched yet changed unseen: 3 saves of 3, 0 to 5 ms after the
// watcher began, in a folder of 50 files): when the scan ends, the files written since the
// watcher began are handed on as one batch.

import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { watch, type FSWatcher } from 'chokidar';
import { basename, extname, resolve, sep } from 'node:path';
import { DATA_EXTENSIONS } from '../data/load-records.js';

/**
 * What a build can read: content, data, templates, configuration, pictures, attached PDFs and
 * fonts. A save of anything else (a log the author's own tool writes into the project, an
 * editor's backup) is no reason to build: a log written inside the project once made the
 * preview rebuild 154 times in 30 s, each build writing the log again.
 */
export const READ_EXTENSIONS = new Set<string>(['.md', '.hbs', '.png', '.jpg', '.jpeg', '.svg', '.pdf', '.ttf', '.otf', '.ttc', '.woff', '.woff2', ...DATA_EXTENSIONS]);

/** Whether a changed path can change a build: a file of a kind gongwen reads. */
export function canChangeBuild(path: string): boolean {
  return READ_EXTENSIONS.has(extname(path).toLowerCase());
}

/** Milliseconds without events before a batch is handed on: one save's events, not two saves. */
export const QUIET_MS = 10;

/**
 * Milliseconds after a batch is handed on before its files are read again: past chokidar's
 * 50 ms window in which a file's further changes are dropped.
 */
export const SETTLE_MS = 60;

/**
 * Milliseconds before the watcher began from which a file's mtime counts as a save during the
 * first scan: a file's mtime comes from the kernel's coarse clock, which lags the clock
 * Date.now() reads by up to a tick (4 ms at 250 Hz).
 */
const SCAN_MARGIN_MS = 20;

/** A file's content as a digest ('' when it cannot be read: gone, or being replaced). */
function contentDigest(path: string): string {
  try {
    return createHash('sha256').update(readFileSync(path)).digest('hex');
  } catch {
    return '';
  }
}

export interface ProjectWatcher {
  /** Resolves when the initial scan is done (changes from then on are reported). */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Watches `projectDir` for changed files, leaving out node_modules/, dot-folders and files, and
 * the folders in `skip` (the output folder: gongwen's own writes are no saves).
 */
export function watchProject(projectDir: string, skip: string[], onChange: (paths: string[]) => void): ProjectWatcher {
  const skipped = skip.map((d) => resolve(d));
  const ignored = (path: string): boolean => {
    const name = basename(path);
    if (name === 'node_modules' || (name.startsWith('.') && name !== '.')) return true;
    const abs = resolve(path);
    return skipped.some((d) => abs === d || abs.startsWith(d + sep));
  };
  const began = Date.now() - SCAN_MARGIN_MS;
  const watcher: FSWatcher = watch(projectDir, { ignored, ignoreInitial: true, atomic: true });
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let settle: NodeJS.Timeout | undefined;
  // Each file handed on since the last settle check, with its content's digest at that moment
  // (before the build reads it: a later save differs from it).
  const handed = new Map<string, string>();
  const handOn = () => {
    clearTimeout(timer);
    const batch = [...pending];
    pending = new Set();
    for (const path of batch) handed.set(path, contentDigest(path));
    clearTimeout(settle);
    settle = setTimeout(settled, SETTLE_MS);
    onChange(batch);
  };
  const settled = () => {
    for (const [path, digest] of handed) if (contentDigest(path) !== digest) pending.add(path);
    handed.clear();
    if (pending.size) handOn();
  };
  watcher.on('all', (event, path) => {
    if (event === 'addDir' || event === 'unlinkDir' || !canChangeBuild(path)) return;
    pending.add(resolve(path));
    clearTimeout(timer);
    timer = setTimeout(handOn, QUIET_MS);
  });
  // Saves during the first scan: every file it found that was written since the watcher began.
  const savedDuringScan = () => {
    for (const [dir, names] of Object.entries(watcher.getWatched())) {
      for (const name of names) {
        const path = resolve(dir, name);
        if (!canChangeBuild(path)) continue;
        try {
          if (statSync(path).mtimeMs >= began) pending.add(path);
        } catch {
          /* gone since: its unlink is reported */
        }
      }
    }
    if (pending.size) handOn();
  };
  const ready = new Promise<void>((res, rej) => {
    watcher.once('ready', () => {
      savedDuringScan();
      res();
    });
    watcher.once('error', rej);
  });
  return {
    ready,
    async close() {
      clearTimeout(timer);
      clearTimeout(settle);
      await watcher.close();
    },
  };
}
