/**
 * Linking entities to an annotation: chips for the linked ones and a box that finds entities by
 * name or alias, typos and spelling variants included (fuse.js).
 */
import { useMemo } from 'react';
import type { Entity } from '../../../../../shared/domain/entity';
import { ChipCombobox } from '../../../components/ChipCombobox';
import { entitySearch } from '../../entities/search';

export interface EntityPickerProps {
  entities: Entity[];
  value: string[];
  onChange(ids: string[]): void;
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

export function EntityPicker({ entities, value, onChange }: EntityPickerProps) {
  const search = useMemo(() => entitySearch(entities), [entities]);
  const byId = new Map(entities.map((e) => [e.id, e]));
  return (
    <ChipCombobox
      label="Entities"
      listLabel="Matching entities"
      placeholder={value.length === 0 ? 'Link a person, operation, unit…' : ''}
      chips={value.map((v) => {
        const name = byId.get(v)?.name;
        return { key: v, label: name ?? 'Deleted entity', removeLabel: `Unlink ${name ?? v}`, onRemove: () => onChange(value.filter((x) => x !== v)) };
      })}
      choicesFor={(typed) =>
        search(typed, 8)
          .filter((e) => !value.includes(e.id))
          .map((e) => ({ key: e.id, content: <EntityChoice entity={e} />, choose: () => onChange([...value, e.id]) }))
      }
    />
  );
}
