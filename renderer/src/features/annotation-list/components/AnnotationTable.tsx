/**
 * Every annotation of the notebook as a list: source and date, kind, the marked words, its fact
 * (a figure, a quote's speaker, an event's date), the note rendered as in the side panel, and tags. Virtualised with measured rows, so tens of thousands of annotations scroll smoothly.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { formatPartialDate } from '../../../../../shared/domain/dates';
import { NoteMarkdown } from '../../../components/NoteMarkdown';
import { AnnotationFact } from '../../annotate/components/AnnotationCard';
import { KIND_LABEL } from '../../annotate/kinds';
import type { AnnotationItem } from '../store';

export interface AnnotationTableProps {
  items: AnnotationItem[];
  entityNames: ReadonlyMap<string, string>;
  onOpen(item: AnnotationItem): void;
}

export function AnnotationTable({ items, entityNames, onOpen }: AnnotationTableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: items.length, getScrollElement: () => scroller.current, estimateSize: () => 120, overscan: 6 });
  return (
    <div className="annotation-table" ref={scroller} role="list" aria-label="All annotations">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((row) => {
          const { annotation: a, source } = items[row.index];
          return (
            <div
              key={a.id}
              role="listitem"
              data-index={row.index}
              ref={virtualizer.measureElement}
              className={`annotation-row kind-${a.kind}`}
              style={{ transform: `translateY(${row.start}px)` }}
            >
              <div className="row-meta">
                <span className="kind-label">{KIND_LABEL[a.kind]}</span>
                {a.anchor.state === 'orphan' ? <span className="state orphan">Needs review</span> : null}
                <span className="row-source">
                  {source.title} · {source.outlet ?? 'Outlet not named'} · {source.published ? formatPartialDate(source.published) : 'Undated'}
                </span>
              </div>
              <button type="button" className="quote" onClick={() => onOpen(items[row.index])}>
                {a.target.quote.exact}
              </button>
              <AnnotationFact annotation={a} entityNames={entityNames} />
              {a.note ? (
                <div className="row-note">
                  <NoteMarkdown source={a.note} />
                </div>
              ) : null}
              {a.tags.length > 0 ? (
                <ul className="tags" aria-label="Tags">
                  {a.tags.map((t) => (
                    <li key={t}>{t}</li>
                  ))}
                </ul>
              ) : null}
            </div>
          );
        })}
      </div>
    </div>
  );
}
