// A small XML reader for SVG: elements, attributes, text; no DTD, no entities beyond the five
// predefined ones and character references, no processing of anything external. Small on
// purpose: an SVG is refused, not interpreted, at the first construct a word processor or a
// browser could use to reach outside the file (an external DTD, an entity, a CDATA script).

export interface XmlElement {
  name: string;
  attrs: Map<string, string>;
  children: XmlNode[];
  /** Offset of the element's `<` in the text (for the line of a message). */
  at: number;
}
export type XmlNode = XmlElement | string;

/** A construct the reader refuses or cannot read; `offset` is into the text. */
export class XmlError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
const SPACE = /\s*/y;

function decodeEntities(s: string, at: number): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);|&/g, (m, ref: string | undefined) => {
    if (!ref) throw new XmlError('a bare & (write &amp;)', at);
    if (ref[0] === '#') {
      const cp = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!(cp > 0 && cp <= 0x10ffff)) throw new XmlError(`an invalid character reference ${m}`, at);
      return String.fromCodePoint(cp);
    }
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    if (!(ref in named)) throw new XmlError(`an entity reference ${m} (entities are not read)`, at);
    return named[ref];
  });
}

/** Parses `text` into its root element. `maxNodes`/`maxDepth` bound what the reader builds. */
export function parseXml(text: string, limits: { maxNodes: number; maxDepth: number }): XmlElement {
  let i = 0;
  let nodes = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const fail = (m: string, at = i): never => {
    throw new XmlError(m, at);
  };
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const textEnd = lt === -1 ? text.length : lt;
    if (textEnd > i) {
      const chunk = text.slice(i, textEnd);
      if (stack.length) stack[stack.length - 1].children.push(decodeEntities(chunk, i));
      else if (chunk.trim()) fail('text outside the root element');
      i = textEnd;
      continue;
    }
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end === -1) fail('an unclosed comment');
      i = end + 3;
    } else if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      if (end === -1) fail('an unclosed <?…?>');
      i = end + 2;
    } else if (text.startsWith('<![CDATA[', i)) {
      const end = text.indexOf(']]>', i + 9);
      if (end === -1) fail('an unclosed CDATA section');
      if (!stack.length) fail('CDATA outside the root element');
      stack[stack.length - 1].children.push(text.slice(i + 9, end));
      i = end + 3;
    } else if (text.startsWith('<!', i)) {
      fail(/^<!DOCTYPE/i.test(text.slice(i, i + 9)) ? 'a DOCTYPE (DTD)' : 'a <!…> declaration');
    } else if (text[i + 1] === '/') {
      NAME.lastIndex = i + 2;
      const m = NAME.exec(text);
      if (!m) fail('a malformed closing tag');
      const open = stack.pop();
      if (!open || open.name !== m![0]) fail(`</${m![0]}> does not close <${open?.name ?? '…'}>`);
      const gt = text.indexOf('>', NAME.lastIndex);
      if (gt === -1) fail('an unclosed tag');
      i = gt + 1;
      if (stack.length === 0) root = open;
    } else {
      const start = i;
      NAME.lastIndex = i + 1;
      const m = NAME.exec(text);
      if (!m) fail('a malformed tag');
      const el: XmlElement = { name: m![0], attrs: new Map(), children: [], at: start };
      if (++nodes > limits.maxNodes) fail(`more than ${limits.maxNodes} elements`, start);
      i = NAME.lastIndex;
      let selfClosing = false;
      for (;;) {
        SPACE.lastIndex = i;
        SPACE.exec(text);
        i = SPACE.lastIndex;
        if (text.startsWith('/>', i)) {
          selfClosing = true;
          i += 2;
          break;
        }
        if (text[i] === '>') {
          i++;
          break;
        }
        NAME.lastIndex = i;
        const a = NAME.exec(text);
        if (!a) fail(`a malformed attribute in <${el.name}>`);
        i = NAME.lastIndex;
        SPACE.lastIndex = i;
        SPACE.exec(text);
        i = SPACE.lastIndex;
        if (text[i] !== '=') fail(`attribute ${a![0]} without a value`);
        i++;
        SPACE.lastIndex = i;
        SPACE.exec(text);
        i = SPACE.lastIndex;
        const q = text[i];
        if (q !== '"' && q !== "'") fail(`attribute ${a![0]} without quotes`);
        const end = text.indexOf(q, i + 1);
        if (end === -1) fail(`attribute ${a![0]} is not closed`);
        if (el.attrs.has(a![0])) fail(`attribute ${a![0]} given twice`);
        el.attrs.set(a![0], decodeEntities(text.slice(i + 1, end), i));
        i = end + 1;
      }
      if (stack.length) stack[stack.length - 1].children.push(el);
      else if (root) fail('a second root element', start);
      if (selfClosing) {
        if (!stack.length) root = el;
      } else {
        stack.push(el);
        if (stack.length > limits.maxDepth) fail(`elements nested more than ${limits.maxDepth} deep`, start);
      }
    }
  }
  if (stack.length) fail(`<${stack[stack.length - 1].name}> is not closed`);
  if (!root) fail('no root element');
  return root!;
}

const escAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const escText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Writes an element back as XML text. */
export function serializeXml(el: XmlElement): string {
  const parts: string[] = [];
  const walk = (e: XmlElement) => {
    parts.push(`<${e.name}`);
    for (const [k, v] of e.attrs) parts.push(` ${k}="${escAttr(v)}"`);
    if (!e.children.length) {
      parts.push('/>');
      return;
    }
    parts.push('>');
    for (const c of e.children) typeof c === 'string' ? parts.push(escText(c)) : walk(c);
    parts.push(`</${e.name}>`);
  };
  walk(el);
  return parts.join('');
}

/** 1-based line of `offset` in `text`. */
export function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let k = text.indexOf('\n'); k !== -1 && k < offset; k = text.indexOf('\n', k + 1)) n++;
  return n;
}
