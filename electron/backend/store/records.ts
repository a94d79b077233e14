/**
 * The records room of a notebook: the documents that belong to the whole notebook rather than to
 * one source — the manifest (its name), the entities and the fact sheet's notes. Each is one small
 * file replaced whole and durably; memory takes the new state only once it is on disk.
 */
import type { Low } from 'lowdb';
import type { FactsheetNotes } from '../../../shared/domain/factsheet';
import { serialize, writeFileDurably } from './durable-file';
import type { EntitiesDoc, Manifest } from './layout';
import type { NotebookChange, Room } from './room';

export class RecordRoom {
  constructor(
    private readonly room: Room,
    private readonly manifestDoc: Low<Manifest>,
    private readonly entitiesDoc: Low<EntitiesDoc>,
    private readonly factsheetDoc: Low<FactsheetNotes>,
  ) {}

  get manifest(): Readonly<Manifest> {
    return this.manifestDoc.data;
  }

  /** Renames the notebook. The previous manifest is kept as notebook.json.bak for recovery. */
  async rename(name: string): Promise<void> {
    this.room.assertWritable();
    const previous = this.manifestDoc.data;
    await writeFileDurably(`${this.room.paths.manifest}.bak`, serialize(previous));
    await this.replace(this.manifestDoc, { ...previous, name: name.trim() }, { kind: 'name' });
  }

  /** The entities document: entities (with tombstones), dismissed suggestions, distinct pairs. */
  get entities(): Readonly<EntitiesDoc> {
    return this.entitiesDoc.data;
  }

  /** Replaces the entities document durably; on failure it stays as it was. */
  saveEntities(next: EntitiesDoc): Promise<void> {
    return this.replace(this.entitiesDoc, next, { kind: 'entities' });
  }

  /** The fact sheet's resolutions and summaries. */
  get factsheet(): FactsheetNotes {
    return this.factsheetDoc.data;
  }

  /** Replaces factsheet.json; the previous state stays in memory if the write fails. */
  saveFactsheet(next: FactsheetNotes): Promise<void> {
    return this.replace(this.factsheetDoc, next, { kind: 'factsheet' });
  }

  private async replace<T>(doc: Low<T>, next: T, change: NotebookChange): Promise<void> {
    this.room.assertWritable();
    // Memory takes the new state once it is on disk: a failed write leaves it as it was, without
    // putting back a state older than a write that succeeded meanwhile.
    await doc.adapter.write(next);
    doc.data = next;
    this.room.emit(change);
  }
}
