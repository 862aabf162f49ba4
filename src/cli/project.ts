// Which project a file belongs to, as quarto and eslint find theirs: walk up from the file to
// the nearest folder with a gongwen.yaml (or a content/ folder), else the file's own folder
// (typst's root). Every path a document names is confined to that root; `--project` overrides.
import { existsSync, statSync } from 'node:fs';
import { dirname, parse, resolve } from 'node:path';
import { m } from './messages.js';

export class UsageError extends Error {}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The `--project DIR` a user gave: it must exist. */
export function givenProject(given: string): string {
  const dir = resolve(given);
  if (!isDir(dir)) throw new UsageError(m().noSuchProject(given));
  return dir;
}

/** The project root of an input (a file or a folder). */
export function findProjectRoot(input: string): string {
  const abs = resolve(input);
  const start = isDir(abs) ? abs : dirname(abs);
  const { root } = parse(start);
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(resolve(dir, 'gongwen.yaml')) || isDir(resolve(dir, 'content'))) return dir;
    if (dir === root) break;
  }
  return start;
}

/** Inputs grouped by project root, in the order the roots first appear, and the root of a file. */
export function groupByProject(inputs: string[], project: string | undefined): { groups: Map<string, string[]>; rootOf: (file: string) => string } {
  const groups = new Map<string, string[]>();
  const fixed = project === undefined ? undefined : givenProject(project);
  for (const i of inputs) {
    const root = fixed ?? findProjectRoot(i);
    groups.set(root, [...(groups.get(root) ?? []), i]);
  }
  return { groups, rootOf: (file) => fixed ?? findProjectRoot(file) };
}

/**
 * Can files be written into `dir` (created if missing)? Checked before any rendering, so that an
 * output folder that cannot be written is one line (exit 2), not one error per document after the
 * work. The probe writes a file (util/out-dir.ts, also the library's batch check): as root an
 * access() check passes even on a read-only mount. `what` names it as the user gave it (`--out pdf`).
 */
export async function assertWritableFolder(dir: string, what: string): Promise<void> {
  const { outDirProblem } = await import('../pipeline/out-dir.js');
  const problem = await outDirProblem(dir);
  if (problem) throw new UsageError(`${what}: ${problem.message}`);
}
