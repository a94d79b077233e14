/**
 * Key figures: a row per metric, a column per round. Each cell says in words whether its sources
 * agree (corroborated, single source) or not (sources disagree), gives every value with its
 * citations (a click opens the passage), and lets the reporter resolve a conflict or reopen it.
 */
import { useState } from 'react';
import { corroboration, decidedBy, formatFigure, givenBy, statusLabel } from '../../../../../shared/factsheet/format';
import type { ApiError } from '../../../../../shared/api/result';
import type { FactSheet } from '../store';
import { Cite } from './Cite';

type Cell = NonNullable<FactSheet['figures']['rows'][number]['cells'][number]>;

/** What the table can ask of its container. */
export interface FigureActions {
  onOpen(sourceId: string, annotationId: string): void;
  onResolve(input: { entityId: string; metric: string; value: number; upper: number | null; note: string }): Promise<ApiError | null>;
  onReopen(entityId: string, metric: string): void;
}

export function FiguresTable({ sheet, actions }: { sheet: FactSheet; actions: FigureActions }) {
  const { columns, rows } = sheet.figures;
  if (rows.length === 0) return <p className="empty-note">No figures marked yet. Mark a passage as a Figure in the reader and give its metric and value.</p>;
  return (
    <div className="figures-scroll">
      <table className="figures-table" aria-label="Key figures">
        <thead>
          <tr>
            <th scope="col">Metric</th>
            {columns.map((c) => (
              <th key={c.id} scope="col">
                {c.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.metric}>
              <th scope="row">{row.metric}</th>
              {row.cells.map((cell, i) => (
                <FigureCellView key={columns[i].id} cell={cell} entityId={columns[i].id} entityName={columns[i].name} metric={row.metric} actions={actions} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const CLASS: Record<Cell['status'], string> = { conflict: 'conflict', resolved: 'resolved', corroborated: 'corroborated', 'single-source': 'single' };

function FigureCellView({ cell, entityId, entityName, metric, actions }: { cell: Cell | null; entityId: string; entityName: string; metric: string; actions: FigureActions }) {
  const [resolving, setResolving] = useState(false);
  const { onOpen, onReopen } = actions;
  if (!cell) return <td className="none">—</td>;
  const label = cell.status === 'corroborated' ? `Corroborated by ${corroboration(cell.values[0])}` : statusLabel(cell);
  return (
    <td className={`figure-cell ${CLASS[cell.status]}`} aria-label={`${entityName}, ${metric}: ${label}`}>
      <span className="figure-status">{label}</span>
      {cell.values.map((v) => (
        <div className="figure-value" key={`${v.value}-${v.upper}-${v.qualifier}-${v.unit}`}>
          <strong>{formatFigure(v)}</strong>{' '}
          {v.citations.map((c) => (
            <Cite key={c.annotationId} citation={c} onOpen={onOpen} />
          ))}
          {givenBy(v) ? <span className="figure-who">{givenBy(v)}</span> : null}
        </div>
      ))}
      {cell.resolution ? (
        <div className="figure-resolution">
          Stands: <strong>{formatFigure({ ...cell.resolution, unit: cell.values[0]?.unit ?? null })}</strong> — {cell.resolution.note}
          {decidedBy(cell.resolution)}{' '}
          <button type="button" className="link small" onClick={() => onReopen(entityId, metric)}>
            Reopen
          </button>
        </div>
      ) : null}
      {cell.status === 'conflict' && !resolving ? (
        <button type="button" className="small" onClick={() => setResolving(true)}>
          Resolve…
        </button>
      ) : null}
      {resolving ? <ResolveForm cell={cell} entityId={entityId} entityName={entityName} metric={metric} onResolve={actions.onResolve} onDone={() => setResolving(false)} /> : null}
    </td>
  );
}

/** Which value stands, and why: the reason is required, as an editor will ask for it. */
function ResolveForm({
  cell,
  entityId,
  entityName,
  metric,
  onResolve,
  onDone,
}: {
  cell: Cell;
  entityId: string;
  entityName: string;
  metric: string;
  onResolve: FigureActions['onResolve'];
  onDone(): void;
}) {
  const [choice, setChoice] = useState<string>(String(cell.values[0].value));
  const [other, setOther] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const text = choice === 'other' ? other.trim().replace(/,/g, '') : choice;
    const value = Number(text);
    if (text === '' || !Number.isFinite(value)) return setError(`“${choice === 'other' ? other : choice}” is not a number.`);
    if (note.trim() === '') return setError('Say why this value stands: the note is required.');
    const failed = await onResolve({ entityId, metric, value, upper: null, note });
    if (failed) setError(failed.message);
    else onDone();
  };
  return (
    <form
      className="resolve-form"
      aria-label={`Resolve ${metric} for ${entityName}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <fieldset>
        <legend>Which value stands?</legend>
        {cell.values.map((v) => (
          <label key={v.value}>
            <input type="radio" name="value" value={String(v.value)} checked={choice === String(v.value)} onChange={() => setChoice(String(v.value))} /> {formatFigure(v)}
          </label>
        ))}
        <label>
          <input type="radio" name="value" value="other" checked={choice === 'other'} onChange={() => setChoice('other')} /> Another value:{' '}
          <input
            type="text"
            inputMode="decimal"
            aria-label="Another value"
            value={other}
            onChange={(e) => {
              setChoice('other');
              setOther(e.target.value);
            }}
          />
        </label>
      </fieldset>
      <label className="resolve-note">
        Why (required)
        <textarea value={note} rows={2} onChange={(e) => setNote(e.target.value)} placeholder="e.g. The FIR register lists 269." />
      </label>
      {error ? (
        <p role="alert" className="error-text">
          {error}
        </p>
      ) : null}
      <div className="resolve-actions">
        <button type="submit" className="primary small">
          Record
        </button>
        <button type="button" className="small" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
