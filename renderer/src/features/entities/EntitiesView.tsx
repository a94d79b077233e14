/** The Entities view: the list on the left; an entity's page, the editor, suggestions or duplicates on the right. */
import { pick } from '../../lib/store';
import { useEffect, useState } from 'react';
import type { EntityFields } from '../../../../shared/domain/entity';
import { DuplicatesPanel } from './components/DuplicatesPanel';
import { EntityForm } from './components/EntityForm';
import { EntityList } from './components/EntityList';
import { EntityPage } from './components/EntityPage';
import { SuggestionsPanel } from './components/SuggestionsPanel';
import { useEntities } from './store';

const EMPTY: EntityFields = { type: 'person', name: '', aliases: [], description: '', start: null, end: null, parentId: null };

export function EntitiesView({ onOpenPassage }: { onOpenPassage(sourceId: string, annotationId: string): void }) {
  // The fields drawn, by selector (the view draws again only when one of them changes); the actions, as they are.
  const drawn = useEntities(
    pick((x) => ({ list: x.list, page: x.page, panel: x.panel, mentions: x.mentions, suggestions: x.suggestions, reading: x.reading, duplicates: x.duplicates, busy: x.busy, error: x.error })),
  );
  const s = { ...useEntities.getState(), ...drawn };
  const [query, setQuery] = useState('');
  const { load } = s;
  useEffect(() => {
    void load();
  }, [load]);
  const panel = s.panel;
  const selectedId = panel.kind === 'entity' || panel.kind === 'edit' ? panel.id : null;
  const operations = s.list.filter((e) => e.type === 'operation');
  const editing = panel.kind === 'edit' ? s.list.find((e) => e.id === panel.id) : undefined;

  return (
    <div className="entities-view">
      <nav className="library-pane" aria-label="Entities">
        <div className="pane-toolbar">
          <button type="button" className="primary small" onClick={() => void s.show({ kind: 'new' })}>
            New entity…
          </button>
          <button type="button" className="small" onClick={() => void s.show({ kind: 'suggestions' })}>
            Suggestions
          </button>
          <button type="button" className="small" onClick={() => void s.show({ kind: 'duplicates' })}>
            Duplicates
          </button>
        </div>
        <div className="entity-scroll">
          <EntityList entities={s.list} query={query} selectedId={selectedId} onQuery={setQuery} onSelect={(id) => void s.show({ kind: 'entity', id })} />
        </div>
      </nav>
      <main className="reader-scroll entity-main">
        {s.error && panel.kind !== 'new' && panel.kind !== 'edit' ? (
          <p role="alert" className="error-text pane-note">
            {s.error.message}
          </p>
        ) : null}
        {panel.kind === 'new' || editing ? (
          <EntityForm
            key={editing?.id ?? 'new'}
            title={editing ? `Edit ${editing.name}` : 'New entity'}
            initial={editing ?? EMPTY}
            operations={operations}
            selfId={editing?.id ?? null}
            busy={s.busy}
            error={s.error}
            onSave={(fields) => void s.save(fields, editing?.id)}
            onCancel={() => void s.show(editing ? { kind: 'entity', id: editing.id } : { kind: 'none' })}
          />
        ) : panel.kind === 'entity' && s.page ? (
          <EntityPage
            page={s.page}
            others={s.list.filter((e) => e.id !== panel.id)}
            mentions={s.mentions}
            busy={s.busy}
            onEdit={() => void s.show({ kind: 'edit', id: panel.id })}
            onDelete={() => void s.remove(panel.id)}
            onOpenEntity={(id) => void s.show({ kind: 'entity', id })}
            onOpenPassage={onOpenPassage}
            onFindMentions={() => void s.loadMentions(panel.id)}
            onLink={(mentions) => void s.linkMentions(panel.id, mentions)}
            onMergeInto={(otherId) => void s.merge(panel.id, otherId)}
          />
        ) : panel.kind === 'suggestions' ? (
          <SuggestionsPanel
            suggestions={s.suggestions}
            reading={s.reading}
            entities={s.list}
            busy={s.busy}
            notice={s.suggestionNotice}
            onAccept={(x, as) => void s.acceptSuggestion(x, as)}
            onDismiss={(k) => void s.dismissSuggestion(k)}
            onAcceptMany={(list) => void s.acceptSuggestions(list)}
            onDismissMany={(keys) => void s.dismissSuggestions(keys)}
          />
        ) : panel.kind === 'duplicates' ? (
          <DuplicatesPanel duplicates={s.duplicates} entities={s.list} busy={s.busy} onMerge={(k, m) => void s.merge(k, m)} onDistinct={(a, b) => void s.markDistinct(a, b)} />
        ) : (
          <p className="pane-note empty-note">Choose an entity to see every passage about it, or create one.</p>
        )}
      </main>
    </div>
  );
}
