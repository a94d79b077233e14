/**
 * The fact-sheet fields of an annotation, by its kind: a figure's metric, value, range, unit,
 * qualifier, date and what it is about (proposed from the passage's words when it has a figure);
 * a quote's speaker; an event's date. Values are checked as typed, in words a reporter reads.
 */
import { useId } from 'react';
import type { AnnotationKind, Figure } from '../../../../../shared/domain/annotation';
import { partialDatePrecision } from '../../../../../shared/domain/dates';
import type { Entity } from '../../../../../shared/domain/entity';
import { FIGURE_QUALIFIERS } from '../../../../../shared/factsheet/figures';
import { SpeakerPicker, type Speaker } from './SpeakerPicker';

/** A figure as typed: text in every field until it is saved. */
export interface FigureInput {
  metric: string;
  value: string;
  upper: string;
  unit: string;
  qualifier: string;
  date: string;
  entityId: string;
}

export const EMPTY_FIGURE: FigureInput = { metric: '', value: '', upper: '', unit: '', qualifier: '', date: '', entityId: '' };

/** Metrics offered as the reporter types (any other can be typed): counts, money and rates of any story. */
export const KNOWN_METRICS = [
  'arrests',
  'cases registered',
  'deaths',
  'injured',
  'jobs',
  'revenue',
  'profit',
  'sales',
  'price',
  'budget',
  'investment',
  'spending',
  'fine',
  'prison term',
  'age range',
  'devices seized',
  'locations raided',
  'teams',
  'turnout',
  'growth',
  'inflation',
  'unemployment',
];
const QUALIFIERS = ['', ...FIGURE_QUALIFIERS];

/** A number as reporters type it: grouping commas or spaces allowed ("1,00,000"). Null when it is not one. */
export function numberFrom(text: string): number | null {
  const t = text.trim().replace(/[,\s_]/g, '');
  if (t === '') return null;
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  // A number with its scale, as copy writes it: "59m", "£11.1bn", "3 million", "10 lakh".
  const scaled = /^[£$€¥₹]?(-?\d+(?:\.\d+)?)(k|m|mn|bn|b|tn|thousand|million|billion|trillion|lakhs?|crores?)$/i.exec(t);
  const scale = scaled ? VALUE_SCALES.get(scaled[2].toLowerCase().replace(/s$/, '')) : undefined;
  return scaled && scale ? Number(scaled[1]) * scale : null;
}
const VALUE_SCALES = new Map(Object.entries({ k: 1e3, thousand: 1e3, m: 1e6, mn: 1e6, million: 1e6, bn: 1e9, b: 1e9, billion: 1e9, tn: 1e12, trillion: 1e12, lakh: 1e5, crore: 1e7 }));

/** The figure to save, or the problems with what was typed (every one, in words). */
export function figureFrom(input: FigureInput): { figure: Figure | null; problems: string[] } {
  const problems: string[] = [];
  const empty = Object.values(input).every((v) => v.trim() === '');
  if (empty) return { figure: null, problems };
  const value = numberFrom(input.value);
  const upper = input.upper.trim() === '' ? null : numberFrom(input.upper);
  if (input.metric.trim() === '') problems.push('Say what the figure counts (the metric).');
  if (value === null) problems.push(`The value must be a number${input.value.trim() ? `, not “${input.value.trim()}”` : ''}.`);
  if (input.upper.trim() !== '' && upper === null) problems.push(`The upper end must be a number, not “${input.upper.trim()}”.`);
  if (input.date.trim() !== '' && !partialDatePrecision(input.date.trim())) problems.push(`“${input.date.trim()}” is not a date: write 2020, 2020-10 or 2020-10-04.`);
  if (problems.length > 0 || value === null) return { figure: null, problems };
  return {
    figure: {
      metric: input.metric.trim(),
      value,
      upper,
      unit: input.unit.trim() || null,
      qualifier: input.qualifier.trim() || null,
      date: input.date.trim() || null,
      entityId: input.entityId || null,
    },
    problems,
  };
}

export interface FactFieldsProps {
  kind: AnnotationKind;
  figure: FigureInput;
  onFigure(figure: FigureInput): void;
  /** Set when the fields were filled in from the passage's words. */
  proposed: string | null;
  speaker: Speaker;
  onSpeaker(speaker: Speaker): void;
  eventDate: string;
  onEventDate(date: string): void;
  entities: Entity[];
  /** The entities the annotation links: offered first as what a figure is about. */
  linked: string[];
}

export function FactFields({ kind, figure, onFigure, proposed, speaker, onSpeaker, eventDate, onEventDate, entities, linked }: FactFieldsProps) {
  const id = useId();
  const living = entities.filter((e) => e.mergedInto === null);
  if (kind === 'figure') {
    const set = (key: keyof FigureInput) => (e: { target: { value: string } }) => onFigure({ ...figure, [key]: e.target.value });
    const about = [...living.filter((e) => linked.includes(e.id)), ...living.filter((e) => !linked.includes(e.id) && e.type === 'operation')];
    return (
      <fieldset className="fact-fields" aria-label="Figure">
        <legend>Figure</legend>
        {proposed ? <p className="fact-proposed">Proposed from the passage: {proposed}. Check it.</p> : null}
        <label className="fact-wide">
          Metric
          <input type="text" list={`${id}-metrics`} value={figure.metric} onChange={set('metric')} placeholder="what it counts or measures: jobs, revenue, arrests…" />
          <datalist id={`${id}-metrics`}>
            {KNOWN_METRICS.map((m) => (
              <option key={m} value={m} />
            ))}
          </datalist>
        </label>
        <label>
          Qualifier
          <select value={figure.qualifier} onChange={set('qualifier')}>
            {(QUALIFIERS.includes(figure.qualifier) ? QUALIFIERS : [...QUALIFIERS, figure.qualifier]).map((q) => (
              <option key={q} value={q}>
                {q || '(none)'}
              </option>
            ))}
          </select>
        </label>
        <label>
          Value
          <input type="text" inputMode="decimal" value={figure.value} onChange={set('value')} />
        </label>
        <label>
          To (a range)
          <input type="text" inputMode="decimal" value={figure.upper} onChange={set('upper')} />
        </label>
        <label>
          Unit
          <input type="text" value={figure.unit} onChange={set('unit')} placeholder="people, pounds, dollars per year, percent…" />
        </label>
        <label>
          As of (date)
          <input type="text" value={figure.date} onChange={set('date')} placeholder="2020-10" />
        </label>
        <label className="fact-wide">
          About
          <select aria-label="What the figure is about" value={figure.entityId} onChange={set('entityId')}>
            <option value="">(the first linked entity)</option>
            {about.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
    );
  }
  if (kind === 'quote') {
    return <SpeakerPicker people={living.filter((e) => e.type === 'person')} value={speaker} onChange={onSpeaker} />;
  }
  if (kind === 'event') {
    return (
      <label className="field">
        <span>When it happened</span>
        <input type="text" value={eventDate} onChange={(e) => onEventDate(e.target.value)} placeholder="2020, 2020-10 or 2020-10-04" />
      </label>
    );
  }
  return null;
}
