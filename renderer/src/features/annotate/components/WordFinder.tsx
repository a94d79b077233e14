/**
 * Selecting words without a mouse: type the words of the passage, and they are marked in the text
 * (the first place they occur, or the next with Enter); Escape selects them and leaves, and the
 * selection's toolbar (Highlight H, Annotate N) takes over. For keyboard-only and screen-reader
 * use. The words are only marked while typing: selecting text would take the focus from the box.
 */
import { useId, useState, type KeyboardEvent } from 'react';

export interface WordFinderProps {
  /** Marks where the words occur from this place of the text on; null when they do not. */
  onFind(query: string, fromIndex: number): { start: number; end: number } | null;
  /** Leaves: with the place found, which becomes the selection; null when nothing was found. */
  onDone(found: { start: number; end: number } | null): void;
}

export function WordFinder({ onFind, onDone }: WordFinderProps) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<{ start: number; end: number } | null | 'none'>(null);
  const find = (q: string, from: number) => {
    if (q.trim().length < 2) return setFound(null);
    setFound(onFind(q, from) ?? 'none');
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      // Enter again: the next place the words occur (from the start when there is none after).
      find(query, found && found !== 'none' ? found.start + 1 : 0);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onDone(found && found !== 'none' ? found : null);
    }
  };
  return (
    <div className="word-finder" role="search" aria-label="Select words in this source">
      <label htmlFor={`${id}-q`}>Select the words</label>
      <input
        id={`${id}-q`}
        type="text"
        autoFocus
        value={query}
        placeholder="registered 268 cases"
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          setQuery(e.target.value);
          find(e.target.value, 0);
        }}
        onKeyDown={onKey}
      />
      <span id={`${id}-hint`} className="muted small-note" role="status">
        {found === 'none' ? 'These words are not in this source.' : found ? 'Found. Enter: the next place · Esc: select them (then H to highlight, N to annotate)' : 'Type at least two characters.'}
      </span>
    </div>
  );
}
