// write/docx pool: worker threads need compiled JavaScript, so these tests load the pool from
// dist/ (npm test runs tsc first; run `npx tsc -p .` before running this file alone) and
// compare its bytes with the in-process renderer from the sources.
import { describe, it, expect, afterAll } from 'vitest';
import { existsSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { unzipSync, strFromU8 } from 'fflate';
import { renderDocxSync } from '../src/write/docx/index.js';
import { noticeModel, listTable } from './fixtures/notice-model.js';
import type { DocumentModel } from '../src/model/types.js';
import type { DocxPool as DocxPoolType, docxPoolSize as docxPoolSizeType } from '../src/write/docx/pool.js';

const DIST = fileURLToPath(new URL('../dist/write/docx/pool.js', import.meta.url));
if (!existsSync(DIST)) throw new Error('dist/write/docx/pool.js is missing: run `npx tsc -p .` first');
const { DocxPool, docxPoolSize } = (await import(DIST)) as { DocxPool: typeof DocxPoolType; docxPoolSize: typeof docxPoolSizeType };

const documentXml = (docx: Uint8Array) => strFromU8(unzipSync(docx)['word/document.xml']);

/** A list table big enough to need far more than a 24 MB heap to render. */
function hugeModel(): DocumentModel {
  const m = noticeModel();
  const rows: [string, string, string][] = [];
  for (let i = 0; i < 60000; i++) rows.push([`tjjd${100000 + i}`, `国家火炬第${i + 1}号特色产业基地（很长的名称用来占内存）`, '北京']);
  (m.sections[1].blocks as unknown[])[2] = listTable(rows);
  return m;
}

describe('write/docx: DocxPool', () => {
  const pools: DocxPoolType[] = [];
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
  });

  it('gives the same bytes as renderDocxSync', async () => {
    const pool = DocxPool.create(1);
    pools.push(pool);
    const model = noticeModel();
    const bytes = await pool.render(model);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(bytes).equals(Buffer.from(renderDocxSync(model)))).toBe(true);
  });

  it('completes many jobs in parallel, each with its own document', async () => {
    const pool = DocxPool.create(2);
    pools.push(pool);
    const models = Array.from({ length: 24 }, (_, i) => {
      const m = noticeModel();
      m.meta.title = `第${i}号`;
      const t = m.sections[0].blocks.find((b) => b.type === 'title');
      if (t && t.type === 'title') t.lines = [`标题第${i}号`];
      return m;
    });
    const out = await Promise.all(models.map((m) => pool.render(m)));
    out.forEach((b, i) => expect(documentXml(b)).toContain(`标题第${i}号`));
    expect(pool.pending).toBe(0);
  });

  it('rejects the job of a worker that dies, then carries on with a fresh worker', async () => {
    const pool = DocxPool.create(1, { maxHeapMb: 24 });
    pools.push(pool);
    const model = noticeModel();
    const results = await Promise.allSettled([pool.render(hugeModel()), pool.render(model)]);
    expect(results[0].status).toBe('rejected');
    expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/worker died/);
    expect(results[1].status).toBe('fulfilled');
    expect(Buffer.from((results[1] as PromiseFulfilledResult<Uint8Array>).value).equals(Buffer.from(renderDocxSync(model)))).toBe(true);
  }, 60_000);

  it('reports a render error without killing the worker', async () => {
    const pool = DocxPool.create(1);
    pools.push(pool);
    const bad = { ...noticeModel(), sections: null } as unknown as DocumentModel;
    await expect(pool.render(bad)).rejects.toThrow();
    expect((await pool.render(noticeModel())).length).toBeGreaterThan(1000);
  });

  it('close() waits for given jobs, refuses new ones, and lets the process exit', async () => {
    const pool = DocxPool.create(2);
    const p = pool.render(noticeModel());
    await pool.close();
    expect((await p).length).toBeGreaterThan(1000);
    await expect(pool.render(noticeModel())).rejects.toThrow(/closed/);
    // A real process: it must end by itself after close(), and also when close() is forgotten.
    const run = (close: boolean) =>
      new Promise<number | null>((resolve) => {
        const script =
          `const { DocxPool } = await import(${JSON.stringify(DIST)});` +
          `const pool = DocxPool.create(2);` +
          `const m = { meta: { title: 't' }, sections: [{ orientation: 'portrait', pageNumbers: true, part: 'body', blocks: [] }] };` +
          `await Promise.all([pool.render(m), pool.render(m), pool.render(m)]);` +
          (close ? `await pool.close();` : '');
        const child = execFile(process.execPath, ['--input-type=module', '-e', script], { timeout: 20_000 }, () => resolve(child.exitCode));
      });
    expect(await run(true)).toBe(0);
    expect(await run(false)).toBe(0);
  }, 60_000);

  it('sizes itself from the argument, GONGWEN_DOCX_WORKERS, or the cores', () => {
    const saved = process.env.GONGWEN_DOCX_WORKERS;
    try {
      delete process.env.GONGWEN_DOCX_WORKERS;
      expect(docxPoolSize(3)).toBe(3);
      expect(docxPoolSize(0)).toBe(1);
      expect(docxPoolSize()).toBeGreaterThanOrEqual(1);
      process.env.GONGWEN_DOCX_WORKERS = '5';
      expect(docxPoolSize(3)).toBe(5);
      process.env.GONGWEN_DOCX_WORKERS = 'many';
      expect(docxPoolSize(3)).toBe(3);
    } finally {
      if (saved === undefined) delete process.env.GONGWEN_DOCX_WORKERS;
      else process.env.GONGWEN_DOCX_WORKERS = saved;
    }
  });
});
