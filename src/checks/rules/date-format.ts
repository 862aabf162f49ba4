// date-format: 成文日期 (front matter `date`, also 印发日期 `printed`) in Arabic numerals, full
// year, no leading zeros: 2020年11月6日 (GB/T 9704 §7.3.5.4). The front end turns YAML dates into
// 2020-11-06 and formats them itself, so that form is accepted too.

import type { Rule } from '../types.js';
import { fieldCharPlace } from '../field-text.js';

const GB_DATE = /^(\d{4})年([1-9]|1[0-2])月([1-9]|[12]\d|3[01])日$/u;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDay(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** The problem of a 成文日期 as written, or undefined when it is right. */
export function dateProblem(value: string): { index: number; message: string } | undefined {
  const s = value;
  let m = ISO_DATE.exec(s) ?? GB_DATE.exec(s);
  if (m) {
    if (validDay(Number(m[1]), Number(m[2]), Number(m[3]))) return undefined;
    return { index: 0, message: `日期「${s}」不存在` };
  }
  const cn = /[〇○零一二三四五六七八九十]/u.exec(s);
  if (cn) return { index: cn.index, message: `成文日期用阿拉伯数字，如「2020年11月6日」，不用「${s}」` };
  m = /^(\d{2})年/.exec(s);
  if (m) return { index: 0, message: '成文日期的年份应写全四位' };
  const zero = /(?:年|月|-|\/|\.)(0)\d/.exec(s);
  if (zero) return { index: zero.index + 1, message: '成文日期的月、日不编虚位（不加前导0）：写作「2020年1月6日」' };
  return { index: 0, message: `成文日期应写作「2020年11月6日」（或 YAML 日期 2020-11-06），不是「${s}」` };
}

const FIELDS = ['date', 'printed'];

export const dateFormat: Rule = {
  id: 'date-format',
  defaultSeverity: 'error',
  description: '成文日期 and 印发日期 in Arabic numerals, full year, no leading zeros (2020年11月6日)',
  run(ctx, report) {
    for (const key of FIELDS) {
      const v = ctx.source.data[key];
      if (typeof v !== 'string' || v === '') continue;
      const p = dateProblem(v.trim());
      if (p) report({ ...fieldCharPlace(ctx.source, [key], v, p.index + (v.length - v.trimStart().length)), message: p.message });
    }
  },
};
