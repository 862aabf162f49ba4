// gongwen's own version, from its package.json: shown by --version and part of the batch cache
// key (a new gongwen renders unchanged inputs again).
import { readFileSync } from 'node:fs';

let cached: string | undefined;

export function gongwenVersion(): string {
  if (cached === undefined) {
    try {
      cached = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
    } catch {
      cached = 'unknown';
    }
  }
  return cached;
}
