// The contract between the compiler and each kind of document.

import type { DocumentMeta, ImprintBlock, Section } from '../model/types.js';
import type { SourceFile } from '../source/types.js';
import type { Outline } from '../checks/index.js';
import type { PartContext } from './compose.js';

export interface KindResult {
  sections: Section[];
  meta: DocumentMeta;
  imprint?: ImprintBlock;
  appendPdfs: string[];
  /** Every content file that went into the document (the main one first), for checks and caching. */
  sources: SourceFile[];
  /** The outline a plan follows, for the outline and 字数 checks. */
  outline?: Outline;
}

export interface AnnexOptions {
  /** "附件" or "附件2": drawn on line 1 of the annex's first page. */
  label: string;
  /** The title given in the notice's attachments list (the 附件说明 and the annex title agree). */
  title: string;
  /** Numbering sequence of the annex (numbering restarts in each annex). */
  sequence: number;
}

export interface KindServices {
  /** Compiles another content file (kind annex or list) as an annex of the current document. */
  compileAnnex(absPath: string, opts: AnnexOptions, ctx: PartContext): Promise<{ sections: Section[]; sources: SourceFile[] } | undefined>;
}

export type KindCompiler = (source: SourceFile, ctx: PartContext, services: KindServices, annex?: AnnexOptions) => Promise<KindResult>;
