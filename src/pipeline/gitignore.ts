// Which files a folder argument leaves out: node_modules/, dot-folders, and what the
// project's .gitignore files ignore (as git reads them: a .gitignore applies below its folder,
// the last matching line wins, `!` re-includes, a trailing / matches folders only, a pattern
// with a / inside is anchored to its .gitignore's folder). Without it `gongwen check .` walked
// into node_modules/ and reported its READMEs as errors.
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface IgnoreRule {
  base: string;
  regex: RegExp;
  negate: boolean;
  dirOnly: boolean;
  anchored: boolean;
}

function globToRegex(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slashAfter = glob[i + 2] === '/';
        out += slashAfter ? '(?:.*/)?' : '.*';
        i += slashAfter ? 2 : 1;
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) out += '\\[';
      else {
        out += `[${glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else if (c === '\\' && i + 1 < glob.length) out += glob[++i].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    else out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return out;
}

/** The rules of one .gitignore text, relative to `base` (the folder that holds it). */
export function parseGitignore(text: string, base: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (let line of text.split(/\r?\n/)) {
    if (!line.endsWith('\\ ')) line = line.replace(/\s+$/, '');
    if (!line || line.startsWith('#')) continue;
    let negate = false;
    if (line.startsWith('!')) {
      negate = true;
      line = line.slice(1);
    } else if (line.startsWith('\\!') || line.startsWith('\\#')) line = line.slice(1);
    const dirOnly = line.endsWith('/');
    if (dirOnly) line = line.slice(0, -1);
    const anchored = line.includes('/');
    if (line.startsWith('/')) line = line.slice(1);
    if (!line) continue;
    rules.push({ base, negate, dirOnly, anchored, regex: new RegExp(`^${globToRegex(line)}$`) });
  }
  return rules;
}

/** The rules of `dir`/.gitignore (none when there is no such file). */
export function gitignoreRules(dir: string): IgnoreRule[] {
  try {
    return parseGitignore(readFileSync(join(dir, '.gitignore'), 'utf8'), dir);
  } catch {
    return [];
  }
}

/** Is the entry `path` (a folder when `isDir`) ignored by `rules` (outer .gitignore first)? */
export function isIgnored(rules: readonly IgnoreRule[], path: string, isDir: boolean): boolean {
  let ignored = false;
  for (const r of rules) {
    if (r.dirOnly && !isDir) continue;
    const rel = relative(r.base, path).split(sep).join('/');
    if (!rel || rel.startsWith('..')) continue;
    const subject = r.anchored ? rel : rel.slice(rel.lastIndexOf('/') + 1);
    if (r.regex.test(subject)) ignored = !r.negate;
  }
  return ignored;
}

/** Folders a walk never enters, whatever .gitignore says. */
export function alwaysSkipped(name: string): boolean {
  return name === 'node_modules' || name.startsWith('.');
}
