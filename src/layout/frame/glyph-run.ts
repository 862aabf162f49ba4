// The glyphs of a text run, held in columns (typed arrays) rather than an object per glyph.
//
// Why: a 100,000-row list draws 3.9 million glyphs on 7,693 pages. As objects ({gid, x, advance,
// text}, each number boxed by V8) a glyph cost about 100 bytes; here it is 24 (gid 4, x 8,
// advance 8, end of its text 4) in blocks shared by the runs of one layout, and a run's text is
// one string. Measured on the 10,000-row list (375,046 glyphs, heap and array buffers held by
// the pages after a full GC): 58.7 MiB as objects, 27.2 MiB in columns, the runs, rules and the
// rest of the pages included. The numbers are the same doubles, so the writers draw the same bytes. Writers read a run by index (`gid(i)`, `x(i)`…); `at(i)` and iterating
// give `PlacedGlyph` objects, made when asked, for code where a glyph as an object reads better
// than it costs (tests, a run's first or last glyph).

/**
 * One glyph of a text run, as an object: what `GlyphRun.at` gives and `glyphRun` takes. A run
 * holds its glyphs in columns (3.9 million glyph objects were 450 MB).
 */
export interface PlacedGlyph {
  /** Glyph id in the run's face (the face's own numbering, before any subsetting). */
  gid: number;
  /** Left edge of the glyph's advance box, in points from the run's x. */
  x: number;
  /** Advance the face gives this glyph at the run's size, in points (what PDF's W and OFD's DeltaX say). */
  advance: number;
  /**
   * The source text this glyph stands for: usually one character; several where one glyph
   * stands for several (a writer then adds ActualText); '' for a glyph that stands for none.
   */
  text: string;
}

/** One block of columns; runs are ranges of it. */
interface Block {
  gids: Uint32Array;
  xs: Float64Array;
  advances: Float64Array;
  /** End of each glyph's text in its run's `chars` (its start: the previous glyph's end, or 0). */
  ends: Uint32Array;
}

function block(size: number): Block {
  return { gids: new Uint32Array(size), xs: new Float64Array(size), advances: new Float64Array(size), ends: new Uint32Array(size) };
}

export class GlyphRun implements Iterable<PlacedGlyph> {
  /** @internal Made by a GlyphWriter. */
  constructor(
    private readonly b: Block,
    private readonly start: number,
    readonly length: number,
    /** The source text the run's glyphs stand for, in order: every glyph's `text` joined. */
    readonly chars: string,
  ) {}

  /** Glyph id in the run's face (the face's own numbering, before any subsetting). */
  gid(i: number): number {
    return this.b.gids[this.start + i];
  }

  /** Left edge of the glyph's advance box, in points from the run's x. */
  x(i: number): number {
    return this.b.xs[this.start + i];
  }

  /** Advance the face gives the glyph at the run's size, in points. */
  advance(i: number): number {
    return this.b.advances[this.start + i];
  }

  /** The source text the glyph stands for ('' for none; several characters for a ligature). */
  text(i: number): string {
    return this.chars.slice(i === 0 ? 0 : this.b.ends[this.start + i - 1], this.b.ends[this.start + i]);
  }

  /** Glyph `i` as an object (negative: from the end, as Array.at); undefined past the ends. */
  at(i: number): PlacedGlyph | undefined {
    const k = i < 0 ? this.length + i : i;
    if (k < 0 || k >= this.length) return undefined;
    return { gid: this.gid(k), x: this.x(k), advance: this.advance(k), text: this.text(k) };
  }

  *[Symbol.iterator](): Iterator<PlacedGlyph> {
    for (let i = 0; i < this.length; i++) yield this.at(i)!;
  }

  map<T>(fn: (g: PlacedGlyph, i: number) => T): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.length; i++) out.push(fn(this.at(i)!, i));
    return out;
  }

  filter(fn: (g: PlacedGlyph, i: number) => boolean): PlacedGlyph[] {
    const out: PlacedGlyph[] = [];
    for (let i = 0; i < this.length; i++) if (fn(this.at(i)!, i)) out.push(this.at(i)!);
    return out;
  }

  some(fn: (g: PlacedGlyph, i: number) => boolean): boolean {
    for (let i = 0; i < this.length; i++) if (fn(this.at(i)!, i)) return true;
    return false;
  }
}

/** Smallest and largest block: a notice's few thousand glyphs take little, a long list's blocks stay moderate. */
const FIRST_BLOCK = 1024;
const LAST_BLOCK = 1 << 16;

/**
 * Writes runs into blocks, one run at a time: `push` its glyphs, then `end` gives the run. One
 * writer per layout, so that a document's runs share its blocks (and go with it).
 */
export class GlyphWriter {
  private b = block(0);
  private size = FIRST_BLOCK / 2;
  private used = 0;
  private start = 0;
  /** The run's texts so far, joined at its end (one flat string, not a rope of a piece a glyph). */
  private readonly texts: string[] = [];
  private charCount = 0;

  push(gid: number, x: number, advance: number, text: string): void {
    if (this.used === this.b.gids.length) this.grow();
    const k = this.used++;
    this.b.gids[k] = gid;
    this.b.xs[k] = x;
    this.b.advances[k] = advance;
    this.texts.push(text);
    this.charCount += text.length;
    this.b.ends[k] = this.charCount;
  }

  /** The run of the glyphs pushed since the last `end`. */
  end(): GlyphRun {
    const run = new GlyphRun(this.b, this.start, this.used - this.start, this.texts.join(''));
    this.start = this.used;
    this.texts.length = 0;
    this.charCount = 0;
    return run;
  }

  /** A new block, the run so far moved into it (a run never straddles two blocks). */
  private grow(): void {
    const n = this.used - this.start;
    this.size = Math.min(LAST_BLOCK, this.size * 2);
    const next = block(Math.max(this.size, 2 * n + 1));
    next.gids.set(this.b.gids.subarray(this.start, this.used));
    next.xs.set(this.b.xs.subarray(this.start, this.used));
    next.advances.set(this.b.advances.subarray(this.start, this.used));
    next.ends.set(this.b.ends.subarray(this.start, this.used));
    this.b = next;
    this.start = 0;
    this.used = n;
  }
}

/** A run made from glyph objects (pages built by hand: tests, benchmarks). */
export function glyphRun(glyphs: Iterable<PlacedGlyph>): GlyphRun {
  const w = new GlyphWriter();
  for (const g of glyphs) w.push(g.gid, g.x, g.advance, g.text);
  return w.end();
}
