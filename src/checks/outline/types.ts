// An outline (提纲) as data: the sections a plan must have, in order, with their minimum 字数.
// Shipped outlines live in the top-level outlines/ folder; a project may bring its own.

export interface OutlineSection {
  /** The title as the template gives it, without its number: "集群基本情况". */
  title: string;
  /** Other accepted titles (a shortened title, an older wording). */
  aliases: string[];
  /** A missing required section is an error; default true. */
  required: boolean;
  /** Minimum 字数 of the section (its heading and everything under it). */
  minWords?: number;
  /** What the template says the section should contain, shown to the author. */
  note?: string;
  sections: OutlineSection[];
  /** Where the section is defined (outline file, line, column), for messages about the outline. */
  line: number;
  column: number;
}

export interface Outline {
  /** The file's name without .yaml: "cluster-scheme-2022". */
  name: string;
  /** The document (or chapter) the outline describes: "创新型产业集群建设方案". */
  title: string;
  aliases: string[];
  /** Minimum 字数 of the whole text (see outline/count.ts for what counts). */
  minWords?: number;
  /** Where the outline comes from (notice, annex), for people. */
  source?: string;
  sections: OutlineSection[];
  /** The outline file, as shown in diagnostics. */
  file: string;
}
