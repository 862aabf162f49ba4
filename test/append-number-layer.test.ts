// Where the page-number layer (an A4 page with only "— N —" on it) lands on an appended PDF
// page: pure geometry, for every /Rotate and for upright and landscape paper.
import { describe, expect, it } from 'vitest';
import { layerMatrix } from '../src/render/pdf/finalize.js';

const A4 = { width: 595.28, height: 841.89 };
type M = ReturnType<typeof layerMatrix>;
const apply = (m: M, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/** Where a page-space point appears to the reader, for a page turned clockwise by `r`. */
function seen(box: { width: number; height: number }, r: number, [x, y]: [number, number]): [number, number] {
  const { width: w, height: h } = box;
  if (r === 90) return [y, w - x];
  if (r === 180) return [w - x, h - y];
  if (r === 270) return [h - y, x];
  return [x, y];
}
const close = (a: [number, number], b: [number, number]) => {
  expect(a[0]).toBeCloseTo(b[0], 3);
  expect(a[1]).toBeCloseTo(b[1], 3);
};

describe('the page-number layer on an appended page', () => {
  it('covers an A4 page exactly', () => {
    const m = layerMatrix(A4, { x: 0, y: 0, ...A4 }, 0);
    close(apply(m, 0, 0), [0, 0]);
    close(apply(m, A4.width, A4.height), [A4.width, A4.height]);
  });

  it('stands on the foot of other upright paper, centred, scaled to fit, whatever its /Rotate', () => {
    const letter = { width: 612, height: 792 };
    for (const r of [0, 90, 180, 270]) {
      // An upright reading page: a page box turned a quarter is stored landscape.
      const box = r % 180 ? { x: 10, y: 20, width: 792, height: 612 } : { x: 10, y: 20, width: 612, height: 792 };
      const m = layerMatrix(A4, box, r);
      const s = Math.min(letter.width / A4.width, letter.height / A4.height);
      const off = (letter.width - s * A4.width) / 2;
      const at = (x: number, y: number) => seen(box, r, (([u, v]) => [u - box.x, v - box.y] as [number, number])(apply(m, x, y)));
      close(at(0, 0), [off, 0]);
      close(at(A4.width, 0), [off + s * A4.width, 0]);
      close(at(0, A4.height), [off, s * A4.height]);
    }
  });

  it('turns a quarter clockwise on landscape paper: the foot on the left, odd numbers at the bottom', () => {
    const box = { x: 0, y: 0, width: A4.height, height: A4.width };
    const m = layerMatrix(A4, box, 0);
    // The layer's foot (y = 0) lies along the left edge; its right end (odd numbers) at the bottom.
    close(apply(m, 0, 0), [0, A4.width]);
    close(apply(m, A4.width, 0), [0, 0]);
    close(apply(m, A4.width, A4.height), [A4.height, 0]);
    // A portrait A4 page turned by /Rotate 90 reads as landscape: the same, as the reader sees it.
    const turned = layerMatrix(A4, { x: 0, y: 0, ...A4 }, 90);
    close(seen(A4, 90, apply(turned, A4.width, 0)), [0, 0]);
    close(seen(A4, 90, apply(turned, 0, 0)), [0, A4.width]);
  });
});
