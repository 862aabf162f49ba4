// date-format: 成文日期 (front matter `date`, also 印发日期 `printed`) in Arabic numerals, full
// year, no leading zeros: 2020年11月6日 (GB/T 9704 §7.3.5.4). The front end turns YAML dates into
// 2020-11-06 and formats them itself, so that form is accepted too. The two forms are the
// patterns the JSON Schema publishes (util/dates.ts DATE_FORMS): an editor and `check` agree.
// A date whose numbers are clear (2026年03月02日, 2026-3-2, 2026/3/2) is corrected in the
// message, in the user's own form where it is allowed, and `--fix` writes exactly that.

import type { Rule } from '../types.js';
import { fieldCharPlace } from '../field-text.js';
import { DATE_FORMS } from '../../util/dates.js';

function validDay(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** The accepted form nearest to what was written: 2026年3月2日 for 年月日 and / . forms, 2026-03-02 for dashes. */
export function correctedDate(value: string): string | undefined {
  const m = /^(\d{4})\s*(-|\/|\.|年)\s*(\d{1,2})\s*(-|\/|\.|月)\s*(\d{1,2})\s*(日?)$/u.exec(value);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[3]), Number(m[5])];
  if (!validDay(y, mo, d)) return undefined;
  const fixed = m[2] === '-' && m[4] === '-' && !m[6] ? `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}` : `${m[1]}年${mo}月${d}日`;
  return fixed === value ? undefined : fixed;
}

/** The problem of a 成文日期 as written, or undefined when it is right; `fixed` is the corrected date, when certain. */
export function dateProblem(value: string): { index: number; message: string; fixed?: string } | undefined {
  const s = value;
  let m = DATE_FORMS.iso.exec(s) ?? DATE_FORMS.chinese.exec(s);
  if (m) {
    if (validDay(Number(m[1]), Number(m[2]), Number(m[3]))) return undefined;
    return { index: 0, message: `日期「${s}」不存在` };
  }
  const cn = /[〇○零一二三四五六七八九十]/u.exec(s);
  if (cn) return { index: cn.index, message: `成文日期用阿拉伯数字，如「2020年11月6日」，不用「${s}」` };
  m = /^(\d{2})年/.exec(s);
  if (m) return { index: 0, message: '成文日期的年份应写全四位' };
  const fixed = correctedDate(s);
  const zero = /(?:年|月|\/|\.)(0)\d/.exec(s);
  if (zero && fixed) return { index: zero.index + 1, message: `成文日期的月、日不编虚位（不加前导0）：「${s}」写作「${fixed}」`, fixed };
  if (fixed) return { index: 0, message: `成文日期写作「${fixed}」，不是「${s}」`, fixed };
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
      const value = v.trim();
      const p = dateProblem(value);
      if (!p) continue;
      const lead = v.length - v.trimStart().length;
      const start = fieldCharPlace(ctx.source, [key], v, lead);
      // The whole date is replaced, when it is written plainly on its line.
      const fix = p.fixed !== undefined && start.endColumn !== undefined ? { line: start.line, column: start.column, endLine: start.line, endColumn: start.column + [...value].length, text: p.fixed } : undefined;
      report({ ...fieldCharPlace(ctx.source, [key], v, p.index + lead), message: p.message, fix });
    }
  },
};
