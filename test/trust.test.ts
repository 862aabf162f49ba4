// Content, data and templates come from many hands (design.md, "Trust"): nothing they say may
// run code, read outside the project, or reach the network.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync, existsSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { compileFile } from '../src/pipeline/compile.js';
import { formatDiagnostic } from '../src/diagnostics/diagnostic.js';
import { MAX_SOURCE_BYTES } from '../src/source/read.js';
import type { ParagraphBlock } from '../src/model/types.js';
import { writeIn } from './fixtures/write-in.js';

let dir: string;
const write = (name: string, text: string) => writeIn(dir, name, text);
const annex = (body: string, extra = '') => `---\nkind: annex\ntitle: 附件标题\n${extra}---\n\n${body}\n`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gw-trust-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function errors(p: string) {
  const r = await compileFile(p, { projectDir: dir, checks: false });
  return r.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
}

describe('templates cannot reach JavaScript', () => {
  it('gives no access to prototypes or constructors from a body', async () => {
    for (const body of ['{{constructor}}', '{{title.constructor}}', '{{__proto__}}', '{{#with title}}{{constructor.name}}{{/with}}', '{{lookup title "constructor"}}']) {
      const p = write('proto.md', annex(`正文${body}。`));
      const r = await compileFile(p, { projectDir: dir, checks: false });
      const text = r.model
        ? r.model.sections.flatMap((s) => s.blocks).filter((b): b is ParagraphBlock => b.type === 'paragraph').map((b) => b.runs.map((x) => x.text).join('')).join('')
        : '';
      expect(text, body).not.toMatch(/function|Object|String|\[native code\]/);
    }
  });

  it('escapes Markdown and HTML in bound values, so data cannot inject markup', async () => {
    const p = write('inject.md', annex('名称：{{名称}}', '名称: "<script>x</script> **粗** [链接](http://evil.example)"\n'));
    const r = await compileFile(p, { projectDir: dir, checks: false });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const para = r.model!.sections[0].blocks.find((b): b is ParagraphBlock => b.type === 'paragraph')!;
    expect(para.runs.map((x) => x.text).join('')).toBe('名称：<script>x</script> **粗** [链接](http://evil.example)');
    expect(para.runs.every((x) => !x.bold && !x.link)).toBe(true);
  });

  it('refuses executable front matter without running it', async () => {
    const marker = join(dir, 'pwned');
    const p = write('js.md', `---javascript\n{ kind: (require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'), 'annex') }\n---\n正文\n`);
    expect((await errors(p))[0]).toMatch(/front-matter: .*不接受可执行的文件头/);
    expect(existsSync(marker)).toBe(false);
  });

  it('refuses YAML tags that could construct objects', async () => {
    const p = write('tag.md', '---\nkind: annex\ntitle: !!js/function "function(){return 1}"\n---\n正文\n');
    const r = await compileFile(p, { projectDir: dir, checks: false });
    const title = JSON.stringify(r.model?.meta.title ?? '');
    expect(title).not.toMatch(/^function/);
  });
});

describe('paths stay inside the project', () => {
  it('refuses an attachment reached through a symlink that leads outside', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'gw-outside-'));
    writeFileSync(join(outside, 'secret.md'), annex('机密'));
    try {
      symlinkSync(join(outside, 'secret.md'), join(dir, 'link.md'));
      const p = write(
        'sym.md',
        '---\nkind: notice\nissuer: 某局\nnumber: 某发〔2020〕1号\ntitle: 关于测试的通知\ndate: 2020-11-06\nattachments:\n  - title: 机密\n    file: link.md\n---\n\n正文。\n',
      );
      expect((await errors(p)).join('\n')).toMatch(/outside the project folder|在项目文件夹之外/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('refuses a list whose data lies outside the project', async () => {
    const p = write('list.md', '---\nkind: list\ntitle: 名单\ndata: ../../etc/passwd\n---\n');
    expect((await errors(p)).join('\n')).toMatch(/在项目文件夹之外/);
  });
});

describe('limits', () => {
  it('refuses a content file over the size limit before reading it', async () => {
    const p = write('big.md', annex('字'.repeat(Math.ceil(MAX_SOURCE_BYTES / 3) + 10)));
    expect((await errors(p))[0]).toMatch(/error limit: file is \d+ bytes; content files are limited to/);
  });

  it('refuses a file that is not UTF-8', async () => {
    const p = join(dir, 'gbk.md');
    writeFileSync(p, Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xd5, 0xfd, 0xce, 0xc4, 0x0a]));
    expect((await errors(p))[0]).toMatch(/error encoding: content files must be UTF-8/);
  });
});
