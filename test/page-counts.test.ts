// Both outputs land on the same pages: for every example in content/ and the generated variants
// (test/helpers/variants.ts), LibreOffice's page count of the DOCX equals the PDF's, whether the
// DOCX was built alone (--format docx) or with the PDF (the one layout stage either way); the
// 版记 is on an even page in all three; no page carries only a number; every page with content
// carries its number; the contents give the pages the headings are on.
// Slow (LibreOffice): every DOCX goes through one soffice call.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeVariants } from './helpers/variants.js';
import { sofficeToPdf } from './helpers/soffice.js';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin/gongwen.js');
let dir: string;
let variants: Record<string, string>;

function gongwen(args: string[], cwd: string): void {
  const r = spawnSync(process.execPath, [BIN, ...args, '-q'], { cwd, encoding: 'utf8', timeout: 400_000 });
  if (r.status !== 0) throw new Error(`gongwen ${args.join(' ')}: ${r.stderr}`);
}

/** The text of each page. */
const pages = (pdf: string): string[] => execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
const numberOn = (page: string): number | undefined => {
  // A line that is only "— N —": at the page's foot, or anywhere in the reading order for a
  // landscape page, whose number is turned into the binding margin (§8).
  const m = /^\s*—\s*(\d+)\s*—\s*$/m.exec(page);
  return m ? Number(m[1]) : undefined;
};
const isBlank = (page: string) => page.trim() === '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gongwen-pages-'));
  variants = await writeVariants(dir);
  for (const f of readdirSync(join(ROOT, 'content'))) if (!f.includes('-list') && !f.includes('guideline')) variants[basename(f, '.md')] = `content/${f}`;
  for (const [name, file] of Object.entries(variants)) variants[name] = join(dir, file);
  // One build per project folder and format set (the plan with one contents page has its own).
  const byProject = new Map<string, string[]>();
  for (const f of Object.values(variants)) {
    const project = dirname(dirname(f));
    byProject.set(project, [...(byProject.get(project) ?? []), f]);
  }
  for (const [project, files] of byProject) {
    gongwen(['build', ...files, '--format', 'docx', '--out', join(dir, 'docx-only'), '-p', project], project);
    gongwen(['build', ...files, '--out', join(dir, 'both'), '-p', project], project);
  }
  const lo = join(dir, 'lo');
  mkdirSync(lo);
  for (const out of ['docx-only', 'both']) {
    for (const f of readdirSync(join(dir, out)).filter((x) => x.endsWith('.docx'))) copyFileSync(join(dir, out, f), join(lo, `${out}--${f}`));
  }
  const docx = readdirSync(lo).map((f) => join(lo, f));
  sofficeToPdf(docx, lo, { profile: `${dir}/profile`, timeout: 400_000 });
}, 900_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const NAMES = ['2020-183', '2020-191', '2021-45-clusters', '2021-zhuzhou-cluster-plan', 'list-flush', 'list-flush-imprint', 'list-shorter-imprint', 'plan-toc1', 'plan-toc2'];
const outName = (name: string) => basename(variants[name] ?? `${name}.md`, '.md');

describe.each(NAMES)('%s', (name) => {
  const pdf = () => join(dir, 'both', `${outName(name)}.pdf`);
  const lo_ = (out: 'docx-only' | 'both') => join(dir, 'lo', `${out}--${outName(name)}.pdf`);

  it('LibreOffice lays the DOCX out on as many pages as the PDF has, built alone or with the PDF', () => {
    const n = pages(pdf()).length;
    expect({ docxOnly: pages(lo_('docx-only')).length, withPdf: pages(lo_('both')).length }).toEqual({ docxOnly: n, withPdf: n });
  });

  it('puts the 版记 on an even page in the PDF and in both DOCX', () => {
    for (const f of [pdf(), lo_('docx-only'), lo_('both')]) {
      const p = pages(f);
      const at = p.findIndex((t) => /日\s*印发/.test(t));
      if (at < 0) continue; // no 版记
      expect((at + 1) % 2, `${basename(f)}: 版记 on page ${at + 1}`).toBe(0);
      expect(at, '版记 on the last page').toBe(p.length - 1);
    }
  });

  it('never leaves a page with only a number; every page with body text is numbered', () => {
    const p = pages(pdf());
    const body = p.findIndex((t) => numberOn(t) !== undefined);
    p.forEach((t, i) => {
      const text = t.replace(/—\s*\d+\s*—/, '').trim();
      if (numberOn(t) !== undefined) expect(text, `page ${i + 1} holds only its number`).not.toBe('');
      else if (i >= body && !/日\s*印发/.test(t)) expect(isBlank(t), `page ${i + 1} has text but no number`).toBe(true);
    });
  });

  it('gives in the contents the pages the headings are on (PDF), the same entries in the DOCX', () => {
    const toc = (f: string) => {
      const p = pages(f);
      const tocAt = p.findIndex((t) => /目\s*录/.test(t));
      if (tocAt < 0) return undefined;
      const body = p.findIndex((t, i) => i > tocAt && numberOn(t) !== undefined);
      const entries = p.slice(tocAt, body).join('\n').split('\n')
        .map((l) => /^\s*(\S.*?)[.\s]*?(\d+)\s*$/.exec(l))
        .filter((m): m is RegExpExecArray => !!m && /^[一二三四五六七八九十]+、|^（[一二三四五六七八九十]+）/.test(m[1]))
        .map(([, heading, page]) => ({ heading: heading.replace(/\.+$/, '').trim(), page: Number(page) }));
      const actual = entries.map(({ heading }) => ({ heading, page: numberOn(p[p.findIndex((t, i) => i >= body && t.split('\n').some((l) => l.trim().startsWith(heading)))]) }));
      return { entries, actual };
    };
    const inPdf = toc(pdf());
    if (!inPdf) return;
    expect(inPdf.entries.length).toBeGreaterThan(3);
    expect(inPdf.entries).toEqual(inPdf.actual);
    // The DOCX's contents field caches the pages of its own layout (the grid as Word draws
    // figures), built with the PDF or alone: the pages LibreOffice puts the headings on.
    for (const out of ['docx-only', 'both'] as const) {
      const lo = toc(lo_(out))!;
      expect(lo.entries, out).toEqual(lo.actual);
      lo.actual.forEach((a, i) => expect(inPdf.entries[i].page - a.page!, `${out}: ${a.heading}`).toBeGreaterThanOrEqual(0));
      lo.actual.forEach((a, i) => expect(inPdf.entries[i].page - a.page!, `${out}: ${a.heading}`).toBeLessThanOrEqual(1));
    }
  });
});
