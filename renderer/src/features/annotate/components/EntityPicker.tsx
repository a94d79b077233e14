/**
 * Linking entities to an annotation: chips for the linked ones and a box that finds entities by
 * name or alias, typos and spelling variants included (fuse.js), and offers to create one when no
 * entity has the name typed (made when the annotation is saved, not before).
 */
import { useMemo } from 'react';
import { ENTITY_TYPE_LABEL, type Entity, type EntityType } from '../../../../../shared/domain/entity';
import { ChipCombobox, type ComboChoice } from '../../../components/ChipCombobox';
import { entitySearch } from '../../entities';

/** An entity to create when the annotation is saved. */
export interface NewEntity {
  name: string;
  type: EntityType;
}

/** The kinds offered for a new entity, in the order a story names them most. */
const NEW_TYPES: EntityType[] = ['person', 'organisation', 'place', 'other'];
const ARTICLE: Record<EntityType, string> = {
  operation: 'an operation',
  person: 'a person',
  organisation: 'an organisation',
  place: 'a place',
  law: 'a law',
  platform: 'a platform',
  other: 'something else',
};

export interface EntityPickerProps {
  entities: Entity[];
  value: string[];
  onChange(ids: string[]): void;
  /** Entities to create on save, linked like the others. */
  pending: NewEntity[];
  onPending(list: NewEntity[]): void;
  onTyped?(typed: string): void;
}

/** An entity's name, with up to two of its aliases after it (the spelling a reporter may know it by). */
export function EntityChoice({ entity }: { entity: Entity }) {
  return (
    <>
      {entity.name}
      {entity.aliases.length > 0 ? <span className="muted"> · {entity.aliases.slice(0, 2).join(' · ')}</span> : null}
    </>
  );
}

export function EntityPicker({ entities, value, onChange, pending, onPending, onTyped }: EntityPickerProps) {
  const search = useMemo(() => entitySearch(entities), [entities]);
  const byId = new Map(entities.map((e) => [e.id, e]));
  const choicesFor = (typed: string): ComboChoice[] => {
    const found: ComboChoice[] = search(typed, 8)
      .filter((e) => !value.includes(e.id))
      .map((e) => ({ key: e.id, content: <EntityChoice entity={e} />, choose: () => onChange([...value, e.id]) }));
    const same = (n: string) => n.toLocaleLowerCase() === typed.toLocaleLowerCase();
    const known = entities.some((e) => e.mergedInto === null && (same(e.name) || e.aliases.some(same))) || pending.some((p) => same(p.name));
    if (!known)
      for (const type of NEW_TYPES)
        found.push({
          key: `create-${type}`,
          content: (
            <>
              Create “{typed}” as {ARTICLE[type]}
            </>
          ),
          choose: () => onPending([...pending, { name: typed, type }]),
        });
    return found;
  };
  return (
    <ChipCombobox
      label="Entities"
      listLabel="Matching entities"
      placeholder={value.length + pending.length === 0 ? 'Link a person, organisation, place…' : ''}
      hint={pending.length > 0 ? 'New entities are made when you save.' : undefined}
      onTyped={onTyped}
      chips={[
        ...value.map((v) => {
          const name = byId.get(v)?.name;
          return { key: v, label: name ?? 'Deleted entity', removeLabel: `Unlink ${name ?? v}`, onRemove: () => onChange(value.filter((x) => x !== v)) };
        }),
        ...pending.map((p, i) => ({
          key: `new-${i}-${p.name}`,
          label: p.name,
          note: <span className="muted"> (new {ENTITY_TYPE_LABEL[p.type].toLowerCase()})</span>,
          removeLabel: `Do not create ${p.name}`,
          onRemove: () => onPending(pending.filter((_, j) => j !== i)),
        })),
      ]}
      choicesFor={choicesFor}
    />
  );
}
