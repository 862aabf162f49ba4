// gongwen init [kind] [folder]: a new project folder to start from — gongwen.yaml, one example
// of the kind (from starters/<kind>/ in the package: a content file, its data or outline where
// the kind uses one), and the JSON Schema of every kind's front matter in schemas/, which the
// example's `# yaml-language-server: $schema=` line points at, so an editor with YAML support
// completes and checks the keys. A new kind is a folder in starters/ (and its schema in
// src/source/front-matter.ts).

import type { Command } from 'commander';
import { cpSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runs } from './options.js';
import { UsageError } from './project.js';
import { m } from './messages.js';

const STARTERS = fileURLToPath(new URL('../../starters/', import.meta.url));

/** The kinds `init` can start: the folders of starters/. */
export function starterKinds(): string[] {
  try {
    return readdirSync(STARTERS, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}

const GONGWEN_YAML = `# gongwen project settings. gongwen finds this file by walking up from a content file, and
# every path a document names (attachments, data, outlines) must lie inside this folder.
#
# Change a check's severity (error | warning | info | off), for every file:
rules:
  # punct-halfwidth: error
  # range-hyphen: off
`;

const GITIGNORE = `out/
`;

export function register(program: Command): void {
  const t = m();
  const kinds = starterKinds().join(', ');
  program
    .command('init')
    .summary(t.initSummary)
    .description(t.initDescription(kinds))
    .argument('[kind]', t.initKindArgument(kinds))
    .argument('[folder]', t.initFolderArgument)
    .addHelpText('after', t.initExamples)
    .action(runs(runInit));
}

async function runInit(given: string | undefined, folder: string | undefined): Promise<number> {
  const kind = given ?? 'notice';
  const kinds = starterKinds();
  if (!kinds.includes(kind)) throw new UsageError(m().initUnknownKind(kind, kinds.join(', ')));
  const dir = resolve(folder ?? kind);
  if (existsSync(dir) && (!statSync(dir).isDirectory() || readdirSync(dir).length > 0)) {
    throw new UsageError(m().initExists(folder ?? kind));
  }
  const { jsonSchemaOf } = await import('../kinds/json-schema.js');
  const { KIND_SCHEMAS } = await import('../source/front-matter.js');
  mkdirSync(dir, { recursive: true });
  cpSync(join(STARTERS, kind), dir, { recursive: true });
  writeFileSync(join(dir, 'gongwen.yaml'), GONGWEN_YAML);
  writeFileSync(join(dir, '.gitignore'), GITIGNORE);
  mkdirSync(join(dir, 'schemas'), { recursive: true });
  for (const k of Object.keys(KIND_SCHEMAS)) writeFileSync(join(dir, 'schemas', `${k}.schema.json`), JSON.stringify(jsonSchemaOf(k), null, 2) + '\n');
  const shown = relative(process.cwd(), dir) || '.';
  const content = readdirSync(join(dir, 'content')).filter((f) => f.endsWith('.md'));
  process.stderr.write(`${m().initCreated(shown, content.map((c) => `content/${c}`).join(', '))}\n`);
  return 0;
}
