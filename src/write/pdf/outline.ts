// Bookmarks: the layout's outline as the PDF's outline tree, each entry opening its page at the
// top of the heading's first line (/XYZ left top, zoom unchanged), every level shown open.
import type { OutlineEntry } from '../../layout/frame/types.js';
import { name, text, type PdfDict, type PdfFile, type Ref } from './serialize.js';

export function writeOutline(file: PdfFile, entries: OutlineEntry[], pageRefs: Ref[], pageHeights: number[]): Ref | undefined {
  if (entries.length === 0) return undefined;
  const root = file.alloc();
  const count = (list: OutlineEntry[]): number => list.reduce((n, e) => n + 1 + count(e.children), 0);
  const level = (list: OutlineEntry[], parent: Ref): { first: Ref; last: Ref } => {
    const refs = list.map(() => file.alloc());
    list.forEach((e, i) => {
      if (!pageRefs[e.page]) throw new Error(`the outline entry "${e.title}" points at page ${e.page + 1}, which the document does not have`);
      const d: PdfDict = {
        Title: text(e.title),
        Parent: parent,
        Prev: i > 0 ? refs[i - 1] : undefined,
        Next: i < list.length - 1 ? refs[i + 1] : undefined,
        Dest: [pageRefs[e.page], name('XYZ'), 0, pageHeights[e.page] - e.y, null],
      };
      if (e.children.length) {
        const { first, last } = level(e.children, refs[i]);
        Object.assign(d, { First: first, Last: last, Count: count(e.children) });
      }
      file.set(refs[i], d);
    });
    return { first: refs[0], last: refs[refs.length - 1] };
  };
  const { first, last } = level(entries, root);
  file.set(root, { Type: name('Outlines'), First: first, Last: last, Count: count(entries) });
  return root;
}
