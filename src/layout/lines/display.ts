// Line breaking of display text — 发文机关标志, document titles, annex titles, cover titles —
// as GB/T 9704 §7.3.1 asks: every line keeps words and meaning whole, the lines are shaped as a
// trapezoid or diamond, and no line holds one or two characters alone.
//
// How: jieba cuts the text into tagged words (segment.ts); words that must stay together are
// joined into units (a number and its 年, a 《》 or （） group that fits on a line, punctuation
// with its neighbour, 的 with what follows it). Every gap between units gets a price (below);
// a small dynamic programme chooses the breaks with the lowest total of prices, line shape and
// line count. Tuned on the 53 titles and 标志 of test/display-lines.test.ts, which are the
// breaks the seeds and a person set: phrase boundaries beat balance, balance beats nothing.
//
// A title reads 关于 + verb + object + matter + 的 + 文种 ("关于开展2021年创新型产业集群 /
// 评价推荐工作的通知"), so the good gaps are: after 、，；： or a closing bracket; before an
// opening bracket; before 关于 (issuer | matter); after an organisation name; between a noun
// and the action that follows it (集群 | 评价); before 的 + 文种. The bad ones are between two
// nouns (产业 | 集群: a compound) and next to 和/与/及. A 标志 is sized so that its widest line
// fits, so there balance weighs more (科学技术部火炬 / 高技术产业开发中心, seeds 000 and 001).
// A name — from 国家/省级/a place to the word that ends a body or programme (国家技术转移示范机构,
// 国家备案众创空间) — is torn only when no fitting break keeps it (issue 21), and two lines of
// 18 字 over 5 cost more than 7 over 16. Widths come from `widthOf` (default: the grid rule), so
// the PDF writer breaks with its fonts' real advances and the lines it draws always fit.

import { gridWidth } from '../measure/text-width.js';
import { spannedGaps, words, type Word } from './segment.js';

export interface DisplayOptions {
  /** Widest line, in characters of the text's own size. */
  maxWidth: number;
  /** 'mark': a 发文机关标志 (balance first); 'title': titles (phrases first). Default 'title'. */
  mode?: 'title' | 'mark';
  /** At least this many lines (a long 标志 is set on two). Default 1. */
  minLines?: number;
  /**
   * Width of a piece of text in the unit of `maxWidth`. Default: the grid rule (gridWidth: a CJK
   * character 1, Latin ½). The PDF writer passes its fonts' real advances, so that a line the
   * breaker lets through is a line the page can hold.
   */
  widthOf?: (text: string) => number;
}

interface Unit {
  text: string;
  width: number;
  first: Word;
  last: Word;
}

const OPENING = /^[“‘《（〔【「『(]/;
const CLOSING = /^[，。、；：？！”’》）〕】」』…—)·]/;
const ENDS_OPENING = /[“‘《（〔【「『(]$/;
const GOOD_AFTER = /[，。、；：？！》）〕】」』)\s]$/;
const DIGITS = /^[0-9０-９.]+$/;
const MEASURE = /^[年月日号届次批个项家期度季]/;
const LATIN = /^[A-Za-z0-9.\-+/]+$/;
/** 文种 and the names of documents that end a title after 的. */
const DOC_KIND = /^的(通知|通报|意见|决定|报告|请示|批复|函|复函|纪要|公告|通告|决议|命令|公报|议案|办法|规定|方案|计划|规划|提纲|名单|指南|细则|说明|答复|实施意见|实施方案|若干意见|若干措施|指导意见)$/;
/** Ends of names: an organisation (科学技术部), or a place or body a matter is about (开发区, 基地, 集群). */
const ORG_END = /(部|委|厅|局|办|中心|政府|委员会|管委会|院|司|处|署|所|室|集团|公司|大学|学院|学校|银行|协会|学会|区|园|基地|集群)$/;
const NOUN_TAGS = new Set(['n', 'nr', 'nrt', 'ns', 'nt', 'nz', 'j', 'i', 'l', 'an', 'ng', 'eng', 's']);
const VERB_TAGS = new Set(['v', 'vn', 'vd', 'd', 'p', 'c']);
/** Words that begin the action part of a title even where jieba tags them nouns (评价/n). */
const ACTION = new Set(
  '评价 评审 评估 推荐 复核 认定 申报 验收 考核 备案 监测 统计 调查 检查 遴选 征集 公布 发布 建设 管理 培育 试点 实施 开展 组织 做好 加强 推进 促进 支持 印发 转发 修订 确定 调整 报送 进一步 有关 相关 规划 提纲 名单'.split(' '),
);
/** Verbs that publish a document: "关于印发 / 《……》的通知" is the canonical break. */
const PUBLISH = /(印发|转发|发布|公布|下达)$/;
const CONJUNCTION = /^(和|与|及|或|暨|并)$/;

const isNoun = (w: Word) => NOUN_TAGS.has(w.tag) && !ACTION.has(w.text);
const isAction = (w: Word) => ACTION.has(w.text) || VERB_TAGS.has(w.tag);

/** Price of a break between units a and b; `rest` is the text from b to the end; `spanned`: a dictionary word crosses the gap. */
function gapPrice(a: Unit, b: Unit, rest: string, spanned: boolean): number {
  return basePrice(a, b, rest) + (spanned ? 3 : 0);
}

function basePrice(a: Unit, b: Unit, rest: string): number {
  if (GOOD_AFTER.test(a.text)) return 0;
  if (b.text.startsWith('关于')) return 0;
  if (PUBLISH.test(a.text)) return 0;
  if (OPENING.test(b.text)) return 0.5;
  if (DOC_KIND.test(rest)) return 0.5;
  if (CONJUNCTION.test(a.last.text) || CONJUNCTION.test(b.first.text)) return 5;
  if (a.last.text === '关于') return 3;
  if (a.last.tag === 'nt' || (ORG_END.test(a.last.text) && isNoun(a.last))) return 1;
  if (b.first.text === '工作') return 3; // 知识产权 | 工作: the work belongs to what qualifies it
  if (MEASURE.test(a.last.text) && /[0-9０-９]/.test(a.text)) return 1; // 2021年度 | 国家……
  if (isNoun(a.last) && (ACTION.has(b.first.text) || b.first.tag === 'vn')) return 1;
  if (isNoun(a.last) && isAction(b.first)) return 1.5;
  if ((a.last.tag === 'v' || ACTION.has(a.last.text)) && b.first.tag !== 'v') return 2.5; // verb | object
  if (isNoun(a.last) && isNoun(b.first)) return 6;
  return 4;
}

/** Joins words that must stay together into units; groups that fit on a line stay whole. */
function unitsOf(text: string, maxWidth: number, widthOf: (s: string) => number): Unit[] {
  const ws = words(text);
  const units: Unit[] = [];
  const unit = (w: Word): Unit => ({ text: w.text, width: widthOf(w.text), first: w, last: w });
  const glue = (u: Unit, w: Word) => {
    u.text += w.text;
    u.width = widthOf(u.text);
    u.last = w;
  };
  for (const w of ws) {
    const prev = units[units.length - 1];
    const stick =
      prev &&
      (CLOSING.test(w.text) ||
        ENDS_OPENING.test(prev.text) ||
        prev.last.text === '的' ||
        (DIGITS.test(prev.last.text) && MEASURE.test(w.text)) ||
        (LATIN.test(prev.last.text) && LATIN.test(w.text)));
    if (stick || (prev && /^\s+$/.test(w.text))) glue(prev, w);
    else units.push(unit(w));
  }
  // A bracketed group (《…》, （…）) that fits on a line is one unit.
  const PAIRS: Record<string, string> = { '《': '》', '（': '）', '“': '”', '(': ')', '〔': '〕' };
  for (let i = 0; i < units.length; i++) {
    const open = units[i].text[0];
    const close = PAIRS[open];
    if (!close) continue;
    for (let j = i; j < units.length; j++) {
      if (!units[j].text.includes(close)) continue;
      const merged = units.slice(i, j + 1);
      const t = merged.map((u) => u.text).join('');
      if (j > i && widthOf(t) <= maxWidth) units.splice(i, j - i + 1, { text: t, width: widthOf(t), first: merged[0].first, last: merged[merged.length - 1].last });
      break;
    }
  }
  return units;
}

/** Words that open a name: the state, a level, a place (jieba's ns). */
const NAME_HEAD = /^(国家|省级|市级|全国|中国|中央)/;
/** Words that close one: an organisation, a body, a programme's kind (示范机构, 众创空间, 产业集群). */
const NAME_END = /(部|委|厅|局|办|中心|政府|委员会|管委会|院|司|署|集团|公司|大学|学院|银行|协会|学会|区|园|基地|集群|机构|空间|平台|企业|项目|计划|工程|实验室|孵化器|联盟)$/;
const NAME_STOP = /^(的|关于|和|与|及|或|暨|并|之)$/;
const NAME_MAX_CHARS = 16;

/**
 * Gaps (offsets into `text`) inside a name: from a head (国家, 湖南省) over the words that
 * follow to the first word that ends a name (国家技术转移示范机构, 国家备案众创空间,
 * 湖南省创新型产业集群). A name is a unit of meaning a reader must not find torn (issue 21:
 * "国家技术 / 转移示范机构"); names wider than a line are left to the other prices.
 */
function nameGaps(text: string, maxWidth: number, widthOf: (s: string) => number): Set<number> {
  const ws = words(text);
  const at: number[] = [];
  let o = 0;
  for (const w of ws) {
    at.push(o);
    o += w.text.length;
  }
  const gaps = new Set<number>();
  for (let i = 0; i < ws.length; i++) {
    if (!(NAME_HEAD.test(ws[i].text) || ws[i].tag === 'ns')) continue;
    for (let j = i + 1; j < ws.length; j++) {
      const w = ws[j];
      if (NAME_STOP.test(w.text) || w.tag === 'x' || w.tag === 'm' || !/^[\u4e00-\u9fff]+$/.test(w.text) || PUBLISH.test(w.text)) break;
      const name = text.slice(at[i], at[j] + w.text.length);
      if (name.length > NAME_MAX_CHARS || widthOf(name) > maxWidth) break;
      if (!NAME_END.test(w.text)) continue;
      for (let k = i + 1; k <= j; k++) gaps.add(at[k]);
      break;
    }
  }
  return gaps;
}

/** Units wider than a line are cut into characters (a price of 20 a cut): better a cut than an overflow. */
function explode(units: Unit[], maxWidth: number, widthOf: (s: string) => number): { units: Unit[]; inner: Set<number> } {
  const out: Unit[] = [];
  const inner = new Set<number>();
  for (const u of units) {
    if (u.width <= maxWidth) {
      out.push(u);
      continue;
    }
    [...u.text].forEach((c, k) => {
      if (k > 0) inner.add(out.length);
      const w: Word = { text: c, tag: 'x' };
      out.push({ text: c, width: widthOf(c), first: w, last: w });
    });
  }
  return { units: out, inner };
}

const EXTRA_LINE_PRICE = 6;
/** A break inside a name (国家技术 / 转移示范机构): taken only when no break that fits keeps it. */
const NAME_TEAR_PRICE = 8;
const STUB_RATIO = 0.35;
const STUB_PRICE = 3;
/** Real widths are sums of advances: a line that fits to a thousandth of a character fits. */
const FIT_EPSILON = 1e-6;
const SHORT_LINE_PRICE = 50;
/** A first line shorter than the next (关于印发 / 《……》的通知) is allowed, a trapezoid preferred. */
const UPSIDE_DOWN_PRICE = 0.5;

/**
 * Breaks one line of display text into lines of at most `maxWidth` characters (see the file
 * head). Text that fits stays on one line (unless `minLines` asks for more).
 */
function breakOne(text: string, opts: DisplayOptions): string[] {
  const { maxWidth } = opts;
  const widthOf = opts.widthOf ?? gridWidth;
  const minLines = opts.minLines ?? 1;
  const total = widthOf(text);
  if (total <= maxWidth + FIT_EPSILON && minLines <= 1) return [text];
  const { units, inner } = explode(unitsOf(text, maxWidth, widthOf), maxWidth, widthOf);
  const U = units.length;
  const pre = [0];
  for (const u of units) pre.push(pre[pre.length - 1] + u.width);
  const suffixText: string[] = [];
  for (let i = U - 1, s = ''; i >= 0; i--) suffixText[i] = s = units[i].text + s;
  const spanned = spannedGaps(text);
  const named = opts.mode === 'mark' ? new Set<number>() : nameGaps(text, maxWidth, widthOf);
  const offset = [0];
  for (const u of units) offset.push(offset[offset.length - 1] + u.text.length);
  const gap = (j: number) => (inner.has(j) ? 20 : gapPrice(units[j - 1], units[j], suffixText[j], spanned[offset[j]]) + (named.has(offset[j]) ? NAME_TEAR_PRICE : 0));
  const width = (i: number, j: number) => pre[j] - pre[i];
  const nMin = Math.max(minLines, Math.ceil(total / maxWidth - 1e-9));
  let best: { cost: number; cuts: number[] } | undefined;
  for (let n = nMin; n <= Math.min(nMin + 2, U); n++) {
    const mean = total / n;
    const shape = (w: number) => (opts.mode === 'mark' ? 0.5 * (w - mean) ** 2 : 0.3 * Math.abs(w - mean)) + (w <= 2 && total > 2 ? SHORT_LINE_PRICE : 0);
    // cost[k][i][j]: lines 0..k placed, line k = units i..j-1.
    type Cell = { cost: number; from: number };
    const table: Map<number, Cell>[] = [];
    const key = (i: number, j: number) => i * (U + 1) + j;
    table[0] = new Map();
    for (let j = 1; j <= U - (n - 1); j++) {
      if (width(0, j) > maxWidth + FIT_EPSILON) break;
      table[0].set(key(0, j), { cost: shape(width(0, j)), from: -1 });
    }
    for (let k = 1; k < n; k++) {
      table[k] = new Map();
      for (const [kk, cell] of table[k - 1]) {
        const i = Math.floor(kk / (U + 1));
        const j = kk % (U + 1);
        const wPrev = width(i, j);
        for (let l = j + 1; l <= U - (n - 1 - k); l++) {
          const w = width(j, l);
          if (w > maxWidth + FIT_EPSILON) break;
          const diamond = n === 3 && k === 1;
          const order = w > wPrev + 0.5 && !diamond ? UPSIDE_DOWN_PRICE : 0;
          // 18 字 over 5 (§7.3.1: lines of sensible lengths): a last line under a third of the one above.
          const stub = n === 2 && opts.mode !== 'mark' && w < STUB_RATIO * wPrev ? STUB_PRICE : 0;
          const c = cell.cost + gap(j) + shape(w) + order + stub;
          const at = key(j, l);
          const old = table[k].get(at);
          if (!old || c < old.cost) table[k].set(at, { cost: c, from: kk });
        }
      }
    }
    for (const [kk, cell] of table[n - 1]) {
      if (kk % (U + 1) !== U) continue;
      const cost = cell.cost + (n - nMin) * EXTRA_LINE_PRICE;
      if (best && cost >= best.cost) continue;
      const cuts: number[] = [];
      let at = kk;
      for (let k = n - 1; k > 0; k--) {
        cuts.unshift(Math.floor(at / (U + 1)));
        at = table[k].get(at)!.from;
      }
      best = { cost, cuts };
    }
  }
  if (!best) return [text];
  const bounds = [0, ...best.cuts, U];
  const out: string[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) out.push(units.slice(bounds[k], bounds[k + 1]).map((u) => u.text).join('').trim());
  return out;
}

/**
 * Breaks display text into lines. Lines the author forced ("\n" in the text, or a list given
 * line by line) are kept; each is broken further only when it is wider than `maxWidth`.
 */
export function breakDisplay(text: string | string[], opts: DisplayOptions): string[] {
  const parts = (Array.isArray(text) ? text : text.split('\n')).map((s) => s.trim()).filter(Boolean);
  if (parts.length > 1) return parts.flatMap((p) => breakOne(p, { ...opts, minLines: 1 }));
  return parts.length ? breakOne(parts[0], opts) : [];
}
