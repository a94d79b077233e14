/**
 * The library's list of sources: title, then outlet, date and word count. Virtualised, so a
 * notebook of thousands of sources scrolls as smoothly as one of five. Arrow keys move through it.
 * In select mode (a bulk edit) it is a multi-select list: a click or Space ticks a source.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState, type KeyboardEvent } from 'react';
import type { SourceSummary } from '../../../../../shared/domain/source';
import { formatSourceDate } from '../../../lib/format';

const ROW_HEIGHT = 80;

export interface SourceListProps {
  sources: SourceSummary[];
  selectedId: string | null;
  onSelect(id: string): void;
  /** Select mode: the ticked sources and how to tick one. */
  multi?: { checked: ReadonlySet<string>; onToggle(id: string): void } | null;
}

export function SourceList({ sources, selectedId, onSelect, multi = null }: SourceListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  // In select mode the arrows move a cursor of their own; the open source stays open.
  const [cursor, setCursor] = useState<string | null>(null);
  const active = multi ? (cursor ?? sources[0]?.id ?? null) : selectedId;
  const virtualizer = useVirtualizer({
    count: sources.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  const onKeyDown = (e: KeyboardEvent) => {
    if (multi && (e.key === ' ' || e.key === 'Enter') && active) {
      e.preventDefault();
      multi.onToggle(active);
      return;
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const i = sources.findIndex((s) => s.id === active);
    const next = Math.min(sources.length - 1, Math.max(0, i + (e.key === 'ArrowDown' ? 1 : -1)));
    if (sources[next]) {
      if (multi) setCursor(sources[next].id);
      else onSelect(sources[next].id);
      virtualizer.scrollToIndex(next);
    }
  };

  return (
    <div
      ref={scroller}
      className="source-list"
      role="listbox"
      aria-label="Sources"
      aria-multiselectable={multi ? true : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      aria-activedescendant={active ? `source-${active}` : undefined}
    >
      <div className="source-list-inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => {
          const s = sources[row.index];
          const selected = multi ? multi.checked.has(s.id) : s.id === selectedId;
          const classes = ['source-row', selected ? 'selected' : '', multi ? 'tickable' : '', multi && s.id === active ? 'cursor' : ''].filter(Boolean).join(' ');
          return (
            <div
              key={s.id}
              id={`source-${s.id}`}
              role="option"
              aria-selected={selected}
              className={classes}
              style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}
              onClick={() => {
                if (!multi) return onSelect(s.id);
                setCursor(s.id);
                multi.onToggle(s.id);
              }}
            >
              {multi ? (
                <span className="tick" aria-hidden="true">
                  {selected ? '☑' : '☐'}
                </span>
              ) : null}
              <span className="source-title" title={s.title}>
                {s.title}
              </span>
              <span className="source-meta">
                <span className={s.published ? 'date' : 'date undated'}>{formatSourceDate(s.published)}</span>
                <span aria-hidden="true"> · </span>
                <span className="words">{s.wordCount.toLocaleString('en')} words</span>
                <span aria-hidden="true"> · </span>
                {s.mail ? (
                  <span className="outlet" title={s.mail.from.map((a) => a.address).join(', ')}>
                    E-mail{s.mail.from[0] ? ` from ${s.mail.from[0].name ?? s.mail.from[0].address}` : ''}
                    {s.mail.attachments.length > 0 ? ` · ${s.mail.attachments.length} attached` : ''}
                  </span>
                ) : s.attachedTo ? (
                  <span className="outlet">{s.table ? `Sheet of a workbook` : 'Attached to a message'}</span>
                ) : s.table ? (
                  <span className="outlet">Table</span>
                ) : s.provenance.method === 'xlsx-file' ? (
                  <span className="outlet">Excel workbook</span>
                ) : (
                  <span className={s.outlet ? 'outlet' : 'outlet unknown'}>{s.outlet ?? 'Outlet not named'}</span>
                )}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
