// The front matter import writes, typed field by field, written by one writer per field type,
// and read back before it is written: what comes out of YAML must equal what went in, and fit
// the kind's schema (source/front-matter.ts), so nothing is written in a shape `gongwen check` rejects.
// Before, a list that mixed titles and {title, file} items was written as a map with one key
// per character (0: 推, 1: 荐, …) (issue 22).

import { parse } from 'yaml';
import { KIND_SCHEMAS, type FieldType } from '../source/front-matter.js';

export interface Attachment {
  title: string;
  /** The annex page's content file, when the Word file has the page. */
  file?: string;
}

export interface NoticeFields {
  issuer?: string;
  mark?: string[];
  number?: string;
  title?: string;
  to?: string;
  signature?: string | string[];
  date?: string;
  note?: string;
  attachments?: Attachment[];
  cc?: string[];
  printer?: string;
  printed?: string;
  signers?: string[];
  seal?: boolean;
}

export type FrontMatter =
  | ({ kind: 'notice' } & NoticeFields)
  | { kind: 'annex'; title?: string }
  | { kind: 'plan'; title?: string; author?: string; date?: string };

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A string YAML reads back as the same string: plain when that is safe, else double-quoted. */
export function yamlScalar(v: string): string {
  const plain =
    /^[^\s:#'"{}[\],&*!|>%@`?-][^:#'"{}[\],\n\r\t\\]*$/.test(v) &&
    !/\s$/.test(v) &&
    !/^[\d.:+-]+$/.test(v) &&
    !/^(true|false|null|yes|no|on|off|y|n|~|\.nan|\.inf)$/i.test(v) &&
    !/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(v);
  return plain ? v : JSON.stringify(v);
}

function typeProblem(type: FieldType, v: unknown): string | undefined {
  const str = (x: unknown) => typeof x === 'string' && x.trim() !== '';
  switch (type) {
    case 'string':
      return str(v) ? undefined : 'a non-empty string';
    case 'strings':
      return str(v) || (Array.isArray(v) && v.length > 0 && v.every(str)) ? undefined : 'a string or a list of strings';
    case 'date':
      return typeof v === 'string' && ISO_DATE.test(v) ? undefined : 'a date YYYY-MM-DD';
    case 'attachments':
      return Array.isArray(v) && v.every((a) => a && typeof a === 'object' && str((a as Attachment).title) && ((a as Attachment).file === undefined || str((a as Attachment).file))) ? undefined : 'a list of {title, file?}';
    case 'seal':
      return v === true ? undefined : 'true';
    default:
      return `a field import does not write (${type})`;
  }
}

function fieldLines(key: string, type: FieldType, v: unknown): string[] {
  switch (type) {
    case 'string':
      return [`${key}: ${yamlScalar(v as string)}`];
    case 'date':
      return [`${key}: ${v as string}`];
    case 'seal':
      return [`${key}: true`];
    case 'strings':
      return typeof v === 'string' ? [`${key}: ${yamlScalar(v)}`] : [`${key}: [${(v as string[]).map(yamlScalar).join(', ')}]`];
    case 'attachments': {
      const list = v as Attachment[];
      // Titles only: one line, as a clerk writes it; with files: one item each.
      if (list.every((a) => a.file === undefined)) return [`${key}: [${list.map((a) => yamlScalar(a.title)).join(', ')}]`];
      return [`${key}:`, ...list.flatMap((a) => [`  - title: ${yamlScalar(a.title)}`, ...(a.file !== undefined ? [`    file: ${yamlScalar(a.file)}`] : [])])];
    }
    default:
      return [];
  }
}

/** What the written attachments read back as (a title alone reads as a string). */
const readBack = (type: FieldType, v: unknown): unknown =>
  type === 'attachments' && (v as Attachment[]).every((a) => a.file === undefined) ? (v as Attachment[]).map((a) => a.title) : v;

/** The front matter block, `---` to `---`. Throws when a field does not fit its type: a bug here, never the user's. */
export function writeFrontMatter(fm: FrontMatter): string {
  const schema = KIND_SCHEMAS[fm.kind];
  const lines = ['---', `kind: ${fm.kind}`];
  const expected: Record<string, unknown> = { kind: fm.kind };
  for (const [key, value] of Object.entries(fm)) {
    if (key === 'kind' || value === undefined) continue;
    const spec = schema[key];
    if (!spec) throw new Error(`import: ${fm.kind} has no field ${key}`);
    const problem = typeProblem(spec.type, value);
    if (problem) throw new Error(`import: ${key} must be ${problem}, got ${JSON.stringify(value)}`);
    lines.push(...fieldLines(key, spec.type, value));
    expected[key] = readBack(spec.type, value);
  }
  lines.push('---');
  const text = lines.join('\n');
  const back: unknown = parse(lines.slice(1, -1).join('\n'), { schema: 'core' });
  const plainBack = JSON.parse(JSON.stringify(back, (_k, x: unknown) => (x instanceof Date ? x.toISOString().slice(0, 10) : x)));
  if (JSON.stringify(plainBack) !== JSON.stringify(expected)) throw new Error(`import: the front matter does not read back as written:\n${text}`);
  return text;
}
