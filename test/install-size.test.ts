// The installed size stays within 100 MB (issue 22: 317 MB before, 218 MB of it font packages
// with every weight and format). Measured for real on 2026-12-07: `npm pack`, then
// `npm install -g --prefix "$(mktemp -d)" ./gongwen-0.1.0.tgz`, then `du -sb` of the prefix:
// 85,670,844 bytes, 55 packages, nothing on stderr.
//
// That needs the registry and a minute, so this test adds up what npm would install, offline:
// the package's own files as `npm pack --dry-run` lists them (the fonts copied into
// dist/package-fonts/ by the test setup included), the vendored modules' bundles in place of the
// re-exports a checkout has (scripts/bundle-vendor.mjs, as prepack does), and every production
// dependency in package-lock.json reachable from package.json's dependencies, sized from
// node_modules (platform packages only where installed: npm installs this platform's), with
// 4,096 bytes per folder as du counts them. On the tree above it gave 85.6 MB: the real figure
// within 0.1% (the test prints its sum).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { bundleVendored, VENDORED } from '../scripts/bundle-vendor.mjs';

const ROOT = join(import.meta.dirname, '..');
const LIMIT = 100 * 1024 * 1024;

interface LockEntry {
  dev?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/** Bytes of a folder's files plus 4,096 per folder, as `du -sb` counts; nested node_modules apart. */
function folderSize(dir: string): number {
  let total = 4096;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) total += folderSize(p);
    else if (e.isFile()) total += statSync(p).size;
  }
  return total;
}

/** The production packages npm installs with gongwen: package-lock.json's paths, from the root's dependencies. */
function productionPackages(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const locked = lock.packages[''] as LockEntry;
  expect(locked.dependencies, 'package-lock.json is behind package.json: npm install').toEqual(pkg.dependencies);
  const resolve = (from: string, name: string): string | undefined => {
    for (let dir = from; ; ) {
      const key = `${dir ? `${dir}/` : ''}node_modules/${name}`;
      if (lock.packages[key]) return key;
      if (!dir) return undefined;
      const i = dir.lastIndexOf('/node_modules/');
      dir = i < 0 ? '' : dir.slice(0, i);
    }
  };
  const seen = new Set<string>();
  const todo = Object.keys(pkg.dependencies).map((n) => resolve('', n));
  while (todo.length) {
    const key = todo.pop();
    if (!key || seen.has(key)) continue;
    seen.add(key);
    const e = lock.packages[key];
    const peers = Object.keys(e.peerDependencies ?? {}).filter((n) => !e.peerDependenciesMeta?.[n]?.optional);
    for (const n of [...Object.keys(e.dependencies ?? {}), ...Object.keys(e.optionalDependencies ?? {}), ...peers]) todo.push(resolve(key, n));
  }
  return [...seen];
}

describe('the installed package', () => {
  it('is within 100 MB: own files, vendored bundles and the production dependencies', async () => {
    expect(existsSync(join(ROOT, 'dist/index.js')), 'dist/ is not built: npx tsc -p tsconfig.json').toBe(true);
    const packed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as {
      files: { path: string; size: number }[];
    }[];
    const files = packed[0].files;
    // The substitute fonts are in the package, and only the weights drawn with.
    const fonts = files.filter((f) => f.path.startsWith('dist/package-fonts/'));
    expect(fonts.filter((f) => f.path.endsWith('.woff2')).length).toBeGreaterThan(500);
    expect(fonts.some((f) => /noto-serif-sc-chinese-simplified-300-normal\.woff2$/.test(f.path))).toBe(true);
    expect(fonts.filter((f) => /-(100|200|600|800)-normal\.woff2?$/.test(f.path))).toEqual([]);
    const folders = new Set(files.flatMap((f) => f.path.split('/').slice(0, -1).map((_, i, a) => a.slice(0, i + 1).join('/'))));
    let own = 4096 * (folders.size + 1);
    for (const f of files) own += f.size;
    for (const name of VENDORED as string[]) {
      const shipped = files.find((f) => f.path === `dist/vendor/${name}.js`);
      expect(shipped, `dist/vendor/${name}.js is packed`).toBeDefined();
      own += (await bundleVendored(name)).length - shipped!.size;
    }
    const deps = productionPackages().filter((k) => existsSync(join(ROOT, k)));
    const sizes = deps.map((k) => [k, folderSize(join(ROOT, k))] as const).sort((a, b) => b[1] - a[1]);
    const depBytes = sizes.reduce((s, [, n]) => s + n, 0);
    const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
    console.log(`installed size: ${mb(own + depBytes)} (package ${mb(own)}, ${deps.length} dependencies ${mb(depBytes)}; largest ${sizes.slice(0, 4).map(([k, n]) => `${k.replace(/^node_modules\//, '')} ${mb(n)}`).join(', ')})`);
    // None of what was dropped comes back by another road.
    for (const gone of ['exceljs', 'pdf-lib', '@fontsource/noto-serif-sc']) expect(deps).not.toContain(`node_modules/${gone}`);
    expect(own + depBytes).toBeLessThan(LIMIT);
  });

  it("the vendored pdf-lib bundle, as npm pack writes it, loads and embeds a PDF's pages as attach.ts does", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongwen-vendor-'));
    try {
      const file = join(dir, 'pdf-lib.js');
      writeFileSync(file, await bundleVendored('pdf-lib'));
      const lib = (await import(file)) as typeof import('pdf-lib');
      const src = await lib.PDFDocument.create();
      src.addPage([595.28, 841.89]).drawText('gongwen');
      src.addPage([841.89, 595.28]).drawRectangle({ x: 10, y: 10, width: 20, height: 20 });
      const loaded = await lib.PDFDocument.load(await src.save(), { updateMetadata: false });
      expect(loaded.getPageCount()).toBe(2);
      const out = await lib.PDFDocument.create({ updateMetadata: false });
      const forms = await out.embedPages(loaded.getPages());
      for (const f of forms) await f.embed();
      expect(forms.map((f) => Math.round(f.width))).toEqual([595, 842]);
      expect(out.context.lookup(forms[0].ref)).toBeInstanceOf(lib.PDFStream);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
