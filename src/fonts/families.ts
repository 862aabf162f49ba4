// Which font family names stand for which GB/T 9704 role. One table, read from both the
// user-font scan (name table) and the report of substitutions. Names are compared after
// lower-casing and dropping spaces, hyphens and underscores, so "FangSong_GB2312",
// "fangsong gb2312" and "仿宋_GB2312" all match their row.
import type { FontRole } from '../profile/gbt9704.js';

export const FAMILY_ROLES: Record<FontRole, readonly string[]> = {
  fangsong: ['仿宋_GB2312', 'FangSong_GB2312', '仿宋', 'FangSong', '华文仿宋', 'STFangsong', '方正仿宋简体', 'FZFangSong-Z02S'],
  xiaobiaosong: ['方正小标宋简体', '方正小标宋_GBK', 'FZXiaoBiaoSong-B05S', 'FZXiaoBiaoSong-B05', '小标宋'],
  heiti: ['黑体', 'SimHei', '方正黑体简体', 'FZHei-B01S'],
  kaiti: ['楷体_GB2312', 'KaiTi_GB2312', '楷体', 'KaiTi', '华文楷体', 'STKaiti', '方正楷体简体', 'FZKai-Z03S'],
  song: ['宋体', 'SimSun', '新宋体', 'NSimSun', '华文宋体', 'STSong'],
};

export function normalizeFamily(name: string): string {
  return name.toLowerCase().replace(/[\s_\-]+/g, '');
}

const BY_NAME = new Map<string, FontRole>();
for (const [role, names] of Object.entries(FAMILY_ROLES) as [FontRole, readonly string[]][]) {
  for (const n of names) BY_NAME.set(normalizeFamily(n), role);
}

/** The role a family name plays, or undefined for a family gongwen does not know. */
export function roleOfFamily(name: string): FontRole | undefined {
  return BY_NAME.get(normalizeFamily(name));
}

/** Preference of a name within its role: lower is better (仿宋_GB2312 before 仿宋). */
export function rankOfFamily(name: string): number {
  const role = roleOfFamily(name);
  if (!role) return Infinity;
  return FAMILY_ROLES[role].findIndex((n) => normalizeFamily(n) === normalizeFamily(name));
}

/** The role a font plays, from all its names: the best-ranked name that stands for a role. */
export function bestRole(names: readonly string[]): { role: FontRole; family: string; rank: number } | undefined {
  let best: { role: FontRole; family: string; rank: number } | undefined;
  for (const name of names) {
    const role = roleOfFamily(name);
    if (role && (!best || rankOfFamily(name) < best.rank)) best = { role, family: name, rank: rankOfFamily(name) };
  }
  return best;
}
