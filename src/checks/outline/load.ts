// Loads an outline file: a shipped one by name (outlines/cluster-scheme-2022.yaml) or a YAML
// file inside the project. YAML only (the `yaml` package, no custom tags); every schema problem
// is a diagnostic at its file:line:col, thrown together as a DiagnosticError.

import { existsSync } from 'node:fs';
import { readFile, stat, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument, isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { DiagnosticError, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { displayPath, resolveInside } from '../../source/paths.js';
import type { Outline, OutlineSection } from './types.js';
import { titleKeys } from './match-title.js';

/** The outlines shipped with gongwen (top-level outlines/ folder). */
export const SHIPPED_OUTLINES_DIR = fileURLToPath(new URL('../../../outlines/', import.meta.url));

const MAX_OUTLINE_BYTES = 256 * 1024;
const RULE = 'outline-schema';

/** Names of the shipped outlines. */
export async function shippedOutlines(): Promise<string[]> {
  try {
    return (await readdir(SHIPPED_OUTLINES_DIR)).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).sort();
  } catch {
    return [];
  }
}

function fail(file: string, message: string, line = 0, column = 0): never {
  throw new DiagnosticError([{ file, line, column, severity: 'error', ruleId: RULE, message, source: 'check' }]);
}

/**
 * Resolves and loads an outline. `nameOrPath` is a bare name ("cluster-scheme-2022", looked up
 * in the project's outlines/ folder first, then among the shipped ones) or a path relative to
 * the project ("outlines/my-plan.yaml"), which must stay inside `projectDir`.
 */
export async function loadOutline(nameOrPath: string, projectDir: string): Promise<Outline> {
  const bare = /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(nameOrPath) && !nameOrPath.includes('..');
  let abs: string | undefined;
  if (bare) {
    const file = nameOrPath.endsWith('.yaml') || nameOrPath.endsWith('.yml') ? nameOrPath : `${nameOrPath}.yaml`;
    const own = resolveInside(projectDir, join('outlines', file));
    const shipped = join(SHIPPED_OUTLINES_DIR, file);
    abs = own && existsSync(own) ? own : existsSync(shipped) ? shipped : undefined;
    if (!abs && existsSync(join(projectDir, file))) abs = resolveInside(projectDir, file);
    if (!abs) {
      const names = await shippedOutlines();
      fail(nameOrPath, `no outline named "${nameOrPath}" (shipped outlines: ${names.join(', ') || 'none'}; or give a path to a YAML file in the project)`);
    }
  } else {
    abs = resolveInside(projectDir, nameOrPath);
    if (!abs) fail(nameOrPath, `outline path is outside the project folder ${projectDir}`);
  }
  const shown = displayPath(abs);
  let text: string;
  try {
    const st = await stat(abs);
    if (!st.isFile()) fail(shown, 'outline is not a file');
    if (st.size > MAX_OUTLINE_BYTES) fail(shown, `outline file is ${st.size} bytes; the limit is ${MAX_OUTLINE_BYTES}`);
    text = (await readFile(abs, 'utf8')).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  } catch (err) {
    if (err instanceof DiagnosticError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    fail(shown, code === 'ENOENT' ? 'outline file not found' : `cannot read outline: ${(err as Error).message}`);
  }
  return parseOutline(text, shown, basename(abs).replace(/\.ya?ml$/, ''));
}

/** Parses and validates outline YAML text; throws DiagnosticError listing every problem. */
export function parseOutline(text: string, file: string, name: string): Outline {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, customTags: [], uniqueKeys: true, prettyErrors: false });
  const diags: Diagnostic[] = [];
  const at = (node: Node | null | undefined) => {
    const p = node?.range ? lc.linePos(node.range[0]) : { line: 1, col: 1 };
    return { line: p.line, column: p.col };
  };
  const err = (node: Node | null | undefined, message: string) => diags.push({ file, ...at(node), severity: 'error', ruleId: RULE, message, source: 'check' });
  for (const e of doc.errors) {
    const p = lc.linePos(e.pos[0]);
    diags.push({ file, line: p.line, column: p.col, severity: 'error', ruleId: RULE, message: `YAML syntax error: ${e.message.split('\n')[0]}`, source: 'check' });
  }
  if (diags.length > 0) throw new DiagnosticError(diags);

  const str = (map: YAMLMap, key: string, required: boolean): string | undefined => {
    const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
    if (!pair) {
      if (required) err(map, `missing \`${key}\``);
      return undefined;
    }
    const v = pair.value as Node | null;
    if (!isScalar(v) || typeof v.value !== 'string' || !v.value.trim()) {
      err(v ?? (pair.key as Node), `\`${key}\` must be non-empty text`);
      return undefined;
    }
    return v.value.trim();
  };
  const strList = (map: YAMLMap, key: string): string[] => {
    const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
    if (!pair) return [];
    const v = pair.value as Node | null;
    if (isScalar(v) && typeof v.value === 'string') return [v.value.trim()];
    if (!isSeq(v)) {
      err(v ?? (pair.key as Node), `\`${key}\` must be a list of text`);
      return [];
    }
    const out: string[] = [];
    for (const item of v.items) {
      if (isScalar(item) && typeof item.value === 'string' && item.value.trim()) out.push(item.value.trim());
      else err(item as Node, `\`${key}\` items must be non-empty text`);
    }
    return out;
  };
  const posInt = (map: YAMLMap, key: string): number | undefined => {
    const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
    if (!pair) return undefined;
    const v = pair.value as Node | null;
    if (!isScalar(v) || typeof v.value !== 'number' || !Number.isInteger(v.value) || v.value <= 0) {
      err(v ?? (pair.key as Node), `\`${key}\` must be a positive whole number (字数), e.g. 10000`);
      return undefined;
    }
    return v.value;
  };
  const bool = (map: YAMLMap, key: string, fallback: boolean): boolean => {
    const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
    if (!pair) return fallback;
    const v = pair.value as Node | null;
    if (!isScalar(v) || typeof v.value !== 'boolean') {
      err(v ?? (pair.key as Node), `\`${key}\` must be true or false`);
      return fallback;
    }
    return v.value;
  };
  const onlyKeys = (map: YAMLMap, allowed: string[], what: string) => {
    for (const p of map.items) {
      const k = isScalar(p.key) ? String(p.key.value) : undefined;
      if (k === undefined || !allowed.includes(k)) err(p.key as Node, `unknown key \`${k ?? '?'}\` in ${what} (allowed: ${allowed.join(', ')})`);
    }
  };

  const sectionList = (node: Node | null | undefined, owner: Node, where: string): OutlineSection[] => {
    if (!isSeq(node) || node.items.length === 0) {
      err(node ?? owner, `\`sections\` of ${where} must be a non-empty list`);
      return [];
    }
    const out: OutlineSection[] = [];
    const seen = new Map<string, string>();
    for (const item of node.items as (Node | null)[]) {
      let s: OutlineSection | undefined;
      if (isScalar(item) && typeof item.value === 'string' && item.value.trim()) {
        // Shorthand: a bare title.
        s = { title: item.value.trim(), aliases: [], required: true, sections: [], ...at(item) };
      } else if (isMap(item)) {
        onlyKeys(item, ['title', 'aliases', 'required', 'minWords', 'note', 'sections'], 'a section');
        const title = str(item, 'title', true);
        if (title === undefined) continue;
        const sub = item.items.find((p) => isScalar(p.key) && p.key.value === 'sections');
        s = {
          title,
          aliases: strList(item, 'aliases'),
          required: bool(item, 'required', true),
          minWords: posInt(item, 'minWords'),
          note: str(item, 'note', false),
          sections: sub ? sectionList(sub.value as Node | null, item, `「${title}」`) : [],
          ...at(item),
        };
      } else {
        err(item, 'a section is a title, or a mapping with `title` (and `aliases`, `required`, `minWords`, `note`, `sections`)');
        continue;
      }
      for (const t of [s.title, ...s.aliases]) {
        for (const k of titleKeys(t)) {
          const other = seen.get(k);
          if (other !== undefined && other !== s.title) err(item, `「${t}」 would match both 「${other}」 and 「${s.title}」: titles and aliases of sibling sections must differ`);
          seen.set(k, s.title);
        }
      }
      out.push(s);
    }
    return out;
  };

  const root = doc.contents as Node | null;
  if (!isMap(root)) fail(file, 'an outline is a mapping with `title`, `minWords` (optional) and `sections`', 1, 1);
  onlyKeys(root, ['title', 'aliases', 'minWords', 'source', 'description', 'sections'], 'the outline');
  const title = str(root, 'title', true) ?? '';
  const secPair = root.items.find((p) => isScalar(p.key) && p.key.value === 'sections');
  const outline: Outline = {
    name,
    title,
    aliases: strList(root, 'aliases'),
    minWords: posInt(root, 'minWords'),
    source: str(root, 'source', false),
    sections: secPair ? sectionList(secPair.value as Node | null, root, 'the outline') : (err(root, 'missing `sections`'), []),
    file,
  };
  if (diags.length > 0) throw new DiagnosticError(diags);
  return outline;
}
