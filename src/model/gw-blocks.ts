// gongwen blocks: fenced ```gw:NAME blocks that templates write for the parts of a 公文 that
// Markdown has no syntax for (版头, 标题, 主送, 附件说明, 署名, 附注, 附件 label…). Their content
// is JSON (written by the `json` helper, so any value is safely quoted) or YAML.

import { parse as parseYaml } from 'yaml';
import type { DiagnosticBag } from '../diagnostics/diagnostic.js';
import { BoundedMemo } from '../util/bounded-memo.js';
import type { Block, Place, SignatureBlock } from './types.js';

export type ExtraGwHandler = (content: unknown, place: Place) => Block[] | undefined;

function asStrings(v: unknown): string[] {
  if (v == null) return [];
  if (Array.isArray(v)) return v.map((x) => String(x));
  return [String(v)];
}

/** Display text as the author wrote it: a list line by line, or one text with "\n" forced breaks. The layout stage fills the lines. */
function displayLines(v: unknown): string[] {
  const parts = Array.isArray(v) ? asStrings(v) : asString(v).split('\n');
  return parts.map((s) => s.trim()).filter(Boolean);
}

function asString(v: unknown): string {
  return v == null ? '' : String(v);
}

/**
 * The signature a template writes: names and date only. A seal never comes from a template (its
 * image is the office's own, read by the kind from the front matter), so a kind that seals
 * answers gw:signature itself and adds the seal to this.
 */
export function signatureFromGw(value: unknown): SignatureBlock {
  const obj = (value && typeof value === 'object' && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
  return { type: 'signature', names: asStrings(obj.names), date: asString(obj.date) };
}

/**
 * A gw block's content by its text, across the documents of a process: a batch's notices write
 * the same 版头, 署名 and 附件说明 blocks in every document, and the YAML parser took a notice
 * 1 ms for its blocks. Each caller gets its own copy (a handler may change what it is given);
 * short texts only, at most MAX_KEPT of them.
 */
const MAX_KEPT = 1024;
const parsed = new BoundedMemo<string, unknown>(MAX_KEPT);
const MAX_KEPT_LENGTH = 4096;

function readGwContent(content: string): unknown {
  if (content.length > MAX_KEPT_LENGTH) return parseGw(content);
  let value = parsed.get(content);
  if (value === undefined) value = parsed.set(content, parseGw(content));
  return structuredClone(value);
}

/**
 * A gw block's YAML; JSON.parse's answer when the text is JSON that YAML reads alike. The
 * templates write their values with {{json …}}, and a batch's 版头, 标题 and 主送 differ in
 * every document: the YAML parser took 0.35 ms of a 3.4 ms compile for them, JSON.parse a
 * fiftieth of that. YAML reads JSON as JSON does but refuses a key written twice, where
 * JSON.parse keeps the last; and a number of more than 15 digits is left to YAML's rounding.
 */
export function parseGw(content: string): unknown {
  const pairs = jsonPairs(content);
  if (pairs !== undefined) {
    let value: unknown;
    let same = false;
    try {
      value = JSON.parse(content);
      same = keysIn(value) === pairs;
    } catch {
      // not JSON, or nested past the stack: YAML's answer (or its error)
    }
    if (same) return value;
  }
  return parseYaml(content, { customTags: [] });
}

/** The colons outside strings (a JSON text's key–value pairs); undefined for a long number. */
function jsonPairs(text: string): number | undefined {
  let pairs = 0;
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      digits = 0;
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x3a) pairs++;
    else if (c >= 0x30 && c <= 0x39) {
      if (++digits > 15) return undefined;
    } else digits = 0;
  }
  return pairs;
}

function keysIn(v: unknown): number {
  if (!v || typeof v !== 'object') return 0;
  let n = 0;
  if (Array.isArray(v)) for (const x of v) n += keysIn(x);
  else for (const k of Object.keys(v)) n += 1 + keysIn((v as Record<string, unknown>)[k]);
  return n;
}

/**
 * Makes the handler markdownToBlocks calls for each gw block. `extra` answers blocks the
 * kind supplies itself (gw:body, gw:list-table), looked up before the built-in ones.
 */
export function gwHandler(bag: DiagnosticBag, extra: Record<string, ExtraGwHandler> = {}) {
  return (name: string, content: string, place: Place): Block[] => {
    let value: unknown;
    try {
      value = content.trim() === '' ? null : readGwContent(content);
    } catch (err) {
      bag.add({ file: place.file, line: place.line, column: 1, severity: 'error', ruleId: 'gw-block', message: `模板中 gw:${name} 块的内容无法读取：用 {{json 字段}} 写入值（${(err as Error).message.split('\n')[0]}）`, source: 'template' });
      return [];
    }
    if (extra[name]) return extra[name](value, place) ?? [];
    const blocks = builtIn(name, value, place, bag);
    for (const b of blocks) if (b.type !== 'pageBreak' && !b.place) b.place = place;
    return blocks;
  };
}

function builtIn(name: string, value: unknown, place: Place, bag: DiagnosticBag): Block[] {
  {
    const obj = (value && typeof value === 'object' && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
    switch (name) {
      case 'red-header':
        return [
          {
            type: 'redHeader',
            lines: asStrings(obj.lines),
            suffix: asString(obj.suffix),
            number: obj.number ? asString(obj.number) : undefined,
            signers: obj.signers ? asStrings(obj.signers) : undefined,
            copyNumber: obj.copyNumber ? asString(obj.copyNumber) : undefined,
            secrecy: obj.secrecy ? asString(obj.secrecy) : undefined,
            urgency: obj.urgency ? asString(obj.urgency) : undefined,
          },
        ];
      case 'title':
      case 'annex-title': {
        const lines = displayLines(value);
        return lines.length ? [{ type: 'title', lines, variant: name === 'title' ? 'document' : 'annex' }] : [];
      }
      case 'recipients':
        return value ? [{ type: 'recipients', text: asString(value) }] : [];
      case 'attachment-note':
        return asStrings(value).length ? [{ type: 'attachmentNote', items: asStrings(value) }] : [];
      case 'signature':
        return [signatureFromGw(value)];
      case 'note':
        return value ? [{ type: 'note', text: asString(value) }] : [];
      case 'annex-label':
        return value ? [{ type: 'annexLabel', text: asString(value) }] : [];
      case 'page-break':
        return [{ type: 'pageBreak' }];
      case 'cover':
        return [{
          type: 'cover',
          title: displayLines(obj.title),
          author: obj.author ? asString(obj.author) : undefined,
          date: obj.date ? asString(obj.date) : undefined,
          ...(obj.info ? { info: asStrings(obj.info) } : {}),
          ...(obj.statement ? { statement: asString(obj.statement) } : {}),
        }];
      case 'toc':
        return [{ type: 'toc', title: asString(obj.title) || '目　录', depth: (Number(obj.depth) || 2) as 1 | 2 | 3 | 4 }];
      default:
        bag.add({ file: place.file, line: place.line, column: 1, severity: 'error', ruleId: 'gw-block', message: `模板中的 gongwen 块「gw:${name}」不存在：检查块名的拼写`, source: 'template' });
        return [];
    }
  }
}
