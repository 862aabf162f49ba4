// What import could not place, or placed differently from the file, said where it stands in the
// Word file (the paragraph's number and its first words), so the clerk can find it there.
// `lost`: something of the file is not in what was written (an image, a field not found), and
// the command exits 1; otherwise the text is all there and the finding is a note.

export interface Finding {
  /** The paragraph's number in the Word file (1-based) and its opening words, when it has one. */
  at?: { paragraph: number; text: string; /** The last of a run of paragraphs. */ through?: number };
  message: string;
  lost: boolean;
}

export class Findings {
  readonly items: Finding[] = [];

  lost(message: string, at?: Finding['at']): void {
    this.items.push({ message, lost: true, at });
  }

  note(message: string, at?: Finding['at']): void {
    this.items.push({ message, lost: false, at });
  }

  get anyLost(): boolean {
    return this.items.some((f) => f.lost);
  }
}

/** 第 12 段「一、申报范围…」 */
export function placeText(at: Finding['at']): string {
  if (!at) return '';
  const words = [...at.text];
  const which = at.through && at.through > at.paragraph ? `第 ${at.paragraph}–${at.through} 段（${at.through - at.paragraph + 1} 段）` : `第 ${at.paragraph} 段`;
  return `${which}「${words.slice(0, 16).join('')}${words.length > 16 ? '…' : ''}」`;
}
