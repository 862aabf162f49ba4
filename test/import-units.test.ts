// import's logic without LibreOffice or the CLI, fast and with many cases: the parts of a notice
// read from mammoth-shaped HTML (版记 wherever it stands, 附件N by number, typed numbers as
// typed, what could not be placed located), the typed front-matter writer (whatever the
// strings, YAML reads back what was meant), link targets that cannot leave their link, dates,
// and the zip reader's bounds.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { parse } from 'yaml';
import { strToU8, zipSync } from 'fflate';
import { importHtml } from '../src/import/docx.js';
import { writeFrontMatter, type Attachment } from '../src/import/front-matter.js';
import { safeLinkTarget } from '../src/import/html.js';
import { isoDate } from '../src/import/parts.js';
import { IMPORT_LIMITS, ImportError } from '../src/import/limits.js';
import { checkXml, checkXmlParts, readDocxParts, storedZip } from '../src/import/unzip.js';
import { declareSize, minimalDocx } from './fixtures/import/minimal-docx.js';

const p = (s: string) => `<p>${s.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`;
const html = (...lines: string[]) => lines.map((l) => (l.startsWith('<') ? l : p(l))).join('');
const fm = (text: string) => parse(text.split('\n---\n')[0].replace(/^---\n/, '')) as Record<string, unknown>;
const HEAD = ['科学技术部火炬高技术产业开发中心文件', '国科火字〔2025〕88号', '关于开展2025年度创新型产业集群监测工作的通知', '各省、自治区、直辖市科技厅（委、局）：', '为做好监测工作，现将有关事项通知如下：', '一、监测范围', '纳入评价管理的创新型产业集群。'];
const SIGN = ['科学技术部火炬高技术产业开发中心', '2025年8月12日'];
const IMPRINT_P = ['抄送：科学技术部高新技术司，各国家高新区管委会。', '科学技术部火炬高技术产业开发中心办公室　　2025年8月13日印发'];
const IMPRINT_TABLE = '<table><tr><td colspan="2"><p>抄送：科学技术部高新技术司，各国家高新区管委会。</p></td></tr><tr><td><p>科学技术部火炬高技术产业开发中心办公室</p></td><td><p>2025年8月13日印发</p></td></tr></table>';
const annexName = (n: number) => `监测-annex${n}.md`;

describe('the parts of a notice', () => {
  for (const [where, imprint] of [
    ['paragraphs before the annex pages', IMPRINT_P],
    ['a ruled table before the annex pages', [IMPRINT_TABLE]],
  ] as const) {
    it(`a 版记 as ${where}: 署名, date, 附注, 抄送, 印发 are fields; the annex pages have none of them`, () => {
      const r = importHtml(html(...HEAD, '附件：1．监测指标', '2．填报说明', ...SIGN, '（联系人：张某，电话：010-88656000）', ...imprint, '附件1', '监测指标', '一、产业规模', '附件2', '填报说明', '请如实填报。'), { annexName });
      expect(fm(r.text)).toEqual({
        kind: 'notice',
        issuer: '科学技术部火炬高技术产业开发中心',
        number: '国科火字〔2025〕88号',
        title: '关于开展2025年度创新型产业集群监测工作的通知',
        to: '各省、自治区、直辖市科技厅（委、局）',
        date: '2025-08-12',
        note: '联系人：张某，电话：010-88656000',
        attachments: [
          { title: '监测指标', file: '监测-annex1.md' },
          { title: '填报说明', file: '监测-annex2.md' },
        ],
        cc: ['科学技术部高新技术司', '各国家高新区管委会'],
        printer: '科学技术部火炬高技术产业开发中心办公室',
        printed: '2025-08-13',
      });
      expect(r.annexes.map((a) => [a.number, a.file, a.text])).toEqual([
        [1, '监测-annex1.md', '---\nkind: annex\ntitle: 监测指标\n---\n\n# 产业规模\n'],
        [2, '监测-annex2.md', '---\nkind: annex\ntitle: 填报说明\n---\n\n请如实填报。\n'],
      ]);
      expect(r.findings.items).toEqual([]);
    });
  }

  it('more 附件说明 items than pages: typed items, never a map of characters; each missing page a located note', () => {
    const r = importHtml(html(...HEAD, '附件：1．推荐汇总表', '2．申报书', '3．发展规划提纲', ...SIGN, '附件1', '推荐汇总表', '<table><tr><td>序号</td><td>名称</td></tr></table>'), { annexName });
    expect(r.text).toContain('attachments:\n  - title: 推荐汇总表\n    file: 监测-annex1.md\n  - title: 申报书\n  - title: 发展规划提纲\n');
    expect(fm(r.text).attachments).toEqual([{ title: '推荐汇总表', file: '监测-annex1.md' }, { title: '申报书' }, { title: '发展规划提纲' }]);
    expect(r.findings.items.map((f) => [f.lost, f.at?.paragraph, f.at?.text])).toEqual([
      [false, 9, '2．申报书'],
      [false, 10, '3．发展规划提纲'],
    ]);
  });

  it('pages headed 附件3 then 附件2 go to attachments 3 and 2; a page the 附件说明 does not list is added', () => {
    const r = importHtml(html(...HEAD, '附件：1．甲表', '2．乙表', '3．丙表', ...SIGN, '附件3', '丙表', '丙的内容。', '附件2', '乙表', '乙的内容。', '附件4', '丁表', '丁的内容。'), { annexName });
    expect(fm(r.text).attachments).toEqual([{ title: '甲表' }, { title: '乙表', file: '监测-annex2.md' }, { title: '丙表', file: '监测-annex3.md' }, { title: '丁表', file: '监测-annex4.md' }]);
    expect(r.annexes.find((a) => a.number === 2)!.text).toContain('乙的内容。');
    expect(r.findings.items.map((f) => f.message)).toContain('附件页「附件4」不在附件说明中：已按它的标题加进附件说明');
  });

  it('pages labelled 附件 without numbers are numbered in order; a single 附件： item takes the page', () => {
    const one = importHtml(html(...HEAD, '附件：推荐汇总表', ...SIGN, '附件', '推荐汇总表', '内容。'), { annexName });
    expect(fm(one.text).attachments).toEqual([{ title: '推荐汇总表', file: '监测-annex1.md' }]);
    const two = importHtml(html(...HEAD, ...SIGN, '附件', '甲表', '附件', '乙表'), { annexName });
    expect(fm(two.text).attachments).toEqual([{ title: '甲表', file: '监测-annex1.md' }, { title: '乙表', file: '监测-annex2.md' }]);
  });

  it('typed numbers: headings at their form\'s level, numbered sentences kept as typed, a renumbered heading noted', () => {
    const r = importHtml(html(...HEAD, '二、填报方式', '1.网上填报', '系统于3月1日开放。', '（1）统计报表', '2.各地要认真审核，确保数据真实。', '（一）材料要求。材料一式两份。', '四、时间安排', ...SIGN));
    const body = r.text.split('\n---\n')[1];
    // 1. right under 二、 skips （一）, and gongwen numbers a heading one level below its parent:
    // as a heading it would print （一）. It stays a paragraph with its number as typed, and
    // （1） under it with it; a note says so.
    expect(body).toBe('\n为做好监测工作，现将有关事项通知如下：\n\n# 监测范围\n\n纳入评价管理的创新型产业集群。\n\n# 填报方式\n\n1\\.网上填报\n\n系统于3月1日开放。\n\n（1）统计报表\n\n2\\.各地要认真审核，确保数据真实。\n\n（一）材料要求。材料一式两份。\n\n# 时间安排\n');
    expect(r.findings.items.map((f) => f.message)).toEqual([
      '「1.网上填报」跳过了上一级标题：按原样作为带编号的正文段落保留；要作标题，先补上缺的一级',
      '「（1）统计报表」跳过了上一级标题：按原样作为带编号的正文段落保留；要作标题，先补上缺的一级',
      '标题编号写的是「四、」，gongwen 按顺序编为「三、」：检查前面是否漏了一个标题',
    ]);
  });

  it('plain 一、 paragraphs in the forms a clerk types them are headings', () => {
    for (const [typed, level] of [['一、申报范围', 1], ['一. 申报范围', 1], ['一．申报范围', 1], ['(一)申报范围', 2], ['（一） 申报范围', 2], ['1、申报范围', 3], ['1．申报范围', 3], ['(1)申报范围', 4]] as const) {
      const r = importHtml(html(...HEAD.slice(0, 5), `<p><strong>${typed}</strong></p>`, '请按要求申报。', ...SIGN));
      expect(r.text, typed).toContain(`\n${'#'.repeat(level)} 申报范围\n\n请按要求申报。\n`);
    }
  });

  it('what cannot be placed is reported where it stands, and counts as lost', () => {
    const r = importHtml(html(...HEAD, ...SIGN, '此页无正文', '<p><img src=""/></p>', '附件', '名单'));
    expect(r.findings.items.filter((f) => f.lost).map((f) => [f.at?.paragraph, f.message.slice(0, 12)])).toEqual([
      [10, '成文日期之后的这一段未能'],
    ]);
    expect(fm(r.text).seal).toBe(true);
    const noDate = importHtml(html(...HEAD));
    expect(noDate.findings.anyLost).toBe(true);
    expect(noDate.findings.items[0].message).toContain('没有找到成文日期');
    expect(fm(noDate.text).date).toBeUndefined();
  });
});

describe('the front matter writer', () => {
  const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== '');
  it('reads back as written, whatever the strings (quotes, colons, #, leading -, yes/no, numbers, line breaks)', () => {
    fc.assert(
      fc.property(text, text, fc.array(text, { minLength: 1, maxLength: 4 }), fc.array(fc.record({ title: text, file: fc.option(text, { nil: undefined }) }), { minLength: 1, maxLength: 4 }), (title, to, cc, atts) => {
        const attachments = atts.map((a) => (a.file === undefined ? { title: a.title } : { title: a.title, file: a.file })) as Attachment[];
        const out = writeFrontMatter({ kind: 'notice', issuer: to, title, to, cc, attachments, date: '2026-03-02' });
        const back = fm(`${out}\n`);
        expect(back.title).toBe(title);
        expect(back.to).toBe(to);
        expect(back.cc).toEqual(cc);
        const want = attachments.every((a) => a.file === undefined) ? attachments.map((a) => a.title) : attachments;
        expect(back.attachments).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a value of the wrong type instead of writing it', () => {
    expect(() => writeFrontMatter({ kind: 'notice', attachments: ['推荐汇总表'] as unknown as Attachment[] })).toThrow(/attachments must be a list of \{title, file\?\}/);
    expect(() => writeFrontMatter({ kind: 'notice', date: '2026-3-2' })).toThrow(/date must be a date/);
  });
});

describe('link targets', () => {
  const md = new MarkdownIt();
  it('stay inside their link whatever they hold; only http(s) and mailto are kept', () => {
    fc.assert(
      fc.property(fc.constantFrom('https://a.example/', 'http://b.example/x?', 'mailto:office'), fc.string({ maxLength: 40 }), (scheme, rest) => {
        const target = safeLinkTarget(scheme + rest + 'z');
        expect(target).toBeDefined();
        const tokens = md.parseInline(`前[链接](${target})后`, {})[0].children!;
        expect(tokens.map((t) => t.type)).toEqual(['text', 'link_open', 'text', 'link_close', 'text']);
        expect(tokens[1].attrGet('href')).toBe(md.normalizeLink(target!));
        expect(tokens[4].content).toBe('后');
      }),
      { numRuns: 500 },
    );
    // A "!" before the link stays text: the link never becomes an image that loads its target.
    const r = importHtml(html(...HEAD, '<p>请访问!<a href="https://a.example/x.png">这里</a>填报。</p>', ...SIGN));
    const line = r.text.split('\n').find((l) => l.startsWith('请访问'))!;
    expect(line).toBe('请访问\\![这里](https://a.example/x.png)填报。');
    const tokens = md.parseInline(line, {})[0].children!;
    expect(tokens.map((t) => t.type)).toEqual(['text', 'link_open', 'text', 'link_close', 'text']);
    for (const bad of ['javascript:alert(1)', ' JavaScript:x', 'file:///etc/passwd', 'data:text/html,x', '../x.md', '#_Toc1', 'https://', 'vbscript:x']) expect(safeLinkTarget(bad), bad).toBeUndefined();
  });
});

describe('dates', () => {
  it.each([
    ['2025年8月12日', '2025-08-12'],
    ['2025 年 8 月 2 日', '2025-08-02'],
    ['二〇二五年八月十二日', '2025-08-12'],
    ['二〇二五年十二月三十一日', '2025-12-31'],
    ['2025年2月29日', undefined],
    ['2024年2月29日', '2024-02-29'],
    ['2025年13月1日', undefined],
    ['2025年8月12日印发', undefined],
  ])('%s → %s', (s, iso) => expect(isoDate(s)).toBe(iso));
});

describe('the zip reader', () => {
  const limits = { ...IMPORT_LIMITS };
  const docx = minimalDocx('<w:p><w:r><w:t>一</w:t></w:r></w:p>');

  it('reads the parts and stores them again for mammoth, uncompressed', () => {
    const parts = readDocxParts(docx, limits);
    expect([...parts.keys()].sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'word/_rels/document.xml.rels', 'word/document.xml']);
    const again = readDocxParts(storedZip(parts), limits);
    expect(new TextDecoder().decode(again.get('word/document.xml'))).toContain('<w:t>一</w:t>');
  });

  it('stops at each bound with what to do', () => {
    const fails = (zip: Uint8Array, over: Partial<typeof limits>) => {
      try {
        readDocxParts(zip, { ...limits, ...over });
      } catch (err) {
        expect(err).toBeInstanceOf(ImportError);
        return (err as Error).message;
      }
      return 'read';
    };
    expect(fails(docx, { parts: 3 })).toContain('文件含 4 个部件，超过上限 3');
    expect(fails(docx, { unpackedBytes: 500 })).toContain('zip 目录声明的大小');
    expect(fails(declareSize(docx, 'word/document.xml', 10), {})).toContain('部件 word/document.xml 解压后超过它声明的 1 KB');
    expect(fails(docx.subarray(0, docx.length - 30), {})).toContain('不是 Word 文件');
    expect(fails(zipSync({ 'a.xml': strToU8('<a/>') }), {})).toContain('文件里没有正文');
    expect(fails(zipSync({ 'ppt/presentation.xml': strToU8('<a/>') }), {})).toContain('PowerPoint');
  });

  it('counts paragraphs, runs and elements in the XML before mammoth', () => {
    const body = (n: number) => '<w:body>' + '<w:p><w:pPr/><w:r><w:rPr/><w:t>x</w:t></w:r></w:p>'.repeat(n) + '</w:body>';
    expect(() => checkXml(body(100), limits)).not.toThrow();
    expect(() => checkXml(body(100), { ...limits, paragraphs: 99 })).toThrow('正文超过 99 段');
    expect(() => checkXml(body(100), { ...limits, runs: 50 })).toThrow('正文超过 50 个文字片段');
    expect(() => checkXml(body(100), { ...limits, elements: 400 })).toThrow('超过 400 个元素');
    const nested = (n: number) => '<w:tbl><w:tr><w:tc>'.repeat(n) + '<w:p/>' + '</w:tc></w:tr></w:tbl>'.repeat(n);
    expect(() => checkXml(nested(15), limits)).not.toThrow();
    expect(() => checkXml(nested(22), limits)).toThrow('正文的 XML 嵌套超过 64 层');
    // Footnotes and styles count with the document: mammoth reads them too.
    const parts = new Map([
      ['word/document.xml', strToU8(body(10))],
      ['word/footnotes.xml', strToU8(body(100))],
      ['word/styles.xml', strToU8('<w:styles>' + '<w:style/>'.repeat(300) + '</w:styles>')],
      ['word/media/big.xml', strToU8(body(1000))],
    ]);
    expect(() => checkXmlParts(parts, { ...limits, paragraphs: 105 })).toThrow('正文超过 105 段');
    expect(() => checkXmlParts(parts, { ...limits, elements: 800 })).toThrow('超过 800 个元素');
    expect(() => checkXmlParts(parts, { ...limits, elements: 900, paragraphs: 110 })).not.toThrow();
    expect(() => checkXml(`<w:p><w:r><w:t>${'申'.repeat(300)}</w:t></w:r></w:p><w:p/>`, { ...limits, paragraphXmlChars: 200 })).toThrow(/第 1 段有 3\d\d 个字符（上限 200）/);
  });
});

describe('附件说明 and annex labels as clerks type them', () => {
  it('items broken with Shift+Enter (one paragraph), a label and its title on one line, 特此通知 before the 署名', () => {
    const r = importHtml(html(...HEAD, '特此通知', '<p>附件：1．推荐汇总表<br/>2．2025年度申报书<br/>3．发展规划提纲</p>', ...SIGN, '附件2：2025年度申报书', '申报书内容。'), { annexName });
    expect(fm(r.text).attachments).toEqual([{ title: '推荐汇总表' }, { title: '2025年度申报书', file: '监测-annex2.md' }, { title: '发展规划提纲' }]);
    expect(r.text).toContain('\n特此通知\n');
    expect(fm(r.text).signature).toBeUndefined();
    expect(r.annexes[0].text).toBe('---\nkind: annex\ntitle: 2025年度申报书\n---\n\n申报书内容。\n');
  });

  it('an annex typed after the 附件说明 without its label, and no date: reported once, as a run of paragraphs, never taken as items', () => {
    const r = importHtml(html(...HEAD, '附件：复核名单', '2020年度复核名单', '序号\t基地名称\t省市', '1\t常州涂料基地\t江苏', '2\t湖州管道基地\t浙江', '注：平台登录密码与统计密码一致'));
    // (Without a date, a short line after the item may be taken as the item's wrapped end.)
    expect((fm(r.text).attachments as string[])[0]).toMatch(/^复核名单/);
    const lost = r.findings.items.filter((f) => f.lost);
    expect(lost.map((f) => [f.at?.paragraph, f.at?.through])).toEqual([[undefined, undefined], [10, 13]]);
    expect(lost[1].message).toContain('附件说明之后的内容未能放置');
  });
});

describe('fuzz: any order of a notice\'s parts, any damage to a DOCX', () => {
  const LINES = [
    '科学技术部火炬高技术产业开发中心文件', '国科火字〔2024〕7号', '关于开展2024年度火炬统计工作的通知', '各省、自治区科技厅：', '为做好统计工作，现通知如下：',
    '一、统计范围', '（二）填报要求', '1.网上填报', '（3）审核', '请认真组织实施。', '附件：1．统计报表', '2．填报说明', '附件：名单', '附件', '附件2', '附件3：汇总表',
    '科学技术部火炬高技术产业开发中心', '2024年5月6日', '二〇二四年五月七日', '2024年2月30日', '（此件主动公开）', '抄送：各国家高新区管委会。', '抄送：', '科学技术部火炬高技术产业开发中心办公室　2024年5月8日印发',
    '特此通知', '0: 推', '- title: x', '"引号" #号 : 冒号', '目录',
  ];
  const BLOCKS = [...LINES.map(p), '<p><img src=""/></p>', '<table><tr><td><p>序号</p></td><td><p>名称</p></td></tr><tr><td rowspan="2"><p>1</p></td><td><p>甲</p></td></tr></table>', '<p><a href="javascript:x">链接</a></p>', '<ol><li>第一项</li><li>第二项内容较长，是一个完整的句子。</li></ol>', '<h2>工作目标</h2>'];

  it('importHtml never throws, and writes front matter of the shapes gongwen reads', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...BLOCKS), { maxLength: 40 }), (blocks) => {
        const r = importHtml(blocks.join(''), { annexName });
        for (const text of [r.text, ...r.annexes.map((a) => a.text)]) {
          const data = fm(text);
          expect(typeof data).toBe('object');
          for (const [key, v] of Object.entries(data)) {
            if (key === 'attachments') for (const a of v as unknown[]) expect(typeof a === 'string' || (typeof a === 'object' && typeof (a as Attachment).title === 'string')).toBe(true);
            else if (['cc', 'mark', 'signers'].includes(key)) expect(Array.isArray(v) && (v as unknown[]).every((x) => typeof x === 'string')).toBe(true);
            else if (key === 'signature' || key === 'issuer') expect(typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'))).toBe(true);
            else if (key === 'seal') expect(v).toBe(true);
            else expect(typeof v, key).toBe('string');
          }
        }
        for (const f of r.findings.items) if (f.at) expect(f.at.paragraph).toBeGreaterThan(0);
      }),
      { numRuns: 400 },
    );
  });

  it('a damaged DOCX (bytes changed, cut short) is read or refused with an ImportError, nothing else', async () => {
    const { importDocx } = await import('../src/import/docx.js');
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'gongwen-import-fuzz-'));
    const good = minimalDocx(['科学技术部火炬高技术产业开发中心文件', '国科火字〔2024〕7号', '关于开展统计工作的通知', '各省科技厅：', '一、统计范围', '请认真组织实施。', '2024年5月6日'].map((t) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`).join(''), {}, 0);
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }), fc.option(fc.nat(good.length), { nil: undefined }), async (flips, cut) => {
          const bytes = good.slice(0, cut ?? good.length);
          for (const [at, v] of flips) if (at < bytes.length) bytes[at] = v;
          const path = join(dir, 'f.docx');
          writeFileSync(path, bytes);
          try {
            await importDocx(path);
          } catch (err) {
            expect(err, String((err as Error).stack)).toBeInstanceOf(ImportError);
            expect((err as Error).message).not.toMatch(/reading '|undefined|TypeError/);
          }
        }),
        { numRuns: 150 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
