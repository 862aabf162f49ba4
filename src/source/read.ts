// Reads a content file: front matter (YAML only) and Markdown body, with positions.
//
// The front matter is split here, as gray-matter splits it (same fences, same quirks), and read
// with the `yaml` package (positions for every field, no custom tags, no code); a fence naming
// another language (---js, which gray-matter would `eval`: CVE-2022-25863) is refused. Not
// gray-matter itself: it loads js-yaml and esprima (45 modules, 41 ms of a 0.5 s `gongwen
// check`) only to have both replaced.

import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { LineCounter, parseDocument, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { DiagnosticError } from '../diagnostics/diagnostic.js';
import type { FieldPlace, SourceFile } from './types.js';
import { displayPath } from './paths.js';
import { GuardedReadError, readGuarded } from './guarded-read.js';
import { yamlErrors } from './yaml-hints.js';

/** Content files are prose: anything larger is a mistake or an attack. */
export const MAX_SOURCE_BYTES = 5 * 1024 * 1024;

/** Fields in a front matter, at all levels: a notice has a few dozen; an annex list some hundreds. */
export const MAX_FRONT_MATTER_KEYS = 10_000;
/** Nesting of maps and lists in a front matter. */
export const MAX_FRONT_MATTER_DEPTH = 32;

class YamlFrontMatterError extends Error {
  constructor(readonly diagnostics: Omit<Diagnostic, 'file'>[]) {
    super('front matter');
  }
}

function refuseCode(): never {
  throw new YamlFrontMatterError([
    {
      line: 1,
      column: 1,
      severity: 'error',
      ruleId: 'front-matter',
      message: '文件头只能是 YAML（---）：不接受可执行的文件头（---js），改为 --- 开头的 YAML',
      source: 'source',
    },
  ]);
}

/** Normalises what YAML produced into plain data: Dates become YYYY-MM-DD strings. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = Object.create(null);
    for (const [k, v] of Object.entries(value)) out[k] = plain(v);
    return out;
  }
  return value;
}

interface ParsedFrontMatter {
  data: Record<string, unknown>;
  doc?: Document;
  lineCounter: LineCounter;
}

/** Parses YAML front matter text; `lineOffset` is the file line of its first line, minus 1. */
export function parseYamlFrontMatter(yamlText: string, lineOffset: number): ParsedFrontMatter {
  const lineCounter = new LineCounter();
  // logLevel 'error': warnings (an unknown tag) come back in doc.warnings instead of going to
  // stderr as a raw YAMLWarning; here they are errors, since the value would be read wrong.
  // uniqueKeys off: yaml checks each key against every earlier one of its map (60,000 keys took
  // 133 s); the walk below finds duplicates with a Set, in linear time.
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: false, customTags: [], logLevel: 'error' });
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line + lineOffset, column: pos.col, severity: 'error' as const, source: 'source' };
  };
  const problems = [
    // The first syntax error only, with a hint for the common slips (yaml-hints.ts): one
    // indentation slip used to give four errors.
    ...(doc.errors.length
      ? yamlErrors(yamlText, doc.errors, lineCounter).map((p) => ({ line: p.line + lineOffset, column: p.column, severity: 'error' as const, source: 'source', ruleId: 'yaml', message: p.message }))
      : []),
    ...doc.warnings.map((w) => {
      const tag = /^Unresolved tag: (.*)$/.exec(w.message.split('\n')[0]);
      const message = tag ? `不支持 YAML 标签「${tag[1]}」：把值写成普通文字（以 ! 开头的值加引号）` : `YAML: ${w.message.split('\n')[0]}`;
      return { ...at(w.pos[0]), ruleId: 'yaml', message };
    }),
  ];
  // __proto__ as a key would set the object's prototype, not a field: every field silently empty.
  // Keys are counted and nesting is bounded: the front matter is untrusted, and every later
  // stage walks it.
  let keys = 0;
  const walk = (node: unknown, depth: number): void => {
    if (problems.length > 20) return;
    if ((isMap(node) || isSeq(node)) && depth > MAX_FRONT_MATTER_DEPTH) {
      problems.push({ ...at(node.range?.[0] ?? 0), ruleId: 'limit', message: `文件头嵌套超过 ${MAX_FRONT_MATTER_DEPTH} 层：公文的字段不需要这么深，请简化` });
      return;
    }
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        const keyAt = at((pair.key as Node | null)?.range?.[0] ?? node.range?.[0] ?? 0);
        if (key === '__proto__') problems.push({ ...keyAt, ruleId: 'front-matter', message: '「__proto__」不能作字段名：换一个名字' });
        if (seen.has(key)) problems.push({ ...keyAt, ruleId: 'yaml', message: `字段「${String(key)}」重复：每个字段只写一次` });
        seen.add(key);
        if (++keys === MAX_FRONT_MATTER_KEYS + 1) problems.push({ ...keyAt, ruleId: 'limit', message: `文件头有 ${MAX_FRONT_MATTER_KEYS} 个以上的字段：这不是公文的文件头；大量数据请放进数据文件（CSV、XLSX）` });
        walk(pair.value, depth + 1);
      }
    } else if (isSeq(node)) node.items.forEach((n) => walk(n, depth + 1));
  };
  walk(doc.contents, 1);
  if (problems.length > 0) throw new YamlFrontMatterError(problems);
  const js = doc.toJS({ maxAliasCount: 100 }) as unknown;
  if (js != null && (typeof js !== 'object' || Array.isArray(js))) {
    throw new YamlFrontMatterError([
      { line: 1 + lineOffset, column: 1, severity: 'error', ruleId: 'front-matter', message: '文件头应为「字段: 值」的列表，如 title: 关于……的通知', source: 'source' },
    ]);
  }
  return { data: (plain(js ?? {}) as Record<string, unknown>), doc, lineCounter };
}

function placeIn(doc: Document | undefined, lc: LineCounter, path: (string | number)[], lineOffset: number): FieldPlace {
  if (!doc) return { line: 1, column: 1 };
  // Walk down as far as the path exists; point at the deepest node found.
  let node: Node | null | undefined = doc.contents as Node | null;
  let best: FieldPlace = { line: 1 + lineOffset, column: 1 };
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
      if (!pair) break;
      const keyNode = pair.key as Node | null;
      if (keyNode?.range) {
        const p = lc.linePos(keyNode.range[0]);
        best = { line: p.line + lineOffset, column: p.col };
      }
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key] as Node | null;
    } else break;
    if (node?.range) {
      const p = lc.linePos(node.range[0]);
      best = { line: p.line + lineOffset, column: p.col };
    }
  }
  return best;
}

/**
 * Reads and splits a content file. Throws DiagnosticError for an unreadable file, a file
 * outside the project, a file too large, and YAML syntax errors (with their lines).
 */
export async function readSource(path: string, projectDir: string): Promise<SourceFile> {
  const shown = displayPath(path);
  const fail = (ruleId: string, message: string): never => {
    throw new DiagnosticError([{ file: shown, line: 0, column: 0, severity: 'error', ruleId, message, source: 'source' }]);
  };
  try {
    const { abs, bytes } = readGuarded(resolve(path), { projectDir, maxBytes: MAX_SOURCE_BYTES, what: '内容文件' });
    return parseSource(shown, abs, bytes);
  } catch (err) {
    if (!(err instanceof GuardedReadError)) throw err;
    if (err.fault === 'outside') return fail('path', `is outside the project folder ${projectDir} (or a link that leads out of it)`);
    if (err.fault === 'too-large') {
      const size = await stat(resolve(path)).then((s) => s.size, () => MAX_SOURCE_BYTES + 1);
      return fail('limit', `file is ${size} bytes; content files are limited to ${MAX_SOURCE_BYTES}`);
    }
    if (err.fault === 'missing') return fail('read', 'cannot read file: no such file');
    return fail('read', `cannot read file: ${err.message.replace(/「[^」]*」/, '')}`); // the diagnostic names the file
  }
}

/** Splits already-read bytes; exported for tests and for batch, which re-parses templates. */
export function parseSource(shown: string, abs: string, raw: Buffer | string): SourceFile {
  let text = typeof raw === 'string' ? raw : new TextDecoder('utf-8', { fatal: false }).decode(raw);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.replace(/\r\n?/g, '\n');
  if (text.includes('\uFFFD') && typeof raw !== 'string') {
    throw new DiagnosticError([{ file: shown, line: 0, column: 0, severity: 'error', ruleId: 'encoding', message: 'content files must be UTF-8 (save the file as UTF-8)', source: 'source' }]);
  }

  let fm: ParsedFrontMatter = { data: {}, lineCounter: new LineCounter() };
  let body = text;
  let bodyLine = 1;
  try {
    const split = splitFrontMatter(text);
    if (split) {
      if (!['yaml', 'yml', 'json'].includes(split.language)) refuseCode();
      // A block of comments only is no front matter (gray-matter's rule): no fields.
      if (split.matter.replace(/^\s*#[^\n]+/gm, '').trim() !== '') fm = parseYamlFrontMatter(split.matter, 0); // JSON is YAML; same positions
      body = split.body;
      // Lines of the opening fence, the front matter and the closing fence.
      const header = text.slice(0, text.length - body.length);
      bodyLine = header.split('\n').length - (header.endsWith('\n') ? 0 : 1);
    }
  } catch (err) {
    if (err instanceof YamlFrontMatterError) {
      // No closing fence: the body was read as YAML, and its first sentence made the error.
      // The fence is what is missing (a file of fields only, with no fence, still reads).
      if (!text.slice(3).includes('\n---')) {
        throw new DiagnosticError([{ file: shown, line: 1, column: 1, severity: 'error', ruleId: 'front-matter', message: "文件头缺少结尾的 ---：第 1 行的 --- 之后没有另一行 ---。在字段之后、正文之前另起一行写 ---", source: 'source' }]);
      }
      throw new DiagnosticError(err.diagnostics.map((d) => ({ ...d, file: shown })));
    }
    throw new DiagnosticError([{ file: shown, line: 1, column: 1, severity: 'error', ruleId: 'front-matter', message: String((err as Error).message), source: 'source' }]);
  }
  const doc = fm.doc;
  const lc = fm.lineCounter;
  return {
    path: shown,
    absPath: abs,
    text,
    data: fm.data,
    body,
    bodyLine,
    // The front matter is the text after the opening fence, starting with the rest of line 1,
    // so YAML line n is file line n.
    placeOf: (p) => placeIn(doc, lc, p, 0),
  };
}

/**
 * The front matter of `text` (its `\n` line ends already), split as gray-matter 4 splits it:
 * `---` opens it at the very start (`----` does not); the rest of that line names its language
 * (default yaml); it ends at the next `\n---` (also `\n----…`: gray-matter's rule, kept so that
 * a file reads as before), or at the end of the file; the body starts after that fence and one
 * line end. `undefined`: no front matter.
 */
export function splitFrontMatter(text: string): { language: string; matter: string; body: string } | undefined {
  if (!text.startsWith('---') || text.charAt(3) === '-') return undefined;
  let rest = text.slice(3);
  const end = rest.length;
  const eol = rest.search(/\r?\n/);
  const raw = rest.slice(0, eol); // no line end at all: all but the last character, as gray-matter
  const named = raw.trim();
  if (named) rest = rest.slice(raw.length); // `--- ` (spaces only) names none and keeps them
  const language = named || 'yaml';
  let close = rest.indexOf('\n---');
  if (close === -1) close = end;
  const matter = rest.slice(0, close);
  let body = close === end ? '' : rest.slice(close + 4);
  if (body[0] === '\r') body = body.slice(1);
  if (body[0] === '\n') body = body.slice(1);
  return { language, matter, body };
}
