// The library entry as a program uses it: `import { build, check, open } from "gongwen"`
// (the package's exports map, resolved by Node from dist/), buffers back, nothing written,
// the session closed so that the process ends by itself.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

describe('library entry', () => {
  it('builds DOCX and PDF as buffers, checks, and closes the session (close, Symbol.asyncDispose)', () => {
    const out = mkdtempSync(join(tmpdir(), 'gongwen-lib-'));
    const script = join(ROOT, `.lib-test-${process.pid}.mjs`);
    writeFileSync(
      script,
      `import { build, check, open } from 'gongwen';
const c = await check('content/2020-191.md');
const d = await build('content/2020-183.md', { formats: ['docx'] });
const s = open();
const both = await s.build('content/2020-183.md');
await s[Symbol.asyncDispose]();
const head = (b) => b ? Buffer.from(b.subarray(0, 4)).toString('latin1') : null;
console.log(JSON.stringify({ check: c.ok, docxOnly: [d.ok, head(d.docx), head(d.pdf)], both: [both.ok, head(both.docx), head(both.pdf), both.pages] }));
`,
    );
    try {
      // The process ends by itself only when nothing the session started is left open.
      const stdout = execFileSync(process.execPath, [script], { cwd: ROOT, timeout: 120_000, env: { ...process.env, TMPDIR: out } }).toString();
      expect(JSON.parse(stdout.trim().split('\n').pop()!)).toEqual({ check: true, docxOnly: [true, 'PK\u0003\u0004', null], both: [true, 'PK\u0003\u0004', '%PDF', 6] });
    } finally {
      execFileSync('rm', ['-f', script]);
    }
  }, 150_000);
});
