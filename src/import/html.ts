// A small reader for the HTML mammoth writes (well-formed, a handful of tags), and the inline
// Markdown of its paragraphs. Link targets come from the file and are untrusted: only http(s)
// and mailto are kept, and every character that could end the target or start markup is
// percent-encoded, so a target with ")" or "](javascript:" stays inside its link (issue 23).

export interface El {
  tag: string;
  attrs: Record<string, string>;
  children: Node[];
}
export type Node = El | string;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e[0] !== '#') return ENTITIES[e] ?? m;
    const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1));
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
  });

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

export function escapeMd(s: string): string {
  return s.replace(/([\\`*_[\]<>|])/g, '\\$1').replace(/\{\{/g, '\\{{');
}

/** Characters a link target keeps as they are; everything else is percent-encoded. */
const URL_SAFE = /[A-Za-z0-9\-._~:/?#@!$&+,;=%]/;

/** A link target that is safe inside `(…)`, or undefined when it is not http(s) or mailto. */
export function safeLinkTarget(href: string): string | undefined {
  const t = href.trim();
  if (!/^(https?:\/\/[^\s/]|mailto:[^\s])/i.test(t)) return undefined;
  const chars = [...t];
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    const cp = ch.codePointAt(0)!;
    if (ch === '%') out += /^[0-9A-Fa-f]{2}$/.test(chars.slice(i + 1, i + 3).join('')) ? '%' : '%25';
    else if (cp < 0x80) out += URL_SAFE.test(ch) ? ch : `%${cp.toString(16).toUpperCase().padStart(2, '0')}`;
    else out += encodeURIComponent(ch);
  }
  return out;
}

export const textOf = (n: Node): string => (typeof n === 'string' ? n : n.tag === 'br' ? '' : n.children.map(textOf).join(''));
export const hasImage = (n: Node): boolean => typeof n !== 'string' && (n.tag === 'img' || n.children.some(hasImage));

export interface InlineSink {
  /** A link whose target was not kept (not http(s) or mailto). */
  droppedLink(text: string, href: string): void;
}

/** The Markdown of inline content: bold, emphasis, links; line breaks inside a paragraph joined. */
export function inline(nodes: Node[], sink?: InlineSink): string {
  let out = '';
  for (const n of nodes) {
    if (typeof n === 'string') out += escapeMd(n);
    else if (n.tag === 'br') continue;
    else if (n.tag === 'strong' || n.tag === 'b') out += wrap('**', inline(n.children, sink));
    else if (n.tag === 'em' || n.tag === 'i') out += wrap('*', inline(n.children, sink));
    else if (n.tag === 'a' && n.attrs.href !== undefined && !n.attrs.href.startsWith('#')) {
      const text = n.children.map(textOf).join('');
      const target = safeLinkTarget(n.attrs.href);
      // A "!" just before would make the link an image that loads the target.
      if (target && text.trim()) out = out.replace(/!$/, '\\!') + `[${escapeMd(text)}](${target})`;
      else {
        out += escapeMd(text);
        if (!target) sink?.droppedLink(text, n.attrs.href);
      }
    } else if (n.tag === 'ol' || n.tag === 'ul' || n.tag === 'table') continue;
    else out += inline(n.children, sink);
  }
  return out;
}

const wrap = (mark: string, s: string) => (s.trim() ? `${mark}${s}${mark}` : s);
