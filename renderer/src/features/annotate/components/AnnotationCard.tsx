/**
 * One annotation in the side panel: its kind, where it stands (moved, approximate, needs review),
 * the words it marks, its fact (a figure, a speaker, a date), the note and the tags.
 */
import type { Annotation } from '../../../../../shared/domain/annotation';
import { formatPartialDate } from '../../../../../shared/domain/dates';
import { formatFigure } from '../../../../../shared/factsheet/format';
import { NoteMarkdown } from '../../../components/NoteMarkdown';
import { KIND_LABEL } from '../../../lib/kinds';

export interface AnnotationCardProps {
  annotation: Annotation;
  selected: boolean;
  onSelect(): void;
  onEdit(): void;
  onDelete(): void;
  onReattach?: () => void;
  onKeep?: () => void;
  entityNames: ReadonlyMap<string, string>;
  onOpenEntity(id: string): void;
}

function StateBadge({ annotation }: { annotation: Annotation }) {
  const { anchor } = annotation;
  if (anchor.state === 'exact') return null;
  if (anchor.state === 'moved')
    return (
      <span className="state moved" title="Found the same words elsewhere in the new version">
        Moved
      </span>
    );
  if (anchor.state === 'fuzzy') {
    return (
      <span className="state fuzzy" title="Placed on similar words in the new version: check it">
        Approximate {Math.round((anchor.score ?? 0) * 100)}%
      </span>
    );
  }
  return <span className="state orphan">Needs review</span>;
}

/** Who made an annotation and who changed it since, in a few words. */
export function byline(a: Pick<Annotation, 'createdBy' | 'updatedBy'>): string {
  if (!a.createdBy) return a.updatedBy ? `changed by ${a.updatedBy}` : '';
  return a.updatedBy && a.updatedBy !== a.createdBy ? `${a.createdBy}, changed by ${a.updatedBy}` : a.createdBy;
}

export function AnnotationCard({ annotation, selected, onSelect, onEdit, onDelete, onReattach, onKeep, entityNames, onOpenEntity }: AnnotationCardProps) {
  const { anchor } = annotation;
  const quote = annotation.target.quote.exact;
  return (
    <article className={`annotation-card kind-${annotation.kind}${selected ? ' selected' : ''}`} aria-label={`${KIND_LABEL[annotation.kind]}: ${quote.slice(0, 80)}`}>
      <header>
        <span className="kind-label">{KIND_LABEL[annotation.kind]}</span>
        <StateBadge annotation={annotation} />
        {annotation.createdBy || annotation.updatedBy ? <span className="card-author">{byline(annotation)}</span> : null}
      </header>
      <button type="button" className="quote" dir="auto" onClick={onSelect} title={anchor.state === 'orphan' ? 'The stored words of this annotation' : 'Show in the text'}>
        {quote}
      </button>
      {anchor.state === 'fuzzy' && anchor.was ? (
        <p className="was">
          Was: <q>{anchor.was}</q>
        </p>
      ) : null}
      {anchor.state === 'orphan' && anchor.reason ? <p className="reason">{anchor.reason}</p> : null}
      <AnnotationFact annotation={annotation} entityNames={entityNames} />
      {annotation.note ? <NoteMarkdown source={annotation.note} /> : null}
      {annotation.entityIds.length > 0 ? (
        <ul className="entity-chips" aria-label="Linked entities">
          {annotation.entityIds.map((id) => (
            <li key={id}>
              <button type="button" className="entity-chip" onClick={() => onOpenEntity(id)}>
                {entityNames.get(id) ?? 'Deleted entity'}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {annotation.tags.length > 0 ? (
        <ul className="tags" aria-label="Tags">
          {annotation.tags.map((t) => (
            <li key={t}>{t}</li>
          ))}
        </ul>
      ) : null}
      <footer>
        {onReattach ? (
          <button type="button" onClick={onReattach}>
            Re-attach…
          </button>
        ) : null}
        {onKeep ? (
          <button type="button" onClick={onKeep}>
            Keep here
          </button>
        ) : null}
        <button type="button" onClick={onEdit}>
          Edit
        </button>
        <button type="button" onClick={onDelete}>
          Delete
        </button>
      </footer>
    </article>
  );
}

/** The fact an annotation records, in a line: "arrests = 11 people (P-Hunt 20.2, as of 13 Oct 2019)", "Speaker: …", "When: …". */
export function AnnotationFact({ annotation: a, entityNames }: { annotation: Annotation; entityNames: ReadonlyMap<string, string> }) {
  const parts: string[] = [];
  if (a.kind === 'figure' && a.figure) {
    const about = [a.figure.entityId ? entityNames.get(a.figure.entityId) : null, a.figure.date ? `as of ${formatPartialDate(a.figure.date)}` : null].filter(Boolean);
    parts.push(`${a.figure.metric} = ${formatFigure(a.figure)}${about.length > 0 ? ` (${about.join(', ')})` : ''}`);
  }
  if (a.kind === 'quote' && a.speakerId) parts.push(`Speaker: ${entityNames.get(a.speakerId) ?? 'deleted entity'}`);
  if (a.kind === 'event' && a.eventDate) parts.push(`When: ${formatPartialDate(a.eventDate)}`);
  return parts.length > 0 ? <p className="card-fact">{parts.join(' · ')}</p> : null;
}
