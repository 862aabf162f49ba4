// Images in the positioned pages and the PDF: one image object per picture however often it is
// drawn (named by its digest), a figure and a seal each where the layout put them, nothing else.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DocumentModel, FigureBlock, SealImage } from '../src/model/types.js';
import { Builder } from '../src/pipeline/build.js';
import { compileFile } from '../src/pipeline/compile.js';
import { unzipSync } from 'fflate';
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
  const fig: FigureBlock = { type: 'figure', path, format: 'png', widthMm: 10, heightMm: 10, label: '图1', caption: 'x', digest: sha(PNG), bytes: PNG };
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

  it('draws the picture that was checked when the model was made, not the file as it is later', async () => {
    // A figure's file is read, checked and digested once (src/source/images); the model carries
    // those bytes. A file changed after that (a save between compile and render, a swap for a
    // picture that was never checked) changes nothing: PDF, OFD and DOCX draw the checked bytes.
    const project = mkdtempSync(join(dir, 'changed-'));
    const png = join(project, 'chart.png');
    writeFileSync(png, PNG);
    const md = join(project, 'n.md');
    writeFileSync(md, `---\nkind: notice\nissuer: 某某单位\ntitle: 关于图片的通知\ndate: 2020-11-06\n---\n\n正文。\n\n![示意图](chart.png)\n`);
    const compiled = await compileFile(md, { projectDir: project });
    expect(compiled.diagnostics.filter((d) => d.severity === 'error'), JSON.stringify(compiled.diagnostics)).toHaveLength(0);
    const figure = compiled.model!.sections.flatMap((s) => s.blocks).find((b): b is FigureBlock => b.type === 'figure')!;
    expect(figure.digest).toBe(sha(PNG));
    // The file changes after the model: another picture of the same size.
    const other = discPng(40, [0, 255, 0]);
    writeFileSync(png, other);
    const builder = new Builder({ projectDir: project, outDir: project, formats: ['pdf', 'ofd', 'docx'], write: false });
    try {
      const res = await builder.render(compiled.model!, { path: md }, { file: 'n.md', sources: compiled.sources }, []);
      expect(res.ok, JSON.stringify(res.diagnostics)).toBe(true);
      const images = res.paged!.pages.flatMap((p) => p.items.filter((i): i is ImageItem => i.kind === 'image'));
      expect(images.map((i) => i.image.sha256)).toEqual([sha(PNG)]);
      // The PDF's one picture is the checked one: its pixels are blue, not the new file's green.
      const file = join(project, 'n.pdf');
      writeFileSync(file, res.files!.pdf!);
      run('pdfimages', ['-png', file, join(project, 'img')]);
      const { PNG: PngReader } = await import('pngjs');
      const drawn = PngReader.sync.read(readFileSync(join(project, 'img-000.png')));
      const mid = (drawn.width * (drawn.height >> 1) + (drawn.width >> 1)) * (drawn.data.length / (drawn.width * drawn.height));
      expect([...drawn.data.subarray(mid, mid + 3)]).toEqual([0, 0, 255]);
      // The OFD and the DOCX carry the checked file's bytes, and nothing of the new one.
      for (const zip of [res.files!.ofd!, res.files!.docx!]) {
        const media = Object.entries(unzipSync(zip)).filter(([name]) => /\.png$/i.test(name)).map(([, b]) => sha(b));
        expect(media).toEqual([sha(PNG)]);
      }
    } finally {
      await builder.close();
    }
  });
});
