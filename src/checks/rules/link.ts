// link: links are http(s) or mailto addresses. Any other (a relative path, ftp:, javascript:)
// has nowhere to go in a printed 公文 or its DOCX: the parser keeps the link's text only, and
// this rule says so at the link.

import type { Rule } from '../types.js';
import { bodySegments } from '../document-text.js';
import { spanPlace } from '../segments.js';

const SAFE = /^(https?:\/\/|mailto:)/i;

export const link: Rule = {
  id: 'link',
  defaultSeverity: 'warning',
  description: 'links are http(s) or mailto',
  run(ctx, report) {
    for (const seg of bodySegments(ctx)) {
      for (const l of seg.links ?? []) {
        if (SAFE.test(l.href)) continue;
        report({ ...spanPlace(l.span, 1), message: `链接地址「${l.href}」不是 http(s) 或 mailto 地址，只保留文字：写完整网址，如 https://www.most.gov.cn` });
      }
    }
  },
};
