/**
 * Shards taken from the open cache on trust, and checked against their files after the notebook
 * has opened.
 *
 * A copy of a notebook folder that does not keep file times (`cp -r`, a USB stick formatted
 * FAT or exFAT, a git checkout) gives every shard file a new modification time, so the open cache
 * (open-cache.ts) no longer proves any of them unchanged and all of them would be read and checked
 * at open: six seconds at 50,000 sources from a cold disk, nearly all of it waiting on 50,000
 * small reads. When many shards have a new time but their old size, the notebook opens with the
 * cache's copies and this check reads every such file soon after, in the background:
 * - a file whose bytes are the cache's copy (the usual case: the file was only copied) is marked
 *   checked;
 * - a file that holds a valid, different shard (edited elsewhere at the same size) replaces the
 *   copy in memory, and the change is reported to the notebook's listeners (the search index);
 * - a damaged or missing file is set aside in quarantine/ and written again from the cache's
 *   copy, the notebook's state at its last close, and reported as a problem.
 * Before anything changes a shard, that shard is checked first ({@link CacheCheck.ensure}), so an
 * edit never builds on a copy its file contradicts. The notebook closes with only checked shards
 * in the cache it writes.
 */
import { readFile } from 'node:fs/promises';
import { CorruptFileError, parseJsonText, serialize } from './durable-file';
import { SourceShard } from './layout';

/** What the check does to the notebook: each is called at most once per shard. */
export interface CacheCheckHooks {
  /** The copy the notebook holds now (null when the source is no longer in the notebook). */
  current(id: string): SourceShard | null;
  /** The file holds another valid shard: take it instead of the cache's copy. */
  replace(id: string, fromFile: SourceShard): void;
  /** The file is damaged or gone: set it aside and write the cache's copy back. */
  repair(id: string, file: string, reason: string): Promise<void>;
}

/** How many shard files are read at once: a cold disk answers many small reads better in parallel. */
const READS_IN_FLIGHT = 16;

export class CacheCheck {
  private readonly pending: Set<string>;
  private readonly inFlight = new Map<string, Promise<void>>();
  /** Shards whose file could not be read (other than missing): unchecked still, tried again before a change. */
  private readonly failed = new Set<string>();
  private stopped = false;
  /** Resolves when every shard taken on trust has been checked (or the check was stopped). */
  readonly done: Promise<void>;

  constructor(
    ids: Iterable<string>,
    private readonly fileOf: (id: string) => string,
    private readonly hooks: CacheCheckHooks,
  ) {
    this.pending = new Set(ids);
    this.done = this.pending.size === 0 ? Promise.resolve() : this.run();
  }

  /** Whether this shard is still unchecked. */
  has(id: string): boolean {
    return this.pending.has(id) || this.inFlight.has(id) || this.failed.has(id);
  }

  get size(): number {
    return this.pending.size + this.inFlight.size + this.failed.size;
  }

  /** Checks one shard now, if it is not checked yet (before a change to it). */
  ensure(id: string): Promise<void> {
    const running = this.inFlight.get(id);
    if (running) return running;
    if (!this.pending.has(id) && !this.failed.has(id)) return Promise.resolve();
    return this.check(id);
  }

  /** Stops the background reads; the shards not checked stay unchecked. Waits for reads under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.inFlight.values());
  }

  private check(id: string): Promise<void> {
    this.pending.delete(id);
    this.failed.delete(id);
    const work = this.compare(id)
      .catch((e: unknown) => {
        this.failed.add(id);
        throw e;
      })
      .finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, work);
    return work;
  }

  private async run(): Promise<void> {
    // Let the open finish answering first: the check is what comes after.
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.all(
      Array.from({ length: READS_IN_FLIGHT }, async () => {
        while (!this.stopped) {
          const next = this.pending.values().next();
          if (next.done) return;
          await this.check(next.value).catch((e: unknown) => console.error(`[dossier] could not check source ${next.value} against its file:`, e));
        }
      }),
    );
  }

  private async compare(id: string): Promise<void> {
    const cached = this.hooks.current(id);
    if (!cached) return;
    const file = this.fileOf(id);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') throw e;
      await this.hooks.repair(id, file, 'the file was missing');
      return;
    }
    const expected = serialize(cached);
    if (text === expected) return;
    let fromFile: SourceShard;
    try {
      fromFile = parseJsonText(file, text, SourceShard);
      if (fromFile.source.id !== id) throw new CorruptFileError(file, `it holds source ${fromFile.source.id}, not ${id}`);
    } catch (e) {
      if (!(e instanceof CorruptFileError)) throw e;
      await this.hooks.repair(id, file, e.message.replace(`${file} is damaged: `, ''));
      return;
    }
    // The same shard written out another way (key order, spacing) is no change.
    if (serialize(fromFile) !== expected) this.hooks.replace(id, fromFile);
  }
}
