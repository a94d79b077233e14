/**
 * The annotations room of a notebook. Annotations live in their source's shard (sources.ts), so
 * every write here is a shard change; this room keeps which source each annotation belongs to, so
 * an id alone finds its shard, up to date from the notebook's own changes ({@link observe}).
 */
import { DossierError } from '../../../shared/api/result';
import type { Annotation } from '../../../shared/domain/annotation';
import type { SourceSummary } from '../../../shared/domain/source';
import type { NotebookChange, Room } from './room';
import type { SourceRoom } from './sources';

export class AnnotationRoom {
  /** Which source each annotation belongs to. */
  private readonly sourceOf = new Map<string, string>();

  constructor(
    private readonly room: Room,
    private readonly sources: SourceRoom,
  ) {
    for (const shard of sources.all()) for (const a of shard.data.annotations) this.sourceOf.set(a.id, shard.data.source.id);
  }

  /** Keeps the index true to a change that reached the disk; called before anyone else hears of it. */
  observe(change: NotebookChange): void {
    if (change.kind === 'shard') {
      for (const a of change.before.annotations) if (this.sourceOf.get(a.id) === change.sourceId) this.sourceOf.delete(a.id);
      for (const a of change.after.annotations) this.sourceOf.set(a.id, change.sourceId);
    } else if (change.kind === 'sources-added') {
      for (const id of change.sourceIds) for (const a of this.sources.shard(id).data.annotations) this.sourceOf.set(a.id, id);
    }
  }

  get count(): number {
    return this.sourceOf.size;
  }

  has(id: string): boolean {
    return this.sourceOf.has(id);
  }

  /** The annotations of one source, in the order they were stored. */
  list(sourceId: string): Annotation[] {
    return this.sources.shard(sourceId).data.annotations;
  }

  /** Every annotation of the notebook with its source. */
  *all(): Generator<{ source: SourceSummary; annotation: Annotation }> {
    for (const shard of this.sources.all()) for (const annotation of shard.data.annotations) yield { source: shard.data.source, annotation };
  }

  /** One annotation by id, or NOT_FOUND. */
  get(id: string): Annotation {
    const sourceId = this.sourceOf.get(id);
    const found = sourceId === undefined || !this.sources.has(sourceId) ? undefined : this.list(sourceId).find((a) => a.id === id);
    if (!found) throw new DossierError('NOT_FOUND', `There is no annotation with id ${id} in this notebook.`);
    return found;
  }

  /** Refuses an annotation whose id another source already holds. */
  private checkOwner(a: Annotation): void {
    const owner = this.sourceOf.get(a.id);
    if (owner !== undefined && owner !== a.sourceId) throw new DossierError('ALREADY_EXISTS', `Annotation ${a.id} belongs to another source.`);
    this.sources.shard(a.sourceId);
  }

  /** Adds or replaces an annotation. Only its source's shard is written. */
  async put(annotation: Annotation): Promise<void> {
    this.room.assertWritable();
    this.checkOwner(annotation);
    await this.sources.updateShard(annotation.sourceId, (data) => {
      const i = data.annotations.findIndex((a) => a.id === annotation.id);
      return { ...data, annotations: i < 0 ? [...data.annotations, annotation] : data.annotations.map((a, j) => (j === i ? annotation : a)) };
    });
  }

  /**
   * Puts and removes many annotations, one write per source touched (a team notebook's replica
   * brings them by the thousand). Every annotation's source must be in the notebook; an
   * annotation already under another source is refused, and nothing is written.
   */
  async apply(puts: readonly Annotation[], removes: readonly string[]): Promise<void> {
    this.room.assertWritable();
    const bySource = new Map<string, { puts: Annotation[]; removes: Set<string> }>();
    const entry = (sourceId: string) => bySource.get(sourceId) ?? bySource.set(sourceId, { puts: [], removes: new Set() }).get(sourceId)!;
    for (const a of puts) {
      this.checkOwner(a);
      entry(a.sourceId).puts.push(a);
    }
    for (const id of removes) {
      const owner = this.sourceOf.get(id);
      if (owner !== undefined) entry(owner).removes.add(id);
    }
    // Each source's shard is its own durable write: they go together, and the first failure is thrown once all are done.
    const writes = await Promise.allSettled(
      [...bySource].map(([sourceId, change]) => {
        const byId = new Map(change.puts.map((a) => [a.id, a]));
        return this.sources.updateShard(sourceId, (data) => {
          const kept = data.annotations.filter((a) => !change.removes.has(a.id)).map((a) => byId.get(a.id) ?? a);
          const present = new Set(kept.map((a) => a.id));
          const added = change.puts.filter((a) => !present.has(a.id) && !change.removes.has(a.id));
          // A shard that already holds exactly these annotations is not written again.
          if (added.length === 0 && kept.length === data.annotations.length && kept.every((a, i) => a === data.annotations[i])) return null;
          return { ...data, annotations: [...kept, ...added] };
        });
      }),
    );
    const failed = writes.find((w) => w.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** Removes an annotation and returns it as it was. */
  async remove(id: string): Promise<Annotation> {
    this.room.assertWritable();
    const owner = this.sourceOf.get(id);
    if (owner !== undefined) await this.sources.cacheCheck.ensure(owner);
    let removed: Annotation | undefined;
    const { sourceId } = this.get(id);
    await this.sources.updateShard(sourceId, (data) => {
      removed = data.annotations.find((a) => a.id === id);
      return removed ? { ...data, annotations: data.annotations.filter((a) => a.id !== id) } : null;
    });
    if (!removed) throw new DossierError('NOT_FOUND', `There is no annotation with id ${id} in this notebook.`);
    return removed;
  }

  /**
   * Changes annotations across sources (after a merge or a deletion of an entity): `change`
   * returns the new annotation or the same object; only shards with a change are written.
   */
  async rewrite(change: (a: Annotation) => Annotation): Promise<number> {
    this.room.assertWritable();
    let changed = 0;
    for (const { data } of [...this.sources.all()]) {
      await this.sources.updateShard(data.source.id, (current) => {
        const next = current.annotations.map(change);
        const n = next.filter((a, i) => a !== current.annotations[i]).length;
        changed += n;
        return n === 0 ? null : { ...current, annotations: next };
      });
    }
    return changed;
  }
}
