// Typed reading of front-matter fields, each problem a diagnostic at the field's position.
// Small on purpose: the kinds' schemas are a few strings, lists and dates.

import { DiagnosticBag } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../source/types.js';
import type { FieldSpec } from './schema.js';

/** What `field()` returns for a spec: text, a list of text, an enum's value, or raw YAML. */
export type FieldValue<S extends FieldSpec> = S['type'] extends 'strings'
  ? string[]
  : S['type'] extends 'attachments' | 'records'
    ? unknown
    : S extends { values: readonly (infer V)[] }
      ? V
      : string;

export class FieldReader {
  constructor(
    readonly source: SourceFile,
    readonly bag: DiagnosticBag,
  ) {}

  private at(path: (string | number)[]) {
    return this.source.placeOf(path);
  }

  error(path: (string | number)[], message: string, ruleId = String(path[0])): void {
    const p = this.at(path);
    this.bag.add({ severity: 'error', ruleId, message, line: p.line, column: p.column, source: 'schema' });
  }

  warn(path: (string | number)[], message: string, ruleId = String(path[0])): void {
    const p = this.at(path);
    this.bag.add({ severity: 'warning', ruleId, message, line: p.line, column: p.column, source: 'schema' });
  }

  /** Reads `key` as its kind's schema declares it (schema.ts): the one way kinds read fields. */
  field<S extends FieldSpec>(key: string, spec: S): FieldValue<S> | undefined {
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
    return this.source.data[key];
  }

  /** A string (numbers are accepted and turned into text). */
  string(key: string, opts: { required?: boolean; label?: string } = {}): string | undefined {
    const v = this.source.data[key];
    if (v === undefined || v === null || v === '') {
      if (opts.required) this.error([key], `missing required field \`${key}\`${opts.label ? ` (${opts.label})` : ''}`);
      return undefined;
    }
    if (typeof v === 'string') return v.trim().normalize('NFC');
    if (typeof v === 'number') return String(v);
    this.error([key], `\`${key}\` must be text, not ${describe(v)}`);
    return undefined;
  }

  /** A string or a list of strings (joint issuance, several lines). */
  strings(key: string, opts: { required?: boolean; label?: string } = {}): string[] | undefined {
    const v = this.source.data[key];
    if (v === undefined || v === null || v === '') {
      if (opts.required) this.error([key], `missing required field \`${key}\`${opts.label ? ` (${opts.label})` : ''}`);
      return undefined;
    }
    if (typeof v === 'string' || typeof v === 'number') return [String(v).trim().normalize('NFC')];
    if (Array.isArray(v)) {
      const out: string[] = [];
      v.forEach((item, i) => {
        if (typeof item === 'string' || typeof item === 'number') out.push(String(item).trim().normalize('NFC'));
        else this.error([key, i], `\`${key}\` item ${i + 1} must be text, not ${describe(item)}`);
      });
      return out;
    }
    this.error([key], `\`${key}\` must be text or a list of text, not ${describe(v)}`);
    return undefined;
  }

  /** A date: YYYY-MM-DD (YAML) or 2020年11月6日. Returns ISO YYYY-MM-DD. */
  date(key: string, opts: { required?: boolean; label?: string } = {}): string | undefined {
    const s = this.string(key, opts);
    if (s === undefined) return undefined;
    const iso = parseDate(s);
    if (!iso) {
      this.error([key], `\`${key}\` must be a date written 2020-11-06 or 2020年11月6日, not "${s}"`, key);
      return undefined;
    }
    return iso;
  }

  oneOf<T extends string>(key: string, values: readonly T[], fallback: T): T {
    const s = this.string(key);
    if (s === undefined) return fallback;
    if ((values as readonly string[]).includes(s)) return s as T;
    this.error([key], `\`${key}\` must be one of ${values.join(', ')}, not "${s}"`);
    return fallback;
  }

  boolean(key: string, fallback: boolean): boolean {
    const v = this.source.data[key];
    if (v === undefined || v === null) return fallback;
    if (typeof v === 'boolean') return v;
    this.error([key], `\`${key}\` must be true or false`);
    return fallback;
  }
}

export function describe(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'nothing';
  if (typeof v === 'object') return 'a mapping';
  return typeof v;
}

/** Accepts 2020-11-06, 2020-1-6, 2020/11/6, 2020.11.6 and 2020年11月6日; validates the calendar. */
export function parseDate(s: string): string | undefined {
  const m = /^(\d{4})\s*(?:-|\/|\.|年)\s*(\d{1,2})\s*(?:-|\/|\.|月)\s*(\d{1,2})\s*日?$/.exec(s.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return undefined;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** 成文日期 form (§7.3.5.4): Arabic numerals, full year, no leading zeros: 2020年11月6日. */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
