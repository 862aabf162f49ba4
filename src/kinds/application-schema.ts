// kind: application — the form data of the application books (申报书) and how each value is
// read, checked and shown. One table of indicators (指标) serves both forms: the 2022 申报书's
// 基本情况一览表 and the 2021 评价申请表's 表二 ask for the same figures under the same names.
//
// Value types, stated once:
// - money: 千元, a number ≥ 0 (net profit may be negative), shown with thousands separators
//   ("1,234,567"; decimals kept as typed, at most 2);
// - count: a whole number ≥ 0 (家, 人, 个, 项);
// - percent: a number in 0–100 (the % is in the label, not in the value);
// - number: a number ≥ 0 with decimals (万人拥有有效发明专利数).
// An empty optional value stays an empty cell.

import { dirname } from 'node:path';
import { parseSource } from '../source/read.js';
import type { SourceFile } from '../source/types.js';
import type { DiagnosticBag } from '../diagnostics/diagnostic.js';
import { describe } from './fields.js';

export type ValueType = 'money' | 'count' | 'percent' | 'number';

export interface Indicator {
  key: string;
  label: string;
  unit: string;
  type: ValueType;
  /** May be negative (净利润). */
  signed?: boolean;
  /** Computed by gongwen from other indicators; a typed value must agree. */
  derived?: boolean;
}

export const INDICATORS: Indicator[] = [
  { key: 'industrialOutput', label: '工业总产值', unit: '千元', type: 'money' },
  { key: 'leadingShare', label: '主导产业占有率', unit: '%', type: 'percent' },
  { key: 'revenue', label: '营业收入', unit: '千元', type: 'money' },
  { key: 'revenueGrowth', label: '营业收入平均增长率', unit: '%', type: 'percent', signed: true },
  { key: 'netProfit', label: '净利润', unit: '千元', type: 'money', signed: true },
  { key: 'profitMargin', label: '营业收入净利润率', unit: '%', type: 'percent', signed: true, derived: true },
  { key: 'taxes', label: '实际上缴税费总额', unit: '千元', type: 'money' },
  { key: 'rdShare', label: '企业研发经费支出占比', unit: '%', type: 'percent' },
  { key: 'companies', label: '集群企业总数', unit: '家', type: 'count' },
  { key: 'highTechCompanies', label: '其中高新技术企业数', unit: '家', type: 'count' },
  { key: 'companiesOver1b', label: '其中营业收入≥10亿元人民币企业数', unit: '家', type: 'count' },
  { key: 'companies1to10b', label: '其中营业收入≥1<10亿元人民币企业数', unit: '家', type: 'count' },
  { key: 'highTechShare', label: '高新技术企业占比', unit: '%', type: 'percent', derived: true },
  { key: 'staff', label: '集群人员总数', unit: '人', type: 'count' },
  { key: 'patentsPer10k', label: '万人拥有有效发明专利数', unit: '项', type: 'number' },
  { key: 'standards', label: '当年形成标准数', unit: '项', type: 'count' },
  { key: 'incubators', label: '国家级孵化器和国家备案众创空间数', unit: '个', type: 'count' },
  { key: 'incubatees', label: '在孵企业数', unit: '家', type: 'count' },
  { key: 'rdInstitutions', label: '研发机构数', unit: '个', type: 'count' },
  { key: 'serviceInstitutions', label: '创新服务机构数', unit: '个', type: 'count' },
  { key: 'alliances', label: '产业联盟组织数', unit: '个', type: 'count' },
  { key: 'financeInstitutions', label: '金融服务机构数', unit: '个', type: 'count' },
  { key: 'ventureCapital', label: '当年获得的风险投资额', unit: '千元', type: 'money' },
];

export const INDICATOR = Object.fromEntries(INDICATORS.map((i) => [i.key, i])) as Record<string, Indicator>;

/** Sub-counts that must not exceed their total. */
export const SUB_COUNTS: [sub: string, total: string][] = [
  ['highTechCompanies', 'companies'],
  ['companiesOver1b', 'companies'],
  ['companies1to10b', 'companies'],
];

export type Path = (string | number)[];

export interface Where {
  file: string;
  line: number;
  column: number;
}

/**
 * The form's data: the front matter, and the YAML file `data:` names (front-matter keys win).
 * Every value is looked up with the place of its YAML line, for errors.
 */
export class FormData {
  constructor(
    private readonly main: SourceFile,
    private readonly file?: SourceFile,
  ) {}

  private owner(path: Path): SourceFile {
    const top = String(path[0]);
    if (this.file && !(top in this.main.data) && top in this.file.data) return this.file;
    return this.main;
  }

  get(path: Path): unknown {
    let v: unknown = this.owner(path).data;
    for (const k of path) {
      if (v === null || typeof v !== 'object') return undefined;
      v = (v as Record<string | number, unknown>)[k];
    }
    return v;
  }

  where(path: Path): Where {
    const src = this.owner(path);
    const p = src.placeOf(path);
    return { file: src.path, line: p.line, column: p.column };
  }

  /** Folder of the file that holds the value: paths in the data are relative to it. */
  dirOf(path: Path): string {
    return dirname(this.owner(path).absPath);
  }

  /** The files the data came from (the data file's text is checked by the lint rules too). */
  sources(): SourceFile[] {
    return this.file ? [this.main, this.file] : [this.main];
  }
}

/** A YAML data file read like front matter, so that its values have their lines. */
export function readYamlData(shown: string, abs: string, text: string): SourceFile {
  // parseSource numbers YAML line n as file line n after an opening fence on line 1; the data
  // file has no fence, so every place is one line up.
  const src = parseSource(shown, abs, `---\n${text.replace(/^\uFEFF/, '')}\n---\n`);
  return { ...src, text, body: '', bodyLine: 0, placeOf: (p) => { const at = src.placeOf(p); return { line: Math.max(1, at.line - 1), column: at.column }; } };
}

export function report(bag: DiagnosticBag, at: Where, ruleId: string, message: string): void {
  bag.add({ file: at.file, line: at.line, column: at.column, severity: 'error', ruleId, message, source: 'schema' });
}

/** Reads a number from YAML (a number, or text like "1,234.5"). Undefined when empty. */
export function readNumber(form: FormData, path: Path, label: string, type: ValueType, bag: DiagnosticBag, signed = false): number | undefined {
  const v = form.get(path);
  if (v === undefined || v === null || v === '') return undefined;
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && /^\s*[-+]?[\d,]*\.?\d+\s*%?\s*$/.test(v)) n = Number(v.replace(/[,%\s]/g, ''));
  else {
    report(bag, form.where(path), 'form-number', `「${label}」应为数字，这里是${typeof v === 'string' ? `「${v}」` : describe(v)}`);
    return undefined;
  }
  if (!Number.isFinite(n)) {
    report(bag, form.where(path), 'form-number', `「${label}」应为有限的数字`);
    return undefined;
  }
  if (type === 'count' && !Number.isInteger(n)) {
    report(bag, form.where(path), 'form-count', `「${label}」是个数，应为整数，这里是 ${n}`);
    return undefined;
  }
  if (type === 'percent' && (n > 100 || (!signed && n < 0) || n < -100)) {
    report(bag, form.where(path), 'form-percent', `「${label}」是百分比，应在 0–100 之间（不带 %），这里是 ${n}`);
    return undefined;
  }
  if (!signed && n < 0) {
    report(bag, form.where(path), 'form-number', `「${label}」不能为负数，这里是 ${n}`);
    return undefined;
  }
  return n;
}

/** Reads text (numbers become text); empty → undefined. */
export function readText(form: FormData, path: Path, label: string, bag: DiagnosticBag): string | undefined {
  const v = form.get(path);
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string') return v.trim().normalize('NFC');
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  report(bag, form.where(path), 'form-text', `「${label}」应为文字，这里是${describe(v)}`);
  return undefined;
}

/** Thousands separators; decimals as needed (at most 2). */
export function formatMoney(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 0 });
}

/** A value for its cell: '' when absent. */
export function formatValue(n: number | undefined, type: ValueType): string {
  if (n === undefined) return '';
  if (type === 'money') return formatMoney(n);
  if (type === 'percent') return String(Math.round(n * 100) / 100);
  if (type === 'count') return formatMoney(n);
  return String(Math.round(n * 100) / 100);
}
