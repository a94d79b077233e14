/**
 * Writing an annotation: its kind, a Markdown note and tags (suggested from the tags already in
 * the notebook), linked entities, and the fact-sheet fields of its kind (a figure proposed from
 * the passage's words). A note longer than the limit cannot be saved, and the counter says so.
 */
import { ErrorLine } from '../../../components/ErrorLine';
import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ApiError } from '../../../../../shared/api/result';
import { NOTE_MAX_LENGTH, normalizeTags, type AnnotationKind, type Figure } from '../../../../../shared/domain/annotation';
import type { Entity } from '../../../../../shared/domain/entity';
import { partialDatePrecision } from '../../../../../shared/domain/dates';
import { formatFigure } from '../../../../../shared/factsheet/format';
import { parseFigure } from '../../../../../shared/factsheet/figures';
import { EMPTY_FIGURE, FactFields, figureFrom, type FigureInput } from './FactFields';
import type { Speaker } from './SpeakerPicker';
import type { BalanceOffer, Span } from '../../../../../shared/domain/quotes';
import { MarksOffer } from './MarksOffer';
import { FormActions } from '../../../components/FormActions';
import { KindSelect } from '../../../components/KindSelect';
import { EntityPicker, type NewEntity } from './EntityPicker';
import type { AnnotationDraft } from '../store';

export interface AnnotationEditorProps {
  title: string;
  quote: string;
  initial: AnnotationDraft;
  suggestions: string[];
  entities: Entity[];
  busy: boolean;
  error: ApiError | null;
  onSave(draft: AnnotationDraft): void;
  onCancel(): void;
  /** Set when the passage's quotation marks do not balance (with the fixes, for a new passage). */
  marks: BalanceOffer | null;
  onReselect(span: Span): void;
}

export function AnnotationEditor({ title, quote, initial, suggestions, entities, busy, error, onSave, onCancel, marks, onReselect }: AnnotationEditorProps) {
  const [kind, setKind] = useState<AnnotationKind>(initial.kind);
  const [note, setNote] = useState(initial.note);
  const [tags, setTags] = useState<string[]>(initial.tags);
  const [tagInput, setTagInput] = useState('');
  const [entityIds, setEntityIds] = useState<string[]>(initial.entityIds);
  const [newEntities, setNewEntities] = useState<NewEntity[]>([]);
  const [entityTyped, setEntityTyped] = useState('');
  const [figure, setFigure] = useState<FigureInput>(() => (initial.figure ? figureInput(initial.figure) : initial.kind === 'figure' ? (proposal(quote)?.input ?? EMPTY_FIGURE) : EMPTY_FIGURE));
  const [proposed, setProposed] = useState<string | null>(() => (!initial.figure && initial.kind === 'figure' ? (proposal(quote)?.label ?? null) : null));
  const [speaker, setSpeaker] = useState<Speaker>(initial.speakerId ? { id: initial.speakerId } : null);
  const [eventDate, setEventDate] = useState(initial.eventDate ?? '');
  const [problems, setProblems] = useState<string[]>([]);
  const listId = useId();
  const changeKind = (next: AnnotationKind) => {
    setKind(next);
    // Marked as a figure now: propose what the passage's words say, if nothing was typed yet.
    if (next === 'figure' && Object.values(figure).every((v) => v === '')) {
      const p = proposal(quote);
      if (p) {
        setFigure(p.input);
        setProposed(p.label);
      }
    }
  };
  const tooLong = note.length > NOTE_MAX_LENGTH;

  const addTag = (value: string) => {
    const next = normalizeTags([...tags, ...value.split(',')]);
    setTags(next);
    setTagInput('');
  };
  const onTagKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if ((e.key === 'Enter' || e.key === ',') && tagInput.trim() !== '') {
      e.preventDefault();
      addTag(tagInput);
    } else if (e.key === 'Backspace' && tagInput === '' && tags.length > 0) {
      setTags(tags.slice(0, -1));
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (tooLong) return;
    const found: string[] = [];
    const typed = kind === 'figure' ? figureFrom(figure) : { figure: initial.figure, problems: [] };
    found.push(...typed.problems);
    if (kind === 'event' && eventDate.trim() !== '' && !partialDatePrecision(eventDate.trim())) found.push(`“${eventDate.trim()}” is not a date: write 2020, 2020-10 or 2020-10-04.`);
    // A name typed in Entities and not chosen is never dropped without a word.
    if (entityTyped !== '') found.push(`“${entityTyped}” is typed in Entities but not chosen: pick a match or “Create …”, or clear the box.`);
    setProblems(found);
    if (found.length > 0) return;
    onSave({
      kind,
      note,
      tags: normalizeTags([...tags, ...tagInput.split(',')]),
      entityIds,
      newEntities,
      figure: typed.figure,
      speakerId: kind === 'quote' ? (speaker && 'id' in speaker ? speaker.id : null) : initial.speakerId,
      newSpeaker: kind === 'quote' && speaker && 'newName' in speaker ? speaker.newName : null,
      eventDate: kind === 'event' ? eventDate.trim() || null : initial.eventDate,
    });
  };

  return (
    <form
      className="annotation-editor"
      aria-label={title}
      onSubmit={submit}
      aria-keyshortcuts="Control+Enter"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
        // Ctrl+Enter (⌘+Enter) saves from any field, the note included.
        else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          e.currentTarget.requestSubmit();
        }
      }}
    >
      <h3>{title}</h3>
      <blockquote className="editor-quote">{quote}</blockquote>
      {marks ? <MarksOffer offer={marks} onChoose={onReselect} /> : null}
      <label className="field">
        <span>Kind</span>
        <KindSelect value={kind} onChange={changeKind} />
      </label>
      <label className="field">
        <span>Note</span>
        <textarea value={note} rows={5} onChange={(e) => setNote(e.target.value)} placeholder="Markdown: **bold**, *italic*, - lists, [links](https://…)" autoFocus />
        <span className={tooLong ? 'counter error-text' : 'counter'} aria-live="polite">
          {tooLong
            ? `Too long: ${note.length.toLocaleString('en')} of at most ${NOTE_MAX_LENGTH.toLocaleString('en')} characters.`
            : note.length > NOTE_MAX_LENGTH * 0.9
              ? `${note.length.toLocaleString('en')} / ${NOTE_MAX_LENGTH.toLocaleString('en')}`
              : ''}
        </span>
      </label>
      <div className="field">
        <label htmlFor={`${listId}-tag`}>Tags</label>
        <div className="tag-input">
          {tags.map((t) => (
            <span key={t} className="tag-chip">
              {t}
              <button type="button" aria-label={`Remove tag ${t}`} onClick={() => setTags(tags.filter((x) => x !== t))}>
                ×
              </button>
            </span>
          ))}
          <input
            id={`${listId}-tag`}
            type="text"
            list={listId}
            value={tagInput}
            onChange={(e) => setTagInput(e.target.value)}
            onKeyDown={onTagKey}
            placeholder={tags.length === 0 ? 'Add a tag, press Enter' : ''}
          />
          <datalist id={listId}>
            {suggestions
              .filter((s) => !tags.some((t) => t.toLowerCase() === s.toLowerCase()))
              .map((s) => (
                <option key={s} value={s} />
              ))}
          </datalist>
        </div>
      </div>
      <EntityPicker entities={entities} value={entityIds} onChange={setEntityIds} pending={newEntities} onPending={setNewEntities} onTyped={setEntityTyped} />
      <FactFields
        kind={kind}
        figure={figure}
        onFigure={setFigure}
        proposed={proposed}
        speaker={speaker}
        onSpeaker={setSpeaker}
        eventDate={eventDate}
        onEventDate={setEventDate}
        entities={entities}
        linked={entityIds}
      />
      {problems.length > 0 ? (
        <ul role="alert" className="error-text fact-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      <ErrorLine error={error} />
      <FormActions label="Save" disabled={busy || tooLong} onCancel={onCancel} />
    </form>
  );
}

/** A saved figure as the fields show it. */
function figureInput(f: Figure): FigureInput {
  return { metric: f.metric, value: String(f.value), upper: f.upper === null ? '' : String(f.upper), unit: f.unit ?? '', qualifier: f.qualifier ?? '', date: f.date ?? '', entityId: f.entityId ?? '' };
}

/**
 * What the passage's words say, as fields and in a line ("arrests = 41 people", "£59 million: say
 * what it measures"); the first figure that says what it counts, else the first figure; null when
 * the passage gives none.
 */
function proposal(quote: string): { input: FigureInput; label: string } | null {
  const all = parseFigure(quote);
  const found = all.find((c) => c.metric) ?? all[0];
  if (!found) return null;
  const input = {
    ...EMPTY_FIGURE,
    metric: found.metric ?? '',
    value: String(found.value),
    upper: found.upper === undefined ? '' : String(found.upper),
    unit: found.unit ?? '',
    qualifier: found.qualifier ?? '',
    date: found.date ?? '',
  };
  const said = formatFigure({ value: found.value, upper: found.upper ?? null, qualifier: found.qualifier ?? null, unit: found.unit ?? null });
  const asOf = found.date ? ` as of ${found.date}` : '';
  return { input, label: found.metric ? `${found.metric} = ${said}${asOf}` : `${said}${asOf}; say what it measures (the metric)` };
}
