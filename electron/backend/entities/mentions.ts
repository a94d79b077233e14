/**
 * Mentions: where an entity's name or an alias occurs in the sources but no annotation linked to
 * it covers the place yet. Linking them creates annotations.
 */
import { linkedEntityIds } from '../../../shared/domain/annotation';
import { findMentions, indexNames } from '../../../shared/domain/names';
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
    for (const m of findMentions(text, index)) {
      if (m.entityId !== entityId) continue;
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
