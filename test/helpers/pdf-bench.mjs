// Measures the PDF writer on positioned pages made from real text with the real font book:
// a 10-page notice (content/2020-191.md's paragraphs, 28 characters a line, 22 lines a page) and
// a 300-page list (20 rows a page, four cells, ruled). Runs on the compiled dist/:
//   npx tsc -p tsconfig.json && node test/helpers/pdf-bench.mjs [notice|list|all|once|list-once|list-loop] [out-dir]
// Prints each step's time in milliseconds and each file's size.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';

const t0 = performance.now();
const { loadFontBook } = await import('../../dist/fonts/book.js');
const { writePdf } = await import('../../dist/write/pdf/index.js');
const { GlyphUnion } = await import('../../dist/fonts/subset.js');
const { glyphRun } = await import('../../dist/layout/frame/glyph-run.js');
const which = process.argv[2] ?? 'all';
const outDir = process.argv[3] ?? '/tmp/pdf-bench';
mkdirSync(outDir, { recursive: true });
const ms = (t) => `${(performance.now() - t).toFixed(0)} ms`;

const book = await loadFontBook(process.cwd());
const tBook = performance.now();

const W = 595.28;
const H = 841.89;
const LEFT = 79.37;
const CHAR = 442.2 / 28;

/** Runs for a line: cut where the face changes; each glyph at its grid place. */
function line(text, role, size, x, y, pitch, tag) {
  const runs = [];
  let cur;
  let i = 0;
  const glyphs = new Map();
  for (const ch of text) {
    const g = book.glyph(role, false, ch.codePointAt(0));
    const gx = x + i * pitch;
    if (!cur || cur.face !== g.face) {
      cur = { kind: 'text', x: gx, y, face: g.face, sizePt: size, color: '000000', tag };
      runs.push(cur);
      glyphs.set(cur, []);
    }
    glyphs.get(cur).push({ gid: g.gid, x: gx - cur.x, advance: g.advanceEm * size, text: ch });
    i++;
  }
  for (const r of runs) r.glyphs = glyphRun(glyphs.get(r));
  return runs;
}

function paragraphs(file) {
  return readFileSync(file, 'utf8')
    .replace(/^---[\s\S]*?---/, '')
    .split('\n')
    .map((l) => l.replace(/^\s*(#+|\d+\.|[-*])\s*/, '').trim())
    .filter((l) => l && !l.startsWith('|'));
}

function faces(doc) {
  const keys = new Set(doc.pages.flatMap((p) => p.items.filter((i) => i.kind === 'text').map((i) => i.face)));
  return Object.fromEntries([...keys].map((k) => [k, book.face(k)]));
}

function notice(pages, source) {
  const paras = paragraphs(source);
  const structure = { id: 0, role: 'Document', children: [{ id: 1, role: 'H1', children: [] }, { id: 2, role: 'Artifact', element: '页码', children: [] }] };
  const out = [];
  let nextId = 10;
  let p = 0;
  while (out.length < pages) {
    const items = [];
    if (out.length === 0) items.push(...line('关于开展2020年国家火炬特色产业基地复核工作的通知', 'xiaobiaosong', 22, LEFT, 120, 22, 1));
    let y = out.length === 0 ? 180 : 100;
    while (y < 760) {
      const text = paras[p++ % paras.length];
      const id = nextId++;
      structure.children.push({ id, role: 'P', children: [] });
      for (let k = 0; k < text.length && y < 760; k += 28, y += 28.95) items.push(...line(text.slice(k, k + 28), 'fangsong', 16, LEFT, y, CHAR, id));
    }
    items.push(...line(`— ${out.length + 1} —`, 'song', 14, 270, 800, 7, 2));
    out.push({ widthPt: W, heightPt: H, landscape: false, number: String(out.length + 1), items });
  }
  const doc = { pages: out, faces: {}, structure, outline: [{ title: '通知', page: 0, y: 100, level: 1, children: [] }], info: { title: '关于开展2020年国家火炬特色产业基地复核工作的通知', author: '科学技术部火炬高技术产业开发中心', date: '2020-11-06', lang: 'zh-CN' } };
  doc.faces = faces(doc);
  return doc;
}

function list(pages) {
  const names = paragraphs('content/2020-191-list.md').concat(paragraphs('content/2020-191.md')).map((s) => s.slice(0, 14));
  const structure = { id: 0, role: 'Document', children: [{ id: 1, role: 'Table', children: [] }, { id: 2, role: 'Artifact', children: [] }] };
  const table = structure.children[0];
  const out = [];
  let id = 10;
  let n = 0;
  const cols = [LEFT, LEFT + 50, LEFT + 280, LEFT + 360, LEFT + 442.2];
  for (let pg = 0; pg < pages; pg++) {
    const items = [];
    for (let r = 0; r < 20; r++) {
      const y = 80 + r * 33;
      const tr = { id: id++, role: 'TR', children: [] };
      table.children.push(tr);
      const cells = [String(++n), names[n % names.length], ['湖南', '江苏', '广东', '浙江'][n % 4], n % 3 ? '通过' : '整改'];
      cells.forEach((c, i) => {
        const td = { id: id++, role: 'TD', children: [] };
        tr.children.push(td);
        items.push(...line(c, 'fangsong', 14, cols[i] + 4, y + 22, 14, td.id));
      });
      items.push({ kind: 'line', x1: cols[0], y1: y, x2: cols[4], y2: y, widthPt: 0.5, color: '000000', tag: 2 });
    }
    for (const x of cols) items.push({ kind: 'line', x1: x, y1: 80, x2: x, y2: 80 + 20 * 33, widthPt: 0.5, color: '000000', tag: 2 });
    items.push(...line(`— ${pg + 1} —`, 'song', 14, 270, 800, 7, 2));
    out.push({ widthPt: W, heightPt: H, landscape: false, number: String(pg + 1), items });
  }
  const doc = { pages: out, faces: {}, structure, outline: [], info: { title: '2020年度国家火炬特色产业基地复核名单', date: '2020-11-06', lang: 'zh-CN' } };
  doc.faces = faces(doc);
  return doc;
}

const sha = (b) => createHash('sha256').update(b).digest('hex').slice(0, 12);
const report = [];
async function step(label, doc, opts) {
  const t = performance.now();
  const cpu = process.cpuUsage();
  const bytes = await writePdf(doc, book, opts);
  const took = performance.now() - t;
  const used = process.cpuUsage(cpu);
  const file = `${outDir}/${label.replace(/[^a-z0-9]+/gi, '-')}.pdf`;
  writeFileSync(file, bytes);
  report.push(`${label}: ${took.toFixed(0)} ms (CPU ${((used.user + used.system) / 1000).toFixed(0)} ms), ${bytes.length} bytes (${(bytes.length / 1024).toFixed(1)} kB), sha ${sha(bytes)}`);
  return bytes;
}

report.push(`node start + imports + font book: ${(tBook - t0).toFixed(0)} ms`);
if (which === 'once') await step('notice 10 pages, one write in a fresh process', notice(10, 'content/2020-191.md'));
if (which === 'list-once') await step('list 300 pages, one write in a fresh process', list(300));
if (which === 'list-loop') {
  const doc = list(300);
  for (let i = 0; i < 4; i++) await step(`list 300 pages, write ${i + 1} in one process`, doc);
}
if (which === 'notice' || which === 'all') {
  const t = performance.now();
  const doc = notice(10, 'content/2020-191.md');
  report.push(`build 10-page notice items: ${ms(t)} (${doc.pages.reduce((n, p) => n + p.items.length, 0)} items)`);
  await step('notice 10 pages, subsets cold', doc);
  await step('notice 10 pages, same again (subsets kept)', notice(10, 'content/2020-191.md'));
  await step('notice 10 pages, other text (wasm warm, new subsets)', notice(10, 'content/2021-45-clusters.md'));
  await step('notice 10 pages, PDF/A-1b', doc, { standard: 'a-1b' });
  const union = new GlyphUnion();
  const docs = ['content/2020-183.md', 'content/2020-191.md', 'content/2021-45-clusters.md', 'content/2022-cluster-application.md'].map((f) => notice(10, f));
  for (const d of docs) for (const p of d.pages) for (const i of p.items) if (i.kind === 'text') union.add(i.face, i.glyphs.map((g) => ({ gid: g.gid })));
  const tb = performance.now();
  for (const [k, d] of docs.entries()) await step(`batch notice ${k + 1} (one union subset per face)`, d, { subsets: union });
  report.push(`batch of ${docs.length}: ${ms(tb)}`);
}
if (which === 'list' || which === 'all') {
  const t = performance.now();
  const doc = list(300);
  report.push(`build 300-page list items: ${ms(t)} (${doc.pages.reduce((n, p) => n + p.items.length, 0)} items)`);
  await step('list 300 pages', doc);
}
report.push(`whole run: ${ms(t0)}, max RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
console.log(report.join('\n'));
