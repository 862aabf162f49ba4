// Typst builds of bench/typst/2020-191.typ through Typst's Node compiler
// (@myriaddreamin/typst-ts-node-compiler, an optional peer: not a dependency of gongwen), as a
// whole process: `node bench/typst/compile.mjs PROJECT OUT.pdf [N]`. PROJECT holds data/ (the
// list's CSV). With N, one untimed compile and then N timed ones in this process, and the rate
// printed ("12.3 docs/s"): Typst's warm rate. Found from gongwen's folder or NODE_PATH; exit 3
// when it is not installed.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';

const [project, out, n] = process.argv.slice(2);
let typst;
try {
  typst = createRequire(import.meta.url)('@myriaddreamin/typst-ts-node-compiler');
} catch {
  process.exit(3);
}
const compiler = typst.NodeCompiler.create({ workspace: project, fontArgs: [{ fontPaths: ['/usr/share/fonts'] }] });
const mainFileContent = readFileSync(new URL('./2020-191.typ', import.meta.url), 'utf8');
let pdf = compiler.pdf({ mainFileContent });
const runs = Number(n) || 0;
if (runs > 0) {
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) {
    compiler.evictCache?.(10);
    pdf = compiler.pdf({ mainFileContent: mainFileContent + `\n// ${i}\n` });
  }
  process.stdout.write(`${(runs / ((performance.now() - t0) / 1000)).toFixed(2)} docs/s\n`);
}
writeFileSync(out, pdf);
