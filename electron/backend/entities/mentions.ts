/**
 * Mentions: where an entity's name or an alias occurs in the sources but no annotation linked to
 * it covers the place yet. Linking them creates annotations.
 */
import { linkedEntityIds } from '../../../shared/domain/annotation';
import { findMentions, indexNames } from '../../../shared/domain/names';
import { balanceOffer } from '../../../shared/domain/quotes';
import { createAnnotation } from '../annotations/service';
import type { Notebook } from '../store/notebook';
import { liveEntities, requireEntity } from './service';

/** One unlinked mention, with a little text around it. */
export interface UnlinkedMention {
  sourceId: string;
  sourceTitle: string;
  published: string | null;
  start: number;
  end: number;
  alias: string;
  before: string;
  match: string;
  after: string;
}

const CONTEXT = 70;
/** How far a mention is grown to take in the partner of a quotation mark it cuts ("operation “P Hunt" → …”). */
const EXTEND_AT_MOST = 20;

/**
 * A name matched across a quotation mark ("operation “P Hunt") would make a passage with an
 * unmatched mark: the mention takes in the partner mark when it is near, or leaves the stray one
 * out. The list shows the passage that linking will create, so the change is seen before it is made.
 */
function balancedSpan(text: string, start: number, end: number): { start: number; end: number } {
  const offer = balanceOffer(text, start, end);
  if (!offer) return { start, end };
  if (offer.extend && end - start + EXTEND_AT_MOST >= offer.extend.end - offer.extend.start) return offer.extend;
  return offer.trim ?? { start, end };
}

/** Every unlinked mention of the entity, by source date then position. */
export async function entityMentions(nb: Notebook, entityId: string): Promise<UnlinkedMention[]> {
  requireEntity(nb.entities, entityId);
  // All entities compete, so "P Hunt" inside "P Hunt 20.2" goes to the round, not the operation.
  const index = indexNames(liveEntities(nb.entities));
  const out: UnlinkedMention[] = [];
  for (const summary of nb.listSources()) {
    const { text } = await nb.getSource(summary.id);
    const linked = nb
      .listAnnotations(summary.id)
      .filter((a) => a.anchor.state !== 'orphan' && linkedEntityIds(a).includes(entityId))
      .map((a) => a.target.position);
    for (const found of findMentions(text, index)) {
      if (found.entityId !== entityId) continue;
      const m = { ...found, ...balancedSpan(text, found.start, found.end) };
      if (linked.some((p) => p.start < m.end && m.start < p.end)) continue;
      out.push({
        sourceId: summary.id,
        sourceTitle: summary.title,
        published: summary.published,
        start: m.start,
        end: m.end,
        alias: m.alias,
        before: text.slice(Math.max(0, m.start - CONTEXT), m.start),
        match: text.slice(m.start, m.end),
        after: text.slice(m.end, m.end + CONTEXT),
      });
    }
  }
  return out;
}

/** Links mentions: one annotation per mention, on the name's words, linked to the entity. */
export async function linkMentions(nb: Notebook, entityId: string, mentions: { sourceId: string; start: number; end: number }[]): Promise<number> {
  requireEntity(nb.entities, entityId);
  let n = 0;
  for (const m of mentions) {
    await createAnnotation(nb, { sourceId: m.sourceId, start: m.start, end: m.end, kind: 'passage', note: '', tags: [], entityIds: [entityId] });
    n++;
  }
  return n;
}
