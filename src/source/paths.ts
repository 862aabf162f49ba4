// Every path a document names is resolved inside the project folder (design.md, "Trust").

import { isAbsolute, relative, resolve, sep } from 'node:path';
import { realpathSync } from 'node:fs';

/** A path as shown in diagnostics: relative to the working folder when inside it. */
export function displayPath(p: string): string {
  const abs = resolve(p);
  const rel = relative(process.cwd(), abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : abs;
}

function realOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

/**
 * Resolves `p` (relative to `baseDir`, default the project) and returns it only if it lies
 * inside `projectDir`, following symlinks so that a link cannot lead outside. Undefined otherwise.
 */
export function resolveInside(projectDir: string, p: string, baseDir: string = projectDir): string | undefined {
  const root = realOrSelf(resolve(projectDir));
  const abs = resolve(baseDir, p);
  const real = realOrSelf(abs);
  for (const candidate of [abs, real]) {
    const rel = relative(root, candidate);
    if (rel.startsWith('..') || isAbsolute(rel)) {
      // `abs` may be given through a non-canonical path of the root; compare real paths.
      const relReal = relative(root, realOrSelf(candidate));
      if (relReal.startsWith('..') || isAbsolute(relReal)) return undefined;
    }
  }
  return abs;
}
