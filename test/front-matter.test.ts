// The front matter split (source/read.ts), which replaced gray-matter: the same fences and quirks
// as gray-matter 4 (compared on 200,000 random files when it was written), the body's first line,
// and the refusals (---js, which gray-matter would have evaluated; any other language).

import { describe, expect, it } from 'vitest';
import { parseSource, splitFrontMatter } from '../src/source/read.js';
import { DiagnosticError } from '../src/diagnostics/diagnostic.js';

const parse = (text: string) => parseSource('t.md', '/p/t.md', text);
const refusal = (text: string) => {
  try {
    parse(text);
  } catch (err) {
    if (err instanceof DiagnosticError) return err.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}`);
    throw err;
  }
  return [];
};

describe('front matter split', () => {
  it('splits as gray-matter does', () => {
    expect(splitFrontMatter('正文')).toBeUndefined();
    expect(splitFrontMatter('----\n正文')).toBeUndefined(); // a rule, not a fence
    expect(splitFrontMatter('---\ntitle: 通知\n---\n正文\n')).toEqual({ language: 'yaml', matter: '\ntitle: 通知', body: '正文\n' });
    expect(splitFrontMatter('---yaml\na: 1\n---\n\n正文')).toEqual({ language: 'yaml', matter: '\na: 1', body: '\n正文' });
    expect(splitFrontMatter('--- \na: 1\n---\n正文')).toEqual({ language: 'yaml', matter: ' \na: 1', body: '正文' }); // spaces name no language and stay
    expect(splitFrontMatter('---js\n({a: 1})\n---\n')).toMatchObject({ language: 'js' });
    expect(splitFrontMatter('---\na: 1\n---- x\n正文')).toEqual({ language: 'yaml', matter: '\na: 1', body: '- x\n正文' }); // gray-matter's close: any "\n---"
    expect(splitFrontMatter('---\na: 1\n')).toEqual({ language: 'yaml', matter: '\na: 1\n', body: '' }); // never closed: all front matter
  });

  it('reads the fields and the line the body starts on', () => {
    const s = parse('---\ntitle: 通知\ndate: 2020-11-06\n---\n\n正文第一段\n');
    expect(s.data).toEqual({ title: '通知', date: '2020-11-06' });
    expect(s.body).toBe('\n正文第一段\n');
    expect(s.bodyLine).toBe(5);
    expect(s.placeOf(['date'])).toEqual({ line: 3, column: 7 }); // the value
    const none = parse('正文');
    expect(none.data).toEqual({});
    expect(none.bodyLine).toBe(1);
    // Comments only: no fields, and the body after the fence.
    const comments = parse('---\n# 说明\n---\n正文');
    expect(comments.data).toEqual({});
    expect(comments.body).toBe('正文');
    expect(comments.bodyLine).toBe(4);
  });

  it('refuses code and other languages, with or without fields', () => {
    expect(refusal('---js\n({ a: require("fs") })\n---\n')).toEqual(['1:1 front-matter']);
    expect(refusal('---javascript\n---\n')).toEqual(['1:1 front-matter']);
    expect(refusal('---toml\na = 1\n---\n')).toEqual(['1:1 front-matter']);
    expect(refusal('---json\n{"title": "通知"}\n---\n')).toEqual([]);
  });
});
