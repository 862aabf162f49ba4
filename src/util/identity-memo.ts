// A pure function of an object, kept as long as that object lives: the layout stage's answer
// for a block it has seen (a batch's documents share their unchanged blocks by identity:
// kinds/shared-parts.ts, pipeline/blocks-by-content.ts). Each object keeps its last few answers,
// by the other arguments compared with === (numbers, strings, the book's metrics object): a
// table is measured at two widths at most (portrait, landscape) and with two metrics (the
// grid's, the book's), so four are kept.
//
// Why: a batch of 1,000 notices with the same 52-row list annexed measured, allocated, counted
// and drew that list 1,000 times: 30 % of a document's time (bench/run.js --batch; without the
// annex a notice took 11.9 ms, with it 16.0). A memo that holds only by identity costs a single
// build nothing and can't grow past what the documents themselves hold alive.
//
// A big object is not kept (`keep`): a 100,000-row list's allocated copy is hundreds of MB, and a
// single build lets it go between the DOCX and the PDF (pipeline/build.ts prepared).
//
// What it demands: the key object and the answer are never changed after. The model's blocks
// are not (every stage makes new objects: layout/index.ts applyFacts, prepareLayout).

const KEEP = 4;

export function memoByIdentity<K extends object, A extends readonly unknown[], R>(fn: (key: K, ...args: A) => R, keep: (key: K) => boolean = () => true): (key: K, ...args: A) => R {
  const memo = new RecentByObject<K, { args: A; result: R }>(KEEP);
  return (key: K, ...args: A): R => {
    if (!keep(key)) return fn(key, ...args);
    const hit = memo.find(key, (e) => sameElements(e.args, args));
    if (hit) return hit.result;
    const result = fn(key, ...args);
    memo.add(key, { args, result });
    return result;
  };
}

/** The last few entries kept for each object, as long as it lives. */
export class RecentByObject<K extends object, E> {
  private readonly kept = new WeakMap<K, E[]>();

  constructor(private readonly keep: number) {}

  find(key: K, match: (e: E) => boolean): E | undefined {
    return this.kept.get(key)?.find(match);
  }

  /** Keeps `e` for `key`, forgetting the oldest past `keep`. */
  add(key: K, e: E): void {
    let list = this.kept.get(key);
    if (!list) this.kept.set(key, (list = []));
    if (list.length >= this.keep) list.shift();
    list.push(e);
  }
}

/** Whether two lists hold the same elements (===) in the same order. */
export function sameElements(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Tables a batch's documents share are short (an annex list, a form); a long list is built once. */
export const SHARED_TABLE_MAX_ROWS = 2000;
export const sharedTable = (t: { rows: readonly unknown[] }): boolean => t.rows.length <= SHARED_TABLE_MAX_ROWS;
