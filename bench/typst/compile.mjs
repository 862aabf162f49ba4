// One cold Typst build of bench/typst/2020-191.typ through Typst's Node compiler
// (@myriaddreamin/typst-ts-node-compiler, an optional peer: not a dependency of gongwen), as a
// whole process: `node bench/typst/compile.mjs PROJECT OUT.pdf`. PROJECT holds data/ (the
// list's CSV). Found from gongwen's folder or NODE_PATH; exit 3 when it is not installed.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';

const [project, out] = process.argv.slice(2);
let typst;
try {
  typst = createRequire(import.meta.url)('@myriaddreamin/typst-ts-node-compiler');
} catch {
  process.exit(3);
}
const compiler = typst.NodeCompiler.create({ workspace: project, fontArgs: [{ fontPaths: ['/usr/share/fonts'] }] });
const pdf = compiler.pdf({ mainFileContent: readFileSync(new URL('./2020-191.typ', import.meta.url), 'utf8') });
writeFileSync(out, pdf);
