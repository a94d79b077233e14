/**
 * The side panel of the reader: annotations that need review first, then every annotation of the
 * source in text order, and the editor when one is being written.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { Annotation } from '../../../../../shared/domain/annotation';
import { AnnotationCard } from './AnnotationCard';

export interface AnnotationPanelProps {
  annotations: Annotation[];
  /** The source's annotations have not arrived yet. */
  loading: boolean;
  selectedId: string | null;
  reattachingId: string | null;
  editor: ReactNode;
  onSelect(id: string): void;
  onEdit(id: string): void;
  onDelete(id: string): void;
  onReattach(id: string | null): void;
  onKeep(annotation: Annotation): void;
  entityNames: ReadonlyMap<string, string>;
  onOpenEntity(id: string): void;
}

/** Cards drawn with the text; the rest follow a batch a frame, so a source with hundreds opens at once. */
const FIRST_CARDS = 40;
const CARDS_PER_FRAME = 120;

/** How many of `count` cards to draw now: all in the end, the first at once, and at least up to `needed` (the selected one). */
function useProgressive(count: number, needed: number): number {
  const [shown, setShown] = useState(FIRST_CARDS);
  useEffect(() => {
    if (shown >= count) return;
    const frame = requestAnimationFrame(() => setShown((n) => n + CARDS_PER_FRAME));
    return () => cancelAnimationFrame(frame);
  }, [shown, count]);
  return Math.min(count, Math.max(shown, needed + 1));
}

export function AnnotationPanel(props: AnnotationPanelProps) {
  const orphans = props.annotations.filter((a) => a.anchor.state === 'orphan');
  const placed = props.annotations.filter((a) => a.anchor.state !== 'orphan');
  const shown = useProgressive(
    placed.length,
    placed.findIndex((a) => a.id === props.selectedId),
  );
  const card = (a: Annotation, extra: { onReattach?: () => void; onKeep?: () => void } = {}) => (
    <li key={a.id} data-annotation={a.id}>
      <AnnotationCard
        annotation={a}
        selected={a.id === props.selectedId}
        onSelect={() => props.onSelect(a.id)}
        onEdit={() => props.onEdit(a.id)}
        onDelete={() => props.onDelete(a.id)}
        entityNames={props.entityNames}
        onOpenEntity={props.onOpenEntity}
        {...extra}
      />
    </li>
  );
  return (
    <aside className="annotation-panel" aria-label="Annotations of this source" aria-busy={props.loading}>
      {props.editor}
      {orphans.length > 0 ? (
        <section className="needs-review" aria-label="Needs review">
          <h2 className="pane-heading">
            Needs review <span className="count">{orphans.length}</span>
          </h2>
          <p className="pane-note">These passages are no longer in the text as they were. Re-attach each to the right words, or delete it.</p>
          {props.reattachingId ? (
            <p className="pane-note reattach-hint" role="status">
              Select the passage in the text, then press <strong>Attach here</strong>.{' '}
              <button type="button" className="link" onClick={() => props.onReattach(null)}>
                Stop
              </button>
            </p>
          ) : null}
          <ul className="card-list">{orphans.map((a) => card(a, { onReattach: () => props.onReattach(a.id) }))}</ul>
        </section>
      ) : null}
      <section aria-label="Annotations">
        <h2 className="pane-heading">
          Annotations <span className="count">{placed.length}</span>
        </h2>
        {placed.length === 0 ? (
          <p className="pane-note">Select words in the text, then press H to highlight them or N to write a note.</p>
        ) : (
          <ul className="card-list">{placed.slice(0, shown).map((a) => card(a, a.anchor.state === 'fuzzy' ? { onKeep: () => props.onKeep(a) } : {}))}</ul>
        )}
      </section>
    </aside>
  );
}
