/**
 * The library's list of sources: title, then outlet, date and word count. Virtualised, so a
 * notebook of thousands of sources scrolls as smoothly as one of five. Arrow keys move through it.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type KeyboardEvent } from 'react';
import type { SourceSummary } from '../../../../../shared/domain/source';
import { formatSourceDate } from '../format';

const ROW_HEIGHT = 80;

export interface SourceListProps {
  sources: SourceSummary[];
  selectedId: string | null;
  onSelect(id: string): void;
}

export function SourceList({ sources, selectedId, onSelect }: SourceListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: sources.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const i = sources.findIndex((s) => s.id === selectedId);
    const next = Math.min(sources.length - 1, Math.max(0, i + (e.key === 'ArrowDown' ? 1 : -1)));
    if (sources[next]) {
      onSelect(sources[next].id);
      virtualizer.scrollToIndex(next);
    }
  };

  return (
    <div
      ref={scroller}
      className="source-list"
      role="listbox"
      aria-label="Sources"
      tabIndex={0}
      onKeyDown={onKeyDown}
      aria-activedescendant={selectedId ? `source-${selectedId}` : undefined}
    >
      <div className="source-list-inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => {
          const s = sources[row.index];
          const selected = s.id === selectedId;
          return (
            <div
              key={s.id}
              id={`source-${s.id}`}
              role="option"
              aria-selected={selected}
              className={selected ? 'source-row selected' : 'source-row'}
              style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}
              onClick={() => onSelect(s.id)}
            >
              <span className="source-title" title={s.title}>
                {s.title}
              </span>
              <span className="source-meta">
                <span className={s.published ? 'date' : 'date undated'}>{formatSourceDate(s.published)}</span>
                <span aria-hidden="true"> · </span>
                <span className="words">{s.wordCount.toLocaleString('en')} words</span>
                <span aria-hidden="true"> · </span>
                <span className={s.outlet ? 'outlet' : 'outlet unknown'}>{s.outlet ?? 'Outlet not named'}</span>
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
