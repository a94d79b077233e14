/**
 * From a browser selection to offsets over the source's text. Each paragraph element carries
 * `data-start`, its offset in the text, and its text content is exactly that slice of the text
 * (highlights only wrap it), so a point's offset is the paragraph's start plus the length of the
 * paragraph's text before the point.
 */
import type { Selection } from './store';

function paragraphOf(node: Node, root: HTMLElement): HTMLElement | null {
  const element = node instanceof HTMLElement ? node : node.parentElement;
  const p = element?.closest<HTMLElement>('[data-start]') ?? null;
  return p && root.contains(p) ? p : null;
}

function offsetWithin(p: HTMLElement, node: Node, offset: number): number {
  const range = document.createRange();
  range.setStart(p, 0);
  range.setEnd(node, offset);
  return Number(p.dataset.start) + range.toString().length;
}

/**
 * The passage of the source selected inside `root` (the reader's text), or null when nothing of
 * the text is selected. A selection that runs past the text's edge is cut at the edge.
 */
export function selectedPassage(root: HTMLElement, text: string): Selection | null {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const paragraphs = [...root.querySelectorAll<HTMLElement>('[data-start]')];
  if (paragraphs.length === 0 || !range.intersectsNode(root)) return null;
  const startP = paragraphOf(range.startContainer, root);
  const endP = paragraphOf(range.endContainer, root);
  // A boundary outside every paragraph (before the text, between paragraphs, after the text) is
  // moved to the nearest paragraph edge inside the selection.
  const inside = paragraphs.filter((p) => range.comparePoint(p, 0) === 0);
  const firstInside = inside[0];
  const lastTouched = [...(startP ? [startP] : []), ...inside].at(-1);
  const start = startP ? offsetWithin(startP, range.startContainer, range.startOffset) : firstInside ? Number(firstInside.dataset.start) : null;
  const end = endP
    ? offsetWithin(endP, range.endContainer, range.endOffset)
    : lastTouched
      ? Number(lastTouched.dataset.start) + (lastTouched.textContent?.length ?? 0)
      : null;
  if (start === null || end === null) return null;
  if (start === null || end <= start) return null;
  const passage = text.slice(start, end);
  if (passage.trim() === '') return null;
  return { start, end, text: passage };
}

/** The rectangle of the current selection, for placing the toolbar. */
export function selectionRect(): DOMRect | null {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  return selection.getRangeAt(0).getBoundingClientRect();
}
