// Images in the positioned pages and the PDF: one image object per picture however often it is
// drawn (named by its digest), a figure and a seal each where the layout put them, nothing else.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DocumentModel, FigureBlock, SealImage } from '../src/model/types.js';
import { Builder } from '../src/pipeline/build.js';
import type { ImageItem } from '../src/layout/frame/types.js';
import { discPng } from './fixtures/seal-images.js';
import { run } from './helpers/pdf-tools.js';

const dir = mkdtempSync(join(tmpdir(), 'gw-images-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

const PNG = discPng(40, [0, 0, 255]);
const SEAL = discPng(64, [255, 0, 0]);

function model(fig: FigureBlock, seal: SealImage): DocumentModel {
  return {
    meta: { title: 't', lang: 'zh-CN' },
    appendPdfs: [],
    sections: [{
      orientation: 'portrait', pageNumbers: true, part: 'body',
      blocks: [
        { type: 'paragraph', runs: [{ text: '正文。' }] },
        fig,
        { ...fig, label: '图2' },
        { type: 'signature', names: ['某某'], date: '2020年1月1日', seal: { sizeMm: 42, images: [seal] } } as never,
      ],
    }],
  };
}

describe('images', () => {
  const path = join(dir, 'a.png');
  writeFileSync(path, PNG);
  const fig: FigureBlock = { type: 'figure', path, format: 'png', widthMm: 10, heightMm: 10, label: '图1', caption: 'x', digest: sha(PNG) };
  const seal: SealImage = { format: 'png', bytes: SEAL, path: 'seal.png', width: 64, height: 64, sha256: sha(SEAL) };

  it('draws each figure and the seal where the layout put them, one image object per picture', async () => {
    const builder = new Builder({ projectDir: dir, outDir: dir, formats: ['pdf'], write: false });
    try {
      const res = await builder.render(model(fig, seal), { path: join(dir, 't.md') }, { file: 't.md', sources: [] }, []);
      expect(res.ok, JSON.stringify(res.diagnostics)).toBe(true);
      const images = res.paged!.pages.flatMap((p) => p.items.filter((i): i is ImageItem => i.kind === 'image'));
      // Two figures of one file and one seal: three drawings, two pictures, named by their digests.
      expect(images).toHaveLength(3);
      expect(new Set(images.map((i) => i.image.sha256))).toEqual(new Set([sha(PNG), sha(SEAL)]));
      const file = join(dir, 't.pdf');
      writeFileSync(file, res.files!.pdf!);
      const list = run('pdfimages', ['-list', file]).split('\n').slice(2).filter((l) => l.trim().split(/\s+/)[2] === 'image');
      expect(list).toHaveLength(3);
      const objects = new Set(list.map((l) => l.trim().split(/\s+/).slice(10, 12).join(' ')));
      expect(objects.size).toBe(2);
    } finally {
      await builder.close();
    }
  });

  it.todo('refuses a figure whose file changed after the model was made (the layout reads the file again; the trust branch hands it the checked bytes)');
});
