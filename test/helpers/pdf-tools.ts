// Reading a written PDF back with the programs a user's reader would trust: poppler (pdftotext,
// pdffonts, pdfinfo), qpdf, and Apache PDFBox Preflight for PDF/A (skipped where it is absent).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'gongwen-pdf-'));
let n = 0;

/** Writes the bytes to a temporary file and returns its path. */
export function save(bytes: Uint8Array, name = 'out'): string {
  const p = join(dir, `${name}-${++n}.pdf`);
  writeFileSync(p, bytes);
  return p;
}

export function run(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

export interface Word {
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  text: string;
  page: number;
}

/** pdftotext -bbox: each word with its box (points, y down from the page's top). */
export function words(file: string): Word[] {
  const html = run('pdftotext', ['-bbox', file, '-']);
  const out: Word[] = [];
  let page = -1;
  for (const line of html.split('\n')) {
    if (line.includes('<page ')) page++;
    const m = /<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*)<\/word>/.exec(line);
    if (m) out.push({ xMin: +m[1], yMin: +m[2], xMax: +m[3], yMax: +m[4], text: m[5].replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"'), page });
  }
  return out;
}

export function pdffonts(file: string): { name: string; type: string; emb: string; sub: string; uni: string }[] {
  return run('pdffonts', [file])
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      // name, type (may hold spaces: "CID TrueType"), encoding, emb sub uni, object, gen
      const [emb, sub, uni] = cols.slice(-5, -2);
      return { name: cols[0], type: l.slice(37, 55).trim(), emb, sub, uni };
    });
}

export function pdfinfo(file: string, extra: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of run('pdfinfo', [...extra, file]).split('\n')) {
    const i = l.indexOf(':');
    if (i > 0) out[l.slice(0, i).trim()] = l.slice(i + 1).trim();
  }
  return out;
}

/** qpdf --check: exit status and output (qpdf exits 0 clean, 2 errors, 3 warnings). */
export function qpdfCheck(file: string): { status: number; output: string } {
  const r = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
  return { status: r.status ?? -1, output: `${r.stdout}${r.stderr}` };
}

const JARS = ['pdfbox2.jar', 'preflight.jar', 'fontbox2.jar', 'xmpbox.jar', 'commons-logging.jar', 'javax.activation.jar', 'jaxb-api.jar'].map((j) => `/usr/share/java/${j}`);

/** Why Preflight cannot run here (Debian: default-jre-headless and libpdfbox2-java), or undefined. */
export function preflightMissing(): string | undefined {
  if (spawnSync('java', ['-version']).status !== 0) return 'java is not installed (Debian: default-jre-headless)';
  const missing = JARS.filter((j) => !existsSync(j));
  return missing.length ? `PDFBox Preflight jars are missing: ${missing.join(', ')} (Debian: libpdfbox2-java)` : undefined;
}

export function preflight(file: string): { valid: boolean; output: string } {
  const r = spawnSync('java', ['-cp', JARS.join(':'), 'org.apache.pdfbox.preflight.Validator_A1b', file], { encoding: 'utf8' });
  const output = `${r.stdout}${r.stderr}`;
  return { valid: r.status === 0 && /is a valid PDF\/A-1b file/.test(output), output };
}
