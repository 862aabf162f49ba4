// Faults around a batch (issue 12): SIGTERM to gongwen, a broken or unwritable cache, an
// output folder that cannot be written, no traffic off the machine. Real processes, real
// signals: the batch runs as the CLI in a child, with its own temporary folder.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync, readdirSync, readFileSync, existsSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin/gongwen.js');
const N = 40;
let dir: string;
let tmp: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gw-faults-'));
  tmp = join(dir, 'tmp');
  mkdirSync(tmp);
  mkdirSync(join(dir, 'content'));
  const rows = Array.from({ length: N }, (_, i) => `${i + 1},国家火炬第${i + 1}特色产业基地`);
  writeFileSync(join(dir, 'bases.csv'), ['编号,基地名称', ...rows].join('\n') + '\n');
  writeFileSync(
    join(dir, 'content/notice.md'),
    `---
kind: notice
issuer: 科学技术部火炬高技术产业开发中心
number: 国科火字〔2020〕{{编号}}号
title: 关于{{基地名称}}复核的通知
to: "{{基地名称}}"
date: 2020-11-06
---

请{{基地名称}}按要求报送材料。
`,
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const env = () => ({ ...process.env, TMPDIR: tmp });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pdfs = (out: string) => (existsSync(out) ? readdirSync(out).filter((f) => f.endsWith('.pdf')) : []);
function startBatch(out: string) {
  const child = spawn(process.execPath, [BIN, 'batch', 'content/notice.md', '--data', 'bases.csv', '--each', '--format', 'pdf', '--out', out, '--quiet'], { cwd: dir, env: env() });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => child.on('exit', (code, signal) => res({ code, signal })));
  return { child, done, stderr: () => err };
}

async function waitFor(cond: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('timed out');
    await sleep(100);
  }
}

describe('a batch stopped', () => {
  it('SIGTERM stops the batch cleanly: summary, cache saved, every cached document written whole', async () => {
    const out = join(dir, 'out-term');
    const b = startBatch(out);
    await waitFor(() => pdfs(out).length > 0, 120_000);
    b.child.kill('SIGTERM');
    const { code } = await b.done;
    expect(code, b.stderr()).toBe(143);
    expect(b.stderr()).toMatch(/stopped by SIGTERM/);
    expect(b.stderr()).not.toMatch(/error record/);
    const cache = JSON.parse(readFileSync(join(out, '.gongwen-cache.json'), 'utf8')) as Record<string, string>;
    expect(Object.keys(cache).length).toBeGreaterThan(0);
    for (const name of Object.keys(cache)) {
      const pdf = join(out, `${name}.pdf`);
      expect(existsSync(pdf)).toBe(true);
      expect(spawnSync('qpdf', ['--check', pdf]).status, `${name}.pdf whole`).toBe(0);
    }
    // No half-written file left beside them (files are written atomically).
    expect(readdirSync(out).filter((f) => !f.endsWith('.pdf') && f !== '.gongwen-cache.json')).toEqual([]);
  }, 240_000);
});

describe('the batch cache only saves work', () => {
  const runDocx = (out: string) => {
    const r = spawnSync(process.execPath, [BIN, 'batch', 'content/notice.md', '--data', 'bases.csv', '--each', '--format', 'docx', '--out', out, '--name', '{{编号}}'], { cwd: dir, env: env(), encoding: 'utf8' });
    return { code: r.status, err: r.stderr };
  };
  it.each([['null'], ['"x"'], ['{"1": 5, "2": null}'], ['{half']])('a cache holding %s is ignored with a warning', (text) => {
    const out = join(dir, `out-cache-${Buffer.from(text).toString('hex')}`);
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, '.gongwen-cache.json'), text);
    const r = runDocx(out);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(new RegExp(`${N} documents: ${N} built`));
    if (!text.startsWith('{"1"')) expect(r.err).toMatch(/warning batch-cache: the batch cache is damaged and was ignored/);
    expect(Object.keys(JSON.parse(readFileSync(join(out, '.gongwen-cache.json'), 'utf8')))).toHaveLength(N);
  }, 120_000);

  it('a cache that cannot be saved is a warning after every document is written', () => {
    const out = join(dir, 'out-cache-dir');
    mkdirSync(join(out, '.gongwen-cache.json'), { recursive: true }); // a folder where the file goes
    const r = runDocx(out);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/warning batch-cache: cannot save the batch cache/);
    expect(r.err).toMatch(new RegExp(`${N} documents: ${N} built`));
    expect(readdirSync(out).filter((f) => f.endsWith('.docx'))).toHaveLength(N);
  }, 120_000);
});

describe('nothing leaves the machine', () => {
  const strace = spawnSync('sh', ['-c', 'command -v strace'], { encoding: 'utf8' }).stdout.trim();
  // When Chromium drew the PDF, a one-page build made 24 connections to the resolver's port 53
  // until a host-resolver rule stopped them. gongwen's own writer opens no socket at all.
  it.skipIf(!strace)('a PDF build makes no DNS query and no network connection (strace)', () => {
    const trace = join(dir, 'trace.txt');
    writeFileSync(join(dir, 'content/annex.md'), '---\nkind: annex\ntitle: 附件标题\n---\n\n正文。\n');
    const r = spawnSync(strace, ['-f', '-qq', '-e', 'trace=connect,sendto,sendmsg,sendmmsg', '-o', trace, process.execPath, BIN, 'build', 'content/annex.md', '--format', 'pdf', '--out', join(dir, 'out-dns')], { cwd: dir, env: env(), encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(join(dir, 'out-dns/annex.pdf'))).toBe(true);
    const calls = readFileSync(trace, 'utf8').split('\n');
    expect(calls.filter((l) => /htons\(53\)/.test(l))).toEqual([]);
    expect(calls.filter((l) => /AF_INET/.test(l))).toEqual([]);
  }, 120_000);
});

describe('an output folder that cannot be written', () => {
  it('is reported once, before anything is rendered (batch and build)', () => {
    writeFileSync(join(dir, 'blocker'), 'a file where the output folder would go');
    const out = join(dir, 'blocker/out');
    const b = spawnSync(process.execPath, [BIN, 'batch', 'content/notice.md', '--data', 'bases.csv', '--each', '--format', 'pdf', '--out', out], { cwd: dir, env: env(), encoding: 'utf8' });
    // Bad usage (exit 2), one line, before anything is rendered.
    expect(b.status).toBe(2);
    const lines = b.stderr.split('\n').filter((l) => /cannot write/.test(l));
    expect(lines).toEqual([expect.stringMatching(/--out .*blocker\/out: cannot write to the output folder \(a file of that name is in the way\); choose another with --out/)]);
    expect(b.stderr).not.toMatch(/record|ENOENT|mkdir/);
    const s = spawnSync(process.execPath, [BIN, 'build', 'content/notice.md', '--format', 'docx', '--out', out], { cwd: dir, env: env(), encoding: 'utf8' });
    expect(s.status).toBe(2);
    expect(s.stderr.split('\n').filter((l) => /cannot write/.test(l))).toEqual([expect.stringMatching(/cannot write to the output folder/)]);
    expect(s.stderr).not.toMatch(/built|ENOENT|mkdir/);
  }, 60_000);
});
