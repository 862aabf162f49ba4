// Typed reading of front-matter fields, each problem a diagnostic at the field's position.
// Small on purpose: the kinds' schemas are a few strings, lists and dates.

import { DiagnosticBag } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../source/types.js';
import { editDistance, nearestName } from '../util/nearest.js';
import { KEY_ALIASES } from '../source/front-matter.js';
import { parseDate } from '../util/dates.js';
import type { FieldSpec } from '../source/front-matter.js';

/** What `field()` returns for a spec: text, a list of text, an enum's value, or raw YAML. */
export type FieldValue<S extends FieldSpec> = S['type'] extends 'strings'
  ? string[]
  : S['type'] extends 'attachments' | 'records' | 'seal' | 'mm'
    ? unknown
    : S extends { values: readonly (infer V)[] }
      ? V
      : string;

export class FieldReader {
  /** Keys the kind asked for: the valid names a misspelled key is compared with. */
  private readonly asked = new Set<string>(['kind']);

  constructor(
    readonly source: SourceFile,
    readonly bag: DiagnosticBag,
  ) {}

  private at(path: (string | number)[]) {
    return this.source.placeOf(path);
  }

  error(path: (string | number)[], message: string, ruleId = 'field-value'): void {
    const p = this.at(path);
    this.bag.add({ severity: 'error', ruleId, message, line: p.line, column: p.column, source: 'schema' });
  }

  /**
   * Where a top-level key itself is written (placeOf points at its value, which for a list is
   * the line below): the line that starts with it, else the value's place.
   */
  private keyPlace(key: string): { line: number; column: number } {
    const p = this.at([key]);
    const lines = this.source.text.split('\n');
    const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (let i = Math.min(p.line, lines.length) - 1; i >= 0; i--) {
      if (new RegExp(`^["']?${escaped}["']?\\s*:`).test(lines[i])) return { line: i + 1, column: 1 };
    }
    return p;
  }

  private errorAtKey(key: string, message: string, ruleId: string, severity: 'error' | 'warning' = 'error'): void {
    const p = this.keyPlace(key);
    this.bag.add({ severity, ruleId, message, line: p.line, column: p.column, source: 'schema' });
  }

  warn(path: (string | number)[], message: string, ruleId = 'field-value'): void {
    const p = this.at(path);
    this.bag.add({ severity: 'warning', ruleId, message, line: p.line, column: p.column, source: 'schema' });
  }

  /** Reads `key` as its kind's schema declares it (source/front-matter.ts): the one way kinds read fields. */
  field<S extends FieldSpec>(key: string, spec: S): FieldValue<S> | undefined {
    this.asked.add(key);
    const opts = { required: spec.required, label: spec.label };
    switch (spec.type) {
      case 'string':
        return this.string(key, opts) as FieldValue<S>;
      case 'strings':
        return this.strings(key, opts) as FieldValue<S>;
      case 'date':
        return this.date(key, opts) as FieldValue<S>;
      case 'enum':
        return (this.has(key) ? this.oneOf(key, spec.values ?? [], spec.values?.[0] ?? '') : undefined) as FieldValue<S>;
      default:
        return this.raw(key) as FieldValue<S>;
    }
  }

  has(key: string): boolean {
    const v = this.source.data[key];
    return v !== undefined && v !== null && v !== '';
  }

  raw(key: string): unknown {
    this.asked.add(key);
    return this.source.data[key];
  }

  /**
   * A required field is absent: said at a misspelled key when there is one (tittle → title); a
   * field written with nothing after it (`title:`) is said to be empty, where it is.
   */
  private missing(key: string, label?: string): void {
    if (key in this.source.data) {
      this.errorAtKey(key, `必填字段「${key}」${label ? `（${label}）` : ''}是空的：在 ${key}: 后写上内容`, 'field-missing');
      return;
    }
    const near = Object.keys(this.source.data).find((k) => !this.asked.has(k) && nearestName(k, [key]) === key);
    const what = `缺少必填字段「${key}」${label ? `（${label}）` : ''}`;
    if (near) {
      this.error([near], `${what}：「${near}」是否应为「${key}」？改为 ${key}:`, 'field-missing');
      this.asked.add(near); // said once: checkSpelling leaves it
    }
    else this.error([key], `${what}：在文件头（--- 之间）写 ${key}: …`, 'field-missing');
  }

  /**
   * Keys the kind does not read. One edit away from a field's name (attachment → attachments,
   * 主送机构 → 主送机关) is an error: the build went on without the field — a notice without its
   * 附件说明, its annexes built as documents of their own. Nearer than that but further (nuber,
   * the third of a name nearestName allows) is a warning, since other keys are allowed (templates
   * and bodies may use them). A field written both in English and by its Chinese name is an error
   * too: which one was meant? Called after the kind read its fields.
   */
  checkSpelling(): void {
    const names = new Map<string, string>(); // a name the user may write → its key
    for (const k of this.asked) names.set(k, k);
    for (const [alias, k] of KEY_ALIASES) if (this.asked.has(k)) names.set(alias, k);
    for (const k of Object.keys(this.source.data)) {
      if (this.asked.has(k)) continue;
      const same = KEY_ALIASES.get(k);
      if (same !== undefined && same in this.source.data) {
        this.errorAtKey(k, `「${k}」与「${same}」是同一字段：只写一个`, 'field-unknown');
        continue;
      }
      const near = nearestName(k, names.keys());
      if (!near || names.get(near)! in this.source.data) continue;
      if (editDistance(k, near) === 1) this.errorAtKey(k, `文件头字段「${k}」不是已知字段：是否应为「${near}」？改为 ${near}:`, 'field-unknown');
      else this.errorAtKey(k, `文件头字段「${k}」不是已知字段：是否应为「${near}」？`, 'field-unknown', 'warning');
    }
  }

  /** A string (numbers are accepted and turned into text). */
  string(key: string, opts: { required?: boolean; label?: string } = {}): string | undefined {
    this.asked.add(key);
    const v = this.source.data[key];
    if (v === undefined || v === null || v === '') {
      if (opts.required) this.missing(key, opts.label);
      return undefined;
    }
    if (typeof v === 'string') return v.trim().normalize('NFC');
    if (typeof v === 'number') return String(v);
    this.error([key], `「${key}」应为文字，这里是${describe(v)}：写成 ${key}: 文字`, 'field-type');
    return undefined;
  }

  /** A string or a list of strings (joint issuance, several lines). */
  strings(key: string, opts: { required?: boolean; label?: string } = {}): string[] | undefined {
    this.asked.add(key);
    const v = this.source.data[key];
    if (v === undefined || v === null || v === '') {
      if (opts.required) this.missing(key, opts.label);
      return undefined;
    }
    if (typeof v === 'string' || typeof v === 'number') return [String(v).trim().normalize('NFC')];
    if (Array.isArray(v)) {
      const out: string[] = [];
      v.forEach((item, i) => {
        if (typeof item === 'string' || typeof item === 'number') out.push(String(item).trim().normalize('NFC'));
        else this.error([key, i], `「${key}」第 ${i + 1} 项应为文字，这里是${describe(item)}`, 'field-type');
      });
      return out;
    }
    this.error([key], `「${key}」应为文字或文字列表，这里是${describe(v)}`, 'field-type');
    return undefined;
  }

  /** A date: YYYY-MM-DD (YAML) or 2020年11月6日. Returns ISO YYYY-MM-DD. */
  date(key: string, opts: { required?: boolean; label?: string } = {}): string | undefined {
    const s = this.string(key, opts);
    if (s === undefined) return undefined;
    const iso = parseDate(s);
    if (!iso) {
      this.error([key], `「${key}」不是有效日期「${s}」：写作 2020-11-06 或 2020年11月6日`, 'field-value');
      return undefined;
    }
    return iso;
  }

  oneOf<T extends string>(key: string, values: readonly T[], fallback: T): T {
    const s = this.string(key);
    if (s === undefined) return fallback;
    if ((values as readonly string[]).includes(s)) return s as T;
    const near = nearestName(s, values);
    this.error([key], `「${key}」不能是「${s}」：写 ${values.join('、')} 之一${near ? `（是否应为「${near}」？）` : ''}`, 'field-value');
    return fallback;
  }

  boolean(key: string, fallback: boolean): boolean {
    this.asked.add(key);
    const v = this.source.data[key];
    if (v === undefined || v === null) return fallback;
    if (typeof v === 'boolean') return v;
    this.error([key], `「${key}」应为 true 或 false`, 'field-type');
    return fallback;
  }
}

export function describe(v: unknown): string {
  if (Array.isArray(v)) return '列表';
  if (v === null) return '空值';
  if (typeof v === 'object') return '映射（key: value）';
  return typeof v === 'number' ? '数字' : typeof v === 'boolean' ? '真假值' : typeof v;
}
