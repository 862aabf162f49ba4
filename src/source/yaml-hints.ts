// YAML syntax errors in words a writer of Chinese documents can act on. The `yaml` parser's
// own text ("Nested mappings are not allowed in compact mappings") names a grammar rule, not the
// slip; the common slips in Chinese front matter are few: a half-width colon inside a value
// (to: 各市科技局: 山西综改示范区), a tab for indentation, "-" without a space. One slip often
// makes the parser report several errors on the following lines: only the first is reported.

import type { LineCounter, YAMLError } from 'yaml';

export interface YamlProblem {
  line: number;
  column: number;
  message: string;
}

/** The likely slip on a line, or undefined. */
export function yamlSlip(lineText: string): string | undefined {
  if (/^[ ]*\t/.test(lineText) || /^\s*-\t/.test(lineText)) return '这一行用制表符（Tab）缩进：YAML 只能用空格缩进，同级对齐';
  const dash = /^\s*-(?=[^\s-])/.exec(lineText);
  if (dash) return `「-」后缺少空格：写作「${lineText.trim().replace(/^-/, '- ')}」`;
  const kv = /^\s*(?:-\s+)?([^\s:#'"][^:#]*?):\s+(.*)$/.exec(lineText);
  if (kv && !/^['"|>[{]/.test(kv[2]) && /:(\s|$)/.test(kv[2])) {
    const value = kv[2].trim();
    return `「${kv[1]}」的值中有半角冒号「:」：把值加引号（${kv[1]}: "${value}"）或改用全角「：」（${kv[1]}: ${value.replace(/:\s*/g, '：')}）`;
  }
  if (/^\s*[^\s:#'"-][^:]*：\s*\S/.test(lineText) && !/:/.test(lineText)) {
    const key = lineText.trim().split('：')[0];
    return `字段名后用了全角冒号「：」：写作「${key}: …」（半角冒号加空格）`;
  }
  const noSpace = /^\s*([A-Za-z_][\w.-]*):(?=[^\s/])/.exec(lineText);
  if (noSpace) return `「${noSpace[1]}:」后缺少空格：写作「${noSpace[1]}: …」`;
  return undefined;
}

/** The first YAML error with a hint; lines are of `text` (1-based). */
export function yamlErrors(text: string, errors: readonly YAMLError[], lc: LineCounter): YamlProblem[] {
  if (errors.length === 0) return [];
  const e = errors[0];
  const p = lc.linePos(e.pos[0]);
  const lines = text.split('\n');
  let hint: string | undefined;
  let line = p.line;
  let column = p.col;
  // An item indented unlike the item before it (the parser notices on a later line).
  for (let l = Math.max(2, p.line - 2); l <= Math.min(lines.length, p.line + 1) && !hint; l++) {
    const cur = /^( *)(- |[^\s#-][^:]*:(\s|$))/.exec(lines[l - 1] ?? '');
    let k = l - 1;
    while (k >= 1 && /^\s*(#.*)?$/.test(lines[k - 1])) k--;
    const prev = /^( *)(- |[^\s#-][^:]*:(\s|$))/.exec(lines[k - 1] ?? '');
    if (!cur || !prev || cur[2].startsWith('-') !== prev[2].startsWith('-')) continue;
    const d = cur[1].length - prev[1].length;
    if (/:\s*$/.test(lines[k - 1]) && d > 0) continue; // a key opening a nested block
    if (d !== 0) {
      hint = `这一行比上一行${d > 0 ? '多' : '少'}缩进 ${Math.abs(d)} 个空格：同级的项应对齐`;
      line = l;
      column = 1;
    }
  }
  // The slip is on the error's line or just above it (a bad indent is noticed on the next key).
  for (let l = p.line; l >= Math.max(1, p.line - 2) && !hint; l--) {
    hint = yamlSlip(lines[l - 1] ?? '');
    if (hint && l !== p.line) {
      line = l;
      column = 1;
    }
  }
  const parser = e.message.split('\n')[0];
  const more = errors.length > 1 ? `；改正后再检查，其后的 ${errors.length - 1} 处报错多由此引起` : '';
  const what = hint ?? '检查缩进（只用空格，同级对齐）、冒号后的空格，含「:」「#」的值加引号';
  return [{ line, column, message: `YAML 语法错误：${what}${more}（解析器：${parser}）` }];
}
