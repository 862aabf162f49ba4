// Markdown → model blocks, from markdown-it tokens (never from HTML). markdown-it runs with
// html enabled only so that raw HTML is *recognised* and refused with its position.

import { createRequire } from 'node:module';
import type MarkdownItType from 'markdown-it';
import type { Token } from 'markdown-it';
import type { DiagnosticBag } from '../diagnostics/diagnostic.js';
import type { Block, CellAlign, Place, Run, TableBlock, TableCell } from './types.js';
import type { HeadingLevel } from '../profile/gbt9704.js';
import { LevelCounter, numberText, stripTypedNumber, typedNumber } from './numbering.js';
import { figureBlock, type FigureContext } from './figures.js';
import type { MappedOutput } from '../template/engine.js';
import { setTextSource, type TextSource } from './sources.js';
import { Locator } from './locate.js';

// markdown-it's CommonJS build: five files, where its ES build pulls entities as ten modules and
// punycode.js through Node's format detection (the same code; 20–40 ms less on a cold check).
const MarkdownIt = createRequire(import.meta.url)('markdown-it') as typeof MarkdownItType;
const md = new MarkdownIt({ html: true, linkify: false, typographer: false });

/** Handles a fenced ```gw:NAME block (template-generated structure); returns model blocks. */
export type GwBlockHandler = (name: string, content: string, place: Place) => Block[];

export interface MarkdownContext {
  file: string;
  /** File line of the Markdown's first line (1-based). */
  firstLine: number;
  bag: DiagnosticBag;
  /** Numbering sequence (body = 0, each annex its own). */
  sequence: number;
  counter: LevelCounter;
  /** Shared across calls so that ids stay unique in a document. */
  ids: { next: number };
  gw?: GwBlockHandler;
  /**
   * The Markdown as a template's output (a bound body, a kind's .hbs): the file line of each
   * of its lines and where each character came from. Without it, the Markdown is the file's
   * own text from `firstLine` on.
   */
  output?: MappedOutput;
  /** The Markdown is a template's (.hbs) text: its characters are not the content file's. */
  template?: boolean;
  /**
   * Where a {{field}}'s value is when it is not in this file: a batch record's data cell.
   * Values without one are checked where they are written (front matter) and masked here.
   */
  valueAt?: (field: string) => { file: string; line: number; column: number } | undefined;
  /** Level of the heading the Markdown stands under (a 申报书's chapter 二 holds a body of `##`). */
  startLevel?: number;
  /** Where images are found; without it (templates) an image is an error. */
  figures?: FigureContext;
}

const OWN_NUMBERING = /^\s*第[一二三四五六七八九十百零〇\d]+[章节编部篇]/;

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/;

/** The block's lines in its file: from its first line to its last (markdown-it's map). */
function place(ctx: MarkdownContext, tok: Token | undefined): Place {
  const at = (mdLine: number) => (ctx.output ? ctx.output.lineAt(mdLine + 1) : ctx.firstLine + mdLine);
  const line = at(tok?.map ? tok.map[0] : 0);
  const p: Place = { file: ctx.file, line, column: 1 };
  if (tok?.map && tok.map[1] - 1 > tok.map[0]) p.endLine = at(tok.map[1] - 1);
  return p;
}

function safeLink(href: string | null | undefined): string | undefined {
  if (!href) return undefined;
  return /^(https?:\/\/|mailto:)/i.test(href) ? href : undefined;
}

/** Inline tokens → runs. Soft line breaks between Chinese characters vanish (no space). */
function inlineRuns(ctx: MarkdownContext, tok: Token): Run[] {
  const runs: Run[] = [];
  let bold = 0;
  let italic = 0;
  let link: string | undefined;
  let htmlReported = false;
  const push = (text: string) => {
    if (!text) return;
    const r: Run = { text };
    if (bold) r.bold = true;
    if (italic) r.italic = true;
    if (link) r.link = link;
    const last = runs[runs.length - 1];
    if (last && !last.lineBreak && !!last.bold === !!r.bold && !!last.italic === !!r.italic && last.link === r.link) last.text += text;
    else runs.push(r);
  };
  const children = tok.children ?? [];
  for (let i = 0; i < children.length; i++) {
    const c = children[i];
    switch (c.type) {
      case 'text':
      case 'code_inline':
        push(c.content);
        break;
      case 'softbreak': {
        const prev = runs.length ? runs[runs.length - 1].text.slice(-1) : '';
        const next = children[i + 1]?.content?.charAt(0) ?? '';
        if (!(CJK.test(prev) || CJK.test(next))) push(' ');
        break;
      }
      case 'hardbreak':
        runs.push({ text: '\n', lineBreak: 'author' });
        break;
      case 'strong_open':
        bold++;
        break;
      case 'strong_close':
        bold--;
        break;
      case 'em_open':
        italic++;
        break;
      case 'em_close':
        italic--;
        break;
      case 'link_open':
        // Other addresses keep their text only (the link rule reports them).
        link = safeLink(String(c.attrGet('href') ?? ''));
        break;
      case 'link_close':
        link = undefined;
        break;
      case 'html_inline': {
        if (htmlReported) break;
        htmlReported = true; // one report per paragraph is enough
        const p = place(ctx, tok);
        ctx.bag.error('raw-html', `正文中不能写 HTML「${c.content.slice(0, 40)}」：改用 Markdown（**加粗**、表格）或删去`, p.line, p.column, 'markdown');
        break;
      }
      case 's_open':
      case 's_close':
        break;
      case 'image': {
        // Figures stand alone in their paragraph (handled by markdownToBlocks); inside text an
        // image has no place in a 公文 line.
        const p = place(ctx, tok);
        ctx.bag.error('figure', `图片「${c.attrGet('src') ?? ''}」须单独成段：图片前后各空一行`, p.line, p.column, 'markdown');
        break;
      }
      default:
        if (c.content) push(c.content);
    }
  }
  return runs;
}

/**
 * Removes the number an author typed ("一、", "1、", "（1）") from the first run, whichever
 * level's style it has: gongwen draws the number, so a heading never shows two. A number of
 * another level's style is the heading-number-level rule's to report (checks/rules).
 */
function stripNumber(level: HeadingLevel, runs: Run[]): Run[] {
  if (runs.length === 0) return runs;
  const found = typedNumber(level, runs[0].text);
  if (!found) return runs;
  return [{ ...runs[0], text: found.rest }, ...runs.slice(1)].filter((r) => r.text.length > 0);
}

/** The level whose numbers look like a Markdown ordered list's "1.". */
const AUTHOR_DOT_LEVEL = 3;

function nextId(ctx: MarkdownContext): string {
  ctx.ids.next += 1;
  return `h-${ctx.ids.next}`;
}

/**
 * Converts Markdown to blocks. Headings #..#### are the four levels of 结构层次序数; ordered
 * list items become paragraphs numbered in the style of the level below the current heading.
 */
export function markdownToBlocks(source: string, ctx: MarkdownContext): Block[] {
  const tokens = md.parse(source, {});
  const loc = new Locator(ctx, source);
  const blocks: Block[] = [];
  let headingLevel = ctx.startLevel ?? 0; // level of the last heading in this sequence
  // Stack of open lists: for ordered ones, the level their items are numbered at.
  const lists: { ordered: boolean; level: HeadingLevel }[] = [];
  /** Whether the author typed the number of the heading the text is under (一、 in "# 一、总体要求"). */
  let headingTyped = false;
  let itemFirstParagraph = false;
  let itemNumber: string | undefined;
  let itemLevel: HeadingLevel | undefined;
  let itemBullet: string | undefined;
  let itemMarker: TextSource['marker'];

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    switch (t.type) {
      case 'heading_open': {
        const depth = Number(t.tag.slice(1));
        const inline = tokens[i + 1];
        i += 2;
        const p = place(ctx, t);
        if (depth > 4) {
          // Public documents have four levels: the text stays, as a paragraph (heading-depth reports it).
          blocks.push(located({ type: 'paragraph', runs: inlineRuns(ctx, inline), place: p }, loc.block(inline), { depth }));
          continue;
        }
        // A level skipped (### right under #) is not printed as if it had been written ("三、" then
        // "1."): the heading takes the level below the one open, （一）, in both outputs; the
        // heading-skip check still warns. A first heading keeps its own level (a document may
        // start at ##). model/numbering.ts: levelFor.
        const level = ctx.counter.levelFor(depth as HeadingLevel);
        const written = loc.block(inline);
        const runs = inlineRuns(ctx, inline);
        // Headings in the author's own scheme (第一章 总则, 第二节) keep their text and are not
        // counted: regulations and guidelines number chapters that way.
        if (OWN_NUMBERING.test(runs[0]?.text ?? '')) {
          blocks.push(located({ type: 'heading', level, number: '', runs, id: nextId(ctx), sequence: ctx.sequence, place: p }, written, { depth }));
          break;
        }
        headingLevel = level;
        headingTyped = !!stripTypedNumber(level, runs[0]?.text ?? '').typed;
        const n = ctx.counter.next(level);
        blocks.push(
          located(
            {
              type: 'heading',
              level,
              number: numberText(level, n),
              runs: stripNumber(level, runs),
              id: nextId(ctx),
              sequence: ctx.sequence,
              place: p,
            },
            written,
            { depth },
          ),
        );
        break;
      }
      case 'paragraph_open': {
        const inline = tokens[i + 1];
        i += 2;
        const p = place(ctx, t);
        const kids = (inline.children ?? []).filter((c) => !(c.type === 'text' && !c.content.trim()) && c.type !== 'softbreak');
        if (kids.length === 1 && kids[0].type === 'image' && !itemFirstParagraph) {
          const img = kids[0];
          const alt = (img.children ?? []).map((c) => c.content).join('') || img.content;
          if (!ctx.figures) ctx.bag.error('figure', '图片只能写在内容文件的正文中', p.line, p.column, 'markdown');
          else {
            const fig = figureBlock(String(img.attrGet('src') ?? ''), alt, p, ctx.figures, ctx.bag);
            if (fig) blocks.push(fig);
          }
          break;
        }
        const written = loc.block(inline);
        let runs = inlineRuns(ctx, inline);
        const marker = itemFirstParagraph ? { marker: itemMarker } : {};
        if (itemFirstParagraph && itemLevel) {
          runs = stripNumber(itemLevel, runs);
          blocks.push(located({ type: 'paragraph', runs, number: itemNumber, numberLevel: itemLevel, sequence: ctx.sequence, place: p }, written, marker));
        } else if (itemFirstParagraph && itemBullet) {
          blocks.push(located({ type: 'paragraph', runs, bullet: itemBullet, place: p }, written, marker));
        } else {
          blocks.push(located({ type: 'paragraph', runs, place: p }, written));
        }
        itemFirstParagraph = false;
        break;
      }
      case 'ordered_list_open': {
        const parent = lists.filter((l) => l.ordered).slice(-1)[0];
        const base = parent ? parent.level : headingLevel || 2;
        // A list is numbered one level below its heading ("# 复核材料内容" then "1." gives （一）),
        // unless the author typed the heading's number: who writes "# 一、集群基本情况" numbers
        // by hand, and their "1." is GB/T 9704's third level as written (an annex's "1. 集群现状").
        const own = !parent && headingTyped && t.markup === '.' && base < AUTHOR_DOT_LEVEL;
        const level = (own ? AUTHOR_DOT_LEVEL : Math.min(4, base + 1)) as HeadingLevel;
        lists.push({ ordered: true, level });
        // A list that starts at 1 restarts the count; "3." continues from 3 (Markdown's start).
        const start = Number(t.attrGet('start') ?? 1);
        ctx.counter.set(level, Math.max(0, start - 1));
        break;
      }
      case 'bullet_list_open':
        lists.push({ ordered: false, level: (lists[lists.length - 1]?.level ?? (headingLevel || 2)) as HeadingLevel });
        break;
      case 'ordered_list_close':
      case 'bullet_list_close':
        lists.pop();
        break;
      case 'list_item_open': {
        const list = lists[lists.length - 1];
        itemFirstParagraph = true;
        itemMarker = undefined;
        if (list.ordered && t.map) {
          const text = t.info + t.markup;
          const off = (loc.lines[t.map[0]] ?? '').indexOf(text);
          if (off >= 0) itemMarker = { text, span: loc.span(t.map[0], off, text.length) };
        }
        if (list.ordered) {
          itemLevel = list.level;
          itemNumber = numberText(list.level, ctx.counter.next(list.level));
          itemBullet = undefined;
        } else {
          itemLevel = undefined;
          itemNumber = undefined;
          itemBullet = '•';
        }
        break;
      }
      case 'list_item_close':
        itemFirstParagraph = false;
        break;
      case 'table_open': {
        const end = tokens.findIndex((x, j) => j > i && x.type === 'table_close');
        blocks.push(tableFrom(ctx, loc, tokens.slice(i, end + 1)));
        i = end;
        break;
      }
      case 'fence': {
        const info = t.info.trim();
        const p = place(ctx, t);
        if (info.startsWith('gw:')) {
          if (!ctx.gw) {
            ctx.bag.error('gw-block', `这里不能用 gongwen 块「${info}」：删去该块，gw: 块只在模板中使用`, p.line, 1, 'markdown');
          } else blocks.push(...ctx.gw(info.slice(3).trim(), t.content, p));
        } else {
          for (const line of t.content.replace(/\n$/, '').split('\n')) {
            blocks.push({ type: 'paragraph', runs: [{ text: line }], indent: 'none', align: 'left', place: p });
          }
        }
        break;
      }
      case 'code_block': {
        const p = place(ctx, t);
        for (const line of t.content.replace(/\n$/, '').split('\n')) {
          blocks.push({ type: 'paragraph', runs: [{ text: line.trim() }], place: p });
        }
        break;
      }
      case 'hr':
        blocks.push({ type: 'pageBreak' });
        break;
      case 'html_block': {
        const p = place(ctx, t);
        ctx.bag.error('raw-html', `正文中不能写 HTML「${t.content.trim().slice(0, 40)}」：改用 Markdown（**加粗**、表格）或删去`, p.line, 1, 'markdown');
        break;
      }
      default:
        break;
    }
  }
  return blocks;
}

/** A block with where its text came from (model/sources.ts). */
function located<B extends Block>(block: B, written: TextSource | undefined, extra: Partial<TextSource> = {}): B {
  if (written) setTextSource(block, { ...written, ...extra });
  return block;
}

function tableFrom(ctx: MarkdownContext, loc: Locator, toks: Token[]): TableBlock {
  const rows: (TableCell | null)[][] = [];
  const aligns: (CellAlign | undefined)[] = [];
  let headerRows = 0;
  let inHead = false;
  let row: (TableCell | null)[] | null = null;
  let rowLine = -1;
  let rowAt = 0;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.type === 'thead_open') inHead = true;
    else if (t.type === 'thead_close') inHead = false;
    else if (t.type === 'tr_open') {
      row = [];
      rowLine = t.map ? t.map[0] : -1;
      rowAt = 0;
    }
    else if (t.type === 'tr_close') {
      if (row) rows.push(row);
      if (inHead) headerRows++;
      row = null;
    } else if ((t.type === 'th_open' || t.type === 'td_open') && row) {
      const style = String(t.attrGet('style') ?? '');
      const align = (/text-align:(left|center|right)/.exec(style)?.[1] as CellAlign | undefined) ?? undefined;
      if (rows.length === 0) aligns.push(align);
      const inline = toks[i + 1];
      const runs = inline?.type === 'inline' ? inlineRuns(ctx, inline) : [];
      if (inline?.type === 'inline' && rowLine >= 0) {
        const cell = loc.cell(inline, rowLine, rowAt);
        rowAt = cell.end;
        if (cell.source) setTextSource(runs, cell.source);
      }
      row.push({ paragraphs: [runs], align: inHead ? 'center' : align, bold: inHead ? undefined : undefined });
    }
  }
  // Equal shares until the layout stage measures the content (layout/measure/columns.ts).
  return {
    type: 'table',
    columns: aligns.map((a) => ({ share: 1 / aligns.length, align: a })),
    headerRows,
    rows,
    size: 'list',
    place: place(ctx, toks[0]),
  };
}
