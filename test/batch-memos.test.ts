// The memos a batch keeps from one document to the next give what the work they save gives:
// a deflated stream is deflate's own output for those bytes, a template compiled once renders
// each record as a fresh compile does, and files read once are shared frozen (a stage that
// changed them would change every later record's document).
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { inflateSync } from 'node:zlib';
import { StreamMemo } from '../src/write/pdf/stream-memo.js';
import { deflate } from '../src/write/pdf/serialize.js';
import { compileTemplate } from '../src/template/engine.js';
import { SharedReads } from '../src/kinds/shared-reads.js';

describe('StreamMemo', () => {
  it('gives deflate’s bytes, once made, for the same bytes; other bytes are deflated anew', () => {
    const memo = new StreamMemo();
    const page = (n: number) => Buffer.from(`BT /F1 16 Tf 1 0 0 1 79.37 ${700 - n} Tm <0102> Tj ET\n`.repeat(40), 'latin1');
    for (let i = 0; i < 3; i++)
      for (const n of [1, 2, 3]) {
        const out = memo.deflate(page(n));
        expect(Buffer.compare(Buffer.from(out), Buffer.from(deflate(page(n))))).toBe(0);
        expect(Buffer.compare(inflateSync(out), page(n))).toBe(0);
      }
    expect(memo.misses).toBe(3);
    expect(memo.hits).toBe(6);
    // Short streams are not kept.
    const short = Buffer.from('q Q', 'latin1');
    expect(Buffer.compare(Buffer.from(memo.deflate(short)), Buffer.from(deflate(short)))).toBe(0);
    expect(memo.misses + memo.hits).toBe(9);
  });
});

describe('compiled templates', () => {
  it('render each record as a new compile would, and still place errors', () => {
    const text = '关于{{基地名称}}的通知';
    const a = compileTemplate(text, 'x.md', 3);
    const b = compileTemplate(text, 'x.md', 3);
    expect(a({ 基地名称: '甲' })).toBe('关于甲的通知');
    expect(b({ 基地名称: '乙' })).toBe('关于乙的通知');
    expect(a({ 基地名称: '丙' })).toBe('关于丙的通知');
    // A missing field is that call's error, not the first call's.
    expect(() => b({})).toThrow(/基地名称/);
    expect(() => compileTemplate('{{#if a}}', 'y.md', 7)).toThrow();
    expect(() => compileTemplate('{{#if a}}', 'y.md', 7)).toThrow();
  });
});

describe('SharedReads', () => {
  it('reads a data file once and hands out frozen records, each call its own diagnostics', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gw-reads-'));
    try {
      writeFileSync(join(dir, 'd.csv'), '名称,省市\n甲,江苏\n乙,\n');
      const reads = new SharedReads();
      const a = await reads.records('d.csv', { projectDir: dir });
      writeFileSync(join(dir, 'd.csv'), '名称,省市\n丙,浙江\n');
      const b = await reads.records('d.csv', { projectDir: dir });
      expect(b.records).toBe(a.records);
      expect(b.records.map((r) => r.名称)).toEqual(['甲', '乙']);
      expect(Object.isFrozen(a.records[0])).toBe(true);
      expect(() => {
        (a.records[0] as Record<string, string>).名称 = 'x';
      }).toThrow(TypeError);
      expect(b.diagnostics).not.toBe(a.diagnostics);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
