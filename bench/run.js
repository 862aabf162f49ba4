// gongwen benchmark: `npm run bench` (compiles, then runs this file against dist/).
//
// Four measures, side by side in one run, each printed with its target and PASS/MISS, and the
// same table written to BENCHMARKS.md at the repository root:
//   1. batch: seed 000's notice with its 52-row list annex, once per record of a generated data
//      set (BENCH_N records, default 1,000), to DOCX and PDF through runBatch: documents/s and
//      peak memory (this process and all its children), beside Typst's warm rate on the same
//      notice (its Node compiler, one process, when installed);
//   2. LibreOffice headless converting 20 of those DOCX to PDF in one call: s/document, and the
//      ratio gongwen (DOCX+PDF) ÷ LibreOffice (PDF only);
//   3. generated lists of 10,000 and 100,000 rows (and 500, to show growth), `gongwen build` as
//      a process of its own;
//   4. DOCX alone: renderDocx in process (warm) against pandoc (whole process); the OFD against
//      the PDF, each written from the same positioned pages in process (warm).
//   5. one document as an author builds it: cold whole processes (`gongwen build` DOCX+PDF,
//      `--format docx`, `check`, `--version`, Node itself), medians of BENCH_COLD_N (default 5),
//      beside LibreOffice's cold conversion of the same DOCX (each row as a multiple of it) and
//      Typst's Node compiler on bench/typst/2020-191.typ (when installed: an optional peer); and
//      the preview's save-to-pages latency on the seed notice (10 pages).
//      `node bench/run.js --cold` runs measure 5 alone and prints it (BENCHMARKS.md untouched);
//      `--preview` its preview row alone. `--lists` runs measure 3 alone and prints its rows (each
//      list's seconds and peak memory beside its targets; BENCHMARKS.md untouched). `--batch`
//      runs measure 1 alone with Typst's warm rate beside it (BENCH_TYPST=0: without it).
//
// Environment: BENCH_N (records of measure 1, default 1000), BENCH_CONCURRENCY (documents in
// flight in measure 1, default 2 = the cores of the reference machine), BENCH_ROWS (rows of the
// big list, default 10000), BENCH_HUGE_ROWS (the huge list, default 100000; 0 leaves it out),
// BENCH_KEEP=1 keeps the temporary project folder.
//
// Memory: a worker thread reads /proc every 100 ms and sums the resident set (VmRSS) of this
// process and all its descendants (the DOCX worker threads are inside the process). The
// proportional set size (PSS, /proc/PID/smaps_rollup) is summed too and printed beside it. The
// target is checked on the RSS sum, as asked. The sampler thread itself is inside the figures.

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

import { runBatch } from '../dist/pipeline/batch.js';
import { compileFile } from '../dist/pipeline/compile.js';
import { renderDocx } from '../dist/write/docx/index.js';
import { layoutDocument, prepareLayout } from '../dist/layout/index.js';
import { loadRecords } from '../dist/data/index.js';
import { fillDown } from '../dist/kinds/list-table.js';
import { PreviewSession } from '../dist/preview/session.js';
import { Builder } from '../dist/pipeline/build.js';
import { writePdf } from '../dist/write/pdf/index.js';
import { writeOfd } from '../dist/write/ofd/index.js';
import { watchProject } from '../dist/preview/watch.js';
import { startTracing, tracedSpans } from '../dist/util/trace.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const N = positiveInt(process.env.BENCH_N, 1000);
const CONCURRENCY = positiveInt(process.env.BENCH_CONCURRENCY, 2);
const BIG_ROWS = positiveInt(process.env.BENCH_ROWS, 10_000);
const HUGE_ROWS = process.env.BENCH_HUGE_ROWS === '0' ? 0 : positiveInt(process.env.BENCH_HUGE_ROWS, 100_000);
const TYPST_WARM_N = 50;
const WRITER_N = 100;
const SMALL_ROWS = 500;
const LO_DOCS = 20;
const DOCX_N = 200;
const PANDOC_N = 20;
const COLD_N = positiveInt(process.env.BENCH_COLD_N, 5);
const PREVIEW_SAVES = positiveInt(process.env.BENCH_PREVIEW_SAVES, 10);

// The targets of the issues that set them: positioned pages (the batch at 10× LibreOffice's rate
// and ahead of Typst's warm rate, 10,000 rows in 5 s and 1 GiB, 100,000 in 60 s and 1.5 GiB, a
// cold build at half LibreOffice's, the preview within 0.1 s) and archival outputs (the OFD
// costs no more than the PDF).
const TARGET = {
  ratioLibreOffice: 10,
  bigListSeconds: 5,
  bigListMiB: 1024,
  hugeListSeconds: 60,
  hugeListMiB: 1.5 * 1024,
  docxDocsPerSec: 100,
  coldBuildOverLibreOffice: 0.5,
  checkOverLibreOffice: 0.25,
  previewSeconds: 0.1,
};

function positiveInt(s, dflt) {
  const n = Number(s);
  return Number.isInteger(n) && n > 0 ? n : dflt;
}

const log = (...a) => console.error('[bench]', ...a);
const now = () => performance.now();

// ---------------------------------------------------------------------------------------------
// Memory sampler: a worker thread, so that synchronous work on the main thread (a 10,000-row
// compile) does not hide a peak. It writes the running peak (bytes) into shared memory.

const SAMPLER = `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const peak = new Float64Array(workerData.sab);
// peak[3]: the process whose tree is measured (0: this one).
const rootOf = () => peak[3] || workerData.pid;
function kB(path, re) {
  try {
    const m = re.exec(fs.readFileSync(path, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch { return 0; }
}
const rssOf = (pid) => kB('/proc/' + pid + '/status', /VmRSS:\\s+(\\d+) kB/);
// Proportional set size: a shared page counts 1/n in each of its n processes.
const pssOf = (pid) => kB('/proc/' + pid + '/smaps_rollup', /^Pss:\\s+(\\d+) kB/m);
function sample() {
  // Parent of every process, then the tree under ours.
  const children = new Map();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\\d+$/.test(d)) continue;
    let stat;
    try { stat = fs.readFileSync('/proc/' + d + '/stat', 'utf8'); } catch { continue; }
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    let list = children.get(ppid);
    if (!list) children.set(ppid, (list = []));
    list.push(Number(d));
  }
  // PSS walks every page table of every process (tens of ms for a big Chromium): read it
  // once a second, so that measuring does not slow down what is measured. RSS: every 100 ms.
  const withPss = ticks++ % 10 === 0;
  let total = 0, pss = 0, procs = 0;
  const stack = [rootOf()];
  while (stack.length) {
    const p = stack.pop();
    total += rssOf(p);
    if (withPss) pss += pssOf(p);
    procs++;
    for (const c of children.get(p) || []) stack.push(c);
  }
  if (total > peak[0]) { peak[0] = total; peak[1] = procs; }
  if (pss > peak[2]) peak[2] = pss;
}
let ticks = 0;
sample();
setInterval(sample, 100);
`;

class MemorySampler {
  constructor() {
    this.sab = new SharedArrayBuffer(32);
    this.peak = new Float64Array(this.sab);
    this.worker = new Worker(SAMPLER, { eval: true, workerData: { pid: process.pid, sab: this.sab } });
    this.worker.unref();
  }
  /** Starts again, measuring the tree of process `pid` (default: this process's). */
  reset(pid = 0) {
    this.peak.fill(0);
    this.peak[3] = pid;
  }
  /** Peaks since the last reset, in MiB (RSS sum, PSS sum), and the processes at the RSS peak. */
  read() {
    return { mib: this.peak[0] / 2 ** 20, procs: this.peak[1], pssMib: this.peak[2] / 2 ** 20 };
  }
  async stop() {
    await this.worker.terminate();
  }
}

/** Waits a little more than one sampling period so that the last moments are seen. */
const settle = () => new Promise((r) => setTimeout(r, 150));

// ---------------------------------------------------------------------------------------------
// The temporary project: a copy of content/, templates/ and data/, plus the bench inputs.

function makeProject() {
  const dir = mkdtempSync(join(tmpdir(), 'gongwen-bench-'));
  for (const d of ['content', 'templates', 'data']) cpSync(join(ROOT, d), join(dir, d), { recursive: true });
  return dir;
}

function csvField(s) {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function writeCsv(path, columns, records) {
  const lines = [columns.join(',')];
  for (const r of records) lines.push(columns.map((c) => csvField(r[c] ?? '')).join(','));
  writeFileSync(path, '\uFEFF' + lines.join('\r\n') + '\r\n');
}

/**
 * BENCH_N records made from seed 000's 52 bases: real names and provinces, account numbers
 * made unique. 省市 is filled in on every row (each notice names its province).
 */
async function writeBatchData(dir, n) {
  const bases = await loadRecords('data/2020-191-bases.csv', { projectDir: ROOT });
  const filled = fillDown(bases.records, ['省市']);
  const records = [];
  for (let i = 0; i < n; i++) {
    const b = filled[i % filled.length];
    records.push({ 账号: `${b.账号.slice(0, 10)}${String(i).padStart(4, '0')}`, 基地名称: b.基地名称, 省市: b.省市 });
  }
  writeCsv(join(dir, 'data/bench-bases.csv'), ['账号', '基地名称', '省市'], records);
  return 'data/bench-bases.csv';
}

/**
 * Seed 000's notice (content/2020-191.md, whole body, 52-row list annex) addressed to one base:
 * the record's fields in the number, title, 主送 and an opening paragraph.
 */
function writeBatchNotice(dir) {
  const seed = readFileSync(join(ROOT, 'content/2020-191.md'), 'utf8');
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(seed);
  if (!m) throw new Error('content/2020-191.md: no front matter');
  let fm = m[1];
  const replaceKey = (key, value) => {
    const re = new RegExp(`^${key}:.*$`, 'm');
    if (!re.test(fm)) throw new Error(`content/2020-191.md: no \`${key}\``);
    fm = fm.replace(re, `${key}: ${value}`);
  };
  replaceKey('number', '国科火字〔2020〕{{add 200 _index}}号');
  replaceKey('title', '关于{{基地名称}}开展2020年复核工作的通知');
  replaceKey('to', '"{{基地名称}}日常管理机构"');
  const opening = '{{基地名称}}（账号：{{账号}}，{{省市}}）列入2020年度复核名单，请按本通知要求报送复核材料。\n\n';
  const path = join(dir, 'content/bench-notice.md');
  writeFileSync(path, `---\n${fm}\n---\n\n${opening}${m[2]}`);
  return path;
}

/** A list like seed 000's (序号, 账号, 基地名称, 省市 merged) of `rows` generated rows. */
async function writeBigList(dir, rows) {
  const bases = await loadRecords('data/2020-191-bases.csv', { projectDir: ROOT });
  const provinces = [...new Set(fillDown(bases.records, ['省市']).map((r) => r.省市))];
  const records = [];
  let group = 0;
  let left = 0;
  for (let i = 0; i < rows; i++) {
    const b = bases.records[i % bases.records.length];
    let 省市 = '';
    if (left === 0) {
      // Groups of 1 to 30 rows, a fixed pseudo-random sequence: merged cells of every size,
      // many of them crossing page breaks.
      left = 1 + ((group * 7919) % 30);
      省市 = provinces[group % provinces.length];
      group++;
    }
    left--;
    records.push({ 账号: `tjjd${String(100000000 + i * 37).slice(0, 9)}`, 基地名称: b.基地名称, 省市 });
  }
  const data = `data/bench-list-${rows}.csv`;
  writeCsv(join(dir, data), ['账号', '基地名称', '省市'], records);
  const file = join(dir, `content/bench-list-${rows}.md`);
  writeFileSync(
    file,
    `---\nkind: list\ntitle: 国家火炬特色产业基地复核名单（${rows}行）\ndata: ../${data}\ncolumns: [账号, 基地名称, 省市]\nnumber: 序号\nmerge: [省市]\n---\n`,
  );
  return file;
}

// ---------------------------------------------------------------------------------------------
// Measures

async function benchBatch(dir, mem) {
  const data = await writeBatchData(dir, N);
  const file = writeBatchNotice(dir);
  const outDir = join(dir, 'out-batch');
  // One untimed build of the first record first, as Typst's warm rate follows one untimed
  // compile: what a machine does once (the WOFF2 substitutes decoded into the user's cache folder,
  // 1 s of a first batch's 7.9 s) is done before the clock starts. What the batch's own process
  // does (its font book, its worker thread, its first compiles, cold) is timed.
  const first = (await loadRecords(data, { projectDir: dir })).records[0];
  const warm = new Builder({ projectDir: dir, outDir: join(dir, 'out-batch-warm'), formats: ['docx', 'pdf'] });
  await warm.build({ path: file, record: { ...first, _index: 1 } });
  await warm.close();
  const done = [];
  mem.reset();
  const t0 = now();
  const summary = await runBatch(file, {
    projectDir: dir,
    outDir,
    formats: ['docx', 'pdf'],
    data,
    mode: { each: true },
    force: true,
    concurrency: CONCURRENCY,
    onDone: (job, r) => {
      done.push(now());
      if (r.status === 'failed' && done.length <= 3) log('failed:', job.name, r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message).join('; '));
      if (done.length % 50 === 0) log(`batch: ${done.length}/${N} (${((done.length * 1000) / (now() - t0)).toFixed(2)} docs/s)`);
    },
  });
  const seconds = (now() - t0) / 1000;
  await settle();
  const peak = mem.read();
  const errors = summary.diagnostics.filter((d) => d.severity === 'error');
  if (summary.built !== N) log(`batch: built ${summary.built} of ${N}, failed ${summary.failed}; first errors:`, errors.slice(0, 3).map((d) => `${d.file}:${d.line} ${d.message}`));
  // Steady state: from the first finished document to the last (browser launch excluded).
  if (process.env.BENCH_TIMELINE) log('done by second:', [1, 2, 3, 4, 5, 6, 7, 8].map((t) => done.filter((d) => d - t0 <= t * 1000).length).join(' '), '; at 0.25 s steps to 1.5 s:', [0.25, 0.5, 0.75, 1, 1.25, 1.5].map((t) => done.filter((d) => d - t0 <= t * 1000).length).join(' '));
  const steady = done.length > 1 ? (done.length - 1) / ((done[done.length - 1] - done[0]) / 1000) : NaN;
  const docx = readdirSync(outDir).filter((f) => f.endsWith('.docx')).sort((a, b) => num(a) - num(b));
  const firstPdf = join(outDir, docx[0].replace(/\.docx$/, '.pdf'));
  return { built: summary.built, failed: summary.failed, seconds, first: done.length ? (done[0] - t0) / 1000 : NaN, docsPerSec: summary.built / seconds, steady, peak, outDir, docx, pages: pdfPages(firstPdf) };
}

const num = (name) => Number(/-(\d+)\.\w+$/.exec(name)?.[1] ?? 0);

function pdfPages(path) {
  try {
    const out = execFileSync('pdfinfo', [path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }); // poppler's warnings (Typst's PDF has one) are not the bench's
    return Number(/^Pages:\s+(\d+)/m.exec(out)?.[1]);
  } catch {
    return NaN;
  }
}

/** LibreOffice: one warm-up call (creates its profile), then LO_DOCS documents in one call. */
function benchLibreOffice(batch, dir) {
  const files = batch.docx.slice(0, LO_DOCS).map((f) => join(batch.outDir, f));
  const profile = 'file:///tmp/lo-bench';
  const outDir = join(dir, 'out-lo');
  mkdirSync(outDir, { recursive: true });
  const args = (list, out) => ['--headless', `-env:UserInstallation=${profile}`, '--convert-to', 'pdf', '--outdir', out, ...list];
  const warm = join(dir, 'out-lo-warm');
  mkdirSync(warm, { recursive: true });
  spawnSync('soffice', args([files[0]], warm), { stdio: 'ignore', timeout: 300_000 });
  const t0 = now();
  const r = spawnSync('soffice', args(files, outDir), { stdio: 'ignore', timeout: 600_000 });
  const seconds = (now() - t0) / 1000;
  const pdfs = readdirSync(outDir).filter((f) => f.endsWith('.pdf'));
  if (r.status !== 0 || pdfs.length !== files.length) log(`LibreOffice: exit ${r.status}, ${pdfs.length} of ${files.length} PDFs`);
  return { docs: pdfs.length, seconds, perDoc: seconds / files.length, docsPerSec: pdfs.length / seconds, pages: pdfPages(join(outDir, pdfs[0] ?? 'none')) };
}

async function benchList(dir, rows, mem) {
  const file = await writeBigList(dir, rows);
  const outDir = join(dir, `out-list-${rows}`);
  // As a user builds it: `gongwen build` in a process of its own, which the memory sampler
  // follows (this process holds what the earlier measures left behind).
  const t0 = now();
  const child = spawn(process.execPath, [join(ROOT, 'bin/gongwen.js'), 'build', file, '--out', outDir, '--project', dir, '--quiet'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  mem.reset(child.pid);
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise((resolve) => child.on('close', resolve));
  const seconds = (now() - t0) / 1000;
  const peak = mem.read();
  mem.reset();
  const ok = code === 0;
  if (!ok) log(`list ${rows}: exit ${code}`, stderr.trim().split('\n').slice(-5).join('\n'));
  const pdf = ok ? join(outDir, `bench-list-${rows}.pdf`) : undefined;
  // Where the time goes, measured again apart (not part of the figure above): compiling to the
  // model, and the DOCX from it; the rest of the build is the layout, the PDF and writing.
  const t1 = now();
  const compiled = await compileFile(file, { projectDir: dir });
  const compileSeconds = (now() - t1) / 1000;
  const t2 = now();
  if (compiled.model) await renderDocx(layoutDocument(prepareLayout(compiled.model)).model);
  const docxSeconds = (now() - t2) / 1000;
  return { rows, ok, seconds, pages: pdf ? pdfPages(pdf) : NaN, peak, perThousand: seconds / (rows / 1000), compileSeconds, docxSeconds };
}

async function benchDocx(dir) {
  const compiled = await compileFile(join(ROOT, 'content/2020-191.md'), { projectDir: ROOT });
  if (!compiled.model) throw new Error('content/2020-191.md does not compile: ' + compiled.diagnostics.map((d) => d.message).join('; '));
  // The model as the build hands it to the renderer: laid out by the layout stage.
  const model = layoutDocument(prepareLayout(compiled.model)).model;
  let bytes = 0;
  for (let i = 0; i < 20; i++) bytes = (await renderDocx(model)).length; // warm-up
  const t0 = now();
  for (let i = 0; i < DOCX_N; i++) await renderDocx(model);
  const seconds = (now() - t0) / 1000;
  const gongwen = { n: DOCX_N, seconds, docsPerSec: DOCX_N / seconds, msPerDoc: (seconds * 1000) / DOCX_N, bytes };

  // pandoc: the same notice as Markdown (title, 主送, body, the 52-row annex as a pipe table).
  const seed = readFileSync(join(ROOT, 'content/2020-191.md'), 'utf8');
  const body = seed.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, '');
  const bases = await loadRecords('data/2020-191-bases.csv', { projectDir: ROOT });
  const filled = fillDown(bases.records, ['省市']);
  const table = ['| 序号 | 账号 | 基地名称 | 省市 |', '| --- | --- | --- | --- |', ...filled.map((r, i) => `| ${i + 1} | ${r.账号} | ${r.基地名称} | ${r.省市} |`)].join('\n');
  const md = `# 关于开展2020年国家火炬特色产业基地复核工作的通知\n\n有关省、自治区、计划单列市科技厅（局）：\n\n${body}\n\n科技部火炬中心\n\n2020年11月6日\n\n# 附件 2020年度国家火炬特色产业基地复核名单\n\n${table}\n`;
  const mdPath = join(dir, 'pandoc-notice.md');
  writeFileSync(mdPath, md);
  let pandoc;
  const hasPandoc = spawnSync('pandoc', ['--version'], { stdio: 'ignore' }).status === 0;
  if (hasPandoc) {
    const out = join(dir, 'pandoc-notice.docx');
    spawnSync('pandoc', ['-f', 'markdown', '-t', 'docx', '-o', out, mdPath]); // warm the file cache
    const t1 = now();
    for (let i = 0; i < PANDOC_N; i++) {
      const r = spawnSync('pandoc', ['-f', 'markdown', '-t', 'docx', '-o', out, mdPath]);
      if (r.status !== 0) throw new Error('pandoc failed: ' + r.stderr);
    }
    const s = (now() - t1) / 1000;
    pandoc = { n: PANDOC_N, seconds: s, docsPerSec: PANDOC_N / s, msPerDoc: (s * 1000) / PANDOC_N };
  }
  return { gongwen, pandoc };
}


// ---------------------------------------------------------------------------------------------
// 5. One document as an author builds it: whole processes, cold (a new Node each).

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};

/** CPU seconds of the children this process has waited for (they include their own children). */
function childrenCpu() {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[13]) + Number(f[14])) / 100; // cutime + cstime, in ticks of 1/100 s
}

/** Runs `cmd args` COLD_N times: median wall and CPU seconds (the process and its children). */
function timeProcess(cmd, args, cwd, runs = COLD_N) {
  const walls = [];
  const cpus = [];
  for (let i = 0; i < runs; i++) {
    const c0 = childrenCpu();
    const t0 = now();
    const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: 300_000 });
    walls.push((now() - t0) / 1000);
    cpus.push(childrenCpu() - c0);
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  }
  return { wall: median(walls), cpu: median(cpus), runs };
}

function benchCold(dir) {
  const gw = (...args) => [join(ROOT, 'bin/gongwen.js'), ...args];
  const file = 'content/2020-191.md';
  const out = join(dir, 'out-cold');
  const r = {};
  r.node = timeProcess(process.execPath, ['-e', '0'], dir);
  r.version = timeProcess(process.execPath, gw('--version'), dir);
  r.check = timeProcess(process.execPath, gw('check', file), dir);
  r.docx = timeProcess(process.execPath, gw('build', file, '--format', 'docx', '--out', out, '--quiet'), dir);
  r.build = timeProcess(process.execPath, gw('build', file, '--out', out, '--quiet'), dir);
  r.pages = pdfPages(join(out, '2020-191.pdf'));
  // LibreOffice: its profile made by one untimed call, then cold processes on that DOCX.
  const profile = 'file:///tmp/lo-bench';
  const loOut = join(dir, 'out-cold-lo');
  const loArgs = ['--headless', `-env:UserInstallation=${profile}`, '--convert-to', 'pdf', '--outdir', loOut, join(out, '2020-191.docx')];
  if (spawnSync('soffice', ['--version'], { stdio: 'ignore' }).status === 0) {
    spawnSync('soffice', loArgs, { stdio: 'ignore', timeout: 300_000 });
    r.lo = timeProcess('soffice', loArgs, dir);
  }
  // Typst through its Node compiler (an optional peer, found from this folder or NODE_PATH):
  // the same notice by hand in Typst (bench/typst/2020-191.typ), a cold whole process each.
  const typstOut = join(dir, 'out-cold-typst.pdf');
  const typstArgs = [join(ROOT, 'bench/typst/compile.mjs'), dir, typstOut];
  const probe = spawnSync(process.execPath, typstArgs, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: 120_000 });
  if (probe.status === 0) {
    r.typst = timeProcess(process.execPath, typstArgs, dir);
    r.typst.pages = pdfPages(typstOut);
  } else if (probe.status !== 3) throw new Error(`bench/typst/compile.mjs: exit ${probe.status}\n${probe.stderr}`);
  return r;
}

/**
 * Save to pages: a PreviewSession on the seed notice (10 pages) in this process, watching the
 * project as `gongwen preview` does; each save changes one sentence and the time is taken from
 * the write to the session's update (PDF printed and finished, page images rendered).
 */
async function benchPreview(dir) {
  const file = join(dir, 'content/2020-191.md');
  const original = readFileSync(file, 'utf8');
  const anchor = '为推进区域特色产业高质量发展';
  if (!original.includes(anchor)) throw new Error('content/2020-191.md: the sentence the preview bench edits is gone');
  const session = await PreviewSession.open(file, dir);
  let resolveUpdate;
  session.onUpdate((s) => !s.building && resolveUpdate?.(s));
  const watcher = watchProject(dir, [join(dir, 'out-cold'), join(dir, 'out-cold-lo')], () => void session.rebuild());
  const times = [];
  let pages = 0;
  const spans = [];
  try {
    await session.rebuild(); // the font book, the first pages
    await watcher.ready;
    for (let i = 0; i <= PREVIEW_SAVES; i++) {
      const updated = new Promise((res) => (resolveUpdate = res));
      startTracing();
      const t0 = now();
      writeFileSync(file, original.replace(anchor, `${anchor}（第${i + 1}次修改）`));
      // A save whose file event never arrives (seen once in a full run, after the batch) is
      // written again rather than waited on for ever; such a save is not counted.
      const s = await Promise.race([updated, new Promise((res) => setTimeout(() => res(undefined), 10_000))]);
      if (!s) {
        log(`preview bench: no update 10 s after save ${i + 1}; saving again`);
        i--;
        continue;
      }
      const ms = now() - t0;
      if (!s.ok) throw new Error(`preview bench: build ${s.build} failed`);
      pages = s.pages.length;
      if (i === 0) continue; // the first save after the first build: pages still warming
      times.push(ms / 1000);
      spans.push([...tracedSpans()]);
    }
  } finally {
    await watcher.close();
    await session.close();
    writeFileSync(file, original);
  }
  // Median of each named span over the saves (where the latency goes).
  const names = [...new Set(spans.flat().map((x) => x.name))];
  const parts = names.map((name) => ({ name, ms: median(spans.map((list) => list.filter((x) => x.name === name).reduce((a, x) => a + x.end - x.start, 0))) }));
  return { seconds: median(times), min: Math.min(...times), max: Math.max(...times), saves: times.length, pages, parts };
}

/** The OFD and the PDF written from the same positioned pages, warm, in process. */
async function benchWriters() {
  const builder = new Builder({ projectDir: ROOT, outDir: ROOT, formats: ['pdf', 'ofd'], write: false });
  const compiled = await compileFile(join(ROOT, 'content/2020-191.md'), { projectDir: ROOT });
  if (!compiled.model) throw new Error('content/2020-191.md does not compile');
  const paged = await builder.pagesOf(compiled.model);
  const book = await builder.fontBook();
  const time = async (write) => {
    // Warm: fonts decoded, subsets cached, and the writer's own code compiled by V8 (with one
    // warm-up call, 20 timed calls put the OFD at 1.01 × the PDF and 100 at 0.84 ×).
    let bytes = 0;
    for (let i = 0; i < 5; i++) bytes = (await write(paged, book)).length;
    const t0 = now();
    for (let i = 0; i < WRITER_N; i++) bytes = (await write(paged, book)).length;
    return { ms: (now() - t0) / WRITER_N, bytes };
  };
  const pdf = await time(writePdf);
  const ofd = await time(writeOfd);
  await builder.close();
  return { pages: paged.pages.length, pdf, ofd };
}

/** Typst's warm rate: TYPST_WARM_N compiles of the same notice in one process (undefined when not installed). */
function benchTypstWarm(dir) {
  const out = join(dir, 'out-typst-warm.pdf');
  const r = spawnSync(process.execPath, [join(ROOT, 'bench/typst/compile.mjs'), dir, out, String(TYPST_WARM_N)], { cwd: dir, encoding: 'utf8', timeout: 300_000 });
  if (r.status === 3) return undefined;
  if (r.status !== 0) throw new Error(`bench/typst/compile.mjs: exit ${r.status}\n${r.stderr}`);
  const docsPerSec = Number(/([\d.]+) docs\/s/.exec(r.stdout)?.[1]);
  return { n: TYPST_WARM_N, docsPerSec };
}

// ---------------------------------------------------------------------------------------------
// Report

function firstLine(cmd, args) {
  try {
    const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60_000 });
    return (r.stdout || r.stderr || '').split('\n').find((l) => l.trim())?.trim() ?? 'not found';
  } catch {
    return 'not found';
  }
}

function machine() {
  const free = firstLine('sh', ['-c', "free -g | awk '/^Mem:/ {print $2}'"]);
  return {
    nproc: firstLine('nproc', []),
    memGiB: free,
    node: process.version,
    libreoffice: firstLine('soffice', ['--version']),
    pandoc: firstLine('pandoc', ['--version']),
    load: loadavg().map((x) => x.toFixed(2)).join(' '),
  };
}

function command() {
  const env = ['BENCH_N', 'BENCH_CONCURRENCY', 'BENCH_ROWS'].filter((k) => process.env[k]).map((k) => `${k}=${process.env[k]}`);
  const cmd = process.env.npm_lifecycle_event === 'bench' ? 'npm run bench' : 'node bench/run.js';
  return [...env, cmd].join(' ');
}

const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
const verdict = (ok) => (ok === undefined ? '—' : ok ? 'PASS' : 'MISS');

function rowsOf(r) {
  const rows = [];
  const add = (measure, value, target, ok) => rows.push([measure, value, target, verdict(ok)]);
  const b = r.batch;
  add(`1. batch: ${N} notices (seed 000 + 52-row list) → DOCX+PDF, runBatch, concurrency ${CONCURRENCY}`, `${f2(b.docsPerSec)} docs/s (${b.built} built, ${b.failed} failed, ${f1(b.seconds)} s; first document after ${f1(b.first)} s, then ${f2(b.steady)} docs/s; ${b.pages} PDF pages each)`, 'reported', undefined);
  add('1. batch: peak memory (RSS sum of the process tree)', `${f1(b.peak.mib)} MiB RSS (${b.peak.procs} processes); ${f1(b.peak.pssMib)} MiB PSS`, 'reported', undefined);
  if (r.typstWarm) {
    add(`1. Typst warm: the same notice by hand, its Node compiler, ${r.typstWarm.n} compiles in one process`, `${f2(r.typstWarm.docsPerSec)} docs/s (PDF only)`, 'peer', undefined);
    add('1. ratio gongwen DOCX+PDF docs/s ÷ Typst warm PDF docs/s', f2(b.docsPerSec / r.typstWarm.docsPerSec), '> 1', b.docsPerSec > r.typstWarm.docsPerSec);
  } else add('1. Typst warm', 'not installed (an optional peer: see 5.)', 'peer', undefined);
  const lo = r.lo;
  add(`2. LibreOffice ${LO_DOCS} DOCX → PDF in one call (after a warm-up call)`, `${f2(lo.perDoc)} s/doc (${f2(lo.docsPerSec)} docs/s, ${f1(lo.seconds)} s for ${lo.docs}; ${lo.pages} pages each)`, 'peer', undefined);
  const ratio = b.docsPerSec / lo.docsPerSec;
  add('2. ratio gongwen DOCX+PDF docs/s ÷ LibreOffice PDF-only docs/s', f2(ratio), `≥ ${TARGET.ratioLibreOffice}`, ratio >= TARGET.ratioLibreOffice);
  for (const l of r.lists) {
    const limits = l.rows === BIG_ROWS ? [TARGET.bigListSeconds, TARGET.bigListMiB] : l.rows === HUGE_ROWS ? [TARGET.hugeListSeconds, TARGET.hugeListMiB] : undefined;
    add(`3. list of ${l.rows} rows → DOCX+PDF, gongwen build${l.ok ? '' : ' (FAILED)'}`, `${f1(l.seconds)} s, ${l.pages} pages, ${f2(l.perThousand)} s per 1,000 rows (apart: compile ${f2(l.compileSeconds)} s, DOCX ${f2(l.docxSeconds)} s; the rest is the layout, the PDF and writing)`, limits ? `≤ ${limits[0]} s` : 'growth', limits ? l.ok && l.seconds <= limits[0] : undefined);
    add(`3. list of ${l.rows} rows: peak memory`, `${f1(l.peak.mib)} MiB RSS (${l.peak.procs} processes); ${f1(l.peak.pssMib)} MiB PSS`, limits ? `≤ ${limits[1]} MiB` : 'reported', limits ? l.peak.mib <= limits[1] : undefined);
  }
  if (r.lists.length >= 2 && r.lists[0].ok && r.lists[1].ok) {
    const [a, b] = r.lists;
    const marginal = (b.seconds - a.seconds) / ((b.rows - a.rows) / 1000);
    add(`3. growth: ${b.rows} rows against ${a.rows}`, `${f2(marginal)} s per 1,000 more rows (${f1(b.seconds)} − ${f1(a.seconds)} s); the ${f1(a.seconds)} s of ${a.rows} rows are mostly fixed (Node, the font book)`, 'linear', undefined);
  }
  const d = r.docx;
  add(`4. DOCX alone: gongwen renderDocx, seed 000 model, in process, warm, N=${d.gongwen.n}`, `${f1(d.gongwen.docsPerSec)} docs/s (${f2(d.gongwen.msPerDoc)} ms/doc, ${(d.gongwen.bytes / 1024).toFixed(0)} KiB)`, `≥ ${TARGET.docxDocsPerSec} docs/s`, d.gongwen.docsPerSec >= TARGET.docxDocsPerSec);
  if (d.pandoc) {
    add(`4. DOCX alone: pandoc -f markdown -t docx, same notice, whole process, N=${d.pandoc.n}`, `${f1(d.pandoc.docsPerSec)} docs/s (${f1(d.pandoc.msPerDoc)} ms/doc)`, 'peer', undefined);
    add('4. ratio gongwen ÷ pandoc (DOCX docs/s)', f1(d.gongwen.docsPerSec / d.pandoc.docsPerSec), 'reported', undefined);
  } else add('4. pandoc', 'not installed (GONGWEN_BENCH=1 bash scripts/setup.sh)', 'peer', undefined);
  const w = r.writers;
  add(`4. PDF writer: the positioned pages of content/2020-191.md (${w.pages} pages), in process, warm, N=${WRITER_N}`, `${f1(w.pdf.ms)} ms/doc (${(w.pdf.bytes / 1024).toFixed(0)} KiB)`, 'reported', undefined);
  add(`4. OFD writer: the same pages, N=${WRITER_N}`, `${f1(w.ofd.ms)} ms/doc (${(w.ofd.bytes / 1024).toFixed(0)} KiB); ${f2(w.ofd.ms / w.pdf.ms)} × the PDF`, '≤ 1 × the PDF', w.ofd.ms <= w.pdf.ms);
  return rows;
}


function coldRowsOf(c, p) {
  const rows = [];
  const add = (measure, value, target, ok) => rows.push([measure, value, target, verdict(ok)]);
  // Each row's wall time beside LibreOffice's cold conversion of the same DOCX (the issue's yardstick).
  const t = (x) => `${f2(x.wall)} s wall, ${f2(x.cpu)} s CPU${c.lo ? `; ${f2(x.wall / c.lo.wall)} × LibreOffice` : ''}`;
  const n = c.build.runs;
  add(`5. cold \`gongwen build content/2020-191.md\` (DOCX + PDF, ${c.pages} pages), median of ${n} processes`, t(c.build), c.lo ? `≤ ${TARGET.coldBuildOverLibreOffice} × LibreOffice` : 'reported', c.lo ? c.build.wall <= TARGET.coldBuildOverLibreOffice * c.lo.wall : undefined);
  add('5. cold `gongwen build --format docx`', t(c.docx), 'reported', undefined);
  add('5. cold `gongwen check content/2020-191.md`', t(c.check), c.lo ? `≤ ${TARGET.checkOverLibreOffice} × LibreOffice` : 'reported', c.lo ? c.check.wall <= TARGET.checkOverLibreOffice * c.lo.wall : undefined);
  add('5. cold `gongwen --version`', t(c.version), 'Node\'s start', undefined);
  add('5. Node itself (`node -e 0`)', t(c.node), 'reference', undefined);
  if (c.lo) {
    add('5. LibreOffice, that DOCX → PDF, cold process (profile made beforehand)', t(c.lo).replace(/; [\d.]+ × LibreOffice$/, ''), 'peer', undefined);
  } else add('5. LibreOffice', 'not installed', 'peer', undefined);
  add(
    '5. Typst (its Node compiler), the same notice by hand (bench/typst/2020-191.typ), whole process',
    c.typst ? `${t(c.typst)} (${c.typst.pages} pages, system fonts)` : 'not installed (an optional peer: npm install --no-save @myriaddreamin/typst-ts-node-compiler, or NODE_PATH to one)',
    'peer',
    undefined,
  );
  if (p) rows.push(...previewRows(p));
  return rows;
}

function previewRows(p) {
  const parts = p.parts.map((x) => `${x.name.replace(/^preview: /, '')} ${x.ms.toFixed(0)} ms`).join(', ');
  return [[`5. preview: save → new pages, ${p.pages}-page notice, median of ${p.saves} saves`, `${f2(p.seconds)} s (${f2(p.min)}–${f2(p.max)} s; ${parts})`, `≤ ${TARGET.previewSeconds} s`, verdict(p.seconds <= TARGET.previewSeconds)]];
}

function markdownTable(rows) {
  const esc = (s) => String(s).replace(/\|/g, '\\|');
  return ['| measure | result | target | |', '| --- | --- | --- | --- |', ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}

function textTable(rows) {
  const head = ['measure', 'result', 'target', ''];
  const all = [head, ...rows];
  const width = (s) => [...String(s)].reduce((w, ch) => w + (ch.codePointAt(0) > 0x2e80 ? 2 : 1), 0);
  const widths = head.map((_, i) => Math.max(...all.map((r) => width(r[i]))));
  const pad = (s, w) => String(s) + ' '.repeat(Math.max(0, w - width(s)));
  return all.map((r) => r.map((c, i) => pad(c, widths[i])).join('  ').trimEnd()).join('\n');
}

// ---------------------------------------------------------------------------------------------

async function coldOnly(previewOnly) {
  const mac = machine();
  log(`5. ${previewOnly ? '' : `cold processes (N=${COLD_N}) and `}the preview (${PREVIEW_SAVES} saves); ${mac.nproc} cores, load ${mac.load}`);
  const dir = makeProject();
  try {
    const cold = previewOnly ? undefined : benchCold(dir);
    const preview = await benchPreview(dir);
    console.log(textTable(cold ? coldRowsOf(cold, preview) : previewRows(preview)));
    console.log(`load average at the end: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Measure 3 alone (`--lists`): the generated lists, each `gongwen build` a process of its own. */
async function listsOnly() {
  const dir = makeProject();
  const mem = new MemorySampler();
  try {
    for (const rows of [BIG_ROWS, ...(HUGE_ROWS ? [HUGE_ROWS] : [])]) {
      const l = await benchList(dir, rows, mem);
      const limits = l.rows === BIG_ROWS ? [TARGET.bigListSeconds, TARGET.bigListMiB] : [TARGET.hugeListSeconds, TARGET.hugeListMiB];
      console.log(`3. list of ${rows} rows: ${f1(l.seconds)} s (≤ ${limits[0]}), ${l.pages} pages, peak ${f1(l.peak.mib)} MiB RSS (≤ ${limits[1]}; ${l.peak.procs} processes), ${f1(l.peak.pssMib)} MiB PSS`);
    }
    console.log(`load average at the end: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  } finally {
    await mem.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Measure 1 alone (`--batch`): the batch and Typst's warm rate beside it, printed (BENCHMARKS.md untouched). */
async function batchOnly() {
  const dir = makeProject();
  const mem = new MemorySampler();
  try {
    const b = await benchBatch(dir, mem);
    const t = process.env.BENCH_TYPST === '0' ? undefined : benchTypstWarm(dir);
    const ratio = t ? `; ${f2(b.docsPerSec / t.docsPerSec)} × Typst's warm ${f2(t.docsPerSec)} docs/s` : '';
    console.log(`1. batch of ${N}: ${f2(b.docsPerSec)} docs/s (${b.built} built, ${b.failed} failed, ${f1(b.seconds)} s; first document after ${f2(b.first)} s, then ${f2(b.steady)} docs/s; peak ${f1(b.peak.mib)} MiB)${ratio}`);
    console.log(`load average at the end: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  } finally {
    await mem.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  if (process.argv.includes('--batch')) return batchOnly();
  if (process.argv.includes('--cold') || process.argv.includes('--preview')) return coldOnly(process.argv.includes('--preview'));
  if (process.argv.includes('--lists')) return listsOnly();
  const mac = machine();
  const started = new Date();
  log(`N=${N}, concurrency ${CONCURRENCY}, list ${BIG_ROWS} rows; ${mac.nproc} cores, ${mac.memGiB} GiB, load ${mac.load}`);
  const dir = makeProject();
  log('project:', dir);
  const mem = new MemorySampler();
  const r = {};
  try {
    log('4. DOCX alone…');
    r.docx = await benchDocx(dir);
    log(`4. gongwen ${f1(r.docx.gongwen.docsPerSec)} docs/s; pandoc ${f1(r.docx.pandoc?.docsPerSec)} docs/s`);
    log(`1. batch of ${N}…`);
    r.batch = await benchBatch(dir, mem);
    log(`1. ${f2(r.batch.docsPerSec)} docs/s, peak ${f1(r.batch.peak.mib)} MiB`);
    log('2. LibreOffice…');
    r.lo = benchLibreOffice(r.batch, dir);
    log(`2. ${f2(r.lo.perDoc)} s/doc`);
    log('5. cold processes and the preview…');
    r.cold = benchCold(dir);
    r.preview = await benchPreview(dir);
    r.lists = [];
    log('4. the PDF and OFD writers…');
    r.writers = await benchWriters();
    log(`4. PDF ${f1(r.writers.pdf.ms)} ms, OFD ${f1(r.writers.ofd.ms)} ms a document`);
    r.typstWarm = benchTypstWarm(dir);
    for (const rows of [SMALL_ROWS, BIG_ROWS, ...(HUGE_ROWS ? [HUGE_ROWS] : [])]) {
      log(`3. list of ${rows} rows…`);
      const l = await benchList(dir, rows, mem);
      r.lists.push(l);
      log(`3. ${rows} rows: ${f1(l.seconds)} s, ${l.pages} pages, peak ${f1(l.peak.mib)} MiB`);
    }
  } finally {
    await mem.stop();
    if (process.env.BENCH_KEEP === '1') log('kept', dir);
    else rmSync(dir, { recursive: true, force: true });
  }
  const rows = [...rowsOf(r), ...coldRowsOf(r.cold, r.preview)];
  const endLoad = loadavg().map((x) => x.toFixed(2)).join(' ');
  console.log(textTable(rows));

  const md = `# Benchmarks

Written by \`bench/run.js\`; run again to refresh. Figures are wall-clock on a shared machine:
other processes were running (load average below), so treat them as a lower bound of speed.

- date: ${started.toISOString()}
- command: \`${command()}\`
- machine: \`nproc\` ${mac.nproc}, \`free -g\` total ${mac.memGiB} GiB; load average at start ${mac.load}, at end ${endLoad}
- Node ${mac.node}; ${mac.libreoffice}; ${mac.pandoc}

${markdownTable(rows)}

How each figure is taken:

1. A temporary project (copies of content/, templates/, data/) holds seed 000's notice
   (content/2020-191.md) addressed to one base per record ({{基地名称}}, {{账号}}, {{省市}} in the
   number, title, 主送 and an opening paragraph) with its 52-row list annex, and ${N} generated
   records; \`runBatch\` renders all of them to DOCX and PDF (force, concurrency ${CONCURRENCY}),
   the font book's loading included, after one untimed \`Builder.build\` of the first record (as
   Typst's warm rate follows one untimed compile: the fonts a machine decodes once are in the
   user's cache folder; without it a machine's first batch ran 126 documents/s, the next 142).
   Memory: VmRSS of this process and all its descendants, summed, sampled every 100 ms from
   /proc; PSS (each shared page divided among its processes, read once a second) is printed
   beside it. Typst's warm rate: its Node compiler compiles
   bench/typst/2020-191.typ (the same notice and list by hand) ${TYPST_WARM_N} times in one process
   (\`node bench/typst/compile.mjs PROJECT OUT.pdf ${TYPST_WARM_N}\`), after one untimed compile.
2. \`soffice --headless -env:UserInstallation=file:///tmp/lo-bench --convert-to pdf --outdir DIR
   f1.docx … f${LO_DOCS}.docx\` on the first ${LO_DOCS} DOCX of measure 1, timed as a whole process after
   one untimed call that creates the profile. The ratio divides measure 1's documents/s (DOCX and
   PDF) by LibreOffice's (PDF only).
3. A generated list like seed 000's (序号 generated, 账号, 基地名称, 省市 merged in groups of 1–30
   rows) built by \`gongwen build FILE --out DIR\` (DOCX and PDF) as a process of its own, as a
   user runs it: Node's start, the font book and the writing of both files included; memory is
   that process's tree; pages from pdfinfo.
4. \`renderDocx\` on the compiled model of content/2020-191.md, ${DOCX_N} times after 20 warm-up
   renders, in process; pandoc converts the same notice (body and the 52-row annex as a pipe
   table) \`pandoc -f markdown -t docx\`, ${PANDOC_N} whole processes one after another. The OFD
   and PDF rows write the same positioned pages of content/2020-191.md ${WRITER_N} times each in
   process, after five untimed writes of each (fonts decoded, subsets cached as a batch has them,
   the writers' code compiled). The DOCX renders after the first find its tables' XML in the
   writer's memo, as a batch's documents do: the figure is a batch's, not a first render's.
5. Whole processes, one after another, each the median of ${COLD_N}: \`node bin/gongwen.js …\` in
   the temporary project (wall clock; CPU from the waited children's times in /proc/self/stat),
   \`soffice --headless --convert-to pdf\` on the DOCX gongwen just wrote
   (after one untimed call that makes its profile); each row gives its wall time as a multiple
   of LibreOffice's. Typst, where its Node compiler is installed (an optional peer:
   \`npm install --no-save @myriaddreamin/typst-ts-node-compiler\`, or NODE_PATH to one):
   \`node bench/typst/compile.mjs\` builds bench/typst/2020-191.typ, the same notice and list
   written by hand in Typst with the system's fonts, as a whole process. The preview figure: a
   \`PreviewSession\` (what \`gongwen preview\` runs) on content/2020-191.md, watching the
   project; each of ${PREVIEW_SAVES} saves changes one sentence, timed from the write to the new
   pages (compiled, laid out, every page drawn as SVG and keyed), after one untimed save.
   Alone: \`node bench/run.js --cold\`.
`;
  writeFileSync(join(ROOT, 'BENCHMARKS.md'), md);
  log('wrote BENCHMARKS.md');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
