// Where the model's text came from, as unist positions do for mdast: for each heading,
// paragraph and table cell the Markdown parser made, its text as written (the typed number
// and the line breaks kept) and, stretch by stretch, the file, line and column of its
// characters — the content file, the template (.hbs) that wrote them, or the data cell of a
// batch record that filled a {{field}}. The checks read it; the renderers never do.
//
// It is a side table (a WeakMap keyed by the block, or by a cell's paragraph), not a field
// of the model: the model is what renderers see and what the PDF's /ID hashes
// (render/pdf identityOf hashes JSON.stringify(model)), so the same document built from
// another file or another record row stays byte-identical.

/** Characters [from, to) of a text and where the first of them is. */
export interface Span {
  from: number;
  to: number;
  file: string;
  line: number;
  /** Column of `from` (1-based, code points); the span's characters follow on the same line. */
  column: number;
  /** A batch record's value: every character of the span is at its data cell (line = row). */
  cell?: boolean;
  /** The record field of a cell. */
  field?: string;
  /** Written by a template: a report may point there, but `check --fix` does not edit it. */
  template?: boolean;
}

export interface TextSource {
  /**
   * The text as written, without Markdown syntax: a heading with the number its author typed
   * (the model drops it and draws its own), line breaks as "\n" (the model joins the lines).
   */
  text: string;
  spans: Span[];
  /** UTF-16 ranges of `text` not to judge: code, and values checked where they are written. */
  masked: [number, number][];
  /** The heading level as written (# = 1), also for the ##### the model refuses. */
  depth?: number;
  /** An ordered list item's marker as written ("3." or "3)") and where it is. */
  marker?: { text: string; span: Span };
  /** Fenced or indented code: shown as written, never judged. */
  code?: boolean;
  /** Link addresses as written in the text, with where each is. */
  links?: { href: string; span: Span }[];
}

const table = new WeakMap<object, TextSource>();

/** Records where a block's (or a table cell paragraph's) text came from. */
export function setTextSource(owner: object, source: TextSource): void {
  table.set(owner, source);
}

/** Where a block's (or a table cell paragraph's) text came from, when the parser made it. */
export function textSourceOf(owner: object): TextSource | undefined {
  return table.get(owner);
}
