/**
 * A field of chips and a box that offers choices as one types (the ARIA combobox pattern):
 * ↓/↑ move through the choices, Enter takes the active one, a click takes any; the chips show
 * what is chosen, each with its own remove button. The entity and speaker pickers are this field
 * with their own choices.
 */
import { useId, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface ComboChip {
  key: string;
  label: string;
  /** Said after the label, e.g. "(new person)". */
  note?: ReactNode;
  removeLabel: string;
  onRemove(): void;
}

export interface ComboChoice {
  key: string;
  content: ReactNode;
  choose(): void;
}

export interface ChipComboboxProps {
  label: string;
  chips: ComboChip[];
  /** The choices for what is typed, spaces folded and trimmed; never called with an empty string. */
  choicesFor(typed: string): ComboChoice[];
  listLabel: string;
  placeholder: string;
  hint?: ReactNode;
  /** Told what is typed and not yet chosen, so a form can refuse to save past it. */
  onTyped?(typed: string): void;
}

export function ChipCombobox({ label, chips, choicesFor, listLabel, placeholder, hint, onTyped }: ChipComboboxProps) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const id = useId();
  const typed = query.replace(/\s+/g, ' ').trim();
  const choices = typed ? choicesFor(typed) : [];
  const at = Math.min(active, Math.max(choices.length - 1, 0));
  const take = (c: ComboChoice) => {
    c.choose();
    setQuery('');
    setActive(0);
    onTyped?.('');
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    // Ctrl/⌘+Enter is the editor's save, never a choice.
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'ArrowDown') setActive(Math.min(at + 1, choices.length - 1));
    else if (e.key === 'ArrowUp') setActive(Math.max(at - 1, 0));
    else if (e.key === 'Enter' && choices[at]) take(choices[at]);
    else if (e.key === 'Escape' && query) {
      setQuery('');
      onTyped?.('');
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <div className="field">
      <label htmlFor={`${id}-input`}>{label}</label>
      <div className="tag-input">
        {chips.map((c) => (
          <span key={c.key} className="tag-chip entity-chip">
            {c.label}
            {c.note}
            <button type="button" aria-label={c.removeLabel} onClick={c.onRemove}>
              ×
            </button>
          </span>
        ))}
        <input
          id={`${id}-input`}
          type="text"
          role="combobox"
          aria-expanded={choices.length > 0}
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          aria-activedescendant={choices[at] ? `${id}-option-${at}` : undefined}
          aria-describedby={hint ? `${id}-hint` : undefined}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
            onTyped?.(e.target.value.replace(/\s+/g, ' ').trim());
          }}
          onKeyDown={onKey}
          placeholder={placeholder}
        />
      </div>
      {hint ? (
        <span id={`${id}-hint`} className="muted field-hint">
          {hint}
        </span>
      ) : null}
      {choices.length > 0 ? (
        <ul id={`${id}-list`} role="listbox" className="picker-list" aria-label={listLabel}>
          {choices.map((c, i) => (
            <li
              key={c.key}
              id={`${id}-option-${i}`}
              role="option"
              aria-selected={i === at}
              className={i === at ? 'active' : undefined}
              onMouseDown={(ev) => ev.preventDefault()}
              onClick={() => take(c)}
            >
              {c.content}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
