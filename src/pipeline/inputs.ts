// Which content files a command works on: files as given, folders expanded to their .md
// files — leaving out node_modules/, dot-folders and what .gitignore ignores (gitignore.ts),
// and the files that other documents in the set attach as annexes, since those are built as
// part of their notice.

import { canonicalSource } from '../kinds/aliases.js';
import { readdir, stat } from 'node:fs/promises';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { readSource } from '../source/read.js';
import { alwaysSkipped, gitignoreRules, isIgnored, type IgnoreRule } from './gitignore.js';

async function mdFilesIn(dir: string, inherited: IgnoreRule[]): Promise<string[]> {
  const rules = [...inherited, ...gitignoreRules(dir)];
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (alwaysSkipped(entry.name) || isIgnored(rules, p, true)) continue;
      out.push(...(await mdFilesIn(p, rules)));
    } else if (entry.isFile() && extname(entry.name).toLowerCase() === '.md' && !entry.name.startsWith('.') && !isIgnored(rules, p, false)) out.push(p);
  }
  return out.sort();
}

/** The .gitignore rules of the folders from the project root down to (not including) `dir`. */
function rulesAbove(dir: string, projectDir: string): IgnoreRule[] {
  const rel = relative(projectDir, dir);
  if (!rel || rel.startsWith('..')) return [];
  const rules: IgnoreRule[] = [];
  let at = projectDir;
  for (const part of rel.split(sep)) {
    rules.push(...gitignoreRules(at));
    at = join(at, part);
  }
  return rules;
}

export interface Inputs {
  files: string[];
  /** Arguments that do not exist: reported as errors by the caller. */
  missing: string[];
}

export async function expandInputs(args: string[], projectDir: string): Promise<Inputs> {
  const files: string[] = [];
  const missing: string[] = [];
  const fromFolders = new Set<string>();
  for (const a of args) {
    const abs = resolve(a);
    let st;
    try {
      st = await stat(abs);
    } catch {
      missing.push(a);
      continue;
    }
    if (st.isDirectory()) {
      for (const f of await mdFilesIn(abs, rulesAbove(abs, projectDir))) {
        files.push(f);
        fromFolders.add(f);
      }
    } else files.push(abs);
  }
  // Files found in folders that another file attaches are annexes, not documents.
  const attached = new Set<string>();
  // Annexes are left out of what folders expand to; files named one by one are all kept, and
  // need not be read here (a cold YAML parse of each, on the way of every `check FILE`).
  for (const f of fromFolders.size ? files : []) {
    try {
      const s = canonicalSource(await readSource(f, projectDir));
      const att = s.data.attachments;
      if (Array.isArray(att)) {
        for (const a of att) {
          const file = a && typeof a === 'object' ? (a as Record<string, unknown>).file : undefined;
          if (typeof file === 'string') attached.add(resolve(dirname(f), file));
        }
      }
    } catch {
      // unreadable files are reported when they are built
    }
  }
  return { files: [...new Set(files)].filter((f) => !(fromFolders.has(f) && attached.has(f))), missing };
}

/**
 * Every input expanded, then grouped by the project each file belongs to (`rootOf`: the
 * nearest project above the file, or the one --project fixes). A folder argument may hold
 * several projects: each file is built with its own templates, fonts and gongwen.yaml.
 */
export async function expandByProject(groups: Map<string, string[]>, rootOf: (file: string) => string): Promise<{ projects: Map<string, string[]>; missing: string[]; total: number }> {
  const projects = new Map<string, string[]>();
  const missing: string[] = [];
  let total = 0;
  for (const [root, args] of groups) {
    const found = await expandInputs(args, root);
    missing.push(...found.missing);
    for (const f of found.files) {
      const r = rootOf(f);
      const list = projects.get(r) ?? [];
      if (!list.includes(f)) {
        list.push(f);
        total++;
      }
      projects.set(r, list);
    }
  }
  return { projects, missing, total };
}
