// At `npm pack`: replaces each dist/vendor/<name>.js (a re-export of a pure-JS dependency,
// src/vendor/) with one bundled, minified file of that dependency and its modules, so that the
// package needs none of them installed. pdf-lib unpacks to 21 MB with its packages (four
// builds of itself, TypeScript sources and declarations); the bundle of what gongwen imports is
// 0.43 MB. Native and WebAssembly dependencies (jieba, resvg, harfbuzz, wawoff2) stay
// dependencies: they find their binaries beside their own files.
import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

/** The vendored modules: each is src/vendor/<name>.ts. */
export const VENDORED = ['pdf-lib'];

/** The bundle of one vendored module, as the text of one ESM file. */
export async function bundleVendored(name) {
  const out = await build({
    input: fileURLToPath(new URL(`../src/vendor/${name}.ts`, import.meta.url)),
    platform: 'node',
    // pdf-lib's ES build: its CommonJS one hides the names that `export *` re-exports.
    resolve: { mainFields: ['module', 'main'] },
    logLevel: 'warn',
    write: false,
    output: { format: 'esm', minify: true, codeSplitting: false },
  });
  if (out.output.length !== 1) throw new Error(`${name}: the bundle is ${out.output.length} files, not one`);
  return out.output[0].code;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const name of VENDORED) {
    const file = fileURLToPath(new URL(`../dist/vendor/${name}.js`, import.meta.url));
    const code = await bundleVendored(name);
    writeFileSync(file, code);
    rmSync(`${file}.map`, { force: true });
    rmSync(file.replace(/\.js$/, '.d.ts.map'), { force: true });
    console.log(`bundled ${name}: ${(code.length / 1e6).toFixed(2)} MB`);
  }
}
