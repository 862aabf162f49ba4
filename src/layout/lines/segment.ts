// Word segmentation for line breaking: @node-rs/jieba (a dictionary segmenter; its binary ships
// in the npm package). Intl.Segmenter is not enough: it has no part-of-speech tags, which the
// display breaker needs to tell a phrase boundary (集群 | 评价) from a compound (产业 | 集群).
// Loaded lazily, once: the dictionary takes about 0.1 s to load, a build without display text
// or tables never pays it, and a text segmented by an earlier build is answered from the user's
// cache folder (segment-store.ts) without it.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { BoundedMemo } from '../../util/bounded-memo.js';
import { tracedSync } from '../../util/trace.js';
import { store, stored } from './segment-store.js';

export interface Word {
  text: string;
  /** jieba's part-of-speech tag: n noun, nt organisation, ns place, v verb, vn verbal noun, m number, x punctuation… */
  tag: string;
}

interface JiebaLike {
  tag(text: string, hmm?: boolean): { word: string; tag: string }[];
  cutAll(text: string): string[];
}

let jieba: JiebaLike | undefined;

function segmenter(): JiebaLike {
  jieba ??= tracedSync('layout: jieba dictionary', () => {
    const require = createRequire(import.meta.url);
    const { Jieba } = require('@node-rs/jieba') as { Jieba: { withDict(d: Uint8Array): JiebaLike } };
    // dict.txt itself: @node-rs/jieba/dict also reads idf.txt (6 MB), which tagging never uses.
    return Jieba.withDict(readFileSync(require.resolve('@node-rs/jieba/dict.txt')));
  });
  return jieba;
}

/** Cache of segmented texts: a batch sets the same 标志, titles and cell values again and again. */
const CACHE_MAX = 20000;
const cache = new BoundedMemo<string, Word[]>(CACHE_MAX);

/** The words of `text` with their tags, in order; their texts join back to `text`. */
export function words(text: string): Word[] {
  let w = cache.get(text);
  if (!w) {
    const kept = stored(text)?.tags;
    if (kept) w = kept.map(([word, tag]) => ({ text: word, tag }));
    else {
      w = segmenter()
        .tag(text, false)
        .map((t) => ({ text: t.word, tag: t.tag }));
      store(text, { tags: w.map((x) => [x.text, x.tag]) });
    }
    // jieba drops nothing, but guard: if the words do not join back, fall back to characters.
    if (w.map((x) => x.text).join('') !== text) w = [...text].map((c) => ({ text: c, tag: 'x' }));
    cache.set(text, w);
  }
  return w;
}

/**
 * For each gap of `text` (gap k lies before the k-th UTF-16 unit), whether a dictionary word
 * spans it: 特色产业|基地 is spanned by 产业基地, a sign of a compound the best cut split.
 * `ignoreWhole`: the text itself does not count (to find the parts of a long name: 上海市 | 浦东新区).
 */
export function spannedGaps(text: string, ignoreWhole = false): boolean[] {
  const spanned = new Array<boolean>(text.length + 1).fill(false);
  let cursor = 0;
  let all = stored(text)?.cut;
  if (!all) store(text, { cut: (all = segmenter().cutAll(text)) });
  for (const w of all) {
    const at = text.indexOf(w, cursor);
    if (at < 0 || (ignoreWhole && w.length === text.length)) continue;
    cursor = at;
    for (let k = at + 1; k < at + w.length; k++) spanned[k] = true;
  }
  return spanned;
}
