/**
 * Setting a date or an outlet on several sources at once: tick them in the list (or "all shown"),
 * type the date or the outlet, apply. The date is checked as typed; nothing is sent until Apply.
 */
import { useId, useState } from 'react';
import type { ApiError } from '../../../../../shared/api/result';
import { partialDatePrecision } from '../../../../../shared/domain/dates';
import type { MetaPatch } from '../store';

export interface BulkEditProps {
  checked: number;
  shown: number;
  outlets: string[];
  onCheckAll(): void;
  onCheckNone(): void;
  onApply(patch: MetaPatch): Promise<{ updated: number } | { error: ApiError }>;
  onDone(): void;
}

export function BulkEdit({ checked, shown, outlets, onCheckAll, onCheckNone, onApply, onDone }: BulkEditProps) {
  const id = useId();
  const [date, setDate] = useState('');
  const [outlet, setOutlet] = useState('');
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  const dateOk = date.trim() === '' || partialDatePrecision(date.trim()) !== null;
  const apply = async (patch: MetaPatch, what: string) => {
    setBusy(true);
    const result = await onApply(patch);
    setBusy(false);
    setSaid(
      'error' in result
        ? { ok: false, text: result.error.message }
        : {
            ok: true,
            text: `${what} on ${result.updated.toLocaleString('en')} source${result.updated === 1 ? '' : 's'}${result.updated < checked ? ` (${checked - result.updated} already so)` : ''}.`,
          },
    );
  };
  return (
    <section className="bulk-edit" aria-label="Edit several sources">
      <p className="bulk-count">
        <strong>{checked.toLocaleString('en')}</strong> of {shown.toLocaleString('en')} shown ticked ·{' '}
        <button type="button" className="link" onClick={onCheckAll}>
          Tick all shown
        </button>{' '}
        ·{' '}
        <button type="button" className="link" onClick={onCheckNone} disabled={checked === 0}>
          None
        </button>
      </p>
      <form
        className="bulk-row"
        onSubmit={(e) => {
          e.preventDefault();
          if (dateOk && date.trim()) void apply({ published: date.trim() }, `Date ${date.trim()} set`);
        }}
      >
        <label htmlFor={`${id}-date`}>Date</label>
        <input id={`${id}-date`} type="text" inputMode="numeric" placeholder="2020-10" value={date} onChange={(e) => setDate(e.target.value)} aria-invalid={!dateOk} />
        <button type="submit" disabled={busy || checked === 0 || !dateOk || date.trim() === ''}>
          Set date
        </button>
      </form>
      {!dateOk ? <p className="error-text small-note">“{date.trim()}” is not a date: write 2020, 2020-10 or 2020-10-04.</p> : null}
      <form
        className="bulk-row"
        onSubmit={(e) => {
          e.preventDefault();
          if (outlet.trim()) void apply({ outlet: outlet.trim() }, `Outlet “${outlet.trim()}” set`);
        }}
      >
        <label htmlFor={`${id}-outlet`}>Outlet</label>
        <input id={`${id}-outlet`} type="text" list={`${id}-outlets`} placeholder="The Hindu" value={outlet} onChange={(e) => setOutlet(e.target.value)} />
        <datalist id={`${id}-outlets`}>
          {outlets.map((o) => (
            <option key={o} value={o} />
          ))}
        </datalist>
        <button type="submit" disabled={busy || checked === 0 || outlet.trim() === ''}>
          Set outlet
        </button>
      </form>
      {said ? (
        <p role={said.ok ? 'status' : 'alert'} className={said.ok ? 'bulk-done' : 'error-text'}>
          {said.text}
        </p>
      ) : null}
      <button type="button" onClick={onDone}>
        Done
      </button>
    </section>
  );
}
