/**
 * A table source (a sheet, a CSV file) as a table: a row number and column letters as the
 * spreadsheet shows them, each cell carrying `data-start` (its offset in the text) so a selection
 * in it is a passage like any other, and its highlights drawn as in running text.
 */
import { useMemo, type Ref } from 'react';
import type { Annotation } from '../../../../../shared/domain/annotation';
import { columnName, tableRows, type TablePlace } from '../../../../../shared/domain/table';
import { Segments, useSpans } from './HighlightedText';

export interface TableTextProps {
  text: string;
  place: TablePlace;
  annotations: Annotation[];
  selectedId: string | null;
  onHighlightClick(ids: string[]): void;
  found?: { start: number; end: number } | null;
  ref?: Ref<HTMLDivElement>;
}

export function TableText({ text, place, annotations, selectedId, onHighlightClick, found, ref }: TableTextProps) {
  const rows = useMemo(() => tableRows(text), [text]);
  const columns = useMemo(() => Math.max(1, ...rows.map((r) => r.cells.length)), [rows]);
  const { spans, kindOf } = useSpans(text, annotations, found);
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
                    <Segments text={text} from={cell.start} to={cell.end} spans={spans} kindOf={kindOf} selectedId={selectedId} onHighlightClick={onHighlightClick} />
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
