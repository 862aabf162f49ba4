// doc-number: the 发文字号 in front matter (`number`) has the form of GB/T 9704 §7.2.5:
// 机关代字〔年份〕序号号 — year in 六角括号 〔〕, full year, no 第, no leading zero, ends with 号.

import type { Rule } from '../types.js';
import { fieldCharPlace } from '../field-text.js';

export const DOC_NUMBER = /^\S+〔(19|20)\d{2}〕[1-9]\d*号$/u;

const WRONG_BRACKETS = /([\[【（(［〈<{｛〖])\s*(\d{2,4})\s*([\]】）)］〉>}｝〗])/u;

export interface DocNumberProblem {
  /** UTF-16 index in the value of the offending character. */
  index: number;
  message: string;
}

/** The corrected form when it can be guessed: brackets, spaces, 第 and leading zeros fixed. */
export function suggestDocNumber(value: string): string {
  return value
    .replace(/\s+/g, '')
    .replace(WRONG_BRACKETS, '〔$2〕')
    .replace(/〕第/, '〕')
    .replace(/〕0+(?=\d)/, '〕')
    .replace(/(\d)$/, '$1号');
}

/** Problems of a 发文字号, most specific first; empty when it is well formed. */
export function docNumberProblems(value: string): DocNumberProblem[] {
  if (DOC_NUMBER.test(value)) return [];
  const out: DocNumberProblem[] = [];
  const fix = suggestDocNumber(value);
  const hint = fix !== value && DOC_NUMBER.test(fix) ? `，应写作「${fix}」` : '';
  const space = /\s/u.exec(value);
  if (space) out.push({ index: space.index, message: `发文字号中不应有空格${hint}` });
  const wrong = WRONG_BRACKETS.exec(value);
  if (wrong) out.push({ index: wrong.index, message: `发文字号的年份应使用六角括号〔〕，不用「${wrong[1]}${wrong[3]}」${hint}` });
  const year = /〔\s*(\d*)\s*〕/u.exec(value);
  if (year && !/^(19|20)\d{2}$/.test(year[1])) out.push({ index: year.index + 1, message: `发文字号的年份应写全四位，如〔2020〕` });
  const di = /〕\s*第/u.exec(value);
  if (di) out.push({ index: di.index + di[0].length - 1, message: `发文字号的序号前不加「第」${hint}` });
  const zero = /〕\s*第?\s*(0+)\d/u.exec(value);
  if (zero) out.push({ index: zero.index + zero[0].length - zero[1].length - 1, message: `发文字号的序号不编虚位（不加前导0）${hint}` });
  if (!/号$/u.test(value)) out.push({ index: Math.max(0, value.length - 1), message: `发文字号应以「号」结尾${hint}` });
  if (out.length === 0) {
    out.push({ index: 0, message: `发文字号「${value}」不符合「机关代字〔年份〕序号号」的格式，如 国科火字〔2020〕191号` });
  }
  return out;
}

// In a name list (kind: list) `number` is the heading of the 序号 column, not a 发文字号.
const NOT_A_DOC_NUMBER = new Set(['list']);

export const docNumber: Rule = {
  id: 'doc-number',
  defaultSeverity: 'error',
  description: '发文字号 (front matter `number`) follows 机关代字〔2020〕191号 (GB/T 9704 §7.2.5)',
  run(ctx, report) {
    if (NOT_A_DOC_NUMBER.has(ctx.kind)) return;
    const v = ctx.source.data.number;
    if (v === undefined || v === null || v === '') return;
    if (typeof v !== 'string' && typeof v !== 'number') {
      // A mapping or a list ({a: 1}): String() of a null-prototype object throws.
      report({ ...ctx.source.placeOf(['number']), message: `发文字号应写成一行文字，如 国科火字〔2020〕191号，而不是${Array.isArray(v) ? '列表' : '映射（key: value）'}` });
      return;
    }
    const value = String(v);
    // The whole value is replaced when its corrected form is certain and it is written plainly.
    const fixed = suggestDocNumber(value);
    const start = fieldCharPlace(ctx.source, ['number'], value, 0);
    const fix =
      fixed !== value && DOC_NUMBER.test(fixed) && start.endColumn !== undefined
        ? { line: start.line, column: start.column, endLine: start.line, endColumn: start.column + [...value].length, text: fixed }
        : undefined;
    docNumberProblems(value).forEach((p, k) => {
      report({ ...fieldCharPlace(ctx.source, ['number'], value, p.index), message: p.message, fix: k === 0 ? fix : undefined });
    });
  },
};
