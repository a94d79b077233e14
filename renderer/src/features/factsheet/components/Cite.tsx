/** A citation mark, [2]: its title is the exact words; a click opens the passage in its source. */
import { inQuotes, marksWarning } from '../../../../../shared/factsheet/format';
import type { FactSheet } from '../store';

type Citation = FactSheet['quotes'][number]['citation'];

export function Cite({ citation, onOpen }: { citation: Citation; onOpen(sourceId: string, annotationId: string): void }) {
  return (
    <button
      type="button"
      className="cite"
      title={`${inQuotes(citation.quote)}${citation.orphan ? ' (no longer in the source’s current text)' : ''}`}
      aria-label={`Source ${citation.n}: ${inQuotes(citation.quote)} — open the passage`}
      onClick={() => onOpen(citation.sourceId, citation.annotationId)}
    >
      [{citation.n}]
    </button>
  );
}

/** A citation with its exact words, as lists show it. */
export function Quoted({ citation, onOpen }: { citation: Citation; onOpen(sourceId: string, annotationId: string): void }) {
  return (
    <>
      <Cite citation={citation} onOpen={onOpen} /> <span className="sheet-quote">{inQuotes(citation.quote)}</span>
      {citation.orphan ? <em> (no longer in the source’s current text)</em> : null}
      {citation.marks ? <em className="marks-warning"> ({marksWarning(citation)})</em> : null}
    </>
  );
}
