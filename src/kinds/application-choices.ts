// Choice fields of the forms (是否位于国家高新区, 所属技术领域 A–I, …): every option is shown,
// the chosen ones ☑ and the others □, as reviewers read a form filled by hand. A value is the
// option's letter ("B"), its text ("长三角") or both ("B长三角"); "I其它" takes a note.

import type { DiagnosticBag } from '../diagnostics/diagnostic.js';
import { describe } from './fields.js';
import { report, type FormData, type Path } from './application-schema.js';

export const CHECKED = '☑';
export const UNCHECKED = '□';

export interface ChoiceField {
  label: string;
  /** Options as "A京津冀"; letter-less options ("是", "否") match by text. */
  options: string[];
  /** Several options may be chosen. */
  multiple: boolean;
}

export const YES_NO: string[] = ['是', '否'];

export const STRATEGIC_REGIONS: ChoiceField = {
  label: '所属国家战略区域',
  multiple: true,
  options: ['A京津冀', 'B长三角', 'C粤港澳大湾区', 'D成渝经济圈', 'E西部大开发', 'F东北老工业基地'],
};
export const TECH_FIELDS: ChoiceField = {
  label: '所属技术领域',
  multiple: true,
  options: ['A电子信息', 'B生物与新医药', 'C航空航天', 'D新材料', 'E高技术服务', 'F新能源与节能', 'G资源与环境', 'H先进制造与自动化', 'I其它'],
};
export const INDUSTRY_FIELDS: ChoiceField = {
  label: '所属产业领域',
  multiple: true,
  options: ['A新一代信息技术产业', 'B高端装备制造产业', 'C新材料产业', 'D生物产业', 'E新能源汽车', 'F新能源', 'G节能环保产业', 'H数字创意产业', 'I相关服务业'],
};
export const APPLICATION_STATE: ChoiceField = { label: '申请状态', multiple: false, options: ['初次申请', '再次申请'] };

const letterOf = (opt: string) => (/^[A-Z](?=\S)/.test(opt) ? opt[0] : undefined);
const textOf = (opt: string) => (letterOf(opt) ? opt.slice(1) : opt);

/** Matches one typed value to an option index, or -1. */
export function matchOption(field: ChoiceField, value: string): number {
  const v = value.trim().replace(/^([A-Z])[.、．\s]*/, '$1');
  return field.options.findIndex((o) => {
    const l = letterOf(o);
    return (l && (v === l || v === o || v.startsWith(o))) || v === textOf(o) || v === o;
  });
}

/** The chosen option indexes (with an error for an unknown value); a boolean for yes/no. */
export function readChoice(form: FormData, path: Path, field: ChoiceField, bag: DiagnosticBag): Set<number> {
  const raw = form.get(path);
  const chosen = new Set<number>();
  if (raw === undefined || raw === null || raw === '') return chosen;
  if (typeof raw === 'boolean' && field.options === YES_NO) {
    chosen.add(raw ? 0 : 1);
    return chosen;
  }
  const values = Array.isArray(raw) ? raw : [raw];
  if (!field.multiple && values.length > 1) report(bag, form.where(path), 'form-choice', `「${field.label}」只能选一项，这里选了 ${values.length} 项`);
  values.forEach((v, i) => {
    const at = Array.isArray(raw) ? [...path, i] : path;
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
      report(bag, form.where(at), 'form-choice', `「${field.label}」的选项应为文字，这里是${describe(v)}`);
      return;
    }
    const k = typeof v === 'boolean' && field.options === YES_NO ? (v ? 0 : 1) : matchOption(field, String(v));
    if (k < 0) report(bag, form.where(at), 'form-choice', `「${field.label}」没有选项「${v}」：可选 ${field.options.join('、')}`);
    else chosen.add(k);
  });
  return chosen;
}

/** "☑是  □否" — every option with its box; `note` follows an option that asks 请注明. */
export function choiceText(field: ChoiceField, chosen: Set<number>, note?: string): string {
  return field.options
    .map((o, i) => {
      const noteText = note && chosen.has(i) && /其它/.test(o) ? `（${note}）` : /其它/.test(o) ? '请注明' : '';
      return `${chosen.has(i) ? CHECKED : UNCHECKED}${o}${noteText}`;
    })
    .join('  ');
}

export const YES_NO_FIELD = (label: string): ChoiceField => ({ label, multiple: false, options: YES_NO });
