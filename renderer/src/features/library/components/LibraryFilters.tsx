/**
 * Above the library's list: a filter box, and (folded away until wanted) the order, the outlet,
 * a date range and "no date". Presentational: the container keeps the filter.
 */
import { useId } from 'react';
import { partialDatePrecision } from '../../../../../shared/domain/dates';
import { isFiltering, NO_FILTER, SORTS, type LibraryFilter, type LibrarySort } from '../filter';

export interface LibraryFiltersProps {
  filter: LibraryFilter;
  outlets: { outlet: string; label: string; count: number }[];
  /** The addresses of the notebook's e-mail, when it has any. */
  correspondents?: { address: string; label: string; count: number }[];
  shown: number;
  total: number;
  onChange(patch: Partial<LibraryFilter>): void;
}

/** A date field's problem, once it is long enough to be read as one. */
function dateProblem(value: string): string | null {
  const v = value.trim();
  if (v === '' || /^\d{1,3}$|^\d{4}-\d?$|^\d{4}-\d{2}-\d?$/.test(v)) return null;
  return partialDatePrecision(v) ? null : `“${v}” is not a date: write 2020, 2020-10 or 2020-10-04.`;
}

export function LibraryFilters({ filter, outlets, correspondents = [], shown, total, onChange }: LibraryFiltersProps) {
  const id = useId();
  const narrowing = [filter.outlet !== '', filter.undatedOnly, filter.from.trim() !== '' || filter.to.trim() !== '', filter.correspondent !== ''].filter(Boolean).length;
  const problems = [dateProblem(filter.from), dateProblem(filter.to)].filter((p): p is string => p !== null);
  return (
    <div className="library-filters">
      <input
        type="search"
        className="library-filter-box"
        aria-label="Filter sources by title, outlet, byline or sender"
        placeholder="Filter: title, outlet, byline, sender"
        value={filter.text}
        onChange={(e) => onChange({ text: e.target.value })}
        onKeyDown={(e) => e.key === 'Escape' && filter.text !== '' && (e.stopPropagation(), onChange({ text: '' }))}
      />
      <details className="library-more">
        <summary>
          Sort and filter
          {narrowing > 0 ? <span className="badge">{narrowing} on</span> : null}
        </summary>
        <label className="field-inline">
          Sort by{' '}
          <select value={filter.sort} onChange={(e) => onChange({ sort: e.target.value as LibrarySort })}>
            {SORTS.map((s) => (
              <option key={s.sort} value={s.sort}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline">
          Outlet{' '}
          <select value={filter.outlet} onChange={(e) => onChange({ outlet: e.target.value })}>
            <option value="">All outlets</option>
            {outlets.map((o) => (
              <option key={o.outlet} value={o.outlet}>
                {o.label} ({o.count})
              </option>
            ))}
          </select>
        </label>
        {correspondents.length > 0 ? (
          <label className="field-inline">
            Correspondent{' '}
            <select value={filter.correspondent} onChange={(e) => onChange({ correspondent: e.target.value })}>
              <option value="">Everyone</option>
              {correspondents.map((c) => (
                <option key={c.address} value={c.address}>
                  {c.label} ({c.count})
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <fieldset className="date-range" disabled={filter.undatedOnly}>
          <legend>Published</legend>
          <label htmlFor={`${id}-from`}>from</label>
          <input
            id={`${id}-from`}
            type="text"
            inputMode="numeric"
            placeholder="2020"
            value={filter.from}
            onChange={(e) => onChange({ from: e.target.value })}
            aria-describedby={problems.length ? `${id}-problem` : undefined}
          />
          <label htmlFor={`${id}-to`}>to</label>
          <input
            id={`${id}-to`}
            type="text"
            inputMode="numeric"
            placeholder="2023-02"
            value={filter.to}
            onChange={(e) => onChange({ to: e.target.value })}
            aria-describedby={problems.length ? `${id}-problem` : undefined}
          />
        </fieldset>
        <label className="field-inline">
          <input type="checkbox" checked={filter.undatedOnly} onChange={(e) => onChange({ undatedOnly: e.target.checked })} /> Only sources with no date
        </label>
        {problems.length > 0 ? (
          <p id={`${id}-problem`} className="error-text small-note" role="alert">
            {problems.join(' ')}
          </p>
        ) : null}
      </details>
      <p className="library-count" role="status">
        {isFiltering(filter) ? (
          <>
            {shown.toLocaleString('en')} of {total.toLocaleString('en')} sources{' '}
            <button type="button" className="link" onClick={() => onChange({ ...NO_FILTER, sort: filter.sort })}>
              Show all
            </button>
          </>
        ) : (
          `${total.toLocaleString('en')} source${total === 1 ? '' : 's'}`
        )}
      </p>
    </div>
  );
}
