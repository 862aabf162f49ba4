// What the command line itself says (help, progress, summaries, its own errors), in Chinese for
// a Chinese locale and in English otherwise — one catalogue, each message a whole sentence per
// language (never English pieces joined to Chinese ones). The diagnostics are Chinese already and
// do not pass through here. Light on purpose: main.ts loads it for --help.
//
// The language: --lang zh|en, else GONGWEN_LANG, else the first of LC_ALL, LC_MESSAGES, LANG that
// is set (POSIX's order; "C" and "POSIX" are English), else the locale Intl resolved (Windows sets
// no LANG: Intl reads the display language there).

export type Lang = 'zh' | 'en';

export class LangError extends Error {}

const langOf = (s: string): Lang => (/^zh/i.test(s) ? 'zh' : 'en');

/** The language from the environment (no --lang). */
export function localeLang(env: NodeJS.ProcessEnv = process.env, intlLocale?: string): Lang {
  if (env.GONGWEN_LANG) return langOf(env.GONGWEN_LANG);
  for (const v of [env.LC_ALL, env.LC_MESSAGES, env.LANG]) if (v) return langOf(v);
  return langOf(intlLocale ?? Intl.DateTimeFormat().resolvedOptions().locale);
}

/** `--lang X` / `--lang=X` in argv, read before commander builds the help in that language. */
export function langArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--') break;
    if (argv[i] === '--lang') return argv[i + 1] ?? '';
    if (argv[i].startsWith('--lang=')) return argv[i].slice('--lang='.length);
  }
  return undefined;
}

export function parseLang(s: string): Lang {
  if (s === 'zh' || s === 'en') return s;
  throw new LangError(s);
}

const enCount = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const en = {
  // program
  programDescription: 'Chinese official documents (公文, GB/T 9704-2012) from Markdown and YAML, as DOCX and PDF',
  versionOption: "gongwen's version",
  helpOption: 'help for gongwen or a command (gongwen build --help)',
  helpCommand: 'help for a command',
  langOption: 'language of the messages: zh or en (default: from the locale; also GONGWEN_LANG)',
  colorOption: 'colours even when the output is not a terminal (also FORCE_COLOR=1)',
  noColorOption: 'no colours (also NO_COLOR=1)',
  helpAfterError: '(add --help for the options and examples)',
  programAfterHelp: `
Start a project:  gongwen init notice my-notice && cd my-notice && gongwen build content
Each command has its own help with examples: gongwen build --help`,
  /** commander's placeholders in usage lines: [options], [command] */
  placeholders: {} as Record<string, string>,
  titles: { 'Usage:': 'Usage:', 'Options:': 'Options:', 'Commands:': 'Commands:', 'Arguments:': 'Arguments:', 'Global Options:': 'Global Options:' } as Record<string, string>,
  /** commander's own error lines, after "error: " became "gongwen: " */
  commanderError: (s: string) => s,
  usageHint: (cmd: string | undefined) => `Run "gongwen ${cmd ? `${cmd} ` : ''}--help" for usage.`,
  badLang: (s: string) => `--lang takes zh or en (not "${s}")`,
  internalError: 'internal error',

  // options shared by the commands
  projectOption: "project folder (templates/, fonts/, gongwen.yaml; documents may name paths inside it only). Default: the nearest folder above each file with gongwen.yaml or content/, else the file's folder. e.g. --project ~/公文",
  quietOption: 'print errors and the summary only',
  verboseOption: 'also say what gongwen decided and when (font substitutes, slices, timings)',
  formatOption: 'docx, pdf, ofd or a list of them (default docx,pdf, or output.formats in gongwen.yaml). e.g. --format pdf,ofd',
  badFormat: (s: string) => `--format takes docx, pdf, ofd or a list of them such as docx,pdf (not "${s}")`,
  pdfStandardOption: 'write the PDF as PDF/A: a-2b (archives; seals and transparency allowed) or a-1b (no transparency: unsealed documents). Default: none, or output.pdfStandard in gongwen.yaml. e.g. --pdf-standard a-2b',
  badPdfStandard: (s: string) => `--pdf-standard takes a-1b or a-2b (not "${s}")`,
  noSuchProject: (s: string) => `--project ${s}: no such folder`,
  inputsArgument: 'content files (.md) or folders; - reads one document from standard input',
  noSuchInput: (s: string) => `${s}: no such file or folder`,
  stdinOnce: '- (standard input) can be given once, alone',

  /** A list in a sentence: "a, b" / "a、b". */
  list: (items: readonly string[]) => items.join(', '),

  // counts
  documents: (n: number) => enCount(n, 'document', 'documents'),
  files: (n: number) => enCount(n, 'file', 'files'),
  errors: (n: number) => enCount(n, 'error', 'errors'),
  warnings: (n: number) => enCount(n, 'warning', 'warnings'),
  pages: (n: number) => enCount(n, 'page', 'pages'),

  // build
  buildSummary: 'compile content files to DOCX and PDF',
  buildDescription:
    'Compile content files to DOCX and PDF. A folder means every .md file in it (not node_modules/, dot-folders or what .gitignore ignores), except files another file attaches as an annex (they are built with it). Outputs are named after the content file: content/2020-191.md → out/2020-191.docx and out/2020-191.pdf. A document with errors writes nothing, and a good file is never replaced by a broken one.',
  outOption: 'output folder (default: out/ in the project). e.g. --out dist/pdf',
  outputOption: 'the one output file of one document; .pdf, .docx or .ofd picks the format; - writes it to standard output (with --format). e.g. -o 通知.pdf',
  blankOption: 'application forms (kind application): the empty official form, as NAME-blank.docx/.pdf',
  watchOption: 'build, then build again on each save (only the documents that read the saved file) until Ctrl-C',
  buildExamples: `
Examples:
  gongwen build content/2020-191.md                  # → out/2020-191.docx, out/2020-191.pdf
  gongwen build 通知.md -o 通知.pdf                   # one PDF, named as given
  gongwen build 通知.md -o - --format pdf > 通知.pdf  # the PDF on standard output
  gongwen build content --format pdf --out dist/pdf  # every document in content/, PDF only
  gongwen build content/申报书.md --blank            # the empty official form, to fill in Word
  gongwen build content --watch                      # rebuild on each save`,
  watchNotOutput: '--watch writes to --out DIR, not -o FILE',
  outputExtension: (o: string) => `-o ${o}: the file name must end in .pdf, .docx or .ofd (for a folder, write --out ${o})`,
  outputAndOut: '-o FILE and --out DIR do not go together',
  outputAndFormat: (o: string, ext: string) => `-o ${o} writes ${ext} only; leave out --format`,
  stdoutOneFormat: '-o - writes one file to standard output: give --format pdf, --format docx or --format ofd',
  outputOneDocument: (o: string, n: number) => `-o ${o} names one file, but ${enCount(n, 'document', 'documents')} would be built; use --out DIR`,
  theOutFolder: 'the output folder out/',
  configHasErrors: (n: number, config: string) => `0 of ${enCount(n, 'document', 'documents')} built: ${config} has errors`,
  built: (outs: string, pages: number | undefined) => `built ${outs}${pages ? ` (${enCount(pages, 'page', 'pages')})` : ''}`,
  buildTotal: (built: number, total: number, written: number, secs: string, failed: number) =>
    `${built} of ${enCount(total, 'document', 'documents')} built, ${enCount(written, 'file', 'files')} written in ${secs} s${failed ? `; ${failed} failed` : ''}`,
  fontSubstitutes: (wanted: string) => `fonts: substitutes for ${wanted} (put the real fonts in fonts/; --verbose names them)`,

  // check
  checkSummary: 'run every check without rendering',
  checkDescription:
    'Run every check without rendering: front matter, outline and 字数, and the GB/T 9704 / 15834 / 15835 writing rules. The findings go to standard output as FILE:LINE:COL SEVERITY RULE: MESSAGE, the summary to standard error; exit status 1 on errors (or on more warnings than --max-warnings).',
  jsonOption: 'print the diagnostics (and --stats) as JSON on stdout',
  statsOption: 'print a table of 字数 per section',
  fixOption: 'apply the safe fixes in place (full-width punctuation, 〔〕 in 文号, —— and ……, dates), print each change, then check again',
  dryRunOption: 'with --fix: print the changes without writing them',
  maxWarningsOption: 'exit status 1 when there are more than N warnings. e.g. --max-warnings 0',
  badMaxWarnings: '--max-warnings takes a whole number, 0 or more',
  dryRunWithoutFix: '--dry-run goes with --fix',
  fixStdin: '--fix writes into the files it checks; it cannot fix standard input',
  checkExamples: `
Examples:
  gongwen check content/2020-191.md
  gongwen check .                        # every .md file below, not node_modules/ or .gitignored ones
  gongwen check content > report.txt     # the findings into a file, the summary on the screen
  gongwen check content --max-warnings 0 # fail on any warning (CI)
  gongwen check content/plan.md --stats  # 字数 per section against the outline's minimums
  gongwen check content --json > diagnostics.json
  gongwen check content/2020-191.md --fix --dry-run  # show the safe fixes without writing them
  cat 通知.md | gongwen check -          # a document from standard input`,
  checkTotal: (files: number, errors: number, warnings: number) => `${enCount(files, 'file', 'files')} checked: ${enCount(errors, 'error', 'errors')}, ${enCount(warnings, 'warning', 'warnings')}`,
  tooManyWarnings: (n: number, max: number) => `${enCount(n, 'warning', 'warnings')}, more than --max-warnings ${max}`,
  fixed: (n: number) => `${enCount(n, 'fix', 'fixes')} applied`,
  wouldFix: (n: number) => `${enCount(n, 'fix', 'fixes')} to apply (--dry-run: nothing written)`,

  // batch
  batchSummary: 'one document per record (--each) or per group of records (--group-by)',
  batchDescription:
    'One document per record of a data file (--each), or one per group of records (--group-by FIELD). Record fields are visible to the front matter, the template and the body as {{field}}. Unchanged documents (same content, data, templates, gongwen) are skipped unless --force.',
  batchFileArgument: 'the content file (.md) each document is made from',
  dataOption: "data file: CSV, XLSX, YAML or JSON (default: a list's own data:). e.g. --data data/bases.csv",
  sheetOption: "the XLSX sheet to read (default: a list's own sheet:, else the first). e.g. --sheet 名单",
  eachOption: 'one document per record',
  groupByOption: 'one document per value of FIELD (a blank cell belongs to the value above). e.g. --group-by 省市',
  nameOption: 'output names, a template over the record (default: FILE-1, FILE-2, … or FILE-VALUE per group). e.g. --name "{{序号}}-{{基地名称}}"',
  forceOption: 'render every document, changed or not',
  batchOutOption: 'output folder (default: out/ in the project). e.g. --out out/bases',
  jobsOption: 'documents in flight at once, 1–16 (default 2). e.g. --jobs 4',
  batchExamples: `
Examples:
  gongwen batch batch/base-review.md --data data/bases.csv --each --name "{{序号}}-{{基地名称}}"
  gongwen batch content/2020-191-list.md --group-by 省市
  gongwen batch notice.md --data 名单.xlsx --sheet 2021 --each --format pdf --jobs 4`,
  batchNeedsMode: 'batch needs either --each or --group-by FIELD',
  badJobs: '--jobs takes a number from 1 to 16',
  batchNeedsData: (file: string) => `batch ${file} needs --data FILE (the records to make documents from); only a list names its own data:`,
  batchTotal: (total: number, built: number, skipped: number, failed: number, secs: string, rate: string | undefined, stopped: string | undefined, notBuilt: number) =>
    `batch: ${enCount(total, 'document', 'documents')}: ${built} built, ${skipped} unchanged (skipped), ${failed} failed in ${secs} s` +
    (rate ? ` (${rate} documents/s)` : '') +
    (stopped ? `; stopped by ${stopped}, ${notBuilt} not built` : ''),

  // init
  initSummary: 'start a new project folder with an example document',
  initDescription: (kinds: string) =>
    `Start a new project folder: gongwen.yaml, an example of the kind in content/ (with its data or outline where the kind uses one), and the JSON Schema of each kind's front matter in schemas/, which the example names on its "# yaml-language-server: $schema=" line (completion and checks in editors with YAML support). Kinds: ${kinds}.`,
  initKindArgument: (kinds: string) => `the kind of the example: ${kinds} (default: notice)`,
  initFolderArgument: "the new folder (default: the kind's name); it must not exist or be empty",
  initExamples: `
Examples:
  gongwen init                  # ./notice: a notice with an annex
  gongwen init list 名单        # ./名单: a name list from data/list.csv
  gongwen init plan ~/规划      # a plan with its outline in outlines/`,
  initUnknownKind: (kind: string, kinds: string) => `init: unknown kind "${kind}"; one of ${kinds}`,
  initExists: (folder: string) => `init: ${folder} already exists and is not an empty folder; give a new folder name`,
  initCreated: (shown: string, content: string) =>
    `created ${shown}/ with gongwen.yaml, ${content}, schemas/\nnext:\n  cd ${shown}\n  gongwen check content\n  gongwen build content      # → out/*.docx, out/*.pdf`,

  // progress
  progressFailed: (n: number) => `, ${n} failed`,
  progressEta: (s: string) => `ETA ${s} s`,
  progressPrefix: 'progress: ',

  // preview and build --watch
  previewSummary: 'a live page of the document as it prints, rebuilt on each save',
  previewDescription:
    "A web page on 127.0.0.1 with the document's pages as they print, beside its diagnostics, redrawn on each save of the file, an annex, a data file, a picture or a template (only the pages that changed). /document.pdf and /document.ofd are the current PDF and OFD, /diagnostics.json the diagnostics as check --json gives them. Ctrl-C stops it.",
  previewFileArgument: 'the content file (.md)',
  portOption: 'the port to listen on (default: a free one, printed). e.g. --port 8080',
  previewExamples: `
Examples:
  gongwen preview content/2020-191.md              # prints http://127.0.0.1:PORT/
  gongwen preview 通知.md --port 8080`,
  badPort: (s: string | undefined) => `--port takes a port number 0–65535 (not "${s}")`,
  previewNoSuchFile: (s: string) => `preview: no such file ${s}`,
  previewNotContent: (s: string) => `preview: ${s} is not a content file (a .md file)`,
  portInUse: (port: number) => `--port ${port} is in use: give another, or leave --port out for a free one`,
  previewServing: (file: string, url: string) => `preview of ${file}: ${url}  (Ctrl-C to stop)`,
  previewBuild: (n: number, pages: number | undefined, errors: number, warnings: number, ms: number) =>
    `build ${n}: ${pages === undefined ? 'not built (the page keeps the last good pages)' : enCount(pages, 'page', 'pages')}, ${enCount(errors, 'error', 'errors')}, ${enCount(warnings, 'warning', 'warnings')}, ${ms} ms`,
  watchConfigErrors: 'gongwen.yaml has errors: nothing built',
  watchMissing: (s: string) => `${s} error read: no such file or folder`,
  watchBuilt: (outs: string, pages: number | undefined, ms: number) => `built ${outs}${pages ? ` (${enCount(pages, 'page', 'pages')})` : ''} in ${ms} ms`,
  watchNotBuilt: (name: string) => `${name}: not built (errors above); the last good outputs stay`,
  watching: (folder: string) => `watching ${folder} for saves (Ctrl-C to stop)`,
  // import
  importSummary: 'a content file from an old Word file (.docx)',
  importDescription:
    'Read a Word file (.docx) into a content file: front matter from what it recognises (发文字号, 标题, 主送, 署名, 成文日期, 附注, 附件说明 → attachments, 抄送, 印发), the body as Markdown with headings from their 一、（一）1.（1） numbers, tables as pipe tables, annex pages (附件N) as their own files. Whatever it could not place is listed with its paragraph in the Word file, and the exit status is 1.',
  importDocxArgument: 'the Word file',
  importOutputOption: "the content file to write (default: the Word file's name with .md, in the current folder). e.g. -o content/通知.md",
  importForceOption: 'replace files that exist (atomically: the old file stays whole if writing fails)',
  importQuietOption: 'no notes (what could not be placed is always listed)',
  importExamples: `
Examples:
  gongwen import 旧通知.docx                    # → 旧通知.md (+ 旧通知-annex1.md, … for annex pages)
  gongwen import 旧通知.docx -o content/通知.md
  gongwen check content/通知.md                 # then see what the checks say

Exit status: 0 everything placed; 1 something could not be placed (listed), or the file could not be read or written; 2 bad usage or no such file.`,
  importNotDocx: (s: string) => `import reads .docx files (Word 2007 and later), not "${s}"; save a .doc as .docx first`,
  importNotMd: (s: string | undefined) => `-o ${s}: the content file must end in .md`,
  importNoSuchFile: 'no such file',
  importNoRead: "no permission to read it: ask the file's owner to allow reading, or copy it and import the copy",
  importOwnFault: "gongwen failed while reading this file (a fault of gongwen's, not of the file): please send the file to gongwen's maintainers",
  importNothingWritten: 'nothing written',
  importIsFolder: (s: string) => `${s} is a folder and cannot become a content file: give another name with -o`,
  importNotRegular: (s: string) => `${s} is not a regular file: give another name with -o`,
  importReadOnly: (s: string) => `${s} is read-only, and --force does not replace it either: make it writable first (chmod u+w), or give another name with -o`,
  importExists: (s: string) => `${s} already exist${s.includes(', ') ? '' : 's'}: add --force to replace (the old file stays until the new one is written), or give another name with -o`,
  importNoSpace: (files: string, folder: string) => `${files} not written: the disk is full (${folder}); the old files are unchanged. Free some space and import again, or write elsewhere with -o`,
  importNoWrite: (files: string, folder: string) => `${files} not written: no permission to write in ${folder} (a read-only folder); the old files are unchanged. Write to a writable folder with -o`,
  importWriteFailed: (files: string, folder: string, why: string) => `${files} not written: cannot write in ${folder} (${why}); the old files are unchanged`,
  importLost: 'not placed',
  importNote: 'note',
  importMoreNotShown: (n: number) => `${n} more not listed`,
  importWrittenLost: (files: string, lost: number) => `wrote ${files}; ${enCount(lost, 'item', 'items')} not placed (above): add ${lost === 1 ? 'it' : 'them'}, then gongwen check`,
  importWrittenAll: (files: string) => `wrote ${files}; everything placed`,
  // doctor
  doctorSummary: 'what gongwen finds on this machine: fonts per role, cache, versions',
  doctorDescription: 'Says which font file serves each role (the official face or its substitute), whether LibreOffice is installed (only the tests use it), where the cache is, and the versions of gongwen and Node. Give a project folder to see its fonts/ too.',
  doctorFolderArgument: 'the project folder whose fonts/ count (default: the current folder)',
  doctorFonts: 'Fonts (role: the face drawn)',
  doctorFontLine: (role: string, face: string, substituteFor: string | undefined) => `  ${role}: ${face}${substituteFor ? `, a substitute for ${substituteFor}` : ''}`,
  doctorFace: (name: string, source: string) => (name.includes(source) ? name : `${name} — ${source}`),
  doctorLibreOffice: (where: string | undefined) => `LibreOffice: ${where ?? 'not found (only the tests use it)'}`,
  doctorCache: (file: string, exists: boolean) => `Cache (batch skips unchanged documents): ${file}${exists ? '' : ' (not made yet)'}`,
  doctorVersions: (gongwen: string, node: string) => `gongwen ${gongwen}, Node ${node}`,
};

export type Messages = typeof en;

const zh: Messages = {
  programDescription: '用 Markdown 和 YAML 写公文（GB/T 9704-2012），生成 DOCX 和 PDF',
  versionOption: 'gongwen 的版本',
  helpOption: 'gongwen 或某个命令的帮助（gongwen build --help）',
  helpCommand: '某个命令的帮助',
  langOption: '提示语言：zh 或 en（默认随系统语言；也可设 GONGWEN_LANG）',
  colorOption: '输出不是终端时也用颜色（也可设 FORCE_COLOR=1）',
  noColorOption: '不用颜色（也可设 NO_COLOR=1）',
  helpAfterError: '（加 --help 查看选项和示例）',
  programAfterHelp: `
新建项目：  gongwen init notice 我的通知 && cd 我的通知 && gongwen build content
每个命令都有帮助和示例：gongwen build --help`,
  placeholders: { '[options]': '[选项]', '[command]': '[命令]' },
  titles: { 'Usage:': '用法：', 'Options:': '选项：', 'Commands:': '命令：', 'Arguments:': '参数：', 'Global Options:': '全局选项：' },
  commanderError: (s: string) =>
    s
      .replace(/missing required argument '([^']*)'/, '缺少参数「$1」')
      .replace(/unknown option '([^']*)'/, '未知选项「$1」')
      .replace(/unknown command '([^']*)'/, '未知命令「$1」')
      .replace(/option '([^']*)' argument missing/, '选项「$1」缺少值')
      .replace(/too many arguments(?: for '([^']*)')?\. Expected (\d+) arguments? but got (\d+)\./, (_m, _c, want: string, got: string) => `参数过多：应为 ${want} 个，给了 ${got} 个`)
      .replace(/\(Did you mean (.*)\?\)/, '（是否应为 $1？）'),
  usageHint: (cmd: string | undefined) => `用法见 gongwen ${cmd ? `${cmd} ` : ''}--help`,
  badLang: (s: string) => `--lang 取 zh 或 en（不是「${s}」）`,
  internalError: '内部错误',

  projectOption: '项目文件夹（templates/、fonts/、gongwen.yaml；文件引用的路径须在其中）。默认：从每个文件向上最近的含 gongwen.yaml 或 content/ 的文件夹，否则为文件所在文件夹。如 --project ~/公文',
  quietOption: '只输出错误和汇总',
  verboseOption: '同时说明 gongwen 的决定和用时（替代字体、分段、计时）',
  formatOption: 'docx、pdf、ofd 或其组合（默认 docx,pdf，或 gongwen.yaml 的 output.formats）。如 --format pdf,ofd',
  badFormat: (s: string) => `--format 取 docx、pdf、ofd 或其组合，如 docx,pdf（不是「${s}」）`,
  pdfStandardOption: '把 PDF 写成 PDF/A：a-2b（归档用，可有印章和透明）或 a-1b（不可有透明：不盖章的公文）。默认不写，或取 gongwen.yaml 的 output.pdfStandard。如 --pdf-standard a-2b',
  badPdfStandard: (s: string) => `--pdf-standard 取 a-1b 或 a-2b（不是「${s}」）`,
  noSuchProject: (s: string) => `--project ${s}：文件夹不存在`,
  inputsArgument: '内容文件（.md）或文件夹；- 表示从标准输入读一份文件',
  noSuchInput: (s: string) => `${s}：文件或文件夹不存在`,
  stdinOnce: '- （标准输入）只能单独给一次',

  list: (items: readonly string[]) => items.join('、'),

  documents: (n: number) => `${n} 份公文`,
  files: (n: number) => `${n} 个文件`,
  errors: (n: number) => `${n} 个错误`,
  warnings: (n: number) => `${n} 个警告`,
  pages: (n: number) => `${n} 页`,

  buildSummary: '把内容文件生成为 DOCX 和 PDF',
  buildDescription:
    '把内容文件生成为 DOCX 和 PDF。给文件夹即其中所有 .md 文件（不含 node_modules/、以点开头的文件夹和 .gitignore 忽略的文件），被其他文件作为附件引用的文件随主件生成。输出以内容文件命名：content/2020-191.md → out/2020-191.docx 和 out/2020-191.pdf。有错误的文件不输出，已有的正确文件不会被出错的结果替换。',
  outOption: '输出文件夹（默认：项目中的 out/）。如 --out dist/pdf',
  outputOption: '单个文件的唯一输出；扩展名 .pdf、.docx 或 .ofd 决定格式；- 表示写到标准输出（配合 --format）。如 -o 通知.pdf',
  blankOption: '申报书（kind application）：输出空白的正式表格，名为 名称-blank.docx/.pdf',
  watchOption: '生成后监视文件，每次保存重新生成（只生成读到该文件的公文），直到 Ctrl-C',
  buildExamples: `
示例：
  gongwen build content/2020-191.md                  # → out/2020-191.docx、out/2020-191.pdf
  gongwen build 通知.md -o 通知.pdf                   # 一个 PDF，按给定名称
  gongwen build 通知.md -o - --format pdf > 通知.pdf  # PDF 写到标准输出
  gongwen build content --format pdf --out dist/pdf  # content/ 中每份公文，只要 PDF
  gongwen build content/申报书.md --blank            # 空白正式表格，供在 Word 中填写
  gongwen build content --watch                      # 每次保存重新生成`,
  watchNotOutput: '--watch 写到 --out 文件夹，不能与 -o 文件同用',
  outputExtension: (o: string) => `-o ${o}：文件名须以 .pdf、.docx 或 .ofd 结尾（输出到文件夹请写 --out ${o}）`,
  outputAndOut: '-o 文件 与 --out 文件夹 不能同用',
  outputAndFormat: (o: string, ext: string) => `-o ${o} 只输出 ${ext}：去掉 --format`,
  stdoutOneFormat: '-o - 向标准输出写一个文件：请给 --format pdf、--format docx 或 --format ofd',
  outputOneDocument: (o: string, n: number) => `-o ${o} 只能写一个文件，但要生成 ${n} 份公文；请用 --out 文件夹`,
  theOutFolder: '输出文件夹 out/',
  configHasErrors: (n: number, config: string) => `${n} 份公文均未生成：${config} 有错误`,
  built: (outs: string, pages: number | undefined) => `已生成 ${outs}${pages ? `（${pages} 页）` : ''}`,
  buildTotal: (built: number, total: number, written: number, secs: string, failed: number) =>
    `共 ${total} 份公文，生成 ${built} 份，写出 ${written} 个文件，用时 ${secs} 秒${failed ? `；${failed} 份失败` : ''}`,
  fontSubstitutes: (wanted: string) => `字体：${wanted} 使用替代字体（把正式字体放进 fonts/；--verbose 列出替代情况）`,

  checkSummary: '只检查，不生成文件',
  checkDescription:
    '只检查，不生成文件：文件头、提纲和字数，以及 GB/T 9704 / 15834 / 15835 的书写规则。问题逐行写到标准输出，格式为 文件:行:列 级别 规则: 说明；汇总写到标准错误。有错误（或警告多于 --max-warnings）时退出码为 1。',
  jsonOption: '以 JSON 在标准输出给出问题（及 --stats）',
  statsOption: '列出各部分字数',
  fixOption: '就地改正可安全自动修改的问题（全角标点、文号的〔〕、——和……、日期），逐条列出改动，再检查一遍',
  dryRunOption: '与 --fix 同用：只列出改动，不写入文件',
  maxWarningsOption: '警告多于 N 个时退出码为 1。如 --max-warnings 0',
  badMaxWarnings: '--max-warnings 取 0 或正整数',
  dryRunWithoutFix: '--dry-run 须与 --fix 同用',
  fixStdin: '--fix 改写所检查的文件，不能用于标准输入',
  checkExamples: `
示例：
  gongwen check content/2020-191.md
  gongwen check .                        # 下面每个 .md 文件，不含 node_modules/ 和 .gitignore 忽略的
  gongwen check content > report.txt     # 问题写进文件，汇总显示在屏幕上
  gongwen check content --max-warnings 0 # 有任何警告即失败（持续集成）
  gongwen check content/plan.md --stats  # 各部分字数与提纲要求对照
  gongwen check content --json > diagnostics.json
  gongwen check content/2020-191.md --fix --dry-run  # 只列出可自动改正的，不写入
  cat 通知.md | gongwen check -          # 从标准输入读一份文件`,
  checkTotal: (files: number, errors: number, warnings: number) => `检查了 ${files} 个文件：${errors} 个错误，${warnings} 个警告`,
  tooManyWarnings: (n: number, max: number) => `${n} 个警告，多于 --max-warnings ${max}`,
  fixed: (n: number) => `已改正 ${n} 处`,
  wouldFix: (n: number) => `可改正 ${n} 处（--dry-run：未写入）`,

  batchSummary: '每条记录（--each）或每组记录（--group-by）生成一份公文',
  batchDescription:
    '数据文件的每条记录（--each）或每组记录（--group-by 字段）生成一份公文。记录的字段可在文件头、模板和正文中以 {{字段}} 引用。未改动的公文（内容、数据、模板、gongwen 均相同）跳过，除非 --force。',
  batchFileArgument: '用来生成每份公文的内容文件（.md）',
  dataOption: '数据文件：CSV、XLSX、YAML 或 JSON（默认：名单自己的 data:）。如 --data data/bases.csv',
  sheetOption: '要读的 XLSX 工作表（默认：名单自己的 sheet:，否则第一个）。如 --sheet 名单',
  eachOption: '每条记录一份',
  groupByOption: '字段的每个值一份（空单元格属于上面的值）。如 --group-by 省市',
  nameOption: '输出文件名，按记录填写的模板（默认：文件-1、文件-2……，分组时为 文件-值）。如 --name "{{序号}}-{{基地名称}}"',
  forceOption: '每份都重新生成，不论是否改动',
  batchOutOption: '输出文件夹（默认：项目中的 out/）。如 --out out/bases',
  jobsOption: '同时生成的份数，1–16（默认 2）。如 --jobs 4',
  batchExamples: `
示例：
  gongwen batch batch/base-review.md --data data/bases.csv --each --name "{{序号}}-{{基地名称}}"
  gongwen batch content/2020-191-list.md --group-by 省市
  gongwen batch notice.md --data 名单.xlsx --sheet 2021 --each --format pdf --jobs 4`,
  batchNeedsMode: 'batch 需要 --each 或 --group-by 字段 之一',
  badJobs: '--jobs 取 1 到 16',
  batchNeedsData: (file: string) => `batch ${file} 需要 --data 文件（生成公文所用的记录）；只有名单自带 data:`,
  batchTotal: (total: number, built: number, skipped: number, failed: number, secs: string, rate: string | undefined, stopped: string | undefined, notBuilt: number) =>
    `batch：共 ${total} 份：生成 ${built} 份，未改动跳过 ${skipped} 份，失败 ${failed} 份，用时 ${secs} 秒` +
    (rate ? `（每秒 ${rate} 份）` : '') +
    (stopped ? `；被 ${stopped} 中止，${notBuilt} 份未生成` : ''),

  initSummary: '新建项目文件夹，附一份示例',
  initDescription: (kinds: string) =>
    `新建项目文件夹：gongwen.yaml、content/ 中该文种的示例（及其所用的数据或提纲），以及 schemas/ 中各文种文件头的 JSON Schema，示例的「# yaml-language-server: $schema=」一行指向它（支持 YAML 的编辑器可补全和检查字段）。文种：${kinds}。`,
  initKindArgument: (kinds: string) => `示例的文种：${kinds}（默认：notice）`,
  initFolderArgument: '新文件夹（默认：文种名）；须不存在或为空',
  initExamples: `
示例：
  gongwen init                  # ./notice：一份带附件的通知
  gongwen init list 名单        # ./名单：由 data/list.csv 生成的名单
  gongwen init plan ~/规划      # 一份规划，提纲在 outlines/`,
  initUnknownKind: (kind: string, kinds: string) => `init：没有文种「${kind}」；可选 ${kinds}`,
  initExists: (folder: string) => `init：${folder} 已存在且不是空文件夹；请换一个新文件夹名`,
  initCreated: (shown: string, content: string) =>
    `已建立 ${shown}/，含 gongwen.yaml、${content}、schemas/\n接下来：\n  cd ${shown}\n  gongwen check content\n  gongwen build content      # → out/*.docx、out/*.pdf`,

  progressFailed: (n: number) => `，${n} 份失败`,
  progressEta: (s: string) => `约剩 ${s} 秒`,
  progressPrefix: '进度：',

  previewSummary: '实时预览：按打印效果显示页面，每次保存重新生成',
  previewDescription:
    '在 127.0.0.1 上打开一个网页，按打印效果显示公文的页面及其问题；每次保存该文件、附件、数据文件、图片或模板都会重画（只重画改动的页）。/document.pdf 和 /document.ofd 是当前的 PDF 和 OFD，/diagnostics.json 是与 check --json 相同的问题列表。按 Ctrl-C 停止。',
  previewFileArgument: '内容文件（.md）',
  portOption: '监听的端口（默认：自动选一个空闲端口并显示）。如 --port 8080',
  previewExamples: `
示例：
  gongwen preview content/2020-191.md              # 显示 http://127.0.0.1:端口/
  gongwen preview 通知.md --port 8080`,
  badPort: (s: string | undefined) => `--port 取 0–65535 的端口号（不是「${s}」）`,
  previewNoSuchFile: (s: string) => `preview：文件 ${s} 不存在`,
  previewNotContent: (s: string) => `preview：${s} 不是内容文件（.md 文件）`,
  portInUse: (port: number) => `--port ${port} 已被占用：换一个端口，或不写 --port 自动选择`,
  previewServing: (file: string, url: string) => `${file} 的预览：${url}（按 Ctrl-C 停止）`,
  previewBuild: (n: number, pages: number | undefined, errors: number, warnings: number, ms: number) =>
    `第 ${n} 次生成：${pages === undefined ? '未生成（网页保留上次成功的页面）' : `${pages} 页`}，${errors} 个错误，${warnings} 个警告，用时 ${ms} 毫秒`,
  watchConfigErrors: 'gongwen.yaml 有错误：未生成任何文件',
  watchMissing: (s: string) => `${s} error read: 文件或文件夹不存在`,
  watchBuilt: (outs: string, pages: number | undefined, ms: number) => `已生成 ${outs}${pages ? `（${pages} 页）` : ''}，用时 ${ms} 毫秒`,
  watchNotBuilt: (name: string) => `${name}：未生成（错误见上）；保留上次成功的输出`,
  watching: (folder: string) => `正在监视 ${folder}，保存即重新生成（按 Ctrl-C 停止）`,
  importSummary: '从旧的 Word 文件（.docx）生成内容文件',
  importDescription:
    '把 Word 文件（.docx）读成内容文件：能识别的部分写进文件头（发文字号、标题、主送、署名、成文日期、附注、附件说明 → attachments、抄送、印发），正文写成 Markdown，标题按一、（一）1.（1）的序号分级，表格写成竖线表格，附件页（附件N）各成一个文件。未能放置的内容逐条列出（注明在 Word 文件中的段落），此时退出码为 1。',
  importDocxArgument: 'Word 文件',
  importOutputOption: '要写的内容文件（默认：当前文件夹中与 Word 文件同名的 .md）。如 -o content/通知.md',
  importForceOption: '替换已有的文件（原子替换：写入失败时原文件完好）',
  importQuietOption: '不显示提示（未能放置的内容总会列出）',
  importExamples: `
示例：
  gongwen import 旧通知.docx                    # → 旧通知.md（附件页另成 旧通知-annex1.md ……）
  gongwen import 旧通知.docx -o content/通知.md
  gongwen check content/通知.md                 # 再看检查结果

退出码：0 全部放置；1 有未能放置的内容（已列出），或文件无法读写；2 用法错误或文件不存在。`,
  importNotDocx: (s: string) => `import 读取 .docx 文件（Word 2007 及以后），不能读「${s}」；.doc 请先另存为 .docx`,
  importNotMd: (s: string | undefined) => `-o ${s}：内容文件须以 .md 结尾`,
  importNoSuchFile: '没有这个文件',
  importNoRead: '没有读取权限：请让文件的所有者放开读取权限，或复制一份再导入',
  importOwnFault: 'gongwen 读这个文件时出了错（是 gongwen 的问题，不是文件的）：请把这个文件发给 gongwen 的维护者',
  importNothingWritten: '未写入任何文件',
  importIsFolder: (s: string) => `${s} 是文件夹，不能写成内容文件：用 -o 另取文件名`,
  importNotRegular: (s: string) => `${s} 不是普通文件：用 -o 另取文件名`,
  importReadOnly: (s: string) => `${s} 是只读文件，--force 也不替换它：先改为可写（chmod u+w），或用 -o 另取文件名`,
  importExists: (s: string) => `${s} 已存在：加 --force 替换（新文件写好之前原文件不动），或用 -o 另取文件名`,
  importNoSpace: (files: string, folder: string) => `${files} 未写入：磁盘空间不足（${folder}），原有文件未改动；腾出空间后再导入，或用 -o 写到别处`,
  importNoWrite: (files: string, folder: string) => `${files} 未写入：没有在 ${folder} 写文件的权限（文件夹只读），原有文件未改动；用 -o 写到可写的文件夹`,
  importWriteFailed: (files: string, folder: string, why: string) => `${files} 未写入：无法在 ${folder} 写入（${why}），原有文件未改动`,
  importLost: '未能放置',
  importNote: '提示',
  importMoreNotShown: (n: number) => `另有 ${n} 处未列出`,
  importWrittenLost: (files: string, lost: number) => `已写入 ${files}；${lost} 处未能放置（见上），补上后再 gongwen check`,
  importWrittenAll: (files: string) => `已写入 ${files}；全部内容已放置`,
  doctorSummary: '本机情况：各用途的字体、缓存、版本',
  doctorDescription: '列出每种用途由哪个字体文件提供（正式字体或替代字体）、是否装有 LibreOffice（仅测试使用）、缓存位置，以及 gongwen 和 Node 的版本。给出项目文件夹时也算上其中的 fonts/。',
  doctorFolderArgument: '项目文件夹，其 fonts/ 计入（默认：当前文件夹）',
  doctorFonts: '字体（用途：实际使用的字体）',
  doctorFontLine: (role: string, face: string, substituteFor: string | undefined) => `  ${role}：${face}${substituteFor ? `（替代 ${substituteFor}）` : ''}`,
  doctorFace: (name: string, source: string) => (name.includes(source) ? name : `${name}（${source}）`),
  doctorLibreOffice: (where: string | undefined) => `LibreOffice：${where ?? '未找到（仅测试使用）'}`,
  doctorCache: (file: string, exists: boolean) => `缓存（batch 据此跳过未改动的公文）：${file}${exists ? '' : '（尚未生成）'}`,
  doctorVersions: (gongwen: string, node: string) => `gongwen ${gongwen}，Node ${node}`,
};

const CATALOGUE: Record<Lang, Messages> = { en, zh };

let current: Lang | undefined;

export function setLang(lang: Lang): void {
  current = lang;
}

export function lang(): Lang {
  return (current ??= localeLang());
}

/** The messages in the chosen language. */
export function m(): Messages {
  return CATALOGUE[lang()];
}

/** Both catalogues, for the test that every message exists in each language. */
export const catalogues: Readonly<Record<Lang, Messages>> = CATALOGUE;
