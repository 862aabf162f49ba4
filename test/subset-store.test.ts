// Subsets kept in the user's cache folder: a rebuild of the same document reads its subsets back
// instead of subsetting again, gets the same bytes, and a damaged entry is made again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

let cache = '';
const before = process.env.GONGWEN_CACHE_DIR;

beforeAll(() => {
  cache = mkdtempSync(join(tmpdir(), 'gongwen-subset-store-'));
  process.env.GONGWEN_CACHE_DIR = cache;
});
afterAll(() => {
  if (before === undefined) delete process.env.GONGWEN_CACHE_DIR;
  else process.env.GONGWEN_CACHE_DIR = before;
  rmSync(cache, { recursive: true, force: true });
});

describe('the subset store', () => {
  it('keeps a subset, gives it back byte for byte, and makes a damaged one again', async () => {
    const { subsetFace } = await import('../src/fonts/subset.js');
    const { sfntOfFile } = await import('../src/fonts/face.js');
    const { initWoff2 } = await import('../src/fonts/sfnt-cache.js');
    await initWoff2();
    const require = createRequire(import.meta.url);
    const sfnt = sfntOfFile(require.resolve('@fontsource/noto-serif-sc/files/noto-serif-sc-chinese-simplified-300-normal.woff2'));
    const glyphs = [5, 40, 300, 1200, 2400].map((gid) => ({ gid }));
    const first = await subsetFace(sfnt, glyphs);
    const files = readdirSync(join(cache, 'subsets')).filter((n) => n.endsWith('.bin'));
    expect(files).toHaveLength(1);
    // A copy of the face's bytes is another face to this process's memo: the answer comes from the file.
    const again = await subsetFace(new Uint8Array(sfnt), glyphs);
    expect(Buffer.from(again.bytes).equals(Buffer.from(first.bytes))).toBe(true);
    expect([...again.gidMap]).toEqual([...first.gidMap]);
    expect([...again.glyphIds]).toEqual([...first.glyphIds]);
    // A damaged entry (a cut file) is subset again and written whole.
    writeFileSync(join(cache, 'subsets', files[0]), Buffer.from([0, 0, 0, 200, 1, 2]));
    const remade = await subsetFace(new Uint8Array(sfnt), glyphs);
    expect(Buffer.from(remade.bytes).equals(Buffer.from(first.bytes))).toBe(true);
    const third = await subsetFace(new Uint8Array(sfnt), glyphs);
    expect(Buffer.from(third.bytes).equals(Buffer.from(first.bytes))).toBe(true);
  }, 60_000);
});
