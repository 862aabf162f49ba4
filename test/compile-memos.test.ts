// The compile side's batch memos give what the work they save gives: an annex part kept for a
// batch is the part a fresh compile makes (and the very same objects from record to record, for
// the layout's identity memos), a changed input or a record the part reads is compiled anew, a
// gw block read by JSON.parse is YAML's value, a model's hash with a shared section hashed once
// tells models apart as the whole JSON did, and a check segment of a shared block is made once.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync, rmSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parse as parseYaml } from 'yaml';
import { compileFile } from '../src/pipeline/compile.js';
import { readSource } from '../src/source/read.js';
import { SharedReads } from '../src/kinds/shared-reads.js';
import { parseGw } from '../src/model/gw-blocks.js';
import { fieldsRead, loadKindTemplate } from '../src/template/engine.js';
import { modelHash } from '../src/pipeline/batch-chunk.js';
import { documentSegments } from '../src/checks/document-text.js';
import { deepFreeze, jsonEqual, SharedBlocks } from '../src/kinds/shared-parts.js';
import type { DocumentModel } from '../src/model/types.js';
import { writeFileAtomic, writeFilesAtomic } from '../src/util/atomic-write.js';

function project(opts: { listBody?: string; attachmentTitle?: string; listTemplate?: string } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'gw-parts-'));
  mkdirSync(join(dir, 'content'));
  mkdirSync(join(dir, 'data'));
  writeFileSync(join(dir, 'data/bases.csv'), '账号,基地名称,省市\na1,甲基地,江苏\na2,乙基地,\na3,丙基地,浙江\n');
  writeFileSync(
    join(dir, 'content/list.md'),
    `---\nkind: list\ntitle: 复核名单\ndata: ../data/bases.csv\ncolumns: [账号, 基地名称, 省市]\nnumber: 序号\nmerge: [省市]\n---\n\n${opts.listBody ?? '注：平台登录密码与火炬统计密码一致。'}\n`,
  );
  writeFileSync(
    join(dir, 'content/notice.md'),
    `---
kind: notice
issuer: 科学技术部火炬高技术产业开发中心
number: 国科火字〔2020〕{{add 200 _index}}号
title: 关于{{基地名称}}开展复核工作的通知
to: "{{基地名称}}日常管理机构"
signature: 科技部火炬中心
date: 2020-11-06
attachments:
  - title: ${opts.attachmentTitle ?? '2020年度复核名单'}
    file: list.md
---

{{基地名称}}（账号：{{账号}}，{{省市}}）列入复核名单，请按本通知要求报送复核材料。

# 复核材料内容

1. 基地近三年来的发展情况总结。
2. 基地建设的成功经验、做法及存在问题。
`,
  );
  if (opts.listTemplate) {
    mkdirSync(join(dir, 'templates/list'), { recursive: true });
    writeFileSync(join(dir, 'templates/list/list.hbs'), opts.listTemplate);
  }
  return dir;
}

const records = [
  { 账号: 'tjjd1', 基地名称: '甲基地', 省市: '江苏', _index: 0 },
  { 账号: 'tjjd2', 基地名称: '乙基地', 省市: '浙江', _index: 1 },
  { 账号: 'tjjd3', 基地名称: '丙基地', 省市: '广东', _index: 2 },
];

/** Each record compiled as a batch does (one read source, shared reads) and as a build does. */
async function both(dir: string) {
  const file = join(dir, 'content/notice.md');
  const reads = new SharedReads();
  const source = await readSource(file, dir);
  const batch = [];
  const alone = [];
  for (const [i, record] of records.entries()) {
    const origin = { file: 'data/bases.csv', row: i + 2, columns: ['账号', '基地名称', '省市'] };
    batch.push(await compileFile(file, { projectDir: dir, record, source, reads, origin }));
    alone.push(await compileFile(file, { projectDir: dir, record, origin }));
  }
  return { batch, alone };
}

describe('an annex part kept for a batch', () => {
  it('is the part a fresh compile makes, the same frozen objects for every record', async () => {
    const dir = project();
    try {
      const { batch, alone } = await both(dir);
      for (const [i, c] of batch.entries()) {
        expect(c.model).toBeDefined();
        // A hit gives what a miss gives: the whole model and the findings.
        expect(JSON.stringify(c.model)).toBe(JSON.stringify(alone[i].model));
        expect(c.diagnostics).toEqual(alone[i].diagnostics);
        expect(c.sources.map((s) => s.path)).toEqual(alone[i].sources.map((s) => s.path));
      }
      const annex = batch.map((c) => c.model!.sections[1]);
      expect(annex[1]).toBe(annex[0]);
      expect(annex[2]).toBe(annex[0]);
      expect(annex[2].blocks[2]).toBe(annex[0].blocks[2]);
      // The body stays each record's own.
      expect(batch[1].model!.sections[0]).not.toBe(batch[0].model!.sections[0]);
      // Frozen: a stage that changed it would change the next record's document.
      const table = annex[0].blocks.find((b) => b.type === 'table')!;
      expect(() => {
        (table as { headerRows: number }).headerRows = 9;
      }).toThrow(TypeError);
      // A build keeps nothing frozen.
      expect(Object.isFrozen(alone[0].model!.sections[1])).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is compiled anew when its title changes with the record', async () => {
    const dir = project({ attachmentTitle: '"{{省市}}复核名单"' });
    try {
      const { batch, alone } = await both(dir);
      const annex = batch.map((c) => c.model!.sections[1]);
      expect(annex[1]).not.toBe(annex[0]);
      for (const [i, c] of batch.entries()) expect(JSON.stringify(c.model)).toBe(JSON.stringify(alone[i].model));
      expect(JSON.stringify(annex[0])).toContain('江苏复核名单');
      expect(JSON.stringify(annex[1])).toContain('浙江复核名单');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is not kept when its body or template reads a record field, even one that renders alike', async () => {
    for (const opts of [
      { listBody: '注：{{基地名称}}的登录密码与火炬统计密码一致。' },
      // The same text for every record, but its characters stand at each record's data cell.
      { listBody: '注：{{#if 账号}}请核对账号。{{/if}}' },
      { listTemplate: '```gw:annex-title\n{{json title}}\n```\n\n```gw:list-table\n```\n\n{{#each this}}{{/each}}```gw:body\n```\n' },
    ]) {
      const dir = project(opts);
      try {
        const { batch, alone } = await both(dir);
        expect(batch[1].model!.sections[1]).not.toBe(batch[0].model!.sections[1]);
        for (const [i, c] of batch.entries()) {
          expect(JSON.stringify(c.model)).toBe(JSON.stringify(alone[i].model));
          expect(c.diagnostics).toEqual(alone[i].diagnostics);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  it('keeps the last version only (bounded): a title back again is compiled again', async () => {
    const dir = project({ attachmentTitle: '"{{省市}}复核名单"' });
    try {
      const file = join(dir, 'content/notice.md');
      const reads = new SharedReads();
      const source = await readSource(file, dir);
      const run = (r: (typeof records)[number]) => compileFile(file, { projectDir: dir, record: r, source, reads });
      const a = await run(records[0]);
      const a2 = await run(records[0]);
      const b = await run(records[1]);
      const a3 = await run(records[0]);
      expect(a2.model!.sections[1]).toBe(a.model!.sections[1]);
      expect(b.model!.sections[1]).not.toBe(a.model!.sections[1]);
      expect(a3.model!.sections[1]).not.toBe(a.model!.sections[1]);
      expect(JSON.stringify(a3.model)).toBe(JSON.stringify(a.model));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('replays the part’s own findings into every record’s document', async () => {
    // An unknown front-matter key in the list (a warning from the spelling check), and a half-width comma in the body.
    const dir = project({ listBody: '注：平台登录密码,与火炬统计密码一致。' });
    try {
      const list = join(dir, 'content/list.md');
      writeFileSync(list, readFileSync(list, 'utf8').replace('merge: [省市]', 'merge: [省市]\ntitel: 名单'));
      const { batch, alone } = await both(dir);
      expect(batch[1].model!.sections[1]).toBe(batch[0].model!.sections[1]);
      for (const [i, c] of batch.entries()) {
        expect(c.diagnostics.some((d) => d.file.endsWith('list.md'))).toBe(true);
        expect(c.diagnostics).toEqual(alone[i].diagnostics);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('fieldsRead', () => {
  it('names every field a template may read, or any', () => {
    expect([...(fieldsRead('无') as Set<string>)]).toEqual([]);
    expect(fieldsRead('{{json title}} {{#if label}}{{label}}{{/if}}')).toEqual(new Set(['json', 'title', 'if', 'label']));
    expect(fieldsRead('{{#each rows}}{{../x}}{{@index}}{{@root.y}}{{/each}}')).toEqual(new Set(['each', 'rows', 'x', 'y']));
    expect(fieldsRead('{{add 200 _index}}')).toEqual(new Set(['add', '_index']));
    for (const any of ['{{this}}', '{{.}}', '{{#each .}}{{/each}}', '{{@root}}', '{{lookup x "y"}}', '{{#with this}}{{/with}}']) expect(fieldsRead(any)).toBe('any');
    expect(fieldsRead('{{#if}')).toBe('any');
  });
});

describe('parseGw', () => {
  const yaml = (t: string) => parseYaml(t, { customTags: [] });
  it('reads any JSON value as YAML reads it', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = JSON.stringify(v);
        expect(parseGw(text)).toEqual(yaml(text));
      }),
      { numRuns: 500 },
    );
    for (const t of ['{"names":["科技部火炬中心"],"date":"2020年11月6日"}', ' "主送" \n', '[1.0, -0, 1e400, 12345678901234567890, 0.12345678901234567]', '{"__proto__":{"a":1}}', 'null'])
      expect(parseGw(t)).toEqual(yaml(t));
  });
  it('leaves YAML’s answer where JSON.parse would differ or fail', () => {
    expect(() => parseGw('{"a":1,"a":2}')).toThrow(/unique/);
    expect(() => parseGw('{"a":{"b":1,"b":2}}')).toThrow(/unique/);
    expect(parseGw('lines: [a, b]\nsuffix: 文件')).toEqual({ lines: ['a', 'b'], suffix: '文件' });
    expect(parseGw('"a\tb"')).toEqual(yaml('"a\tb"'));
    const deep = '['.repeat(20000) + ']'.repeat(20000);
    let y: unknown;
    let g: unknown;
    try { y = yaml(deep); } catch (e) { y = (e as Error).constructor; }
    try { g = parseGw(deep); } catch (e) { g = (e as Error).constructor; }
    expect(g === y || typeof g === 'object').toBe(true);
  });
});

describe('modelHash', () => {
  const model = (rows: string[], body: string): DocumentModel => ({
    meta: { title: 't', lang: 'zh-CN' },
    sections: [
      { orientation: 'portrait', pageNumbers: true, part: 'body', blocks: [{ type: 'paragraph', runs: [{ text: body }] }] },
      { orientation: 'portrait', pageNumbers: true, part: 'annex', blocks: rows.map((text) => ({ type: 'paragraph', runs: [{ text }] })) },
    ],
    appendPdfs: [],
  });
  it('tells models apart as their JSON does, a shared section hashed once', () => {
    const a = model(['甲', '乙'], '正文');
    const shared = a.sections[1];
    deepFreeze(shared);
    const b = { ...model([], '正文'), sections: [model([], '正文').sections[0], shared] };
    const c = { ...model([], '正文二'), sections: [model([], '正文二').sections[0], shared] };
    expect(modelHash('s', a)).toBe(modelHash('s', b));
    expect(modelHash('s', c)).not.toBe(modelHash('s', a));
    expect(modelHash('t', a)).not.toBe(modelHash('s', a));
    // Another frozen section of other content, and the same content unshared, differ.
    const other = model(['甲', '丙'], '正文').sections[1];
    deepFreeze(other);
    expect(modelHash('s', { ...a, sections: [a.sections[0], other] })).not.toBe(modelHash('s', a));
    const unshared = model(['甲', '乙'], '正文');
    expect(modelHash('s', unshared)).toBe(modelHash('s', unshared));
    expect(modelHash('s', model(['甲', '丙'], '正文'))).not.toBe(modelHash('s', unshared));
  });
});

describe('check segments of a shared block', () => {
  it('are made once for a frozen block, anew for a document’s own', async () => {
    const dir = project();
    try {
      const { batch } = await both(dir);
      const s0 = documentSegments(batch[0].model!);
      const s1 = documentSegments(batch[1].model!);
      const cell = (segs: typeof s0) => segs.filter((s) => s.part === 1 && s.spans[0]?.cell);
      expect(cell(s1).length).toBeGreaterThan(0);
      expect(cell(s1)[0]).toBe(cell(s0)[0]);
      expect(Object.isFrozen(cell(s0)[0])).toBe(true);
      expect(s1.find((s) => s.part === 0)).not.toBe(s0.find((s) => s.part === 0));
      expect(cell(s1).map((s) => s.text)).toEqual(cell(s0).map((s) => s.text));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('writeFilesAtomic', () => {
  it('makes a folder removed since its last write again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gw-write-'));
    try {
      const out = join(dir, 'out');
      await writeFilesAtomic([{ path: join(out, 'a.txt'), data: '1' }], { durable: false });
      rmSync(out, { recursive: true });
      await writeFilesAtomic([{ path: join(out, 'a.txt'), data: '2' }, { path: join(out, 'b.txt'), data: '3' }], { durable: false });
      expect(readFileSync(join(out, 'a.txt'), 'utf8')).toBe('2');
      await writeFilesAtomic([{ path: join(out, 'a.txt'), data: '4' }], { durable: false });
      expect(readFileSync(join(out, 'a.txt'), 'utf8')).toBe('4');
      // One file alone (a batch's cache) too.
      rmSync(out, { recursive: true });
      await writeFileAtomic(join(out, 'cache.json'), '{}', { durable: false });
      expect(readFileSync(join(out, 'cache.json'), 'utf8')).toBe('{}');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('blocks alike from record to record', () => {
  it('are one frozen object each; a block a record fills is its own; the model is a build’s', async () => {
    const dir = project();
    try {
      const { batch, alone } = await both(dir);
      const [a, b, c] = batch.map((r) => r.model!.sections[0].blocks);
      const same = c.filter((x, k) => x === b[k]);
      expect(same.length).toBeGreaterThan(3);
      for (const x of same) expect(Object.isFrozen(x)).toBe(true);
      expect(c.find((x) => x.type === 'heading')).toBe(a.find((x) => x.type === 'heading'));
      // The paragraph with the record's 基地名称 and the title are each record's own.
      const filled = (bl: typeof a) => bl.find((x) => x.type === 'paragraph' && JSON.stringify(x).includes('列入复核名单'));
      expect(filled(b)).not.toBe(filled(a));
      expect(JSON.stringify(filled(b))).toContain('乙基地');
      expect(c.find((x) => x.type === 'title')).not.toBe(a.find((x) => x.type === 'title'));
      for (const [i, r] of batch.entries()) {
        expect(JSON.stringify(r.model)).toBe(JSON.stringify(alone[i].model));
        expect(r.diagnostics).toEqual(alone[i].diagnostics);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('give their findings to every document, as a build finds them', async () => {
    const dir = project();
    try {
      const notice = join(dir, 'content/notice.md');
      writeFileSync(notice, readFileSync(notice, 'utf8').replace('2. 基地建设的成功经验', '2. 基地建设的成功经验,做法--及（存在问题'));
      const { batch, alone } = await both(dir);
      const [a, b] = batch.map((r) => r.model!.sections[0].blocks);
      const shared = b.filter((x, k) => x === a[k] && JSON.stringify(x).includes('做法'));
      expect(shared.length).toBe(1);
      for (const [i, r] of batch.entries()) {
        const ids = r.diagnostics.filter((d) => d.line === 19).map((d) => d.ruleId);
        expect(ids).toEqual(expect.arrayContaining(['punct-halfwidth', 'dash', 'punct-pair']));
        expect(r.diagnostics).toEqual(alone[i].diagnostics);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('are the last document’s blocks in place when alike, and keep one document', () => {
    const para = (text: string) => ({ type: 'paragraph' as const, runs: [{ text }] });
    const section = (...texts: string[]) => ({ orientation: 'portrait' as const, pageNumbers: true, part: 'body' as const, blocks: texts.map(para) });
    const shared = new SharedBlocks();
    const first = [section('甲', '甲', '乙')];
    shared.intern(first);
    const second = [section('甲', '甲', '乙')];
    shared.intern(second);
    const [a, b] = [first[0].blocks, second[0].blocks];
    expect(b[0]).toBe(a[0]);
    expect(b[1]).toBe(a[1]);
    expect(b[0]).not.toBe(b[1]); // two alike blocks of one document stay two objects
    expect(Object.isFrozen(a[0])).toBe(true);
    // A changed block misses; its neighbours still hit.
    const third = [section('甲', '丙', '乙')];
    shared.intern(third);
    expect(third[0].blocks[1]).not.toBe(a[1]);
    expect(third[0].blocks[2]).toBe(a[2]);
    // Only the last document is kept: 丙 comes back as the third's object, 甲 of the first is gone once replaced.
    const fourth = [section('丁', '丙', '乙')];
    shared.intern(fourth);
    expect(fourth[0].blocks[1]).toBe(third[0].blocks[1]);
    const fifth = [section('甲', '丙', '乙')];
    shared.intern(fifth);
    expect(fifth[0].blocks[0]).not.toBe(a[0]);
    for (const s of [first, second, third, fourth, fifth]) expect(JSON.stringify(s)).toBe(JSON.stringify(s.map((x) => ({ ...x, blocks: x.blocks.map((p) => para(p.runs[0].text)) }))));
  });

  it('compare as JSON writes them', () => {
    expect(jsonEqual({ a: 1, b: undefined, c: [1, undefined] }, { a: 1, c: [1, null] })).toBe(true);
    expect(jsonEqual({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 0 })).toBe(false);
    expect(jsonEqual([1, 2], [1, 2, 3])).toBe(false);
    expect(jsonEqual({ a: { b: '甲' } }, { a: { b: '乙' } })).toBe(false);
    expect(jsonEqual([], {})).toBe(false);
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (x, y) => {
        expect(jsonEqual(x, y)).toBe(JSON.stringify(x) === JSON.stringify(y));
        expect(jsonEqual(x, structuredClone(x))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('SharedReads templates and paths', () => {
  it('load a kind’s template once, as loadKindTemplate does; a missing one is tried again', async () => {
    const dir = project();
    try {
      const reads = new SharedReads();
      const a = await reads.template(dir, 'list');
      expect(await reads.template(dir, 'list')).toBe(a);
      const fresh = await loadKindTemplate(dir, 'list');
      expect(a.path).toBe(fresh.path);
      expect(a.fn({ label: '附件', title: '名单' }).text).toBe(fresh.fn({ label: '附件', title: '名单' }).text);
      expect((await reads.template(dir, 'annex')).path).not.toBe(a.path);
      await expect(reads.template(dir, 'nosuch')).rejects.toThrow();
      mkdirSync(join(dir, 'templates/nosuch'), { recursive: true });
      writeFileSync(join(dir, 'templates/nosuch/nosuch.hbs'), '正文\n');
      expect((await reads.template(dir, 'nosuch')).fn({}).text).toBe('正文\n');
      expect(reads.inside(dir, 'list.md', join(dir, 'content'))).toBe(join(dir, 'content/list.md'));
      expect(reads.inside(dir, '../../etc/passwd', join(dir, 'content'))).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
