// gongwen import OLD.docx: a content file (and its annex pages) from an old Word file, to start
// a draft from. mammoth reads the DOCX; src/import/docx.ts recognises the parts of the 公文.

import type { Command } from 'commander';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { runs } from './options.js';
import { UsageError } from './project.js';

interface ImportOptions {
  output?: string;
  force?: boolean;
  quiet?: boolean;
}

export function register(program: Command): void {
  program
    .command('import')
    .summary('a content file from an old Word file (.docx)')
    .description(
      'Read a Word file (.docx) into a content file: front matter from what it recognises (发文字号, 标题, 主送, 署名, 成文日期, 附注, 附件说明 → attachments, 抄送, 印发), the body as Markdown with headings from their 一、（一）1.（1） numbers, tables as pipe tables, annex pages as their own files. Whatever it could not place is listed as a warning.',
    )
    .argument('<docx>', 'the Word file')
    .option('-o, --output <file>', 'the content file to write (default: the Word file\'s name with .md, in the current folder). e.g. -o content/通知.md')
    .option('--force', 'replace files that exist')
    .option('-q, --quiet', 'no warnings')
    .addHelpText(
      'after',
      `
Examples:
  gongwen import 旧通知.docx                    # → 旧通知.md (+ 旧通知-annex1.md, … for annex pages)
  gongwen import 旧通知.docx -o content/通知.md
  gongwen check content/通知.md                 # then see what the checks say`,
    )
    .action(runs(runImport));
}

async function runImport(docx: string, opts: ImportOptions): Promise<number> {
  if (extname(docx).toLowerCase() !== '.docx') throw new UsageError(`import reads .docx files (Word 2007 and later), not "${docx}"; save a .doc as .docx first`);
  if (!existsSync(docx)) {
    process.stderr.write(`${docx} error read: no such file\n`);
    return 1;
  }
  const out = resolve(opts.output ?? `${basename(docx, extname(docx))}.md`);
  if (extname(out).toLowerCase() !== '.md') throw new UsageError(`-o ${opts.output}: the content file must end in .md`);
  const [{ default: mammoth }, { importHtml }] = await Promise.all([import('mammoth'), import('../import/docx.js')]);
  let html: string;
  const notes: string[] = [];
  try {
    // gongwen's own DOCX sets the body's last line apart before the signature (GW Body Tail):
    // marked here, joined back to its paragraph by the reader.
    const r = await mammoth.convertToHtml({ path: docx }, { styleMap: ["p[style-name='GW Body Tail'] => p.gw-tail:fresh"] });
    html = r.value;
    for (const m of r.messages) if (!/Unrecognised (paragraph|run) style/.test(m.message)) notes.push(m.message);
  } catch (err) {
    process.stderr.write(`${docx} error import: not a readable Word file (${(err as Error).message.split('\n')[0]})\n`);
    return 1;
  }
  const imported = importHtml(html);
  const stem = basename(out, '.md');
  const files = [{ path: out, text: imported.text }];
  imported.annexes.forEach((a, k) => {
    const name = `${stem}-annex${k + 1}.md`;
    files[0].text = files[0].text.replace(`__ANNEX_${k + 1}__`, name);
    files.push({ path: join(dirname(out), name), text: a.text });
  });
  const clash = files.filter((f) => existsSync(f.path));
  if (clash.length && !opts.force) throw new UsageError(`${clash.map((f) => relative(process.cwd(), f.path)).join(', ')} already exist; use --force to replace, or -o another name`);
  mkdirSync(dirname(out), { recursive: true });
  for (const f of files) writeFileSync(f.path, f.text);
  if (!opts.quiet) for (const w of [...imported.warnings, ...notes]) process.stderr.write(`${docx} warning import: ${w}\n`);
  process.stderr.write(`imported ${files.map((f) => relative(process.cwd(), f.path)).join(', ')}\n`);
  return 0;
}
