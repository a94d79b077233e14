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
  const end = endP ? offsetWithin(endP, range.endContainer, range.endOffset) : lastTouched ? Number(lastTouched.dataset.start) + (lastTouched.textContent?.length ?? 0) : null;
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

/**
 * The DOM point at `offset` into the source's text. An offset between paragraphs (on the blank
 * line) goes to the start of the next paragraph for a selection's start, to the end of the one
 * before for its end.
 */
function pointAt(root: HTMLElement, offset: number, isStart: boolean): [Node, number] | null {
  const paragraphs = [...root.querySelectorAll<HTMLElement>('[data-start]')].map((el) => {
    const start = Number(el.dataset.start);
    return { el, start, end: start + (el.textContent?.length ?? 0) };
  });
  const p = isStart ? paragraphs.find((x) => x.end > offset) : paragraphs.findLast((x) => x.start < offset);
  if (!p) return null;
  let left = Math.min(Math.max(offset, p.start), p.end) - p.start;
  const walker = document.createTreeWalker(p.el, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const length = (n as Text).data.length;
    if (isStart ? left < length : left <= length) return [n, left];
    left -= length;
  }
  return null;
}

/** Selects the passage `start`–`end` of the source's text in the reader, as a drag would. */
export function selectOffsets(root: HTMLElement, start: number, end: number): boolean {
  const from = pointAt(root, start, true);
  const to = pointAt(root, end, false);
  const selection = window.getSelection();
  if (!from || !to || !selection) return false;
  const range = document.createRange();
  range.setStart(...from);
  range.setEnd(...to);
  if (range.collapsed) return false;
  selection.removeAllRanges();
  selection.addRange(range);
  return true;
}

/**
 * Where `query`'s words occur in `text` from `from` on: case folded, any run of spaces or line
 * breaks between the words, the words themselves exact. Null when they do not occur.
 */
export function findWords(text: string, query: string, from = 0): { start: number; end: number } | null {
  const words = query.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  const pattern = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'), 'giu');
  pattern.lastIndex = Math.max(0, from);
  const m = pattern.exec(text);
  return m ? { start: m.index, end: m.index + m[0].length } : null;
}
