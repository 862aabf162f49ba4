// Handlebars, set up for Markdown output from untrusted data:
// - a private instance, prototype access off (Handlebars' default since 4.6, kept so);
// - strict: a missing field is an error naming the template file and line, not "";
// - no HTML escaping (wrong for Markdown): the body's data is Markdown-escaped before it is
//   bound, and kind templates put values into gongwen blocks through the `json` helper;
// - templates compiled once per run (cache by path and modification time);
// - bounded: templates come from many hands, and five nested #each over a 100-item list made
//   ~10⁸ characters (out of memory after 78 s). Loops are charged against an output, iteration
//   and time budget per render and stop at the loop's line; partials and decorators (which
//   recurse and double without a loop) are refused; the `log` helper (a document printing
//   to the terminal) is gone.

import { nearestName } from '../util/nearest.js';
import { BoundedMemo } from '../util/bounded-memo.js';
import type Handlebars from 'handlebars';
import { createRequire } from 'node:module';
import { lstatSync } from 'node:fs';
import { GuardedReadError, readGuarded } from '../source/guarded-read.js';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { DiagnosticError } from '../diagnostics/diagnostic.js';
import { displayPath } from '../source/paths.js';
import { chineseDate, parseDate } from '../util/dates.js';
import { alignLine, type ValueOf } from './align.js';

// Handlebars' one-file build (the same 4.7 code as its lib/ entry): that entry is 33 modules and
// loads source-map (11 more) for source maps we never ask for; 17 ms to load instead of 43 ms,
// on the way of every `check`. Templates render the same (without source-map the compiler only
// skips aliasing repeated helpers in the code it generates).
const hb = (createRequire(import.meta.url)('handlebars/dist/handlebars.js') as typeof Handlebars).create();
hb.unregisterHelper('log');

/** Limits on what one render of a template produces (counted over loop bodies, nested ones included). */
export const TEMPLATE_LIMITS = { chars: 20_000_000, iterations: 2_000_000, ms: 10_000 };

interface Budget {
  chars: number;
  iterations: number;
  deadline: number;
}
let budget: Budget | undefined;

class TemplateLimitError extends Error {
  constructor(
    message: string,
    readonly lineNumber: number,
    readonly column: number,
  ) {
    super(message);
  }
}

interface Loc {
  start: { line: number; column: number };
}

function charge(out: string, loc: Loc | undefined): void {
  if (!budget) return;
  budget.chars -= out.length;
  budget.iterations--;
  let why: string | undefined;
  if (budget.chars < 0) why = `produces more than ${TEMPLATE_LIMITS.chars.toLocaleString('en')} characters`;
  else if (budget.iterations < 0) why = `runs more than ${TEMPLATE_LIMITS.iterations.toLocaleString('en')} loop iterations`;
  else if ((budget.iterations & 1023) === 0 && Date.now() > budget.deadline) why = `takes longer than ${TEMPLATE_LIMITS.ms / 1000} s`;
  if (why) {
    budget.chars = budget.iterations = -Infinity; // outer loops stop at once too
    throw new TemplateLimitError(`the template ${why} (nested {{#each}} multiply); loop over fewer items`, loc?.start.line ?? 1, loc?.start.column ?? 0);
  }
}

// #each, with every iteration charged to the render's budget.
{
  const each = hb.helpers.each as (this: unknown, context: unknown, options: Handlebars.HelperOptions & { loc?: Loc }) => string;
  hb.registerHelper('each', function (this: unknown, context: unknown, options: Handlebars.HelperOptions & { loc?: Loc }) {
    const fn = options.fn;
    const charged = (ctx: unknown, o?: Handlebars.RuntimeOptions) => {
      const out = fn(ctx, o);
      charge(out, options.loc);
      return out;
    };
    return each.call(this, context, { ...options, fn: Object.assign(charged, fn) });
  });
}

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

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/;

/**
 * A value as text in Markdown, whatever it holds: inline markup and HTML are backslash-escaped;
 * line breaks are joined as a paragraph joins its lines (nothing between Chinese characters,
 * a space otherwise), so a value never opens a paragraph, page break (---), list (1. or -),
 * heading (=== under it) or table row; a value's start cannot open a block; entities stay
 * text. A value 分页\n\n---\n\n1. 列表注入 is the one line 分页--- 1. 列表注入.
 */
export function markdownEscape(s: string): string {
  return s
    .replace(/[ \t]*(?:\r?\n[ \t]*)+/g, (m, at: number, all: string) => (CJK.test(all.charAt(at - 1)) || CJK.test(all.charAt(at + m.length)) ? '' : ' '))
    .replace(/^[ \t]+/, '')
    .replace(/[\\`*_{}[\]<>#|~]|&(?=#?\w+;)/g, (c) => `\\${c}`)
    .replace(/^(\d{1,9})([.)])(?=[ \t]|$)/, '$1\\$2')
    .replace(/^([-+=])(?=[ \t]|$|[-=])/, '\\$1');
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

const TOKENS: Record<string, string> = {
  CLOSE: '}}', CLOSE_UNESCAPED: '}}}', CLOSE_RAW_BLOCK: '}}}}', EOF: 'the end of the template', OPEN: '{{', OPEN_BLOCK: '{{#', OPEN_ENDBLOCK: '{{/…}}',
  OPEN_INVERSE: '{{^', OPEN_INVERSE_CHAIN: '{{else …}}', INVERSE: '{{else}}', OPEN_SEXPR: '(', CLOSE_SEXPR: ')', ID: 'a name', STRING: 'a "string"',
  NUMBER: 'a number', BOOLEAN: 'true/false', UNDEFINED: 'undefined', NULL: 'null', DATA: 'an @name', EQUALS: '=', SEP: '.', CONTENT: 'text',
  OPEN_PARTIAL: '{{>', OPEN_BLOCK_PARAMS: 'as |…|', CLOSE_BLOCK_PARAMS: '|', COMMENT: 'a comment',
};

/** Handlebars' "Parse error on line 3:\n<excerpt>\n---^\nExpecting 'ID', … got 'CLOSE'" in one line. */
function parseErrorMessage(message: string): string | undefined {
  const m = /^Parse error on line \d+:\n(.*)\n-*\^\nExpecting (.*), got '(\w+)'/s.exec(message);
  if (!m) return undefined;
  const name = (t: string) => TOKENS[t] ?? t;
  const wanted = [...new Set([...m[2].matchAll(/'(\w+)'/g)].map((x) => name(x[1])))];
  const excerpt = m[1].length > 40 ? `…${m[1].slice(-40)}` : m[1];
  return `expected ${wanted.join(', ')} but found ${name(m[3])} in \`${excerpt}\``;
}

function cleanMessage(err: Error, names: string[] = []): string {
  if (err instanceof RangeError) return `the template makes more text than fits in memory (${err.message}); use each field fewer times`;
  const parsed = parseErrorMessage(err.message);
  if (parsed) return parsed;
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
  const fn = compileMapped(text, file, firstLine, false);
  return (ctx: unknown) => fn(ctx).text;
}

/** Where a character of a template's output came from (1-based line, column in code points). */
export interface OutputPoint {
  file: string;
  line: number;
  column: number;
  /** The character is a {{…}} value's output: the field's name for a plain {{name}}, else ''. */
  value?: string;
}

/** A render and, for each line of its output, the line of the file that produced it. */
export interface MappedOutput {
  text: string;
  /** File line of 1-based output line `n` (for messages about the output, such as Markdown or gw blocks). */
  lineAt(n: number): number;
  /** Where each character (UTF-16 offset) of output line `n`, whose text is `lineText`, came from. */
  originOf(n: number, lineText: string): (offset: number) => OutputPoint;
}

/** Column (1-based, code points) of UTF-16 offset `i` of `s`. */
export function columnOf(s: string, i: number): number {
  return columnsOf(s)(i);
}

/** The columns of a line, computed once: UTF-16 offset → column (1-based, code points). */
export function columnsOf(s: string): (i: number) => number {
  if (!/[\uD800-\uDFFF]/.test(s)) return (i) => i + 1;
  const cols = new Int32Array(s.length + 1);
  let n = 1;
  for (let k = 0; k < s.length; k++) {
    cols[k] = n;
    const c = s.charCodeAt(k);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  cols[s.length] = n;
  return (i) => (i <= s.length ? cols[Math.max(0, i)] : n + i - s.length);
}

/**
 * The origins of an output whose line `n` came from line lineAt(n) of `source` (the template's
 * text, whose first line is file line `firstLine`): literal text at its own column, a value
 * at its mustache's column with the field it shows.
 */
function origins(source: string, file: string, firstLine: number, lineAt: (n: number) => number, view: unknown): MappedOutput['originOf'] {
  const lines = source.split('\n');
  const valueOf = valuesOf(view);
  return (n, lineText) => {
    const line = lineAt(n);
    const tpl = lines[line - firstLine] ?? '';
    const pieces = alignLine(tpl, lineText, valueOf);
    const column = columnsOf(tpl);
    return (offset) => {
      const p = pieces.find((x) => offset >= x.from && offset < x.to) ?? pieces[pieces.length - 1];
      if (!p) return { file, line, column: 1, value: '' };
      if (p.value !== undefined) return { file, line, column: column(p.at), value: p.value };
      return { file, line, column: column(p.at + offset - p.from) };
    };
  };
}

/** A view's plain values as text ({{a.b}} too); undefined for what is not text or a number. */
export function valuesOf(view: unknown): ValueOf {
  return (field) => {
    let v: unknown = view;
    for (const k of field.split('.')) {
      if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, k)) return undefined;
      v = (v as Record<string, unknown>)[k];
    }
    return typeof v === 'string' || typeof v === 'number' ? String(v) : v === null || v === undefined ? '' : undefined;
  };
}

/** Text that is not a template's output (a body without {{…}}): every character is its own. */
export function plainOutput(text: string, file: string, firstLine = 1): MappedOutput {
  const lineAt = (n: number) => n + firstLine - 1;
  return {
    text,
    lineAt,
    originOf: (n, lineText) => {
      const column = columnsOf(lineText);
      return (offset) => ({ file, line: lineAt(n), column: column(offset) });
    },
  };
}

export type MappedCompiled = (ctx: unknown) => MappedOutput;

/** Like compileTemplate, with a map from output lines back to the template's lines. */
export function compileTemplateMapped(text: string, file: string, firstLine = 1): MappedCompiled {
  return compileMapped(text, file, firstLine, true);
}

// Output lines are traced to template lines by a marker (two private-use characters around
// the line number) put after every newline of the template's text; Handlebars carries them
// through loops and conditions, and they are taken out again before anything reads the text.
const MARK = /\uE000(\d+)\uE001/g;

function markLines(node: unknown): void {
  if (!node || typeof node !== 'object') return;
  const n = node as { type?: string; value?: string; loc?: Loc };
  if (n.type === 'ContentStatement' && typeof n.value === 'string' && n.loc) {
    let line = n.loc.start.line;
    const start = n.loc.start.column === 0 ? `\uE000${line}\uE001` : '';
    n.value = start + n.value.replace(/\n/g, () => `\n\uE000${++line}\uE001`);
    return;
  }
  for (const [k, v] of Object.entries(n)) {
    if (k === 'loc') continue;
    if (Array.isArray(v)) v.forEach(markLines);
    else if (v && typeof v === 'object') markLines(v);
  }
}

function unmark(out: string, firstLine: number, source: string, file: string, view: unknown): MappedOutput {
  const lines = out.split('\n');
  const map: number[] = [];
  let last = 1;
  for (let i = 0; i < lines.length; i++) {
    const lead = /^(?:\uE000(\d+)\uE001)+/.exec(lines[i]);
    if (lead) {
      const marks = [...lead[0].matchAll(MARK)];
      last = Number(marks[marks.length - 1][1]);
    }
    map.push(last);
    if (lines[i].includes('\uE000')) lines[i] = lines[i].replace(MARK, '');
  }
  const lineAt = (n: number) => (map[n - 1] ?? last) + firstLine - 1;
  return { text: lines.join('\n'), lineAt, originOf: origins(source, file, firstLine, lineAt, view) };
}

class NestingError extends TemplateLimitError {}

/** Block nesting ({{#if}} in {{#each}} …): a real template nests three or four deep. */
export const MAX_TEMPLATE_NESTING = 64;

/**
 * Counts block nesting in the text before Handlebars parses it: its parser and compiler recurse
 * and rescan per level (20,000 nested {{#if}} in a 400 KB body ran `check` past 150 s).
 */
function refuseDeepNesting(text: string): void {
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  const re = /\n|\{\{~?\s*([#^/])/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === '\n') {
      line++;
      lineStart = m.index + 1;
      continue;
    }
    if (m[1] === '/') depth = Math.max(0, depth - 1);
    else if (++depth > MAX_TEMPLATE_NESTING) {
      throw new NestingError(`块嵌套超过 ${MAX_TEMPLATE_NESTING} 层（{{#if}}、{{#each}} 套在一起）：请减少嵌套`, line, m.index - lineStart);
    }
  }
}

/**
 * Compiled templates by their text and place: a batch binds the same body and front-matter
 * texts for every record, and Handlebars parsed and compiled each again (1.5 ms of a seed
 * notice's 45 ms a record). A compiled template keeps no state between calls. Bounded by the
 * characters of the texts kept (a preview compiles a new text at every save).
 */
const MAX_COMPILED_CHARS = 4_000_000;
const compiled = new BoundedMemo<string, MappedCompiled>(MAX_COMPILED_CHARS);

function compileMapped(text: string, file: string, firstLine: number, mapped: boolean): MappedCompiled {
  const key = `${mapped ? 'm' : 'p'}${firstLine}\0${file}\0${text}`;
  return compiled.get(key) ?? compiled.set(key, compileMappedOnce(text, file, firstLine, mapped), key.length);
}

function compileMappedOnce(text: string, file: string, firstLine: number, mapped: boolean): MappedCompiled {
  try {
    refuseDeepNesting(text);
    refuseRecursion(hb.parse(text));
  } catch (err) {
    const p = positionOf(err as HbError);
    if (err instanceof NestingError) throw new DiagnosticError([{ file, line: p.line + firstLine - 1, column: p.column, severity: 'error', ruleId: 'template', message: err.message, source: 'template' }]);
    throw new DiagnosticError([
      { file, line: p.line + firstLine - 1, column: p.column, severity: 'error', ruleId: 'template', message: `模板语法错误：${cleanMessage(err as Error)}（检查 {{ }} 是否成对、{{#if}} 是否有 {{/if}}）`, source: 'template' },
    ]);
  }
  let input: string | hbs.AST.Program = text;
  if (mapped && !text.includes('\uE000')) {
    const ast = hb.parseWithoutProcessing(text);
    markLines(ast);
    input = ast;
  }
  const fn = hb.compile(input, { strict: true, noEscape: true, preventIndent: true, knownHelpers: { log: false } });
  return (ctx: unknown) => {
    try {
      const outer = budget;
      budget ??= { chars: TEMPLATE_LIMITS.chars, iterations: TEMPLATE_LIMITS.iterations, deadline: Date.now() + TEMPLATE_LIMITS.ms };
      try {
        const out = fn(ctx, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
        if (out.length > TEMPLATE_LIMITS.chars) throw new TemplateLimitError(`the template produces more than ${TEMPLATE_LIMITS.chars.toLocaleString('en')} characters; use each field fewer times`, 1, 0);
        if (input !== text) return unmark(out, firstLine, text, file, ctx);
        const lineAt = (n: number) => n + firstLine - 1;
        return { text: out, lineAt, originOf: origins(text, file, firstLine, lineAt, ctx) };
      } finally {
        budget = outer;
      }
    } catch (err) {
      const p = positionOf(err as HbError);
      throw new DiagnosticError([
        { file, line: p.line + firstLine - 1, column: p.column, severity: 'error', ruleId: 'template', message: cleanMessage(err as Error, ctx && typeof ctx === 'object' ? Object.keys(ctx) : []), source: 'template' },
      ]);
    }
  };
}

/**
 * Partials and decorators ({{> name}}, {{#*inline}}) let a template call itself or double its
 * output at every level without a loop to charge; gongwen's templates use neither.
 */
function refuseRecursion(node: unknown): void {
  if (!node || typeof node !== 'object') return;
  const n = node as { type?: string; loc?: Loc; path?: { original?: unknown } };
  if ((n.type === 'MustacheStatement' || n.type === 'BlockStatement' || n.type === 'SubExpression') && n.path?.original === 'log') {
    throw new TemplateLimitError('there is no `log` helper (a document may not print to the terminal)', n.loc?.start.line ?? 1, n.loc?.start.column ?? 0);
  }
  if (n.type === 'PartialStatement' || n.type === 'PartialBlockStatement' || n.type === 'DecoratorBlock' || n.type === 'Decorator') {
    throw new TemplateLimitError(`${n.type.startsWith('Partial') ? 'partials ({{> …}})' : 'decorators ({{* …}}, {{#*inline}})'} are not supported in templates`, n.loc?.start.line ?? 1, n.loc?.start.column ?? 0);
  }
  for (const v of Object.values(n)) {
    if (Array.isArray(v)) v.forEach(refuseRecursion);
    else if (v && typeof v === 'object' && v !== n.loc) refuseRecursion(v);
  }
}

/** The templates shipped with gongwen: <package>/templates. */
export const SHIPPED_TEMPLATES = resolve(dirname(fileURLToPath(import.meta.url)), '../../templates');

/**
 * The view's fields a template may read: the first name of every path it writes ({{title}},
 * {{json label}}, {{#each rows}}…{{../x}}, {{@root.y}}), helpers' names included; 'any' when it
 * can reach a field without naming it ({{this}}, {{.}}, {{@root}}, lookup). A batch's annex
 * part whose template and body read no record field is the same for every record
 * (kinds/shared-parts.ts); naming more than is read only makes that rarer.
 */
export type FieldsRead = ReadonlySet<string> | 'any';

export function fieldsRead(text: string): FieldsRead {
  if (!text.includes('{{')) return new Set();
  let ast: unknown;
  try {
    ast = hb.parse(text);
  } catch {
    return 'any'; // compileTemplate reports it
  }
  const names = new Set<string>();
  let any = false;
  const visit = (node: unknown): void => {
    if (any || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as { type?: string; data?: boolean; parts?: string[]; original?: unknown; loc?: unknown };
    if (n.type === 'PathExpression' && n.parts) {
      const parts = n.data ? (n.parts[0] === 'root' ? n.parts.slice(1) : ['']) : n.parts;
      if (parts.length === 0 || n.original === 'lookup') any = true;
      else if (parts[0]) names.add(parts[0]);
      return;
    }
    for (const [k, v] of Object.entries(n)) if (k !== 'loc') visit(v);
  };
  visit(ast);
  return any ? 'any' : names;
}

const cache = new Map<string, { mtimeMs: number; fn: MappedCompiled; fields: FieldsRead }>();

/** A kind template is a page of text; 1 MB is fifty times the largest shipped one. */
export const MAX_TEMPLATE_BYTES = 1024 * 1024;

/**
 * Finds templates/<kind>/<name>.hbs: the project's own copy first (a user overrides a
 * template by copying it into their project's templates/), then gongwen's.
 */
export async function loadKindTemplate(projectDir: string, kind: string, name = kind): Promise<{ fn: MappedCompiled; path: string; fields: FieldsRead }> {
  const candidates: [string, string][] = [
    [projectDir, join(projectDir, 'templates', kind, `${name}.hbs`)],
    [SHIPPED_TEMPLATES, join(SHIPPED_TEMPLATES, kind, `${name}.hbs`)],
  ];
  for (const [root, path] of candidates) {
    // A synchronous lstat that answers a missing file with undefined: the project's own copy is
    // usually missing, and the rejected promise of fs/promises' lstat (an error with its stack,
    // for each of a batch's templates) cost a batch of notices 1 ms a document.
    let st;
    try {
      st = lstatSync(path, { throwIfNoEntry: false });
    } catch {
      continue;
    }
    if (!st) continue;
    const hit = cache.get(path);
    if (hit && hit.mtimeMs === st.mtimeMs && st.isFile()) return { fn: hit.fn, path, fields: hit.fields };
    // The project's copy is read like any document file: inside the project (a template linked
    // to an outside file was printed into both outputs), no FIFO or device (one linked to
    // /dev/zero crashed), and bounded.
    let text: string;
    try {
      text = readGuarded(path, { projectDir: root, maxBytes: MAX_TEMPLATE_BYTES, what: '模板' }).bytes.toString('utf8');
    } catch (err) {
      if (!(err instanceof GuardedReadError)) throw err;
      if (err.fault === 'missing') continue;
      throw new DiagnosticError([{ file: displayPath(path), line: 0, column: 0, severity: 'error', ruleId: 'template', message: err.message.replace(`「${path}」`, ''), source: 'template' }]);
    }
    const fn = compileTemplateMapped(text, displayPath(path));
    const fields = fieldsRead(text);
    cache.set(path, { mtimeMs: st.mtimeMs, fn, fields });
    return { fn, path, fields };
  }
  const d: Diagnostic = { file: displayPath(candidates[0][1]), line: 0, column: 0, severity: 'error', ruleId: 'template', message: `找不到文种「${kind}」的模板：templates/${kind}/${kind}.hbs`, source: 'template' };
  throw new DiagnosticError([d]);
}
