/**
 * What a passage's unmatched quotation marks are, with the two balanced passages to choose from
 * (take in the partner mark, or leave the stray one out). Nothing changes until one is chosen.
 */
import type { BalanceOffer, Span } from '../../../../../shared/domain/quotes';

export function MarksOffer({ offer, onChoose }: { offer: BalanceOffer; onChoose(span: Span): void }) {
  return (
    <div className="marks-offer" role="group" aria-label="Quotation marks">
      <span className="marks-problem">
        <span aria-hidden="true">⚠ </span>
        {offer.problem}
      </span>
      {offer.extend ? (
        <button type="button" className="small" onClick={() => onChoose(offer.extend!)}>
          {offer.extendLabel}
        </button>
      ) : null}
      {offer.trim ? (
        <button type="button" className="small" onClick={() => onChoose(offer.trim!)}>
          {offer.trimLabel}
        </button>
      ) : null}
    </div>
  );
}
