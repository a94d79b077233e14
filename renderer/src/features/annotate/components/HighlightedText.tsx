/**
 * A source's text in paragraphs with its annotations highlighted, coloured by kind. Each
 * paragraph carries `data-start` (its offset in the text) for selection handling. Overlapping and
 * adjacent highlights are cut into segments so each stays visible and clickable. `useSpans` and
 * `Segments` are shared with the table view of a sheet (TableText).
 */
import { useMemo, type Ref } from 'react';
import type { Annotation } from '../../../../../shared/domain/annotation';
import { segmentText } from '../../../../../shared/domain/highlights';
import { splitParagraphs } from '../../../../../shared/domain/text';

export interface HighlightedTextProps {
  text: string;
  annotations: Annotation[];
  selectedId: string | null;
  /** Called with the ids under the click, innermost first. */
  onHighlightClick(ids: string[]): void;
  /** The text's language, so the browser shapes and orders Indic and right-to-left scripts right. */
  lang?: string | null;
  /** Where heading paragraphs start: shown as headings. */
  headings?: readonly number[];
  /** Words a search found: marked apart from the annotations. */
  found?: { start: number; end: number } | null;
  ref?: Ref<HTMLDivElement>;
}

/** The id of the search hit among the highlight spans (annotation ids never contain a colon). */
const FOUND = ':found';

type Span = { id: string; start: number; end: number };

/** The highlight spans of a text: its placed annotations, and the words a search found. */
export function useSpans(text: string, annotations: Annotation[], found: { start: number; end: number } | null | undefined) {
  const placed = useMemo(() => annotations.filter((a) => a.anchor.state !== 'orphan'), [annotations]);
  const spans = useMemo((): Span[] => {
    const list = placed.map((a) => ({ id: a.id, start: a.target.position.start, end: a.target.position.end }));
    return found && found.end > found.start && found.end <= text.length ? [...list, { id: FOUND, start: found.start, end: found.end }] : list;
  }, [placed, found, text.length]);
  const kindOf = useMemo(() => new Map<string, string>(placed.map((a) => [a.id, a.kind])), [placed]);
  return { spans, kindOf };
}

export interface SegmentsProps {
  text: string;
  from: number;
  to: number;
  spans: readonly Span[];
  kindOf: ReadonlyMap<string, string>;
  selectedId: string | null;
  onHighlightClick(ids: string[]): void;
}

/** The text from `from` to `to`, cut at its highlights: plain runs, search hits and highlight marks. */
export function Segments({ text, from, to, spans, kindOf, selectedId, onHighlightClick }: SegmentsProps) {
  return segmentText(text, from, to, spans).map((seg) => {
    const isFound = seg.ids.includes(FOUND);
    const ids = isFound ? seg.ids.filter((id) => id !== FOUND) : seg.ids;
    if (ids.length === 0) {
      return isFound ? (
        <mark key={seg.start} className="search-hit" data-found="">
          {seg.text}
        </mark>
      ) : (
        <span key={seg.start}>{seg.text}</span>
      );
    }
    return (
      <mark
        key={seg.start}
        data-ids={ids.join(' ')}
        data-found={isFound ? '' : undefined}
        className={['hl', `kind-${kindOf.get(ids[0])}`, ids.length > 1 ? 'overlap' : '', selectedId && ids.includes(selectedId) ? 'selected' : '', isFound ? 'search-hit' : ''].join(' ')}
        onClick={() => onHighlightClick(ids)}
      >
        {seg.text}
      </mark>
    );
  });
}

export function HighlightedText({ text, annotations, selectedId, onHighlightClick, lang, headings, found, ref }: HighlightedTextProps) {
  const headingStarts = useMemo(() => new Set(headings ?? []), [headings]);
  const paragraphs = useMemo(() => splitParagraphs(text), [text]);
  const { spans, kindOf } = useSpans(text, annotations, found);
  return (
    <div className="reader-text" ref={ref} lang={lang ?? undefined}>
      {paragraphs.map((p) => {
        const Block = headingStarts.has(p.start) ? 'h3' : 'p';
        return (
          <Block key={p.start} data-start={p.start} dir="auto" className={Block === 'h3' ? 'text-heading' : undefined}>
            <Segments text={text} from={p.start} to={p.end} spans={spans} kindOf={kindOf} selectedId={selectedId} onHighlightClick={onHighlightClick} />
          </Block>
        );
      })}
    </div>
  );
}
