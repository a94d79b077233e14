/**
 * A notebook's records as the bridge compares them: the body each shared record has in the
 * notebook now (records.ts), read during one round with the entities and the fact sheet indexed once.
 */
import type { Notebook } from '../store/notebook';
import { entityRecords, factsheetRecords, kindOf, sharedSource } from './records';

/** Where the notebook's record bodies are read from during one round (entities and fact sheet indexed once). */
export class NotebookView {
  private entityIndex: Map<string, unknown> | null = null;
  private factsheetIndex: Map<string, unknown> | null = null;
  constructor(private readonly nb: Notebook) {}

  body(id: string): unknown {
    const kind = kindOf(id);
    switch (kind) {
      case 'notebook':
        return { name: this.nb.info.name };
      case 'source': {
        const sid = id.slice('source:'.length);
        return this.nb.hasSource(sid) ? sharedSource(this.nb.sourceSummary(sid)) : null;
      }
      case 'annotation': {
        const aid = id.slice('annotation:'.length);
        return this.nb.hasAnnotation(aid) ? this.nb.getAnnotation(aid) : null;
      }
      case 'entity':
      case 'distinct':
      case 'dismissed':
        this.entityIndex ??= new Map(entityRecords(this.nb.entities).map((r) => [r.id, r.body]));
        return this.entityIndex.get(id) ?? null;
      case 'resolution':
      case 'summary':
        this.factsheetIndex ??= new Map(factsheetRecords(this.nb.factsheet).map((r) => [r.id, r.body]));
        return this.factsheetIndex.get(id) ?? null;
      default:
        return null;
    }
  }

  /** Forgets the indexes after the notebook changed. */
  reset(): void {
    this.entityIndex = null;
    this.factsheetIndex = null;
  }
}
