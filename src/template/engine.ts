// Handlebars, set up for Markdown output from untrusted data:
// - a private instance, prototype access off (Handlebars' default since 4.6, kept so);
// - strict: a missing field is an error naming the template file and line, not "";
// - no HTML escaping (wrong for Markdown): the body's data is Markdown-escaped before it is
//   bound, and kind templates put values into gongwen blocks through the `json` helper;
// - templates compiled once per run (cache by path and modification time).

import { nearestName } from '../util/nearest.js';
import Handlebars from 'handlebars';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { DiagnosticError } from '../diagnostics/diagnostic.js';
import { displayPath } from '../source/paths.js';
import { chineseDate, parseDate } from '../kinds/fields.js';

const hb = Handlebars.create();

hb.registerHelper('json', (value: unknown) => new hb.SafeString(JSON.stringify(value ?? null)));
hb.registerHelper('cnDate', (value: unknown) => {
  const iso = typeof value === 'string' ? parseDate(value) : undefined;
  return iso ? chineseDate(iso) : String(value ?? '');
});
hb.registerHelper('md', (value: unknown) => new hb.SafeString(markdownEscape(String(value ?? ''))));
hb.registerHelper('join', (value: unknown, sep: unknown) =>
  Array.isArray(value) ? value.join(typeof sep === 'string' ? sep : '、') : String(value ?? ''),
);
hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
hb.registerHelper('add', (a: unknown, b: unknown) => Number(a) + Number(b));

/** Backslash-escapes what Markdown would read as markup or HTML. */
export function markdownEscape(s: string): string {
  return s.replace(/[\\`*_{}[\]<>#|~]/g, (c) => `\\${c}`);
}

/** Deep copy of data with every string Markdown-escaped, for binding into Markdown bodies. */
export function escapeForMarkdown(data: unknown): unknown {
  if (typeof data === 'string') return markdownEscape(data);
  if (Array.isArray(data)) return data.map(escapeForMarkdown);
  if (data && typeof data === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(data)) out[k] = escapeForMarkdown(v);
    return out;
  }
  return data;
}

type Compiled = (ctx: unknown) => string;

interface HbError extends Error {
  lineNumber?: number;
  column?: number;
}

function positionOf(err: HbError): { line: number; column: number } {
  if (err.lineNumber) return { line: err.lineNumber, column: (err.column ?? 0) + 1 };
  const m = /line (\d+)/.exec(err.message);
  return { line: m ? Number(m[1]) : 1, column: 1 };
}

function cleanMessage(err: Error, names: string[] = []): string {
  const first = err.message.split('\n')[0];
  const missing = /^"([^"]+)" not defined in/.exec(first);
  if (missing) {
    const near = nearestName(missing[1], names.filter((n) => !n.startsWith('_')));
    return `缺少字段「${missing[1]}」：模板用到了它，但文件头和数据中都没有${near ? `；是否应为「${near}」？` : '：在文件头或数据中加上它'}`;
  }
  return first.replace(/ - \d+:\d+$/, '');
}

/**
 * Compiles a template text. Parse errors are reported at once (Handlebars compiles lazily);
 * `file` and `firstLine` place them in the file the text came from.
 */
export function compileTemplate(text: string, file: string, firstLine = 1): Compiled {
  try {
    hb.parse(text);
  } catch (err) {
    const p = positionOf(err as HbError);
    throw new DiagnosticError([
      { file, line: p.line + firstLine - 1, column: p.column, severity: 'error', ruleId: 'template', message: `模板语法错误：${cleanMessage(err as Error)}（检查 {{ }} 是否成对、{{#if}} 是否有 {{/if}}）`, source: 'template' },
    ]);
  }
  const fn = hb.compile(text, { strict: true, noEscape: true, preventIndent: true });
  return (ctx: unknown) => {
    try {
      return fn(ctx, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
    } catch (err) {
      const p = positionOf(err as HbError);
      throw new DiagnosticError([
        { file, line: p.line + firstLine - 1, column: p.column, severity: 'error', ruleId: 'template', message: cleanMessage(err as Error, ctx && typeof ctx === 'object' ? Object.keys(ctx) : []), source: 'template' },
      ]);
    }
  };
}

/** The templates shipped with gongwen: <package>/templates. */
export const SHIPPED_TEMPLATES = resolve(dirname(fileURLToPath(import.meta.url)), '../../templates');

const cache = new Map<string, { mtimeMs: number; fn: Compiled }>();

/**
 * Finds templates/<kind>/<name>.hbs: the project's own copy first (a user overrides a
 * template by copying it into their project's templates/), then gongwen's.
 */
export async function loadKindTemplate(projectDir: string, kind: string, name = kind): Promise<{ fn: Compiled; path: string }> {
  const candidates = [join(projectDir, 'templates', kind, `${name}.hbs`), join(SHIPPED_TEMPLATES, kind, `${name}.hbs`)];
  for (const path of candidates) {
    let st;
    try {
      st = await stat(path);
    } catch {
      continue;
    }
    const hit = cache.get(path);
    if (hit && hit.mtimeMs === st.mtimeMs) return { fn: hit.fn, path };
    const text = await readFile(path, 'utf8');
    const fn = compileTemplate(text, displayPath(path));
    cache.set(path, { mtimeMs: st.mtimeMs, fn });
    return { fn, path };
  }
  const d: Diagnostic = { file: displayPath(candidates[0]), line: 0, column: 0, severity: 'error', ruleId: 'template', message: `找不到文种「${kind}」的模板：templates/${kind}/${kind}.hbs`, source: 'template' };
  throw new DiagnosticError([d]);
}
