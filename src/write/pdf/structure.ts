// The tagged-PDF structure tree: the layout's structure nodes as structure elements, each item's
// marked content tied to its node by an MCID, the parent tree (page → MCID → element) that
// readers use to go from content back to the tree. Nodes of role 'Artifact' (and what lies under
// them) are not in the tree: their items are drawn as artifacts. A node with no content in its
// subtree is left out (an empty element says nothing to a reader).
import type { StructureNode } from '../../layout/frame/types.js';
import { name, text, type PdfDict, type PdfFile, type PdfValue, type Ref } from './serialize.js';

export class StructureBuilder {
  private readonly nodes = new Map<number, StructureNode>();
  private readonly artifacts = new Set<number>();
  /** node id → its marked contents, in drawing order. */
  private readonly content = new Map<number, { page: number; mcid: number }[]>();
  /** page → node id of each MCID. */
  private readonly parents = new Map<number, number[]>();
  /** Link annotations: each a Link element under the node whose text it covers. */
  private readonly links: { page: number; annot: Ref; parent?: number }[] = [];
  /** Extra elements under the root (an attached PDF's pages). */
  private readonly extra: { role: string; alt: string; page: number; mcid: number }[] = [];

  constructor(private readonly root: StructureNode) {
    const walk = (n: StructureNode, artifact: boolean): void => {
      if (this.nodes.has(n.id)) throw new Error(`two structure nodes have the id ${n.id}`);
      this.nodes.set(n.id, n);
      const a = artifact || n.role === 'Artifact';
      if (a) this.artifacts.add(n.id);
      for (const c of n.children) walk(c, a);
    };
    walk(root, false);
  }

  /** Whether an item with this tag is drawn as an artifact (untagged, or under an Artifact node). */
  isArtifact(tag: number | undefined): boolean {
    if (tag === undefined) return true;
    if (!this.nodes.has(tag)) throw new Error(`a page item names structure node ${tag}, which the document's structure does not have`);
    return this.artifacts.has(tag);
  }

  role(tag: number): string {
    return this.nodes.get(tag)!.role;
  }

  /** The next MCID on a page, recorded for the node. */
  mark(page: number, tag: number): number {
    const list = this.parents.get(page) ?? [];
    this.parents.set(page, list);
    list.push(tag);
    const mcid = list.length - 1;
    const c = this.content.get(tag) ?? [];
    this.content.set(tag, c);
    c.push({ page, mcid });
    return mcid;
  }

  /** Marked content that is not a node of the layout's (an attached page): an element of its own under the root. */
  markExtra(page: number, role: string, alt: string): number {
    const mcid = this.mark(page, -1 - this.extra.length);
    this.extra.push({ role, alt, page, mcid });
    return mcid;
  }

  /**
   * A link annotation as a Link element (its OBJR), under `parent` (the node of the text it
   * covers) or the root. Returns its index: the annotation's StructParent is the page count plus it.
   */
  addLink(page: number, annot: Ref, parent: number | undefined): number {
    this.links.push({ page, annot, parent: parent !== undefined && !this.isArtifact(parent) ? parent : undefined });
    return this.links.length - 1;
  }

  hasMarks(page: number): boolean {
    return (this.parents.get(page)?.length ?? 0) > 0;
  }

  /** Writes the tree; returns the StructTreeRoot. */
  write(file: PdfFile, pageRefs: Ref[]): Ref {
    const rootRef = file.alloc();
    const refs = new Map<number, Ref>();
    const has = new Map<number, boolean>();
    const filled = (n: StructureNode): boolean => {
      if (has.has(n.id)) return has.get(n.id)!;
      const childFilled = n.children.map(filled).some(Boolean);
      const v = !this.artifacts.has(n.id) && ((this.content.get(n.id)?.length ?? 0) > 0 || childFilled);
      has.set(n.id, v);
      return v;
    };
    filled(this.root);
    const extraRefs = this.extra.map(() => file.alloc());
    const linkRefs = this.links.map(() => file.alloc());
    const none: Ref[] = [];
    const linksOf = (id: number | undefined): Ref[] => (this.links.length ? this.links.flatMap((l, i) => (l.parent === id ? [linkRefs[i]] : [])) : none);
    const linkParents: Ref[] = [];
    const elem = (n: StructureNode, parent: Ref): Ref => {
      const ref = file.alloc();
      refs.set(n.id, ref);
      const marks = this.content.get(n.id) ?? [];
      const pg = marks.length ? marks[0].page : undefined;
      const kids: PdfValue[] = [];
      // Kids in reading order: the node's own content first, then its children (the layout puts a
      // node's content in its leaves, so one of the two is usually empty).
      for (const m of marks) kids.push(m.page === pg ? m.mcid : { Type: name('MCR'), Pg: pageRefs[m.page], MCID: m.mcid });
      for (const c of n.children) if (has.get(c.id)) kids.push(elem(c, ref));
      if (this.links.length) {
        for (const l of linksOf(n.id)) kids.push(l);
        this.links.forEach((l, i) => l.parent === n.id && (linkParents[i] = ref));
      }
      if (n === this.root) kids.push(...extraRefs, ...linksOf(undefined));
      const d: PdfDict = { Type: name('StructElem'), S: name(n.role), P: parent, K: kids.length === 1 ? kids[0] : kids };
      if (pg !== undefined) d.Pg = pageRefs[pg];
      if (n.element) d.T = text(n.element);
      if (n.alt) d.Alt = text(n.alt);
      file.set(ref, d);
      return ref;
    };
    const top = this.root.role === 'Artifact' ? undefined : elem(this.root, rootRef);
    this.extra.forEach((e, i) =>
      file.set(extraRefs[i], { Type: name('StructElem'), S: name(e.role), P: top ?? rootRef, Pg: pageRefs[e.page], K: e.mcid, Alt: text(e.alt) }),
    );
    this.links.forEach((l, i) =>
      file.set(linkRefs[i], { Type: name('StructElem'), S: name('Link'), P: linkParents[i] ?? top ?? rootRef, Pg: pageRefs[l.page], K: { Type: name('OBJR'), Obj: l.annot, Pg: pageRefs[l.page] } }),
    );
    const nums: PdfValue[] = [];
    for (const page of [...this.parents.keys()].sort((a, b) => a - b)) {
      nums.push(page, this.parents.get(page)!.map((id) => (id < 0 ? extraRefs[-1 - id] : refs.get(id)!)));
    }
    linkRefs.forEach((r, i) => nums.push(pageRefs.length + i, r));
    file.set(rootRef, {
      Type: name('StructTreeRoot'),
      K: top ?? [...extraRefs, ...linkRefs],
      ParentTree: file.add({ Nums: nums }),
      ParentTreeNextKey: pageRefs.length + this.links.length,
    });
    return rootRef;
  }
}
