// An old Word file → a content file: most drafts start from one. mammoth reads the DOCX into
// simple HTML (paragraphs, lists, tables; no layout); this module reads that HTML as a 公文
// reads: 版头 (标志, 发文字号), title, 主送, body, 附件说明, 署名 and 成文日期, 附注, annex pages,
// 版记 (抄送, 印发) — by the text, as GB/T 9704 places it, not by Word styles, so a file typed
// in Word, saved from plain text by LibreOffice, or written by gongwen itself reads the same.
// Body headings come from their numbers (一、（一）1.（1）, as text or as Word list levels) and
// are written without them (gongwen numbers); everything not placed is a warning.

export interface ImportedFile {
  /** The content file's text (front matter + Markdown). */
  text: string;
  /** Annex pages: their own content files, named by the caller. */
  annexes: { title: string; text: string }[];
  warnings: string[];
}

// ---- a small reader for mammoth's HTML (well-formed, a handful of tags) ----

interface El {
  tag: string;
  attrs: Record<string, string>;
  children: Node[];
}
type Node = El | string;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (ENTITIES[e] ?? m),
  );

export function parseHtml(html: string): El {
  const root: El = { tag: 'root', attrs: {}, children: [] };
  const stack: El[] = [root];
  const re = /<(\/?)([a-zA-Z0-9]+)([^>]*?)(\/?)>|([^<]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html))) {
    const top = stack[stack.length - 1];
    if (m[5] !== undefined) {
      top.children.push(decode(m[5]));
      continue;
    }
    const [, close, tag, attrText, selfClose] = m;
    if (close) {
      const i = stack.map((e) => e.tag).lastIndexOf(tag.toLowerCase());
      if (i > 0) stack.length = i;
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of attrText.matchAll(/([\w-]+)="([^"]*)"/g)) attrs[a[1]] = decode(a[2]);
    const el: El = { tag: tag.toLowerCase(), attrs, children: [] };
    top.children.push(el);
    if (!selfClose && el.tag !== 'br' && el.tag !== 'img') stack.push(el);
  }
  return root;
}

/** The Markdown of inline content: bold, emphasis, links; line breaks inside a paragraph joined. */
function inline(nodes: Node[], plain = false): string {
  let out = '';
  for (const n of nodes) {
    if (typeof n === 'string') out += plain ? n : escapeMd(n);
    else if (n.tag === 'br') out += plain ? '' : '';
    else if (n.tag === 'strong' || n.tag === 'b') out += plain ? inline(n.children, true) : wrap('**', inline(n.children));
    else if (n.tag === 'em' || n.tag === 'i') out += plain ? inline(n.children, true) : wrap('*', inline(n.children));
    else if (n.tag === 'a' && n.attrs.href?.startsWith('#')) out += inline(n.children, plain);
    else if (n.tag === 'a' && n.attrs.href && !plain) {
      const t = inline(n.children, true);
      out += t === n.attrs.href ? `<${t}>` : `[${escapeMd(t)}](${n.attrs.href})`;
    } else if (n.tag === 'ol' || n.tag === 'ul' || n.tag === 'table') continue;
    else out += inline(n.children, plain);
  }
  return out;
}

const wrap = (mark: string, s: string) => (s.trim() ? `${mark}${s}${mark}` : s);

function escapeMd(s: string): string {
  return s.replace(/([\\`*_[\]<>|])/g, '\\$1').replace(/\{\{/g, '\\{{');
}

const textOf = (n: Node): string => (typeof n === 'string' ? n : n.tag === 'br' ? '' : n.children.map(textOf).join(''));
const linksToHeading = (n: Node): boolean => typeof n !== 'string' && ((n.tag === 'a' && /^#_Toc/.test(n.attrs.href ?? '')) || n.children.some(linksToHeading));
const hasImage = (n: Node): boolean => typeof n !== 'string' && (n.tag === 'img' || n.children.some(hasImage));
const hasAnchor = (n: Node): boolean => typeof n !== 'string' && ((n.tag === 'a' && /^_Toc/.test(n.attrs.id ?? '')) || n.children.some(hasAnchor));

// ---- numbering: 一、 （一） 1. （1） ----

const CN_DIGITS = '零一二三四五六七八九';
function cnNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  let total = 0;
  let cur = 0;
  for (const ch of s) {
    const d = CN_DIGITS.indexOf(ch);
    if (d >= 0) cur = d;
    else if (ch === '十') {
      total += (cur || 1) * 10;
      cur = 0;
    } else if (ch === '百') {
      total += (cur || 1) * 100;
      cur = 0;
    }
  }
  return total + cur;
}

const LEVELS: { level: number; re: RegExp }[] = [
  { level: 1, re: /^([一二三四五六七八九十百]+)、\s*/ },
  { level: 2, re: /^[（(]([一二三四五六七八九十百]+)[）)]\s*/ },
  { level: 3, re: /^(\d{1,3})[.．](?!\d)\s*/ },
  { level: 4, re: /^[（(](\d{1,3})[）)]\s*/ },
];

/** The level and number a paragraph starts with, and its text after them. */
export function numberedLevel(text: string): { level: number; n: number; rest: string } | undefined {
  for (const { level, re } of LEVELS) {
    const m = re.exec(text);
    if (m) return { level, n: cnNumber(m[1]), rest: text.slice(m[0].length) };
  }
  return undefined;
}

/** A heading: short, and not a sentence (no closing 。；：！？). */
const looksLikeHeading = (s: string) => [...s].length <= 40 && !/[。；;：:！？!?，,]$/.test(s.trim());

// ---- the document as a list of blocks ----

type Block =
  | { type: 'p'; text: string; md: string; anchor: boolean; toc?: boolean; heading?: number }
  | { type: 'li'; depth: number; n: number; text: string; md: string; anchor: boolean }
  | { type: 'table'; el: El };

function blocksOf(root: El, warnings: string[]): Block[] {
  const out: Block[] = [];
  const walk = (nodes: Node[], depth: number) => {
    for (const n of nodes) {
      if (typeof n === 'string') {
        if (n.trim()) out.push({ type: 'p', text: n.trim(), md: escapeMd(n.trim()), anchor: false });
        continue;
      }
      if (n.tag === 'p' || /^h[1-6]$/.test(n.tag)) {
        if (hasImage(n)) warnings.push('an image was left out (write it in Markdown: ![](file.png))');
        const text = textOf(n).trim();
        // The body's last line that gongwen set apart before the signature: the same paragraph.
        const prev = out[out.length - 1];
        if (n.attrs.class === 'gw-tail' && text && prev?.type === 'p' && !prev.heading) {
          prev.text += text;
          prev.md += inline(n.children).trim();
          continue;
        }
        const heading = n.tag[0] === 'h' ? Number(n.tag[1]) : undefined; // Word's Heading 1–6 styles
        if (text) out.push({ type: 'p', text, md: inline(n.children).trim(), anchor: hasAnchor(n) || heading !== undefined, toc: linksToHeading(n), heading });
      } else if (n.tag === 'ol' || n.tag === 'ul') {
        let i = 0;
        for (const li of n.children) {
          if (typeof li === 'string' || li.tag !== 'li') continue;
          i++;
          const own = li.children.filter((c) => typeof c === 'string' || !['ol', 'ul', 'table'].includes(c.tag));
          const text = own.map(textOf).join('').trim();
          if (text) out.push({ type: 'li', depth: depth + 1, n: i, text, md: inline(own).trim(), anchor: own.some(hasAnchor) });
          walk(li.children.filter((c) => typeof c !== 'string' && ['ol', 'ul', 'table'].includes(c.tag)), depth + 1);
        }
      } else if (n.tag === 'table') out.push({ type: 'table', el: n });
      else if (n.tag === 'img') warnings.push('an image was left out (write it in Markdown: ![](file.png))');
      else walk(n.children, depth);
    }
  };
  walk(root.children, 0);
  return out;
}

function rowsOf(table: El): { cells: { text: string; md: string; rowspan: number; colspan: number }[]; head: boolean }[] {
  const rows: { cells: { text: string; md: string; rowspan: number; colspan: number }[]; head: boolean }[] = [];
  const visit = (el: El, head: boolean) => {
    for (const c of el.children) {
      if (typeof c === 'string') continue;
      if (c.tag === 'tr') {
        rows.push({
          head: head || c.children.some((x) => typeof x !== 'string' && x.tag === 'th'),
          cells: c.children
            .filter((x): x is El => typeof x !== 'string' && (x.tag === 'td' || x.tag === 'th'))
            .map((x) => ({ text: textOf(x).trim(), md: inline(x.children).replace(/\s+/g, ' ').trim(), rowspan: Number(x.attrs.rowspan ?? 1), colspan: Number(x.attrs.colspan ?? 1) })),
        });
      } else visit(c, head || c.tag === 'thead');
    }
  };
  visit(table, false);
  return rows;
}

/** A table as a pipe table; merged cells are written once (in their first row and column). */
function pipeTable(table: El, warnings: string[]): string {
  const rows = rowsOf(table);
  if (rows.length === 0) return '';
  const grid: string[][] = [];
  const pending: Map<number, number> = new Map(); // column → rows still covered by a rowspan above
  let merged = false;
  for (const r of rows) {
    const line: string[] = [];
    let col = 0;
    const place = () => {
      while ((pending.get(col) ?? 0) > 0) {
        pending.set(col, pending.get(col)! - 1);
        line.push('');
        col++;
      }
    };
    for (const c of r.cells) {
      place();
      line.push(c.md); // | is already escaped
      if (c.rowspan > 1) {
        pending.set(col, c.rowspan - 1);
        merged = true;
      }
      for (let k = 1; k < c.colspan; k++) {
        line.push('');
        merged = true;
      }
      col += c.colspan;
    }
    place();
    grid.push(line);
  }
  if (merged) warnings.push('a table has merged cells: each is written once, in its first row and column (a list can merge them again with merge:)');
  const width = Math.max(...grid.map((r) => r.length));
  const norm = grid.map((r) => [...r, ...Array(width - r.length).fill('')]);
  const [head, ...body] = norm;
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...body.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** The texts of the paragraphs inside an element (a 标志 table: one line each). */
function paragraphsOf(el: El): string[] {
  const out: string[] = [];
  const visit = (n: Node) => {
    if (typeof n === 'string') return;
    if (n.tag === 'p') {
      const t = textOf(n).trim();
      if (t) out.push(t);
    } else n.children.forEach(visit);
  };
  visit(el);
  return out;
}

// ---- recognising the parts of a 公文 ----

const DOC_NUMBER = /^(.{1,30}?〔\d{4}〕\d+号)(?:\s*签发人[:：]\s*(.+))?$/;
const DATE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/;
const CN_DATE = /^([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$/;

function isoDate(s: string): string | undefined {
  const t = s.replace(/\s+/g, '');
  let m = DATE.exec(t);
  if (m) return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  m = CN_DATE.exec(t);
  if (m) {
    const y = [...m[1]].map((c) => (c === '〇' ? 0 : CN_DIGITS.indexOf(c))).join('');
    return `${y}-${String(cnNumber(m[2])).padStart(2, '0')}-${String(cnNumber(m[3])).padStart(2, '0')}`;
  }
  return undefined;
}

const isLabel = (s: string) => /^附件\s*\d*$/.test(s.replace(/\s+/g, ''));

/** Body blocks → Markdown, headings from their numbers (text or Word list levels). */
function bodyMarkdown(blocks: Block[], warnings: string[]): string {
  const out: string[] = [];
  let headingLevel = 0;
  for (const b of blocks) {
    if (b.type === 'table') {
      out.push(pipeTable(b.el, warnings));
      continue;
    }
    const numbered = numberedLevel(b.text);
    // The Markdown after the number: the number is plain text at the start of md too.
    const mdRest = (rest: string) => {
      const re = numbered ? LEVELS[numbered.level - 1].re : undefined;
      return re && re.test(b.md) ? b.md.replace(re, '').trim() : escapeMd(rest);
    };
    if (b.type === 'li') {
      if (b.anchor || looksLikeHeading(b.text)) {
        headingLevel = Math.min(b.depth, 4);
        out.push(`${'#'.repeat(headingLevel)} ${b.md}`);
      } else {
        const nest = Math.max(0, b.depth - headingLevel - 1);
        out.push(`${'   '.repeat(nest)}${b.n}. ${b.md}`);
      }
      continue;
    }
    if (numbered) {
      if (looksLikeHeading(numbered.rest) && numbered.rest) {
        headingLevel = numbered.level;
        out.push(`${'#'.repeat(numbered.level)} ${mdRest(numbered.rest)}`);
        continue;
      }
      if (numbered.level > headingLevel) {
        const nest = numbered.level - headingLevel - 1;
        out.push(`${'   '.repeat(nest)}${numbered.n}. ${mdRest(numbered.rest)}`);
        continue;
      }
    }
    if (b.anchor) {
      // A heading without a number: Word's Heading N level, or one in the author's own scheme
      // (第一章　总则), kept as written and not numbered.
      headingLevel = numbered ? numbered.level : Math.min(b.heading ?? 1, 4);
      out.push(`${'#'.repeat(headingLevel)} ${numbered ? mdRest(numbered.rest) : b.md}`);
      continue;
    }
    // A paragraph that merely starts like a list item must stay a paragraph.
    out.push(b.md.replace(/^(\d+)([.)])/, '$1\\$2').replace(/^([-+#>])/, '\\$1'));
  }
  return out.join('\n\n');
}

function yamlScalar(v: string): string {
  // Plain when YAML reads it back as the same text: no ASCII syntax characters, not a number or date.
  const plain = /^[^\s:#'"{}[\],&*!|>%@`?-][^:#'"{}[\],]*$/.test(v) && !/\s$/.test(v) && !/^[\d.:+-]+$/.test(v) && !/^(true|false|null|yes|no|on|off|~)$/i.test(v);
  return plain ? v : JSON.stringify(v);
}

function frontMatter(fields: Record<string, unknown>): string {
  const lines = ['---'];
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) {
      if (v.every((x) => typeof x === 'string')) lines.push(`${k}: [${(v as string[]).map(yamlScalar).join(', ')}]`);
      else {
        lines.push(`${k}:`);
        for (const item of v as Record<string, string>[]) {
          const entries = Object.entries(item).filter(([, x]) => x !== undefined);
          entries.forEach(([ik, iv], i) => lines.push(`${i === 0 ? '  - ' : '    '}${ik}: ${yamlScalar(iv)}`));
        }
      }
    } else lines.push(`${k}: ${/^\d{4}-\d{2}-\d{2}$/.test(String(v)) ? v : yamlScalar(String(v))}`);
  }
  lines.push('---');
  return lines.join('\n');
}

/** A line of a contents page: a link to a heading, or text ending in a tab or dots and a page number. */
const isContentsEntry = (b: Block) => b.type === 'p' && (b.toc || /\t\s*\d*$/.test(b.text) || /\.{3,}\s*\d+$/.test(b.text));

/**
 * A plan (规划, 方案): a cover (title, 编制单位, date), a contents page (目录), the body. The
 * contents page is left out: gongwen makes its own from the headings.
 */
function importPlan(blocks: Block[], tocAt: number, warnings: string[]): ImportedFile {
  const cover = blocks.slice(0, tocAt).filter((b): b is Extract<Block, { type: 'p' }> => b.type === 'p');
  let k = tocAt + 1;
  while (k < blocks.length && isContentsEntry(blocks[k])) k++;
  const title = cover[0]?.text ?? '';
  const date = cover.map((b) => isoDate(b.text)).find(Boolean);
  const author = cover.slice(1).find((b) => !isoDate(b.text))?.text;
  // The title again above the body (a plan's first page) is the template's, not the author's.
  if (blocks[k]?.type === 'p' && (blocks[k] as { text: string }).text === title) k++;
  warnings.push('the contents page was left out: gongwen makes it from the headings');
  warnings.push('set outline: (e.g. cluster-plan-2021) to check the plan against its 提纲');
  if (!title) warnings.push('no title found on the cover: set title: in the front matter');
  const body = bodyMarkdown(blocks.slice(k), warnings);
  return { text: `${frontMatter({ kind: 'plan', title: title || undefined, author, date })}\n\n${body}\n`, annexes: [], warnings };
}

/** Reads mammoth's HTML of a DOCX as a notice, a plan (with a contents page), or an annex page. */
export function importHtml(html: string): ImportedFile {
  const warnings: string[] = [];
  const blocks = blocksOf(parseHtml(html), warnings);
  const tocAt = blocks.findIndex((b, k) => k < 8 && b.type === 'p' && b.text.replace(/\s+/g, '') === '目录');
  if (tocAt >= 0) return importPlan(blocks, tocAt, warnings);
  const fields: Record<string, unknown> = {};
  let i = 0;

  // 版头: 标志 (a table or paragraphs ending in 文件) and 发文字号 within the first blocks.
  const numberAt = blocks.findIndex((b, k) => k < 10 && b.type === 'p' && DOC_NUMBER.test(b.text.replace(/\s+/g, '')));
  let mark: string[] = [];
  if (numberAt >= 0) {
    for (const b of blocks.slice(0, numberAt)) {
      if (b.type === 'table') mark.push(...paragraphsOf(b.el));
      else if (b.type === 'p') mark.push(b.text);
    }
    const m = DOC_NUMBER.exec((blocks[numberAt] as { text: string }).text.replace(/\s+/g, ''))!;
    fields.number = m[1];
    if (m[2]) fields.signers = m[2].split(/[、,，]/);
    i = numberAt + 1;
  } else if (blocks[0]?.type === 'p' && /文件$/.test(blocks[0].text)) {
    mark = [blocks[0].text];
    i = 1;
  }
  // Title: up to the 主送 line (ends with ：) or the first long paragraph.
  const titleParts: string[] = [];
  while (i < blocks.length && blocks[i].type === 'p') {
    const t = (blocks[i] as { text: string }).text;
    // A heading, a numbered line or a sentence is body, not title.
    if ((blocks[i] as { anchor: boolean }).anchor || numberedLevel(t) || /[。；！？]$/.test(t)) break;
    if (/[:：]$/.test(t) || (titleParts.length > 0 && !/^(关于|的通知|通知|意见|决定|办法)/.test(t) && [...t].length > 40) || isLabel(t)) break;
    if (titleParts.length >= 3 || [...t].length > 60) break;
    titleParts.push(t);
    i++;
  }
  if (titleParts.length) fields.title = titleParts.join('');
  if (i < blocks.length && blocks[i].type === 'p' && /[:：]$/.test((blocks[i] as { text: string }).text) && [...(blocks[i] as { text: string }).text].length <= 200) {
    fields.to = (blocks[i] as { text: string }).text.replace(/[:：]$/, '');
    i++;
  }

  // From the end: 版记 (抄送, 印发), then annex pages, then 附注, 成文日期, 署名, 附件说明.
  let end = blocks.length;
  const imprintText = (b: Block) => (b.type === 'table' ? rowsOf(b.el).flatMap((r) => r.cells.map((c) => c.text)) : b.type === 'p' ? [b.text] : []);
  while (end > i) {
    const texts = imprintText(blocks[end - 1]);
    if (!texts.length || !texts.every((t) => /^抄送[:：]|印发$/.test(t.replace(/\s+$/, '')))) break;
    for (const t of texts) {
      const cc = /^抄送[:：]\s*(.+?)。?$/.exec(t);
      if (cc) fields.cc = cc[1].split(/[，,]/).map((s) => s.trim()).filter(Boolean);
      const pr = /^(.+?)\s+(\S+日)印发$/.exec(t.trim());
      if (pr) {
        fields.printer = pr[1].trim();
        fields.printed = isoDate(pr[2]) ?? pr[2];
      }
    }
    end--;
  }
  const bodyAndMore = blocks.slice(i, end);
  // Annex pages start at a label paragraph 附件 / 附件2 after the 成文日期.
  const dateAt = bodyAndMore.findIndex((b) => b.type === 'p' && isoDate(b.text) !== undefined);
  const annexStarts = bodyAndMore.map((b, k) => (k > dateAt && dateAt >= 0 && b.type === 'p' && isLabel(b.text) ? k : -1)).filter((k) => k >= 0);
  const main = annexStarts.length ? bodyAndMore.slice(0, annexStarts[0]) : bodyAndMore;
  const annexes: { title: string; text: string }[] = [];
  annexStarts.forEach((start, k) => {
    const part = bodyAndMore.slice(start + 1, annexStarts[k + 1] ?? bodyAndMore.length);
    const titleBlock = part[0];
    const title = titleBlock && titleBlock.type === 'p' ? titleBlock.text : '';
    const md = bodyMarkdown(title ? part.slice(1) : part, warnings);
    annexes.push({ title, text: `${frontMatter({ kind: 'annex', title: title || undefined })}\n\n${md}\n` });
  });

  let j = main.length;
  const pText = (b: Block | undefined) => (b && b.type === 'p' ? b.text : undefined);
  if (pText(main[j - 1]) && /^[（(].+[）)]$/.test(pText(main[j - 1])!) && dateAt >= 0 && j - 1 > dateAt) {
    fields.note = pText(main[j - 1])!.slice(1, -1);
    j--;
  }
  if (dateAt >= 0 && dateAt === j - 1) {
    fields.date = isoDate(pText(main[dateAt])!);
    j--;
    const sig: string[] = [];
    while (j > 0 && pText(main[j - 1]) && looksLikeHeading(pText(main[j - 1])!) && !numberedLevel(pText(main[j - 1])!) && !/^附件/.test(pText(main[j - 1])!) && sig.length < 3) {
      sig.unshift(pText(main[j - 1])!);
      j--;
    }
    if (sig.length) fields.signature = sig.length === 1 ? sig[0] : sig;
  } else if (fields.number !== undefined) warnings.push('no 成文日期 found at the end of the body (a line like 2020年11月6日): set date: in the front matter');
  // 附件说明: 附件：1．A / 2．B (continuation lines start with their number).
  const noteStart = main.slice(0, j).findIndex((b) => b.type === 'p' && /^附件[:：]/.test(b.text));
  if (noteStart >= 0) {
    const titles: string[] = [];
    for (const b of main.slice(noteStart, j)) {
      const t = pText(b);
      if (t === undefined) break;
      const item = t.replace(/^附件[:：]\s*/, '').replace(/^\d+[.．、]\s*/, '').trim();
      if (item) titles.push(item);
    }
    j = noteStart;
    fields.attachments = titles.map((title, k) => (annexes[k] ? { title, file: `__ANNEX_${k + 1}__` } : title));
    annexes.forEach((a, k) => {
      if (titles[k] && a.title && a.title !== titles[k]) warnings.push(`附件${k + 1}: its page title "${a.title}" differs from the 附件说明 "${titles[k]}"; the 附件说明's is kept`);
    });
  } else if (annexes.length) {
    fields.attachments = annexes.map((a, k) => ({ title: a.title || `附件${k + 1}`, file: `__ANNEX_${k + 1}__` }));
    warnings.push('annex pages without a 附件说明: attachments were made from their titles');
  }

  // Who issued it: the 署名 (or the 标志 without 文件).
  const markText = mark.filter((l) => l !== '文件').join('');
  const sigList = fields.signature === undefined ? [] : ([] as string[]).concat(fields.signature as string | string[]);
  const issuer = markText.replace(/文件$/, '') || sigList.join('');
  const isNotice = fields.number !== undefined || fields.date !== undefined;
  const ordered: Record<string, unknown> = { kind: isNotice ? 'notice' : 'annex' };
  if (isNotice) {
    ordered.issuer = issuer || undefined;
    if (!issuer) warnings.push('no 发文机关 found (版头 or 署名): set issuer: in the front matter');
    if (mark.length > 1) ordered.mark = mark;
  }
  for (const k of ['number', 'title', 'to', 'signature', 'date', 'note', 'attachments', 'cc', 'printer', 'printed', 'signers']) ordered[k] = fields[k];
  if (ordered.signature !== undefined && String(ordered.signature) === issuer) delete ordered.signature;
  if (!fields.title) warnings.push('no title found: set title: in the front matter');
  if (!fields.number && isNotice) warnings.push('no 发文字号 found (like 国科火字〔2020〕191号) near the top');

  const body = bodyMarkdown(main.slice(0, j), warnings);
  return { text: `${frontMatter(ordered)}\n\n${body}\n`, annexes, warnings };
}
