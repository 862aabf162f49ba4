// Where the milliseconds of one cold `gongwen build` go: `node bench/trace.js [gongwen
// arguments…]` (default: build content/2020-191.md into a temporary folder) runs the command in
// this process and prints its spans — Node's start, module loading, the font book, compiling,
// the jieba dictionary, the layout, the PDF (and OFD), the DOCX, writing — in the order they
// started (overlapping spans ran at once: the font book loads while the document compiles). The
// modules the command loads when it runs are loaded first, as a span of their own; the
// command's own lazy imports (a kind, a data reader, a writer) stay inside its spans.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const started = performance.now();
const { startTracing, tracedSpans } = await import('../dist/util/trace.js');
startTracing();
const imports = [];
async function load(name, path) {
  const t = performance.now();
  const m = await import(path);
  imports.push({ name: `modules: ${name}`, start: t, end: performance.now() });
  return m;
}
const out = mkdtempSync(join(tmpdir(), 'gongwen-trace-'));
const args = process.argv.slice(2);
const argv = args.length ? args : ['build', 'content/2020-191.md', '--out', out, '--quiet'];
const { main } = await load('cli (main.js)', '../dist/cli/main.js');
if (argv[0] !== '--version' && argv[0] !== '-v') await load('cli (program.js: commander, the commands)', '../dist/cli/program.js');
// What the command imports when it runs: build → pipeline/build.js (the compiler, the layout
// stage, the DOCX writer; the font book and the PDF and OFD writers load inside their spans);
// check → pipeline/check.js (the compiler and the checks).
const stage = { build: ['build (pipeline/build.js and below)', '../dist/pipeline/build.js'], check: ['check (pipeline/check.js and below)', '../dist/pipeline/check.js'] }[argv[0]];
if (stage) await load(...stage);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const code = await main(argv);
const end = performance.now();
const cpu = process.cpuUsage(cpu0);
rmSync(out, { recursive: true, force: true });

const rows = [
  { name: 'Node: start (to the first line of this script)', start: 0, end: started },
  ...imports,
  { name: `gongwen ${argv[0]}: the whole command`, start: t0, end },
  ...tracedSpans(),
].sort((a, b) => a.start - b.start);
const ms = (x) => x.toFixed(0).padStart(6);
console.log(`| span | from ms | to ms | ms |\n| --- | ---: | ---: | ---: |`);
for (const r of rows) console.log(`| ${r.name} | ${ms(r.start)} | ${ms(r.end)} | ${ms(r.end - r.start)} |`);
console.log(`\nexit ${code}; ${ms(end)} ms to the end of the command; this process's CPU during the command ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms (all its threads)`);
