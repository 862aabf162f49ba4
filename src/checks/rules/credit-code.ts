// credit-code: every 统一社会信用代码 in the front matter (fields named creditCode, credit_code,
// uscc, 统一社会信用代码, 信用代码, at any depth) and in body lines that mention 信用代码 passes
// the GB 32100 check. Error by default; some early codes are reported to fail the check, so
// a user can lower it for one field (gongwen.yaml `fields: {path: {credit-code: off}}`).

import type { Rule } from '../types.js';
import { validateCreditCode } from '../credit-code.js';
import { spanOf } from '../segments.js';
import { fieldCharPlace } from '../field-text.js';

const KEY = /^(credit_?code|uscc|统一社会信用代码|社会信用代码|信用代码)$/iu;

function* codeFields(data: unknown, path: (string | number)[] = []): Generator<{ path: (string | number)[]; value: string }> {
  if (Array.isArray(data)) {
    for (let i = 0; i < data.length; i++) yield* codeFields(data[i], [...path, i]);
  } else if (data && typeof data === 'object') {
    for (const [k, v] of Object.entries(data)) {
      if (KEY.test(k) && (typeof v === 'string' || typeof v === 'number')) yield { path: [...path, k], value: String(v) };
      else yield* codeFields(v, [...path, k]);
    }
  }
}

export const creditCode: Rule = {
  id: 'credit-code',
  defaultSeverity: 'error',
  description: '统一社会信用代码 passes the GB 32100 check character',
  run(ctx, report) {
    for (const f of codeFields(ctx.source.data)) {
      const r = validateCreditCode(f.value.trim());
      if (!r.ok) report({ ...fieldCharPlace(ctx.source, f.path, f.value, 0), field: f.path, message: r.reason! });
    }
  },
  over: 'body',
  segment(seg, report) {
    if (!seg.text.includes('信用代码')) return;
    for (const m of seg.text.matchAll(/(?<![0-9A-Za-z])[0-9A-Za-z]{15,20}(?![0-9A-Za-z])/g)) {
      if (!/\d/.test(m[0]) || m[0].length < 17) continue;
      const r = validateCreditCode(m[0]);
      if (!r.ok) report({ ...spanOf(seg, m.index!, m[0].length), message: r.reason! });
    }
  },
};

