/** Creating or editing an entity: type, name, aliases (one per line), description, dates, operation. */
import { ErrorLine } from '../../../components/ErrorLine';
import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../../../../shared/api/result';
import { ENTITY_TYPE_LABEL, ENTITY_TYPES, type EntityFields, type EntityType } from '../../../../../shared/domain/entity';
import type { EntitySummary } from '../store';

export interface EntityFormProps {
  title: string;
  initial: EntityFields;
  operations: EntitySummary[];
  selfId: string | null;
  busy: boolean;
  error: ApiError | null;
  onSave(fields: EntityFields): void;
  onCancel(): void;
}

export function EntityForm({ title, initial, operations, selfId, busy, error, onSave, onCancel }: EntityFormProps) {
  const [type, setType] = useState<EntityType>(initial.type);
  const [name, setName] = useState(initial.name);
  const [aliases, setAliases] = useState(initial.aliases.join('\n'));
  const [description, setDescription] = useState(initial.description);
  const [start, setStart] = useState(initial.start ?? '');
  const [end, setEnd] = useState(initial.end ?? '');
  const [parentId, setParentId] = useState(initial.parentId ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave({
      type,
      name,
      aliases: aliases
        .split('\n')
        .map((a) => a.trim())
        .filter(Boolean),
      description,
      start: start.trim() || null,
      end: end.trim() || null,
      parentId: type === 'operation' && parentId ? parentId : null,
    });
  };
  return (
    <form className="entity-form" aria-label={title} onSubmit={submit}>
      <h2>{title}</h2>
      <div className="form-row">
        <label className="field">
          <span>Type</span>
          <select value={type} onChange={(e) => setType(e.target.value as EntityType)}>
            {ENTITY_TYPES.map((t) => (
              <option key={t} value={t}>
                {ENTITY_TYPE_LABEL[t]}
              </option>
            ))}
          </select>
        </label>
        <label className="field grow">
          <span>Name</span>
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
        </label>
      </div>
      {type === 'operation' ? (
        <label className="field">
          <span>Round of</span>
          <select value={parentId} onChange={(e) => setParentId(e.target.value)}>
            <option value="">— not a round —</option>
            {operations
              .filter((o) => o.id !== selfId)
              .map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
          </select>
        </label>
      ) : null}
      <label className="field">
        <span>Aliases (one per line: other spellings, acronyms, expansions)</span>
        <textarea rows={3} value={aliases} onChange={(e) => setAliases(e.target.value)} />
      </label>
      <label className="field">
        <span>Description</span>
        <textarea rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <div className="form-row">
        <label className="field">
          <span>From (YYYY, YYYY-MM or YYYY-MM-DD)</span>
          <input type="text" value={start} onChange={(e) => setStart(e.target.value)} placeholder="2020-10" />
        </label>
        <label className="field">
          <span>To</span>
          <input type="text" value={end} onChange={(e) => setEnd(e.target.value)} />
        </label>
      </div>
      <ErrorLine error={error} />
      <div className="actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy || name.trim() === ''}>
          Save entity
        </button>
      </div>
    </form>
  );
}
