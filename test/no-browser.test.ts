// Chromium leaves (issue 19): no dependency brings a browser or its driver, and no module of
// src/ or bin/ loads one or starts a program. (That a build starts no program is read from a
// real run in test/examples.test.ts; this file reads the package and the sources.)
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe('no browser', () => {
  it('package.json depends on no browser or browser driver', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    const deps = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies, ...pkg.optionalDependencies, ...pkg.peerDependencies });
    expect(deps.filter((d) => /puppeteer|playwright|chrom|selenium|electron/i.test(d))).toEqual([]);
  });

  it('npm ls puppeteer-core finds nothing that depends on it', () => {
    const r = spawnSync('npm', ['ls', 'puppeteer-core', '--all', '--json'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    const tree = JSON.parse(r.stdout || '{}') as { dependencies?: Record<string, { extraneous?: boolean }> };
    // A node_modules not yet refreshed after the dependency left lists it as extraneous (no
    // package needs it); anything else would be a package that still depends on it.
    const needed = Object.entries(tree.dependencies ?? {}).filter(([, d]) => !d.extraneous);
    expect(needed).toEqual([]);
  });

  it('no source file loads a browser driver or starts a program', () => {
    const sources = [...files(join(ROOT, 'src')), ...files(join(ROOT, 'bin'))].filter((f) => /\.(ts|js|mjs)$/.test(f));
    expect(sources.length).toBeGreaterThan(100);
    for (const f of sources) {
      const code = readFileSync(f, 'utf8');
      expect(code, f).not.toMatch(/from ['"](puppeteer|puppeteer-core|playwright)/);
      expect(code, f).not.toMatch(/import\(['"](puppeteer|puppeteer-core|playwright)/);
      // node:child_process is not imported anywhere in the program: every output is drawn in Node.
      expect(code, f).not.toMatch(/['"](node:)?child_process['"]/);
    }
  });
});
