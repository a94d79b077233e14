/**
 * Putting a batch of new sources on disk, for import (Notebook.addSources) and sync
 * (Notebook.putSharedSources) alike: their new texts and originals first — in one pack file when
 * the batch brings several texts, else each under its hash — then their shards, as one group
 * commit (see {@link writeFilesDurably}), so a shard on disk never names a text that is not.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, stat } from 'node:fs/promises';
import { DossierError } from '../../../shared/api/result';
import type { AttachedTo, MailInfo, PackedAt, Provenance, SourceSummary, TableInfo } from '../../../shared/domain/source';
import { countWords, headingOffsets } from '../../../shared/domain/text';
import { contentHash } from './bodies';
import { type FileWrite, GroupWriteError, serialize, writeFilesDurably } from './durable-file';
import type { NotebookPaths, SourceShard } from './layout';

/** What it takes to add a source; the store computes its id, hash and word count. */
export interface NewSource {
  /** A fixed id (the sample uses its file names); otherwise a random one is made. */
  id?: string;
  title: string;
  outlet: string | null;
  published: string | null;
  byline?: string | null;
  lang?: string | null;
  /** The heading paragraphs' texts, in order. */
  headings?: readonly string[];
  text: string;
  provenance: Omit<Provenance, 'importedAt' | 'original'> & { importedAt?: string; original?: Provenance['original'] };
  /** The file as received; kept under originals/<sha256> and recorded as the provenance's original. */
  originalBytes?: Uint8Array;
  /** Of an e-mail message: its headers and attachments. */
  mail?: MailInfo;
  /** Of a file attached to a message: that message. */
  attachedTo?: AttachedTo;
  /** Of a table source: where its text sits in its sheet. */
  table?: TableInfo;
}

/** A new source's metadata, from its (normalised, non-empty) text and what the import knows of it. */
export function newSourceSummary(id: string, text: string, input: NewSource): SourceSummary {
  return {
    id,
    title: input.title.trim(),
    outlet: input.outlet,
    published: input.published,
    wordCount: countWords(text),
    contentHash: contentHash(text),
    byline: input.byline ?? null,
    lang: input.lang ?? null,
    headings: headingOffsets(text, input.headings ?? []),
    provenance: { ...input.provenance, importedAt: input.provenance.importedAt ?? new Date().toISOString(), original: input.provenance.original ?? null },
    versions: [],
    ...(input.mail ? { mail: input.mail } : {}),
    ...(input.attachedTo ? { attachedTo: input.attachedTo } : {}),
    ...(input.table ? { table: input.table } : {}),
  };
}

/** `x` with its place in a pack set to `at` (none when undefined). */
export function withPlace<T extends { packed?: PackedAt }>(x: T, at: PackedAt | undefined): T {
  const { packed: _p, ...rest } = x;
  return (at ? { ...rest, packed: at } : rest) as T;
}

/** Told where a stored text or original went: its place in a pack, or undefined for a file of its own. */
type Placed = (at: PackedAt | undefined) => void;

interface Entry {
  data: Uint8Array;
  users: Placed[];
}

/** The new texts and originals of a batch, each once, and who needs to know where it went. */
export class ContentBatch {
  private readonly texts = new Map<string, Entry>();
  private readonly originals = new Map<string, Entry>();

  /** A text to store under its content hash (`data` is only taken the first time). */
  text(hash: string, data: () => Uint8Array, placed: Placed): void {
    add(this.texts, hash, data, placed);
  }

  /** An original file to store under its sha256. */
  original(sha256: string, data: Uint8Array, placed: Placed): void {
    add(this.originals, sha256, () => data, placed);
  }

  /**
   * Decides where each goes and tells its users: one pack for the batch when it brings several
   * texts (texts, then originals), else a file under its hash each; a content-addressed file of
   * the right size already there is not written again (a damaged one is). Returns the writes.
   */
  async place(paths: NotebookPaths): Promise<FileWrite[]> {
    if (this.texts.size > 1) {
      const entries = [...this.texts.values(), ...this.originals.values()];
      const file = `pack-${randomBytes(8).toString('hex')}.bin`;
      let offset = 0;
      for (const { data, users } of entries) {
        const at: PackedAt = { file, offset, bytes: data.length };
        for (const placed of users) placed(at);
        offset += data.length;
      }
      await mkdir(paths.packs, { recursive: true });
      return [{ path: paths.pack(file), data: Buffer.concat(entries.map((e) => e.data)) }];
    }
    const writes: FileWrite[] = [];
    for (const [hash, { data, users }] of this.texts) {
      for (const placed of users) placed(undefined);
      writes.push({ path: paths.body(hash), data });
    }
    for (const [sha256, { data, users }] of this.originals) {
      for (const placed of users) placed(undefined);
      writes.push({ path: paths.original(sha256), data });
    }
    if (this.texts.size > 0) await mkdir(paths.bodies, { recursive: true });
    if (this.originals.size > 0) await mkdir(paths.originals, { recursive: true });
    const present = await Promise.all(writes.map(async (f) => (await stat(f.path).catch(() => null))?.size === f.data.length));
    return writes.filter((_, i) => !present[i]);
  }
}

function add(map: Map<string, Entry>, key: string, data: () => Uint8Array, placed: Placed): void {
  const entry = map.get(key);
  if (entry) entry.users.push(placed);
  else map.set(key, { data: data(), users: [placed] });
}

/**
 * Writes the batch's content, then its shards. A text or original that could not be put in place
 * fails the whole batch (thrown: no shard was written). Otherwise returns, per shard that did not
 * reach the disk, its error; the others are sources of the notebook.
 */
export async function commitSources(paths: NotebookPaths, content: readonly FileWrite[], shards: readonly { id: string; shard: SourceShard }[]): Promise<Map<string, DossierError>> {
  const failed = new Map<string, DossierError>();
  try {
    await writeFilesDurably(
      content,
      shards.map(({ id, shard }) => ({ path: paths.shard(id), data: serialize(shard) })),
    );
  } catch (e) {
    if (!(e instanceof GroupWriteError) || content.some((f) => !e.placed.has(f.path))) throw e;
    for (const { id, shard } of shards) if (!e.placed.has(paths.shard(id))) failed.set(id, new DossierError('IO_ERROR', `“${shard.source.title}” could not be saved: ${e.cause.message}`));
  }
  return failed;
}
