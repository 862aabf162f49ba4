// The document's logical structure as the frame builds it: nodes handed out in document order,
// items pointing at them by id (tagged PDF, OFD CustomTags).
import type { GongwenElement, StructureNode } from './types.js';

export class Structure {
  readonly root: StructureNode = { id: 0, role: 'Document', children: [] };
  private next = 1;

  add(parent: StructureNode, role: StructureNode['role'], element?: GongwenElement, alt?: string): StructureNode {
    const n: StructureNode = { id: this.next++, role, children: [] };
    if (element) n.element = element;
    if (alt !== undefined) n.alt = alt;
    parent.children.push(n);
    return n;
  }
}
