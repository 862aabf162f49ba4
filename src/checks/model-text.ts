// The document's text that is not in its content file, as segments the text rules read:
// - what a template wrote (templates/notice/notice.hbs: headings, paragraphs, tables), at the
//   template's line and column (found in the template file; the rendered line when not);
// - what a batch record put in through {{…}}: each value the document shows is checked once,
//   at its data cell (data file, row, column), so that a 半角 comma or a 文号 with [] in a record
//   is reported where it must be fixed, with the record's row.
// The content file's own text is read from the file itself (text.ts), with exact positions;
// front-matter values shown by a template (title, 主送, 署名) are checked there, not again here.

import { readFileSync } from 'node:fs';
import type { Block, DocumentModel, Run } from '../model/types.js';
import { hasChinese, maskInline, type Segment } from './text.js';

/** Where a batch record came from: its data file, its row, the file's columns in order. */
export interface RecordOrigin {
  file: string;
  row: number;
  columns: string[];
  values: Record<string, unknown>;
}

const runsText = (runs: Run[]) => runs.map((r) => r.text).join('');

/** Lines of text a block shows, with the block's own place. */
function blockTexts(b: Block): string[] {
  switch (b.type) {
    case 'heading':
    case 'paragraph':
      return runsText(b.runs).split('\n');
    case 'table':
      return b.rows.flat().flatMap((c) => (c ? c.paragraphs.map(runsText) : []));
    case 'title':
    case 'cover':
      return b.type === 'title' ? [b.lines.join('')] : [b.title.join('')];
    case 'recipients':
    case 'note':
    case 'annexLabel':
      return [b.text];
    case 'signature':
      return [...b.names, b.date];
    case 'attachmentNote':
      return b.items;
    case 'redHeader':
      return [...b.lines, b.number ?? ''];
    default:
      return [];
  }
}

const blanks = (s: string) => ' '.repeat(s.length);

/** Replaces every occurrence of the values (longest first) with spaces, keeping length. */
function maskValues(text: string, values: string[]): string {
  let out = text;
  for (const v of values) if (v) out = out.split(v).join(blanks(v));
  return out;
}

/** Template files read for one document (read again for the next: they may have changed). */
type FileCache = Map<string, string[] | null>;

function linesOf(fileLines: FileCache, file: string): string[] | null {
  if (!fileLines.has(file)) {
    try {
      fileLines.set(file, readFileSync(file, 'utf8').split('\n'));
    } catch {
      fileLines.set(file, null);
    }
  }
  return fileLines.get(file)!;
}

/** Line and column of `text` in the template file, searched from the rendered line. */
function inTemplate(cache: FileCache, file: string, text: string, near: number): { line: number; column: number } | undefined {
  const lines = linesOf(cache, file);
  const probe = text.trim().slice(0, 12);
  if (!lines || probe.length < 2) return undefined;
  let best: { line: number; column: number } | undefined;
  lines.forEach((l, i) => {
    const at = l.indexOf(probe);
    if (at < 0) return;
    if (!best || Math.abs(i + 1 - near) < Math.abs(best.line - near)) best = { line: i + 1, column: [...l.slice(0, at)].length + 1 - [...text.slice(0, text.indexOf(probe))].length };
  });
  return best;
}

/**
 * Segments for the text rules: record values the document shows, then template text.
 * `contentFiles` are the display paths of the content files (their text is read from them);
 * `frontValues` the front matter's string values (checked at their fields).
 */
export function modelSegments(model: DocumentModel, opts: { contentFiles: ReadonlySet<string>; frontValues: string[]; record?: RecordOrigin }): Segment[] {
  const out: Segment[] = [];
  let para = 2_000_000;
  const blocks = model.sections.flatMap((s) => s.blocks);
  const shown = blocks.flatMap(blockTexts).join('\n');

  const recordValues: string[] = [];
  if (opts.record) {
    const { file, row, columns, values } = opts.record;
    for (const [key, raw] of Object.entries(values)) {
      if (key.startsWith('_') || typeof raw !== 'string') continue;
      const v = raw.trim();
      if (!v || !hasChinese(v) || !shown.includes(v)) continue;
      recordValues.push(v);
      const column = columns.indexOf(key) + 1 || 1;
      para++;
      for (const line of v.split('\n')) {
        out.push({ text: maskInline(line), raw: line, line: row, column, para, where: 'field', field: [key], blockStart: true, contentStart: 0, file, cell: true });
      }
    }
  }

  const cache: FileCache = new Map();
  const known = [...recordValues, ...opts.frontValues.map((v) => v.trim()).filter((v) => v.length > 1)].sort((a, b) => b.length - a.length);
  for (const b of blocks) {
    if (b.type !== 'heading' && b.type !== 'paragraph' && b.type !== 'table') continue;
    const place = b.place;
    if (!place || opts.contentFiles.has(place.file)) continue;
    para++;
    for (const raw of blockTexts(b)) {
      const text = maskInline(maskValues(raw, known));
      if (!hasChinese(text)) continue;
      const at = inTemplate(cache, place.file, raw, place.line) ?? { line: place.line, column: place.column };
      out.push({ text, raw, line: at.line, column: at.column, para, where: 'body', blockStart: true, contentStart: 0, file: place.file });
    }
  }
  return out;
}
