// The document's logical structure as the frame builds it: nodes handed out in document order,
// items pointing at them by id (tagged PDF, OFD CustomTags).
import type { GongwenElement, StructureNode } from './types.js';

export class Structure {
  readonly root: StructureNode = { id: 0, role: 'Document', children: [] };
  private next = 1;

  /** The id the next node gets. */
  get nextId(): number {
    return this.next;
  }

  /**
   * Puts back nodes made earlier, as they were (a drawing replayed, drawn-blocks.ts): `nodes` under
   * `parent`, their ids running up to `nextId`, which must be free and follow on from this tree's.
   */
  adopt(parent: StructureNode, nodes: StructureNode[], nextId: number): void {
    parent.children.push(...nodes);
    this.next = nextId;
  }

  add(parent: StructureNode, role: StructureNode['role'], element?: GongwenElement, alt?: string): StructureNode {
    const n: StructureNode = { id: this.next++, role, children: [] };
    if (element) n.element = element;
    if (alt !== undefined) n.alt = alt;
    parent.children.push(n);
    return n;
  }
}
