/**
 * A table source (a sheet, a CSV file) as a table: a row number and column letters as the
 * spreadsheet shows them, each cell carrying `data-start` (its offset in the text) so a selection
 * in it is a passage like any other, and its highlights drawn as in running text.
 */
import { useMemo, type Ref } from 'react';
import type { Annotation } from '../../../../../shared/domain/annotation';
import { segmentText } from '../../../../../shared/domain/highlights';
import { columnName, tableRows, type TablePlace } from '../../../../../shared/domain/table';

export interface TableTextProps {
  text: string;
  place: TablePlace;
  annotations: Annotation[];
  selectedId: string | null;
  onHighlightClick(ids: string[]): void;
  found?: { start: number; end: number } | null;
  ref?: Ref<HTMLDivElement>;
}

const FOUND = ':found';

export function TableText({ text, place, annotations, selectedId, onHighlightClick, found, ref }: TableTextProps) {
  const rows = useMemo(() => tableRows(text), [text]);
  const columns = useMemo(() => Math.max(1, ...rows.map((r) => r.cells.length)), [rows]);
  const placed = useMemo(() => annotations.filter((a) => a.anchor.state !== 'orphan'), [annotations]);
  const spans = useMemo(() => {
    const list = placed.map((a) => ({ id: a.id, start: a.target.position.start, end: a.target.position.end }));
    return found && found.end > found.start && found.end <= text.length ? [...list, { id: FOUND, start: found.start, end: found.end }] : list;
  }, [placed, found, text.length]);
  const kindOf = useMemo(() => new Map(placed.map((a) => [a.id, a.kind])), [placed]);
  return (
    <div className="reader-text reader-table" ref={ref}>
      <table aria-label={place.sheet ? `Sheet ${place.sheet}` : 'Table'}>
        <thead>
          <tr>
            <th aria-hidden="true" />
            {Array.from({ length: columns }, (_, i) => (
              <th key={i} scope="col">
                {columnName(place.firstColumn + i)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={row.start}>
              <th scope="row">{place.firstRow + r}</th>
              {Array.from({ length: columns }, (_, c) => {
                const cell = row.cells[c];
                if (!cell) return <td key={c} />;
                return (
                  <td key={c} data-start={cell.start} dir="auto">
                    {segmentText(text, cell.start, cell.end, spans).map((seg) => {
                      const isFound = seg.ids.includes(FOUND);
                      const ids = isFound ? seg.ids.filter((id) => id !== FOUND) : seg.ids;
                      if (ids.length === 0)
                        return isFound ? (
                          <mark key={seg.start} className="search-hit" data-found="">
                            {seg.text}
                          </mark>
                        ) : (
                          <span key={seg.start}>{seg.text}</span>
                        );
                      return (
                        <mark
                          key={seg.start}
                          data-ids={ids.join(' ')}
                          data-found={isFound ? '' : undefined}
                          className={['hl', `kind-${kindOf.get(ids[0])}`, ids.length > 1 ? 'overlap' : '', selectedId && ids.includes(selectedId) ? 'selected' : '', isFound ? 'search-hit' : ''].join(
                            ' ',
                          )}
                          onClick={() => onHighlightClick(ids)}
                        >
                          {seg.text}
                        </mark>
                      );
                    })}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
