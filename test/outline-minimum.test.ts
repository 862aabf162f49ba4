// Every shipped plan outline holds a plan to 10,000 字 (an error); a project's gongwen.yaml can
// change an outline's minimum; a project's own outline file sets its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { checkFile } from '../src/pipeline/check.js';
import { loadOutline, shippedOutlines, type OutlineSection } from '../src/checks/index.js';

const ROOT = join(__dirname, '..');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gw-outline-min-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A plan with every section of the outline, each a sentence long. */
function shortPlan(sections: OutlineSection[], depth = 1): string {
  return sections
    .map((s) => `${'#'.repeat(depth)} ${s.title}\n\n本部分内容从略，待补充完善。\n\n${s.sections && depth < 4 ? shortPlan(s.sections, depth + 1) : ''}`)
    .join('');
}

async function check(project: string, outline: string, body: string) {
  const p = join(project, `${outline}.md`);
  writeFileSync(p, `---\nkind: plan\ntitle: 测试规划\noutline: ${outline}\n---\n\n${body}`);
  return (await checkFile(p, { projectDir: project, stats: false })).diagnostics;
}

describe('the 10,000 字 minimum of plans', async () => {
  const names = await shippedOutlines();
  it('ships three outlines', () => expect(names.length).toBeGreaterThanOrEqual(3));
  for (const name of names) {
    it(`${name}: a short plan is an error with its 字数 and the minimum`, async () => {
      const outline = await loadOutline(name, ROOT);
      expect(outline.minWords).toBe(10000);
      const ds = await check(dir, name, shortPlan(outline.sections));
      const min = ds.filter((d) => d.ruleId === 'wordcount-min');
      expect(min).toHaveLength(1);
      expect(min[0].severity).toBe('error');
      expect(min[0].message).toMatch(/^全文 \d+ 字，少于要求的 10,000 字（还差 [\d,]+ 字）$/);
      expect(ds.filter((d) => d.ruleId === 'outline-missing')).toEqual([]);
    });
  }

  it("a project's gongwen.yaml changes one outline's minimum", async () => {
    const proj = join(dir, 'proj');
    mkdirSync(proj, { recursive: true });
    writeFileSync(join(proj, 'gongwen.yaml'), 'outlines:\n  cluster-plan-2021: { minWords: 50 }\n  torch-base-plan-2021: { minWords: 20000 }\n');
    const plan = await loadOutline('cluster-plan-2021', ROOT);
    expect((await check(proj, 'cluster-plan-2021', shortPlan(plan.sections))).filter((d) => d.ruleId === 'wordcount-min')).toEqual([]);
    const torch = await loadOutline('torch-base-plan-2021', ROOT);
    const ds = await check(proj, 'torch-base-plan-2021', shortPlan(torch.sections));
    expect(ds.find((d) => d.ruleId === 'wordcount-min')?.message).toContain('少于要求的 20,000 字');
  });

  it('gongwen.yaml with a bad minimum is an error at that line', async () => {
    const proj = join(dir, 'bad');
    mkdirSync(proj, { recursive: true });
    writeFileSync(join(proj, 'gongwen.yaml'), 'outlines:\n  cluster-plan-2021: { minWords: 很多 }\n');
    const { loadCheckConfig } = await import('../src/checks/index.js');
    const { diagnostics } = await loadCheckConfig(proj);
    expect(diagnostics.map((d) => `${d.line} ${d.severity} ${d.ruleId}`)).toEqual(['2 error config']);
    expect(diagnostics[0].message).toContain('minWords');
  });
});
