// The preview page: the document's pages (the layout stage's positioned pages drawn as SVG, the
// PDF's glyphs in the PDF's faces) beside its diagnostics, in the user's language. Server-Sent
// Events tell it a build finished; it fetches only the pages drawn anew (an unchanged page keeps
// its URL, /pages/KEY.svg), then swaps them in place, so the reader's scroll position stays;
// when no changed page is on screen it scrolls to the first changed one (where the author was
// writing). The SVG comes from gongwen's own writer (src/write/svg, every text escaped); what
// the diagnostics say reaches the page as text (textContent), never as markup.

import { esc } from '../write/svg/page.js';

const WORDS = {
  zh: {
    lang: 'zh-CN',
    preview: 'gongwen 预览',
    building: '正在生成…',
    notBuilt: '未生成：',
    lastGood: ' — 显示的是上次成功生成的页面',
    pages: (n: number) => `${n} 页`,
    counts: (e: number, w: number) => `${e} 个错误，${w} 个警告`,
    builtIn: (ms: number) => `（用时 ${ms} 毫秒）`,
    page: (n: number) => `第 ${n} 页`,
  },
  en: {
    lang: 'en',
    preview: 'gongwen preview',
    building: 'building…',
    notBuilt: 'not built: ',
    lastGood: ' — the pages are the last good build',
    pages: (n: number) => `${n} page${n === 1 ? '' : 's'}`,
    counts: (e: number, w: number) => `${e} error${e === 1 ? '' : 's'}, ${w} warning${w === 1 ? '' : 's'}`,
    builtIn: (ms: number) => ` (built in ${ms} ms)`,
    page: (n: number) => `page ${n}`,
  },
};

export function previewPage(file: string, lang: 'zh' | 'en' = 'zh'): string {
  const name = esc(file);
  const w = WORDS[lang];
  // The client's words, as functions it can call: written out from the table above.
  const words = `{
  building: ${JSON.stringify(w.building)}, notBuilt: ${JSON.stringify(w.notBuilt)}, lastGood: ${JSON.stringify(w.lastGood)},
  pages: ${w.pages.toString()}, counts: ${w.counts.toString()}, builtIn: ${w.builtIn.toString()}, page: ${w.page.toString()}
}`;
  return `<!doctype html>
<html lang="${w.lang}">
<head>
<meta charset="utf-8">
<title>${name} — ${w.preview}</title>
<style>
  body { margin: 0; font: 14px/1.5 system-ui, sans-serif; background: #e8e8e8; color: #222; }
  header { position: sticky; top: 0; z-index: 1; background: #fff; border-bottom: 1px solid #ccc; padding: 6px 12px; display: flex; gap: 16px; align-items: baseline; }
  header b { font-weight: 600; }
  #status.broken { color: #b00; font-weight: 600; }
  main { display: flex; align-items: flex-start; }
  #pages { flex: 1; display: flex; flex-direction: column; align-items: center; gap: 16px; padding: 16px; }
  #pages figure { margin: 0; position: relative; }
  #pages svg { display: block; width: min(794px, calc(100vw - 420px)); height: auto; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.3); outline: 3px solid transparent; transition: outline-color 1.5s; }
  #pages figure.changed svg { outline-color: #f0a000; transition: none; }
  #pages figcaption { position: absolute; right: -3.5em; top: 0; color: #777; font-size: 12px; }
  body.broken #pages svg { opacity: .55; }
  aside { position: sticky; top: 40px; width: 360px; max-height: calc(100vh - 56px); overflow: auto; padding: 12px; box-sizing: border-box; }
  aside ol { list-style: none; margin: 0; padding: 0; }
  aside li { background: #fff; margin: 0 0 8px; padding: 6px 8px; border-left: 4px solid #999; white-space: pre-wrap; word-break: break-word; }
  aside li.error { border-color: #c00; }
  aside li.warning { border-color: #e0a000; }
  aside li .where { color: #666; font-size: 12px; }
</style>
</head>
<body>
<header><b>${name}</b><span id="status">${w.building}</span><a href="/document.pdf" target="_blank">PDF</a><a href="/document.ofd" download>OFD</a><a href="/diagnostics.json" target="_blank">diagnostics.json</a></header>
<main><section id="pages"></section><aside><ol id="diagnostics"></ol></aside></main>
<script>
const pagesEl = document.getElementById('pages');
const diagEl = document.getElementById('diagnostics');
const statusEl = document.getElementById('status');
let shown = 0;
let restored = false;
const W = ${words};
const fontsLoaded = new Set();

function status(s) {
  const counts = W.counts(s.errors, s.warnings);
  if (s.building) statusEl.textContent = W.building;
  else if (!s.ok && s.pagesBuild) statusEl.textContent = W.notBuilt + counts + W.lastGood;
  else if (!s.ok) statusEl.textContent = W.notBuilt + counts;
  else statusEl.textContent = W.pages(s.pages.length) + ', ' + counts + W.builtIn(s.ms);
  statusEl.className = s.ok ? '' : 'broken';
  document.body.classList.toggle('broken', !s.ok);
}

async function diagnostics() {
  const d = await (await fetch('/diagnostics.json', { cache: 'no-store' })).json();
  diagEl.replaceChildren(...d.diagnostics.map((x) => {
    const li = document.createElement('li');
    li.className = x.severity;
    const where = document.createElement('div');
    where.className = 'where';
    where.textContent = (x.line > 0 ? x.file + ':' + x.line + ':' + (x.column || 1) : x.file) + ' ' + x.severity + ' ' + x.ruleId;
    li.append(where, document.createTextNode(x.message));
    return li;
  }));
}

function visible(el) {
  const r = el.getBoundingClientRect();
  return r.bottom > 40 && r.top < innerHeight;
}

async function faces(keys) {
  const fresh = keys.filter((k) => !fontsLoaded.has(k));
  await Promise.all(fresh.map(async (k) => {
    fontsLoaded.add(k);
    const face = new FontFace('f-' + k, 'url(/fonts/' + k + ')');
    document.fonts.add(face);
    await face.load().catch(() => undefined);
  }));
}

const parser = new DOMParser();
async function drawing(key) {
  const text = await (await fetch('/pages/' + key + '.svg')).text();
  const svg = parser.parseFromString(text, 'image/svg+xml').documentElement;
  const el = document.importNode(svg, true);
  el.dataset.key = key;
  return el;
}

async function pages(s) {
  const build = s.pagesBuild;
  const figures = [...pagesEl.children];
  await faces(s.faces || []);
  const svgs = await Promise.all(s.pages.map(async (p, i) => {
    const old = figures[i] && figures[i].querySelector('svg');
    if (old && old.dataset.key === p.key) return old;
    const el = await drawing(p.key);
    el.setAttribute('role', 'img');
    el.setAttribute('aria-label', W.page(i + 1));
    return el;
  }));
  if (build < shown) return;
  shown = build;
  svgs.forEach((el, i) => {
    let fig = figures[i];
    if (!fig) {
      fig = document.createElement('figure');
      const cap = document.createElement('figcaption');
      cap.textContent = String(i + 1);
      fig.append(el, cap);
      pagesEl.append(fig);
    } else if (fig.querySelector('svg') !== el) fig.replaceChild(el, fig.querySelector('svg'));
    fig.classList.toggle('changed', s.changed.includes(i + 1) && figures.length > 0);
  });
  figures.slice(svgs.length).forEach((f) => f.remove());
  requestAnimationFrame(() => pagesEl.querySelectorAll('figure.changed').forEach((f) => f.classList.remove('changed')));
  if (!restored) {
    restored = true;
    const y = Number(sessionStorage.getItem('gongwen-preview-y'));
    if (y) scrollTo(0, y);
  } else if (figures.length && s.changed.length) {
    const changed = s.changed.map((n) => pagesEl.children[n - 1]).filter(Boolean);
    if (changed.length && !changed.some(visible)) changed[0].scrollIntoView({ block: 'start' });
  }
  document.body.dataset.pagesBuild = String(build);
}

async function update(s) {
  status(s);
  await diagnostics();
  if (s.pagesBuild && s.pagesBuild !== shown) await pages(s);
  document.body.dataset.build = String(s.build);
}

addEventListener('scroll', () => sessionStorage.setItem('gongwen-preview-y', String(scrollY)), { passive: true });
// One update at a time, and only the newest waiting one: two updates drawn at once each took the
// page list before their fetches and the second appended pages the first had already added.
let latest = null;
let busy = false;
async function pump() {
  if (busy) return;
  busy = true;
  while (latest) {
    const s = latest;
    latest = null;
    await update(s).catch(() => undefined); // a page of a superseded build may be gone: the next event redraws
  }
  busy = false;
}
new EventSource('/events').addEventListener('update', (e) => { latest = JSON.parse(e.data); pump(); });
</script>
</body>
</html>
`;
}
