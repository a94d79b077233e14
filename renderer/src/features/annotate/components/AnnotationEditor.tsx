/**
 * Writing an annotation: its kind, a Markdown note and tags (suggested from the tags already in
 * the notebook). A note longer than the limit cannot be saved, and the counter says so.
 */
import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ApiError } from '../../../../../shared/api/result';
import { NOTE_MAX_LENGTH, normalizeTags, type AnnotationKind } from '../../../../../shared/domain/annotation';
import type { Entity } from '../../../../../shared/domain/entity';
import { KINDS } from '../kinds';
import { EntityPicker } from './EntityPicker';
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
}

export function AnnotationEditor({ title, quote, initial, suggestions, entities, busy, error, onSave, onCancel }: AnnotationEditorProps) {
  const [kind, setKind] = useState<AnnotationKind>(initial.kind);
  const [note, setNote] = useState(initial.note);
  const [tags, setTags] = useState<string[]>(initial.tags);
  const [tagInput, setTagInput] = useState('');
  const [entityIds, setEntityIds] = useState<string[]>(initial.entityIds);
  const listId = useId();
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
    onSave({ kind, note, tags: normalizeTags([...tags, ...tagInput.split(',')]), entityIds });
  };

  return (
    <form className="annotation-editor" aria-label={title} onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <h3>{title}</h3>
      <blockquote className="editor-quote">{quote}</blockquote>
      <label className="field">
        <span>Kind</span>
        <select value={kind} onChange={(e) => setKind(e.target.value as AnnotationKind)}>
          {KINDS.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>
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
      <EntityPicker entities={entities} value={entityIds} onChange={setEntityIds} />
      {error ? (
        <p role="alert" className="error-text">
          {error.message}
        </p>
      ) : null}
      <div className="actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy || tooLong}>
          Save
        </button>
      </div>
    </form>
  );
}
