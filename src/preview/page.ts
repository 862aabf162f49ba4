// The preview page: the document's pages as images (as they print) beside its diagnostics.
// Server-Sent Events tell it a build finished; it loads the new images off-screen (only pages
// drawn anew: an unchanged page keeps its URL, /pages/KEY.jpg), then swaps them in place, so
// the reader's scroll position stays; when no changed page is on screen it
// scrolls to the first changed one (where the author was writing). Everything the document
// says reaches the page as text (textContent), never as markup.

import { esc } from '../render/html/escape.js';

export function previewPage(file: string): string {
  const name = esc(file);
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${name} — gongwen preview</title>
<style>
  body { margin: 0; font: 14px/1.5 system-ui, sans-serif; background: #e8e8e8; color: #222; }
  header { position: sticky; top: 0; z-index: 1; background: #fff; border-bottom: 1px solid #ccc; padding: 6px 12px; display: flex; gap: 16px; align-items: baseline; }
  header b { font-weight: 600; }
  #status.broken { color: #b00; font-weight: 600; }
  main { display: flex; align-items: flex-start; }
  #pages { flex: 1; display: flex; flex-direction: column; align-items: center; gap: 16px; padding: 16px; }
  #pages figure { margin: 0; position: relative; }
  #pages img { display: block; width: min(794px, calc(100vw - 420px)); height: auto; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.3); outline: 3px solid transparent; transition: outline-color 1.5s; }
  #pages figure.changed img { outline-color: #f0a000; transition: none; }
  #pages figcaption { position: absolute; right: -3.5em; top: 0; color: #777; font-size: 12px; }
  body.broken #pages img { opacity: .55; }
  aside { position: sticky; top: 40px; width: 360px; max-height: calc(100vh - 56px); overflow: auto; padding: 12px; box-sizing: border-box; }
  aside ol { list-style: none; margin: 0; padding: 0; }
  aside li { background: #fff; margin: 0 0 8px; padding: 6px 8px; border-left: 4px solid #999; white-space: pre-wrap; word-break: break-word; }
  aside li.error { border-color: #c00; }
  aside li.warning { border-color: #e0a000; }
  aside li .where { color: #666; font-size: 12px; }
</style>
</head>
<body>
<header><b>${name}</b><span id="status">building…</span><a href="/document.pdf" target="_blank">PDF</a><a href="/diagnostics.json" target="_blank">diagnostics.json</a></header>
<main><section id="pages"></section><aside><ol id="diagnostics"></ol></aside></main>
<script>
const pagesEl = document.getElementById('pages');
const diagEl = document.getElementById('diagnostics');
const statusEl = document.getElementById('status');
let shown = 0;
let restored = false;

function status(s) {
  const counts = s.errors + ' error' + (s.errors === 1 ? '' : 's') + ', ' + s.warnings + ' warning' + (s.warnings === 1 ? '' : 's');
  if (s.building) statusEl.textContent = 'building…';
  else if (!s.ok && s.pagesBuild) statusEl.textContent = 'not built: ' + counts + ' — the pages are the last good build';
  else if (!s.ok) statusEl.textContent = 'not built: ' + counts;
  else statusEl.textContent = s.pages.length + ' pages, ' + counts + ' (built in ' + s.ms + ' ms)';
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

async function pages(s) {
  const build = s.pagesBuild;
  const figures = [...pagesEl.children];
  const srcOf = (p) => '/pages/' + p.key + '.jpg';
  const imgs = s.pages.map((p, i) => {
    const old = figures[i] && figures[i].querySelector('img');
    if (old && old.getAttribute('src') === srcOf(p)) return old;
    const img = new Image(p.width, p.height);
    img.alt = 'page ' + (i + 1);
    img.src = srcOf(p);
    return img;
  });
  await Promise.all(imgs.map((img) => img.decode().catch(() => undefined)));
  if (build < shown) return;
  shown = build;
  imgs.forEach((img, i) => {
    let fig = figures[i];
    if (!fig) {
      fig = document.createElement('figure');
      const cap = document.createElement('figcaption');
      cap.textContent = String(i + 1);
      fig.append(img, cap);
      pagesEl.append(fig);
    } else if (fig.querySelector('img') !== img) fig.replaceChild(img, fig.querySelector('img'));
    fig.classList.toggle('changed', s.changed.includes(i + 1) && figures.length > 0);
  });
  figures.slice(imgs.length).forEach((f) => f.remove());
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
new EventSource('/events').addEventListener('update', (e) => update(JSON.parse(e.data)));
</script>
</body>
</html>
`;
}
