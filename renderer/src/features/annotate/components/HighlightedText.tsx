/**
 * A source's text in paragraphs with its annotations highlighted, coloured by kind. Each
 * paragraph carries `data-start` (its offset in the text) for selection handling. Overlapping and
 * adjacent highlights are cut into segments so each stays visible and clickable.
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
  ref?: Ref<HTMLDivElement>;
}

export function HighlightedText({ text, annotations, selectedId, onHighlightClick, lang, headings, ref }: HighlightedTextProps) {
  const headingStarts = useMemo(() => new Set(headings ?? []), [headings]);
  const paragraphs = useMemo(() => splitParagraphs(text), [text]);
  const placed = useMemo(() => annotations.filter((a) => a.anchor.state !== 'orphan'), [annotations]);
  const spans = useMemo(() => placed.map((a) => ({ id: a.id, start: a.target.position.start, end: a.target.position.end })), [placed]);
  const kindOf = useMemo(() => new Map(placed.map((a) => [a.id, a.kind])), [placed]);
  return (
    <div className="reader-text" ref={ref} lang={lang ?? undefined}>
      {paragraphs.map((p) => {
        const Block = headingStarts.has(p.start) ? 'h3' : 'p';
        return (
        <Block key={p.start} data-start={p.start} dir="auto" className={Block === 'h3' ? 'text-heading' : undefined}>
          {segmentText(text, p.start, p.end, spans).map((seg) =>
            seg.ids.length === 0 ? (
              <span key={seg.start}>{seg.text}</span>
            ) : (
              <mark
                key={seg.start}
                data-ids={seg.ids.join(' ')}
                className={[
                  'hl',
                  `kind-${kindOf.get(seg.ids[0])}`,
                  seg.ids.length > 1 ? 'overlap' : '',
                  selectedId && seg.ids.includes(selectedId) ? 'selected' : '',
                ].join(' ')}
                onClick={() => onHighlightClick(seg.ids)}
              >
                {seg.text}
              </mark>
            ),
          )}
        </Block>
        );
      })}
    </div>
  );
}
