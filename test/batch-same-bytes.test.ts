// A batch's files are the files a build of the same record makes, byte for byte, whichever way
// the batch runs: every chunk in worker threads (compile, layout, PDF and DOCX there), or all
// on the main thread; with one document a chunk, the same as `Builder.build` of that record.
// Worker threads need compiled JavaScript: this file loads the pipeline from dist/ (npm test
// runs tsc first; run `npx tsc -p .` before running it alone).
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { cpSync, existsSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { runBatch as RunBatch } from '../src/pipeline/batch.js';
import type { Builder as BuilderType } from '../src/pipeline/build.js';

const DIST = fileURLToPath(new URL('../dist/pipeline/', import.meta.url));
if (!existsSync(join(DIST, 'batch-worker.js'))) throw new Error('dist/pipeline/batch-worker.js is missing: run `npx tsc -p .` first');
const { runBatch } = (await import(join(DIST, 'batch.js'))) as { runBatch: typeof RunBatch };
const { Builder } = (await import(join(DIST, 'build.js'))) as { Builder: typeof BuilderType };

let dir: string;
const N = 5;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gw-batch-bytes-'));
  mkdirSync(join(dir, 'data'));
  mkdirSync(join(dir, 'content'));
  const names = ['国家火炬甲特色产业基地', '国家火炬乙特色产业基地（名称较长的一个基地用来换行）', '国家火炬丙特色产业基地', '国家火炬丁特色产业基地', '国家火炬戊基地'];
  writeFileSync(join(dir, 'data/bases.csv'), ['编号,基地名称,省市', ...names.map((n, i) => `${i + 1},${n},${i < 2 ? '江苏' : '浙江'}`)].join('\n') + '\n');
  writeFileSync(
    join(dir, 'content/list.md'),
    `---\nkind: list\ntitle: 复核名单\ndata: ../data/bases.csv\ncolumns: [基地名称, 省市]\nnumber: 序号\nmerge: [省市]\n---\n`,
  );
  writeFileSync(
    join(dir, 'content/notice.md'),
    `---
kind: notice
issuer: 科学技术部火炬高技术产业开发中心
number: 国科火字〔2020〕{{编号}}号
title: 关于{{基地名称}}复核的通知
to: "{{基地名称}}"
date: 2020-11-06
cc: [各省科技厅]
printer: 科学技术部火炬高技术产业开发中心办公室
printed: 2020-11-09
attachments:
  - title: 复核名单
    file: list.md
---

请{{基地名称}}（{{省市}}）按要求报送材料。${'根据有关规定，现将复核工作有关事项通知如下，请认真组织实施。'.repeat(6)}

一、复核内容

${'各基地应当对照复核要求，逐项说明发展情况。'.repeat(5)}
`,
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const files = (out: string) =>
  Object.fromEntries(
    readdirSync(out)
      .filter((f) => /\.(pdf|docx)$/.test(f))
      .sort()
      .map((f) => [f, readFileSync(join(out, f))]),
  );

async function batch(out: string, o: { workers: number; chunk: number }) {
  const s = await runBatch(join(dir, 'content/notice.md'), { projectDir: dir, outDir: join(dir, out), formats: ['docx', 'pdf'], data: 'data/bases.csv', mode: { each: true }, force: true, concurrency: 2, ...o });
  expect(s.failed, JSON.stringify(s.diagnostics.filter((d) => d.severity === 'error'))).toBe(0);
  expect(s.built).toBe(N);
  return files(join(dir, out));
}

describe('a batch writes the same bytes', () => {
  it('in worker threads as on the main thread (chunks of 2: one subset per face a chunk)', async () => {
    const local = await batch('out-local', { workers: 0, chunk: 2 });
    const workers = await batch('out-workers', { workers: 2, chunk: 2 });
    expect(Object.keys(workers)).toHaveLength(2 * N);
    expect(Object.keys(workers)).toEqual(Object.keys(local));
    for (const [name, bytes] of Object.entries(local)) expect(Buffer.compare(bytes, workers[name]), name).toBe(0);
  }, 120_000);

  it('as a build of each record, one document a chunk', async () => {
    const batched = await batch('out-one', { workers: 2, chunk: 1 });
    const builder = new Builder({ projectDir: dir, outDir: join(dir, 'out-build'), formats: ['docx', 'pdf'] });
    const rows = readFileSync(join(dir, 'data/bases.csv'), 'utf8').trim().split('\n').slice(1);
    for (const [i, row] of rows.entries()) {
      const [编号, 基地名称, 省市] = row.split(',');
      // The record as a batch makes it: 序号 offered, _index and _row for patterns.
      const record = { 序号: String(i + 1), 编号, 基地名称, 省市, _index: i + 1, _row: i + 2 };
      const r = await builder.build({ path: join(dir, 'content/notice.md'), name: `notice-${i + 1}`, record });
      expect(r.ok, JSON.stringify(r.diagnostics)).toBe(true);
    }
    await builder.close();
    const built = files(join(dir, 'out-build'));
    expect(Object.keys(built)).toEqual(Object.keys(batched));
    for (const [name, bytes] of Object.entries(built)) expect(Buffer.compare(bytes, batched[name]), name).toBe(0);
  }, 120_000);

  // A batch's documents share their blocks by identity and put back what an earlier one drew
  // (pipeline/blocks-by-content.ts, layout/frame/drawn-blocks.ts, write/pdf/content.ts): every
  // example, made three times in one chunk (the same document: each draws what the first drew),
  // must be the single build's bytes, drawn or put back.
  it('for every example, made three times: the single build\'s bytes each time', async () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const project = mkdtempSync(join(tmpdir(), 'gw-batch-examples-'));
    try {
      for (const d of ['content', 'templates', 'data']) cpSync(join(root, d), join(project, d), { recursive: true });
      writeFileSync(join(project, 'data/three.csv'), '编号\n1\n2\n3\n');
      const examples = ['2020-183', '2020-191', '2021-45-clusters', '2021-cluster-evaluation', '2021-zhuzhou-cluster-plan', '2022-cluster-application', 'joint-sealed-notice', 'sealed-notice'];
      const builder = new Builder({ projectDir: project, outDir: join(project, 'single'), formats: ['docx', 'pdf'] });
      for (const name of examples) {
        const file = join(project, `content/${name}.md`);
        const r = await builder.build({ path: file });
        expect(r.ok, JSON.stringify(r.diagnostics)).toBe(true);
        const s = await runBatch(file, { projectDir: project, outDir: join(project, `b-${name}`), formats: ['docx', 'pdf'], data: 'data/three.csv', mode: { each: true }, force: true, concurrency: 2, workers: 0, chunk: 3 });
        expect(s.built, name).toBe(3);
        const made = files(join(project, `b-${name}`));
        for (const ext of ['docx', 'pdf']) {
          const one = readFileSync(join(project, `single/${name}.${ext}`));
          for (const [f, bytes] of Object.entries(made)) if (f.endsWith(`.${ext}`)) expect(Buffer.compare(bytes, one), f).toBe(0);
        }
      }
      await builder.close();
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  }, 300_000);
});
