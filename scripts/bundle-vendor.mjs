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

for (const name of VENDORED) {
  const file = fileURLToPath(new URL(`../dist/vendor/${name}.js`, import.meta.url));
  const out = await build({
    input: file,
    platform: 'node',
    // pdf-lib's ES build: its CommonJS one hides the names that `export *` re-exports.
    resolve: { mainFields: ['module', 'main'] },
    logLevel: 'warn',
    write: false,
    output: { format: 'esm', minify: true, codeSplitting: false },
  });
  if (out.output.length !== 1) throw new Error(`${name}: the bundle is ${out.output.length} files, not one`);
  writeFileSync(file, out.output[0].code);
  rmSync(`${file}.map`, { force: true });
  rmSync(file.replace(/\.js$/, '.d.ts.map'), { force: true });
  console.log(`bundled ${name}: ${(out.output[0].code.length / 1e6).toFixed(2)} MB`);
}
