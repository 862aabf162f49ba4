// gongwen doctor: what gongwen finds on this machine, for a user (or the person who installed it)
// asking why a PDF looks as it does — which file serves each font role, the official face or a
// free substitute; LibreOffice, which only the tests use; where the batch cache lives; versions.
// Everything is read, nothing written.

import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { delimiter, join, relative, resolve } from 'node:path';
import { m, lang } from './messages.js';
import { runs } from './options.js';
import { findProjectRoot, givenProject } from './project.js';
import { gongwenVersion } from '../util/version.js';
import { formatDiagnostic } from '../diagnostics/diagnostic.js';

const ROLE_NAMES: Record<string, string> = { fangsong: '仿宋', xiaobiaosong: '小标宋', heiti: '黑体', kaiti: '楷体', song: '宋体' };

export function register(program: Command): void {
  const t = m();
  program
    .command('doctor')
    .summary(t.doctorSummary)
    .description(t.doctorDescription)
    .argument('[folder]', t.doctorFolderArgument)
    .action(runs(runDoctor));
}

/** The first program of `names` on PATH, or undefined. */
export function onPath(names: readonly string[], env: NodeJS.ProcessEnv = process.env): string | undefined {
  const exts = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const n of names) {
      for (const e of exts) {
        const p = join(dir, n + e);
        try {
          if (statSync(p).isFile()) return p;
        } catch {
          // not here
        }
      }
    }
  }
  return undefined;
}

async function runDoctor(folder: string | undefined): Promise<number> {
  const t = m();
  const projectDir = folder !== undefined ? givenProject(folder) : findProjectRoot('.');
  // The font book (fonts/book.ts): the project's fonts/, the machine's fonts by their names,
  // then the free substitutes — the chain the PDF draws with, first face first.
  const { loadFontBook } = await import('../fonts/book.js');
  const book = await loadFontBook(projectDir);
  const lines = [t.doctorFonts];
  for (const { role, faces } of book.describe()) {
    const name = lang() === 'zh' ? ROLE_NAMES[role] ?? role : `${role} (${ROLE_NAMES[role] ?? role})`;
    const sub = book.substitutions.find((x) => x.role === role);
    lines.push(t.doctorFontLine(name, faces[0] ? t.doctorFace(faces[0].name, faces[0].source) : '—', sub?.wanted));
  }
  for (const d of book.diagnostics) lines.push(`  ${formatDiagnostic(d)}`);
  lines.push(t.doctorLibreOffice(onPath(['soffice', 'libreoffice'])));
  const { CACHE_FILE } = await import('../pipeline/batch.js');
  const cache = join(resolve(projectDir, 'out'), CACHE_FILE);
  lines.push(t.doctorCache(relative(process.cwd(), cache) || cache, existsSync(cache)));
  lines.push(t.doctorVersions(gongwenVersion(), process.versions.node));
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}
