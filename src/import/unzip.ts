// A DOCX is a zip; its central directory says what each part unpacks to, and a zip bomb lies
// or says "a lot". The parts are read here, before mammoth (which reads with jszip and would
// inflate anything): the directory's declared sizes are checked against the bounds, each part
// is inflated in 4 KB steps and stopped as soon as it passes what it declared or the bound,
// and mammoth gets a new zip of the checked parts stored uncompressed, so it unpacks nothing.

import { Inflate, zipSync, type Zippable } from 'fflate';
import { ImportError, mb, type ImportLimits } from './limits.js';

const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const END = 0x06054b50;
const STEP = 4096; // a deflate step of 4 KB unpacks to 4 MB at most (ratio ≤ 1032)

interface Entry {
  name: string;
  method: number;
  packed: number;
  size: number;
  local: number;
}

function centralDirectory(zip: Uint8Array, limits: ImportLimits): Entry[] {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = -1;
  for (let k = zip.length - 22; k >= Math.max(0, zip.length - 22 - 65535); k--) {
    if (v.getUint32(k, true) === END) {
      end = k;
      break;
    }
  }
  if (end < 0) throw new ImportError('不是 Word 文件（.docx 是 zip 压缩包，这个文件不是）：在 Word 或 WPS 中打开，另存为 .docx 后再导入');
  const count = v.getUint16(end + 10, true);
  const cdSize = v.getUint32(end + 12, true);
  const cdAt = v.getUint32(end + 16, true);
  if (count === 0xffff || cdAt === 0xffffffff) throw new ImportError('文件是 ZIP64 格式，公文不会这么大：在 Word 或 WPS 中另存为 .docx 后再导入');
  if (count > limits.parts) throw new ImportError(`文件含 ${count} 个部件，超过上限 ${limits.parts}：不像一份公文（可能是恶意构造的文件）`);
  if (cdAt + cdSize > zip.length) throw new ImportError('文件已损坏（zip 目录超出文件末尾）：在 Word 或 WPS 中打开，另存为 .docx 后再导入');
  const entries: Entry[] = [];
  let at = cdAt;
  let declared = 0;
  for (let k = 0; k < count; k++) {
    if (at + 46 > zip.length || v.getUint32(at, true) !== CENTRAL) throw new ImportError('文件已损坏（zip 目录无法读取）：在 Word 或 WPS 中打开，另存为 .docx 后再导入');
    const nameLen = v.getUint16(at + 28, true);
    const entry: Entry = {
      method: v.getUint16(at + 10, true),
      packed: v.getUint32(at + 20, true),
      size: v.getUint32(at + 24, true),
      local: v.getUint32(at + 42, true),
      name: new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLen)),
    };
    at += 46 + nameLen + v.getUint16(at + 30, true) + v.getUint16(at + 32, true);
    declared += entry.size;
    if (declared > limits.unpackedBytes) throw new ImportError(`文件解压后超过 ${mb(limits.unpackedBytes)}（zip 目录声明的大小），远超一份公文：可能是压缩炸弹，未导入`);
    if (/\.(xml|rels)$/i.test(entry.name) && entry.size > limits.xmlPartBytes) throw new ImportError(`部件 ${entry.name} 解压后有 ${mb(entry.size)}，超过上限 ${mb(limits.xmlPartBytes)}：未导入`);
    if (!entry.name.endsWith('/')) entries.push(entry);
  }
  return entries;
}

function inflatePart(zip: Uint8Array, e: Entry, budget: number): Uint8Array {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  if (e.local + 30 > zip.length || v.getUint32(e.local, true) !== LOCAL) throw new ImportError(`文件已损坏（部件 ${e.name} 无法读取）：在 Word 或 WPS 中打开，另存为 .docx 后再导入`);
  const start = e.local + 30 + v.getUint16(e.local + 26, true) + v.getUint16(e.local + 28, true);
  const data = zip.subarray(start, start + e.packed);
  if (data.length < e.packed) throw new ImportError(`文件已损坏（部件 ${e.name} 被截断）：在 Word 或 WPS 中打开，另存为 .docx 后再导入`);
  const bound = Math.min(e.size, budget);
  if (e.method === 0) {
    if (data.length > bound) throw new ImportError(`部件 ${e.name} 比 zip 目录声明的大：文件已损坏或被篡改，未导入`);
    return data.slice();
  }
  if (e.method !== 8) throw new ImportError(`部件 ${e.name} 的压缩方式（${e.method}）不是 Word 使用的：在 Word 或 WPS 中另存为 .docx 后再导入`);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflate = new Inflate((chunk) => {
    total += chunk.length;
    if (total > bound) throw new ImportError(`部件 ${e.name} 解压后超过它声明的 ${mb(e.size)}${bound < e.size ? `（或剩余上限 ${mb(bound)}）` : ''}：可能是压缩炸弹，未导入`);
    chunks.push(chunk);
  });
  try {
    for (let k = 0; k < data.length; k += STEP) inflate.push(data.subarray(k, Math.min(data.length, k + STEP)), k + STEP >= data.length);
    if (data.length === 0) inflate.push(new Uint8Array(0), true);
  } catch (err) {
    if (err instanceof ImportError) throw err;
    throw new ImportError(`部件 ${e.name} 无法解压（数据已损坏）：在 Word 或 WPS 中打开，另存为 .docx 后再导入`);
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/** The parts of a DOCX, each checked against the bounds, by name. */
export function readDocxParts(zip: Uint8Array, limits: ImportLimits): Map<string, Uint8Array> {
  if (zip.length < 22) throw new ImportError('不是 Word 文件（文件太短，不是 zip 压缩包）：在 Word 或 WPS 中另存为 .docx 后再导入');
  const parts = new Map<string, Uint8Array>();
  let left = limits.unpackedBytes;
  for (const e of centralDirectory(zip, limits)) {
    const bytes = inflatePart(zip, e, left);
    left -= bytes.length;
    parts.set(e.name, bytes);
  }
  if (!parts.has('word/document.xml')) {
    throw new ImportError(parts.has('xl/workbook.xml') ? '这是 Excel 文件，不是 Word 文件：import 只读 .docx' : parts.has('ppt/presentation.xml') ? '这是 PowerPoint 文件，不是 Word 文件：import 只读 .docx' : '文件里没有正文（word/document.xml）：不是 Word 文件，或已损坏；在 Word 或 WPS 中另存为 .docx 后再导入');
  }
  return parts;
}

/** The checked parts again as a zip, stored: jszip (inside mammoth) then has nothing to inflate. */
export function storedZip(parts: Map<string, Uint8Array>): Uint8Array {
  const files: Zippable = {};
  for (const [name, bytes] of parts) files[name] = [bytes, { level: 0 }];
  return zipSync(files, { level: 0 });
}

/** The parts mammoth reads: their XML is what its memory follows. */
const READ_BY_MAMMOTH = /^word\/(document|footnotes|endnotes|comments|styles|numbering)\.xml$/;
const TEXT_PARTS = /^word\/(document|footnotes|endnotes|comments)\.xml$/;

/**
 * Paragraphs, runs and XML elements of the parts mammoth reads, counted together in the XML
 * before it is parsed, and the largest paragraph of each text part.
 */
export function checkXmlParts(parts: Map<string, Uint8Array>, limits: ImportLimits): void {
  const count = { paragraphs: 0, runs: 0, elements: 0 };
  for (const [name, bytes] of parts) {
    if (READ_BY_MAMMOTH.test(name)) checkXml(new TextDecoder().decode(bytes), limits, count, TEXT_PARTS.test(name));
  }
}

/** One part's XML (exported for tests). */
export function checkXml(xml: string, limits: ImportLimits, count = { paragraphs: 0, runs: 0, elements: 0 }, text = true): void {
  let last = 0;
  let largest = 0;
  let largestAt = 0;
  let own = 0;
  let depth = 0;
  const re = /<(\/?)(w:[pr](?=[\s>/])|[A-Za-z])[^>]*?(\/?)>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) {
    if (m[1]) {
      depth--;
      continue;
    }
    if (++count.elements > limits.elements) throw new ImportError(`正文的 XML 超过 ${limits.elements} 个元素，远超一份公文：未导入`);
    if (!m[3] && ++depth > limits.depth) throw new ImportError(`正文的 XML 嵌套超过 ${limits.depth} 层（表格套表格或内容控件套内容控件），远超一份公文：未导入`);
    if (m[2] === 'w:p') {
      own++;
      if (m.index - last > largest) {
        largest = m.index - last;
        largestAt = own - 1;
      }
      last = m.index;
      if (++count.paragraphs > limits.paragraphs) throw new ImportError(`正文超过 ${limits.paragraphs} 段，远超一份公文：未导入（拆成几个文件再导入）`);
    } else if (m[2] === 'w:r' && ++count.runs > limits.runs) throw new ImportError(`正文超过 ${limits.runs} 个文字片段（w:r），远超一份公文：未导入`);
  }
  if (!text) return;
  if (xml.length - last > largest) {
    largest = xml.length - last;
    largestAt = own;
  }
  if (largest > limits.paragraphXmlChars) throw new ImportError(`第 ${Math.max(1, largestAt)} 段有 ${largest} 个字符（上限 ${limits.paragraphXmlChars}），不像公文的一段：未导入（拆成几段再导入）`);
}
