// The project folder of a command: it must exist, since every path a document names is
// resolved inside it.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';

export class UsageError extends Error {}

export function projectFolder(given: string | undefined): string {
  const dir = resolve(given ?? '.');
  let ok = false;
  try {
    ok = statSync(dir).isDirectory();
  } catch {
    ok = false;
  }
  if (!ok) throw new UsageError(`--project ${given}: no such folder`);
  return dir;
}
