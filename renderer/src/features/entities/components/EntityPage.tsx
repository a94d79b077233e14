/**
 * An entity's page: what it is, its rounds (for an operation), every linked passage grouped by
 * source in date order, each one click from the text, and the unlinked mentions to link.
 */
import { useState } from 'react';
import { formatPartialDate, formatPartialDateWithPrecision } from '../../../../../shared/domain/dates';
import { ENTITY_TYPE_LABEL } from '../../../../../shared/domain/entity';
import { KIND_LABEL } from '../../../lib/kinds';
import type { EntityPageData, EntitySummary, Mention } from '../store';

export interface EntityPageProps {
  page: EntityPageData;
  others: EntitySummary[];
  mentions: Mention[] | null;
  busy: boolean;
  onEdit(): void;
  onDelete(): void;
  onOpenEntity(id: string): void;
  onOpenPassage(sourceId: string, annotationId: string): void;
  onFindMentions(): void;
  onLink(mentions: Mention[]): void;
  onMergeInto(otherId: string): void;
}

/** Context cut to whole words, so it does not start or end in the middle of one. */
function wholeWords(before: string, after: string): [string, string] {
  return [before.replace(/^\S*\s+/, '').replace(/^[\s.,;:]+/, ''), after.replace(/\s+\S*$/, '')];
}

function dates(start: string | null, end: string | null): string | null {
  if (!start && !end) return null;
  return [start, end]
    .map((d) => (d ? formatPartialDateWithPrecision(d) : '…'))
    .join(' – ')
    .replace(/ – …$/, '');
}

export function EntityPage({ page, others, mentions, busy, onEdit, onDelete, onOpenEntity, onOpenPassage, onFindMentions, onLink, onMergeInto }: EntityPageProps) {
  const { entity, parent, rounds, passages } = page;
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [mergeId, setMergeId] = useState('');
  const bySource = new Map<string, EntityPageData['passages']>();
  for (const p of passages) bySource.set(p.source.id, [...(bySource.get(p.source.id) ?? []), p]);
  const when = dates(entity.start, entity.end);
  return (
    <article className="entity-page" aria-label={`Entity: ${entity.name}`}>
      <header>
        <p className="kind-label">
          {ENTITY_TYPE_LABEL[entity.type]}
          {parent ? (
            <>
              {' '}
              · round of{' '}
              <button type="button" className="link" onClick={() => onOpenEntity(parent.id)}>
                {parent.name}
              </button>
            </>
          ) : null}
        </p>
        <h1>{entity.name}</h1>
        {entity.aliases.length > 0 ? <p className="aliases">Also written: {entity.aliases.join(' · ')}</p> : null}
        {when ? <p className="aliases">When: {when}</p> : null}
        {entity.description ? <p className="description">{entity.description}</p> : null}
        <div className="actions left">
          <button type="button" onClick={onEdit}>
            Edit
          </button>
          {confirmDelete ? (
            <>
              <span>Delete “{entity.name}”? Its passages stay, unlinked.</span>
              <button type="button" className="danger" onClick={onDelete}>
                Delete
              </button>
              <button type="button" onClick={() => setConfirmDelete(false)}>
                Keep
              </button>
            </>
          ) : (
            <button type="button" onClick={() => setConfirmDelete(true)}>
              Delete…
            </button>
          )}
        </div>
      </header>

      {rounds.length > 0 ? (
        <section aria-label="Rounds">
          <h2 className="pane-heading">Rounds</h2>
          <ul className="round-list">
            {rounds.map((r) => (
              <li key={r.id}>
                <button type="button" className="link" onClick={() => onOpenEntity(r.id)}>
                  {r.name}
                </button>{' '}
                <span className="muted">
                  {dates(r.start, r.end) ?? 'undated'} · {r.linkCount} passage{r.linkCount === 1 ? '' : 's'}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-label="Linked passages">
        <h2 className="pane-heading">
          Linked passages <span className="count">{passages.length}</span>
        </h2>
        {passages.length === 0 ? (
          <p className="pane-note">
            No passage is linked to {entity.name} yet. Link one from an annotation’s editor
            {mentions === null ? (
              <>
                , or{' '}
                <button type="button" className="link" onClick={onFindMentions} disabled={busy}>
                  find where the sources name {entity.name}
                </button>{' '}
                and link those.
              </>
            ) : mentions.length > 0 ? (
              ', or link the mentions found below.'
            ) : (
              '; no source names it yet.'
            )}
          </p>
        ) : null}
        {[...bySource.values()].map((group) => (
          <div key={group[0].source.id} className="passage-group">
            <h3>
              {group[0].source.title}{' '}
              <span className="muted">
                {group[0].source.outlet ?? 'Outlet not named'} · {group[0].source.published ? formatPartialDate(group[0].source.published) : 'Undated'}
              </span>
            </h3>
            <ul>
              {group.map(({ annotation: a }) => (
                <li key={a.id}>
                  <button type="button" className={`passage kind-${a.kind}`} onClick={() => onOpenPassage(a.sourceId, a.id)}>
                    <span className="kind-label">{KIND_LABEL[a.kind]}</span> {a.target.quote.exact}
                    {a.kind === 'quote' && a.speakerId && a.speakerId !== entity.id ? <span className="muted"> — {others.find((o) => o.id === a.speakerId)?.name ?? 'speaker deleted'}</span> : null}
                    {a.kind === 'quote' && a.speakerId === entity.id ? <span className="muted"> — speaker</span> : null}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>

      <section aria-label="Mentions">
        <h2 className="pane-heading">Mentions not linked yet</h2>
        {mentions === null ? (
          <button type="button" onClick={onFindMentions} disabled={busy}>
            Find mentions in the sources
          </button>
        ) : mentions.length === 0 ? (
          <p className="pane-note">Every place that names {entity.name} is linked.</p>
        ) : (
          <>
            <p className="pane-note">
              {mentions.length} place{mentions.length === 1 ? '' : 's'} name {entity.name} without a link.{' '}
              <button type="button" onClick={() => onLink(mentions)} disabled={busy}>
                Link all {mentions.length}
              </button>
            </p>
            <ul className="mention-list">
              {mentions.map((m) => (
                <li key={`${m.sourceId}:${m.start}`}>
                  <p className="mention-source">
                    {m.sourceTitle} · {m.published ? formatPartialDate(m.published) : 'Undated'}
                  </p>
                  <p className="mention-context">
                    …{wholeWords(m.before, m.after)[0]}
                    <mark>{m.match}</mark>
                    {wholeWords(m.before, m.after)[1]}…
                  </p>
                  <button type="button" className="small" onClick={() => onLink([m])} disabled={busy}>
                    Link
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-label="Merge">
        <h2 className="pane-heading">Merge</h2>
        <p className="pane-note">Merge another entity into {entity.name}: its names become aliases, its links and rounds move here.</p>
        <div className="merge-row">
          <select aria-label="Entity to merge" value={mergeId} onChange={(e) => setMergeId(e.target.value)}>
            <option value="">Choose an entity…</option>
            {others.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
          <button type="button" disabled={!mergeId || busy} onClick={() => onMergeInto(mergeId)}>
            Merge into this
          </button>
        </div>
      </section>
    </article>
  );
}
