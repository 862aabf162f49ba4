// An old Word file → a content file: most drafts start from one. The DOCX is untrusted: its
// parts are read and bounded here (unzip.ts, limits.ts) before mammoth reads them into simple
// HTML (paragraphs, lists, tables; no layout); the HTML is read as a 公文 reads (notice.ts,
// plan.ts) — by the text, as GB/T 9704 places it, not by Word styles, so a file typed in Word,
// saved by LibreOffice, or written by gongwen itself reads the same. What could not be placed
// is a finding with its place in the Word file (findings.ts).

import { readFile, stat } from 'node:fs/promises';
import { blocksOf } from './blocks.js';
import { Findings } from './findings.js';
import { parseHtml } from './html.js';
import { IMPORT_LIMITS, ImportError, mb, type ImportLimits } from './limits.js';
import { importNotice, type ImportedAnnex } from './notice.js';
import { contentsAt, importPlan } from './plan.js';
import { checkXmlParts, readDocxParts, storedZip } from './unzip.js';

export { numberedLevel } from './numbering.js';
export { ImportError } from './limits.js';

export interface ImportedFile {
  /** The content file's text (front matter + Markdown). */
  text: string;
  /** Annex pages: their own content files, named by annexName. */
  annexes: ImportedAnnex[];
  findings: Findings;
}

export interface ImportOptions {
  /** The file name of annex page N, as the 附件说明 names it (default annexN.md). */
  annexName?: (n: number) => string;
  limits?: Partial<ImportLimits>;
}

/** Reads mammoth's HTML of a DOCX as a notice, a plan (with a contents page), or an annex page. */
export function importHtml(html: string, opts: ImportOptions = {}): ImportedFile {
  const findings = new Findings();
  const blocks = blocksOf(parseHtml(html), findings);
  const toc = contentsAt(blocks);
  if (toc >= 0) return { text: importPlan(blocks, toc, findings), annexes: [], findings };
  const { text, annexes } = importNotice(blocks, findings, opts.annexName ?? ((n) => `annex${n}.md`));
  return { text, annexes, findings };
}

/** Reads a .docx file within the bounds, into a content file and its annex pages. */
export async function importDocx(path: string, opts: ImportOptions = {}): Promise<ImportedFile> {
  const limits: ImportLimits = { ...IMPORT_LIMITS, ...opts.limits };
  const st = await stat(path);
  if (!st.isFile()) throw new ImportError('不是普通文件（文件夹、管道或设备）：import 只读 .docx 文件');
  if (st.size > limits.fileBytes) throw new ImportError(`文件有 ${mb(st.size)}，超过上限 ${mb(limits.fileBytes)}：不像一份公文；把图片另存后删去再导入`);
  const zip = new Uint8Array(await readFile(path));
  if (zip.length > limits.fileBytes) throw new ImportError(`文件超过上限 ${mb(limits.fileBytes)}：未导入`);
  const parts = readDocxParts(zip, limits);
  checkXmlParts(parts, limits);
  const { default: mammoth } = await import('mammoth');
  let html: string;
  const notes: string[] = [];
  try {
    // gongwen's own DOCX sets the body's last line apart before the signature (GW Body Tail):
    // marked here, joined back to its paragraph by the reader. Images are never read: an
    // empty <img> marks where one stood.
    const r = await mammoth.convertToHtml(
      { buffer: Buffer.from(storedZip(parts)) },
      { styleMap: ["p[style-name='GW Body Tail'] => p.gw-tail:fresh"], convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })) },
    );
    html = r.value;
    for (const m of r.messages) if (m.type === 'error') notes.push(m.message.split('\n')[0]);
  } catch (err) {
    // mammoth's own words are JavaScript's (Cannot read properties of undefined…): said as
    // what they mean to the clerk instead.
    const raw = String((err as Error)?.message ?? err);
    const why = /xml|unclosed|attribute|entity|parse/i.test(raw) ? '其中的 XML 已损坏' : '文件的结构已损坏或不完整';
    throw new ImportError(`Word 文件的内容无法读取（${why}）：在 Word 或 WPS 中打开，另存为 .docx 后再导入`);
  }
  const imported = importHtml(html, opts);
  for (const n of notes) imported.findings.note(`Word 文件中有无法读取的部分：${n}`);
  const size = (s: string) => Buffer.byteLength(s);
  const total = size(imported.text) + imported.annexes.reduce((a, x) => a + size(x.text), 0);
  for (const t of [imported.text, ...imported.annexes.map((a) => a.text)]) {
    if (size(t) > limits.outputBytes) throw new ImportError(`导入的内容文件会有 ${mb(size(t))}，超过内容文件的上限 ${mb(limits.outputBytes)}：未写入（拆成几个文件再导入）`);
  }
  if (total > limits.outputBytes * 2) throw new ImportError(`导入的文件共有 ${mb(total)}，超过上限 ${mb(limits.outputBytes * 2)}：未写入`);
  if (imported.annexes.length > limits.annexes) throw new ImportError(`文件有 ${imported.annexes.length} 个附件页（上限 ${limits.annexes}），不像一份公文：未写入`);
  return imported;
}
