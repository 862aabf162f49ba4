// Markdown → model blocks, from markdown-it tokens (never from HTML). markdown-it runs with
// html enabled only so that raw HTML is *recognised* and refused with its position.

import { createRequire } from 'node:module';
import type MarkdownItType from 'markdown-it';
import type { Token } from 'markdown-it';
import type { DiagnosticBag } from '../diagnostics/diagnostic.js';
import type { Block, CellAlign, HeadingLevel, Place, Run, TableBlock, TableCell } from './types.js';
import { LEVEL_NAMES, LevelCounter, numberText, stripTypedNumber, typedNumber } from './numbering.js';
import { figureBlock, type FigureContext } from './figures.js';

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
  /** Lines of the Markdown that come from the template rather than the content file. */
  lineMap?: (mdLine: number) => number;
  /** Level of the heading the Markdown stands under (a 申报书's chapter 二 holds a body of `##`). */
  startLevel?: number;
  /** Where images are found; without it (templates) an image is an error. */
  figures?: FigureContext;
}

const OWN_NUMBERING = /^\s*第[一二三四五六七八九十百零〇\d]+[章节编部篇]/;

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/;

/** The block's lines in its file: from its first line to its last (markdown-it's map). */
function place(ctx: MarkdownContext, tok: Token | undefined): Place {
  const at = (mdLine: number) => (ctx.lineMap ? ctx.lineMap(mdLine) : ctx.firstLine + mdLine);
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
        link = safeLink(String(c.attrGet('href') ?? ''));
        if (!link) {
          const p = place(ctx, tok);
          ctx.bag.warn('link', `链接地址「${c.attrGet('href')}」不是 http(s) 或 mailto 地址，只保留文字：写完整网址，如 https://www.most.gov.cn`, p.line, p.column, 'markdown');
        }
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
 * another level's style is reported (heading-number-level): it says which level it belongs to.
 */
function stripNumber(ctx: MarkdownContext, level: HeadingLevel, runs: Run[], p: Place, heading: boolean): Run[] {
  if (runs.length === 0) return runs;
  const found = typedNumber(level, runs[0].text);
  if (!found) return runs;
  if (found.level !== level) {
    const where = heading ? `这里是${LEVEL_NAMES[level].slice(0, 3)}标题（${'#'.repeat(level)}）` : `这里是${LEVEL_NAMES[level].slice(0, 3)}的编号项`;
    const fix = heading ? `改用 ${'#'.repeat(found.level)} 标题，或删去「${found.typed}」由 gongwen 编号` : `删去「${found.typed}」由 gongwen 编号`;
    ctx.bag.warn('heading-number-level', `「${found.typed}」是${LEVEL_NAMES[found.level]}的序号，${where}：${fix}`, p.line, p.column, 'markdown');
  }
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

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    switch (t.type) {
      case 'heading_open': {
        const depth = Number(t.tag.slice(1));
        const inline = tokens[i + 1];
        i += 2;
        const p = place(ctx, t);
        if (depth > 4) {
          ctx.bag.error('heading-depth', `${'#'.repeat(depth)} 是第 ${depth} 层标题，公文只有四层（一、（一）1.（1））：改用 #### 或写成正文段落`, p.line, 1, 'markdown');
          continue;
        }
        const level = depth as HeadingLevel;
        const runs = inlineRuns(ctx, inline);
        // Headings in the author's own scheme (第一章 总则, 第二节) keep their text and are not
        // counted: regulations and guidelines number chapters that way.
        if (OWN_NUMBERING.test(runs[0]?.text ?? '')) {
          blocks.push({ type: 'heading', level, number: '', runs, id: nextId(ctx), sequence: ctx.sequence, place: p });
          break;
        }
        if (level > headingLevel + 1 && level > 1) {
          ctx.bag.warn('heading-skip', `${'#'.repeat(level)} 标题前没有${headingLevel ? ` ${'#'.repeat(level - 1)} 标题（跳过了一层）` : '上一层标题'}：改为 ${'#'.repeat(headingLevel + 1)}，或补上缺少的一层`, p.line, 1, 'markdown');
        }
        headingLevel = level;
        headingTyped = !!stripTypedNumber(level, runs[0]?.text ?? '').typed;
        const n = ctx.counter.next(level);
        blocks.push({
          type: 'heading',
          level,
          number: numberText(level, n),
          runs: stripNumber(ctx, level, runs, p, true),
          id: nextId(ctx),
          sequence: ctx.sequence,
          place: p,
        });
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
        let runs = inlineRuns(ctx, inline);
        if (itemFirstParagraph && itemLevel) {
          runs = stripNumber(ctx, itemLevel, runs, p, false);
          blocks.push({ type: 'paragraph', runs, number: itemNumber, numberLevel: itemLevel, sequence: ctx.sequence, place: p });
        } else if (itemFirstParagraph && itemBullet) {
          blocks.push({ type: 'paragraph', runs, bullet: itemBullet, place: p });
        } else {
          blocks.push({ type: 'paragraph', runs, place: p });
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
        blocks.push(tableFrom(ctx, tokens.slice(i, end + 1)));
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

function tableFrom(ctx: MarkdownContext, toks: Token[]): TableBlock {
  const rows: (TableCell | null)[][] = [];
  const aligns: (CellAlign | undefined)[] = [];
  let headerRows = 0;
  let inHead = false;
  let row: (TableCell | null)[] | null = null;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.type === 'thead_open') inHead = true;
    else if (t.type === 'thead_close') inHead = false;
    else if (t.type === 'tr_open') row = [];
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
