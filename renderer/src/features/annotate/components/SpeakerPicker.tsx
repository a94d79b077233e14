/**
 * Who speaks in a quote: a box that finds people by name or alias (typos included), and offers to
 * create the person when nobody matches the name typed — quoting someone who is not an entity yet
 * is common. The person is created when the annotation is saved, not before.
 */
import { useMemo } from 'react';
import type { Entity } from '../../../../../shared/domain/entity';
import { ChipCombobox, type ComboChoice } from '../../../components/ChipCombobox';
import { entitySearch } from '../../entities';
import { EntityChoice } from './EntityPicker';

/** A speaker: a person of the notebook, or one to create on save. */
export type Speaker = { id: string } | { newName: string } | null;

export interface SpeakerPickerProps {
  people: Entity[];
  value: Speaker;
  onChange(speaker: Speaker): void;
}

export function SpeakerPicker({ people, value, onChange }: SpeakerPickerProps) {
  const search = useMemo(() => entitySearch(people), [people]);
  const choicesFor = (typed: string): ComboChoice[] => {
    const choices: ComboChoice[] = search(typed, 6).map((entity) => ({ key: entity.id, content: <EntityChoice entity={entity} />, choose: () => onChange({ id: entity.id }) }));
    const same = (n: string) => n.toLocaleLowerCase() === typed.toLocaleLowerCase();
    if (!people.some((p) => same(p.name) || p.aliases.some(same))) choices.push({ key: 'create', content: <>Create person “{typed}”</>, choose: () => onChange({ newName: typed }) });
    return choices;
  };
  const chosen = value === null ? null : 'id' in value ? (people.find((p) => p.id === value.id)?.name ?? 'Deleted person') : value.newName;
  return (
    <ChipCombobox
      label="Speaker"
      listLabel="People"
      placeholder={chosen === null ? 'Who says it? Type a name' : 'Type to change'}
      hint={chosen === null ? 'Not named yet.' : `The quote will be on ${chosen}'s page and fact sheet.`}
      chips={
        chosen === null
          ? []
          : [
              {
                key: 'speaker',
                label: chosen,
                note: value && 'newName' in value ? <span className="muted"> (new person)</span> : undefined,
                removeLabel: `Remove speaker ${chosen}`,
                onRemove: () => onChange(null),
              },
            ]
      }
      choicesFor={choicesFor}
    />
  );
}
