// Archival outputs from the command line, as an office sets them up: gongwen.yaml's `output:`
// as the project's default (OFD beside the PDF, PDF/A-2b), a flag winning over it, a value the
// project cannot mean refused at its line; the PDF/A-2b file read back for its identification
// and output intent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin/gongwen.js');
let dir = '';

const gongwen = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, GONGWEN_LANG: 'en' } });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gongwen-archival-'));
  for (const d of ['content', 'templates', 'data']) cpSync(join(ROOT, d), join(dir, d), { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('output settings in gongwen.yaml', () => {
  it('writes what output.formats and output.pdfStandard say; a flag wins', () => {
    writeFileSync(join(dir, 'gongwen.yaml'), 'output:\n  formats: [pdf, ofd]\n  pdfStandard: a-2b\n');
    const r = gongwen(['build', 'content/2020-183.md', '--out', 'a', '-q']);
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(join(dir, 'a/2020-183.pdf'))).toBe(true);
    expect(existsSync(join(dir, 'a/2020-183.ofd'))).toBe(true);
    expect(existsSync(join(dir, 'a/2020-183.docx'))).toBe(false);
    // PDF/A-2b: identified in its XMP, with an sRGB output intent in its catalog.
    const meta = execFileSync('pdfinfo', ['-meta', join(dir, 'a/2020-183.pdf')]).toString();
    expect(meta).toMatch(/pdfaid:part(>|=")2/);
    expect(meta).toMatch(/pdfaid:conformance(>|=")B/);
    const flat = join(dir, 'flat.pdf');
    execFileSync('qpdf', ['--qdf', '--object-streams=disable', join(dir, 'a/2020-183.pdf'), flat]);
    const raw = readFileSync(flat).toString('latin1');
    expect(raw).toContain('/OutputIntents');
    expect(raw).toMatch(/\/S \/GTS_PDFA1/);
    // The OFD names the document as its DocInfo says.
    const ofd = unzipSync(readFileSync(join(dir, 'a/2020-183.ofd')));
    expect(strFromU8(ofd['OFD.xml'])).toContain('国科火字〔2020〕183号');
    // A flag wins over the project's default.
    const f = gongwen(['build', 'content/2020-183.md', '--out', 'b', '--format', 'docx', '-q']);
    expect(f.status, f.stderr).toBe(0);
    expect(existsSync(join(dir, 'b/2020-183.docx'))).toBe(true);
    expect(existsSync(join(dir, 'b/2020-183.ofd'))).toBe(false);
  });

  it('refuses a format or standard it does not know, at its line, and builds nothing', () => {
    writeFileSync(join(dir, 'gongwen.yaml'), 'output:\n  formats: [pdf, odt]\n  pdfStandard: a-3u\n');
    const r = gongwen(['build', 'content/2020-183.md', '--out', 'c', '-q']);
    expect(r.status).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/gongwen\.yaml:2:\d+ error config: output\.formats/);
    expect(r.stdout + r.stderr).toMatch(/gongwen\.yaml:3:\d+ error config: output\.pdfStandard/);
    expect(existsSync(join(dir, 'c'))).toBe(false);
    rmSync(join(dir, 'gongwen.yaml'));
  });
});
