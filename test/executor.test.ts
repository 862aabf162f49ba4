// The print executor's stacking, without Chromium: each part after one or two filler pages that
// set its first page's number and put it on its side of the sheet (odd numbers on the right).
import { describe, expect, it } from 'vitest';
import { stackParts, type Part } from '../src/render/pdf/executor.js';

/** Physical page (1-based) where each part starts, if every part takes its planned pages. */
function starts(parts: Part[]): number[] {
  const { fillers } = stackParts('<head>', parts);
  let page = 0;
  return parts.map((p, k) => {
    page += fillers[k];
    const at = page + 1;
    page += p.pages ?? 1;
    return at;
  });
}

describe('stackParts', () => {
  it('prints one document from page 1 as it is: no filler, no wrapper', () => {
    const { html, fillers } = stackParts('<head>', [{ body: '<p>x</p>', firstPage: 1, pages: 3 }]);
    expect(fillers).toEqual([0]);
    expect(html).not.toContain('gw-filler');
    expect(html).not.toContain('gw-part');
  });

  it('puts every part on the side of the sheet its first page number asks for, with one or two fillers', () => {
    for (let n = 1; n <= 6; n++) {
      for (let first = 1; first <= 5; first++) {
        const parts: Part[] = Array.from({ length: 4 }, (_, k) => ({ body: `<p>${k}</p>`, firstPage: k === 0 ? 1 : first + k, pages: n + k }));
        const { fillers } = stackParts('<head>', parts);
        starts(parts).forEach((at, k) => {
          expect(Math.abs(at - parts[k].firstPage) % 2).toBe(0);
          if (k > 0) expect([1, 2]).toContain(fillers[k]);
        });
      }
    }
  });

  it('sets each part\'s page counter on its filler pages and renames its markers apart', () => {
    const { html } = stackParts('<head>', [
      { body: '<a class="mark" href="http://gongwen.local/mark/s:0"></a>', firstPage: 1, pages: 2 },
      { body: '<a class="mark" href="http://gongwen.local/mark/s:0"></a>', firstPage: 49, pages: 2 },
    ]);
    expect(html).toContain('counter-set: page 48');
    expect(html).toContain('http://gongwen.local/mark/p0~s:0');
    expect(html).toContain('http://gongwen.local/mark/p1~s:0');
  });

  it('starts a slice printed alone on its own side: an even first page after one filler, an odd one after two', () => {
    expect(stackParts('<head>', [{ body: '', firstPage: 54, pages: 48 }]).fillers).toEqual([1]);
    expect(stackParts('<head>', [{ body: '', firstPage: 49, pages: 48 }]).fillers).toEqual([2]);
  });
});
