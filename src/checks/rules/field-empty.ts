// field-empty: a batch record that leaves empty a field the reader sees first — the title,
// 主送, 署名, 发文机关 or 文号 use it through {{…}} — makes "关于申报材料补充的通知" or
// "（电话：）" with no word of warning. An error for that record, at its data cell. The front
// matter is read as written (its {{…}}), the record's values as given.

import type { Rule } from '../types.js';
import { frontMatterText, parsedFrontMatter } from '../field-text.js';

/** Fields whose text the reader sees first, with their names in messages. */
const SHOWN_FIELDS: Record<string, string> = { title: '标题', to: '主送机关', signature: '署名', issuer: '发文机关', number: '发文字号' };

/** `{{name}}` fields a template text uses (plain references, not helpers or blocks). */
function usedFields(text: string): string[] {
  return [...text.matchAll(/\{\{\{?\s*([^\s{}#/^!>&]+)\s*\}?\}\}/g)].map((m) => m[1]);
}

export const fieldEmpty: Rule = {
  id: 'field-empty',
  defaultSeverity: 'error',
  description: 'a batch record fills the fields the title, 主送, 署名 and 文号 use',
  run(ctx, report) {
    const record = ctx.record;
    const fm = record && frontMatterText(ctx.source);
    if (!record || !fm) return;
    const { doc } = parsedFrontMatter(fm.yaml);
    if (doc.errors.length > 0) return;
    const written = (doc.toJS() ?? {}) as Record<string, unknown>;
    for (const [key, label] of Object.entries(SHOWN_FIELDS)) {
      const raw = written[key];
      const texts = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : [];
      for (const name of new Set(texts.flatMap(usedFields))) {
        if (!Object.prototype.hasOwnProperty.call(record, name)) continue;
        const v = record[name];
        if (v !== undefined && v !== null && String(v).trim() !== '') continue;
        const cell = ctx.valueAt?.(name);
        const at = cell ?? { file: ctx.source.path, ...ctx.source.placeOf([key]) };
        const where = cell ? ` ${cell.file} 第 ${cell.line} 行` : '这条记录';
        report({ ...at, field: [key], message: `「${name}」在${where}是空的，而${label}（${key}）用到它：填写这一格，或从 ${key} 中删去 {{${name}}}` });
      }
    }
  },
};
