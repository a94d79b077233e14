/**
 * Every annotation of the notebook as a list: source and date, kind, the marked words, its fact
 * (a figure, a quote's speaker, an event's date), who made it, the note rendered as in the side panel, and tags. Virtualised with measured rows, so tens of thousands of annotations scroll smoothly.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useRef } from 'react';
import { formatPartialDate } from '../../../../../shared/domain/dates';
import { NoteMarkdown } from '../../../components/NoteMarkdown';
import { AnnotationFact, byline } from '../../annotate';
import { KIND_LABEL } from '../../../lib/kinds';
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
        {virtualizer.getVirtualItems().map((row) => (
          <AnnotationRow
            key={items[row.index].annotation.id}
            item={items[row.index]}
            index={row.index}
            start={row.start}
            measure={virtualizer.measureElement}
            entityNames={entityNames}
            onOpen={onOpen}
          />
        ))}
      </div>
    </div>
  );
}

interface RowProps {
  item: AnnotationItem;
  index: number;
  start: number;
  measure(node: Element | null): void;
  entityNames: ReadonlyMap<string, string>;
  onOpen(item: AnnotationItem): void;
}

/** One row; drawn again only when its place or its annotation changes, not at every scrolled frame. */
const AnnotationRow = memo(function AnnotationRow({ item, index, start, measure, entityNames, onOpen }: RowProps) {
  const { annotation: a, source } = item;
  return (
    <div role="listitem" data-index={index} ref={measure} className={`annotation-row kind-${a.kind}`} style={{ transform: `translateY(${start}px)` }}>
      <div className="row-meta">
        <span className="kind-label">{KIND_LABEL[a.kind]}</span>
        {a.anchor.state === 'orphan' ? <span className="state orphan">Needs review</span> : null}
        <span className="row-source">
          {source.title} · {source.outlet ?? 'Outlet not named'} · {source.published ? formatPartialDate(source.published) : 'Undated'}
        </span>
        {a.createdBy || a.updatedBy ? <span className="row-author">{a.createdBy ? `by ${byline(a)}` : byline(a)}</span> : null}
      </div>
      <button type="button" className="quote" dir="auto" onClick={() => onOpen(item)}>
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
});
