// The PDF path's one image server: a page gets nothing but its documents' own images, named
// one way (digest + format), and a file only while it still has the digest the model recorded.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DocumentModel, FigureBlock, SealImage } from '../src/model/types.js';
import { IMAGE_ORIGIN, ImageSet } from '../src/render/html/index.js';
import { renderHtml } from '../src/render/html/index.js';

const dir = mkdtempSync(join(tmpdir(), 'gw-images-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');

function model(fig: FigureBlock, seal: SealImage): DocumentModel {
  return {
    meta: { title: 't', lang: 'zh-CN' },
    appendPdfs: [],
    sections: [{
      orientation: 'portrait', pageNumbers: true, part: 'body',
      blocks: [
        fig,
        { ...fig, label: '图2' },
        { type: 'signature', names: ['某某'], date: '2020年1月1日', seal: { sizeMm: 42, images: [seal] } } as never,
      ],
    }],
  };
}

describe('ImageSet', () => {
  const path = join(dir, 'a.png');
  writeFileSync(path, PNG);
  const fig: FigureBlock = { type: 'figure', path, format: 'png', widthMm: 10, heightMm: 10, label: '图1', caption: 'x', digest: sha(PNG) };
  const seal: SealImage = { format: 'svg', bytes: SVG, path: 'seal.svg', width: 10, height: 10, sha256: sha(SVG), raster: PNG };
  const m = model(fig, seal);

  it('names every image on one origin by digest and format, and answers exactly those', () => {
    const html = renderHtml(m, { fontCss: '' });
    const urls = [...new Set([...html.matchAll(/<img[^>]* src="([^"]+)"/g)].map((x) => x[1]))];
    expect(urls.sort()).toEqual([`${IMAGE_ORIGIN}/${sha(PNG)}.png`, `${IMAGE_ORIGIN}/${sha(SVG)}.png`].sort());
    expect(html).toContain(`img-src ${IMAGE_ORIGIN}">`);
    const set = ImageSet.of([m]);
    for (const u of urls) expect(set.serve(u)?.contentType).toBe('image/png');
    // The seal's drawing is what the page gets; the SVG file itself is not asked for, nor answered.
    expect(set.serve(`${IMAGE_ORIGIN}/${sha(SVG)}.svg`)).toBeUndefined();
    expect(set.serve(`${IMAGE_ORIGIN}/${sha('other')}.png`)).toBeUndefined();
    expect(set.serve(`http://media.local/${sha(PNG)}/png/${encodeURIComponent(path)}`)).toBeUndefined();
    expect(new ImageSet().addSource(seal).serve(`${IMAGE_ORIGIN}/${sha(SVG)}.svg`)?.body.equals(SVG)).toBe(true);
  });

  it('refuses a figure whose file changed after the model was made', () => {
    const p2 = join(dir, 'b.png');
    writeFileSync(p2, PNG);
    const f2 = { ...fig, path: p2 };
    writeFileSync(p2, Buffer.concat([PNG, Buffer.from('x')]));
    expect(ImageSet.of([model(f2, { ...seal, raster: undefined })]).serve(`${IMAGE_ORIGIN}/${sha(PNG)}.png`)).toBeUndefined();
    // Seal bytes that are not the seal's digest are refused too.
    expect(new ImageSet().addSource({ ...seal, bytes: PNG }).serve(`${IMAGE_ORIGIN}/${sha(SVG)}.svg`)).toBeUndefined();
  });
});
