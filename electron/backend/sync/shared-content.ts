/**
 * Fetching the content of shared sources that this notebook lacks: each text by its hash and
 * each original file by its sha256, checked against it before the store is given it
 * (Notebook.putSharedSources). A text that cannot be had or does not match fails its sources; an
 * original that cannot be had or does not match is left out, and its source stands without it.
 */
import { createHash } from 'node:crypto';
import { DossierError } from '../../../shared/api/result';
import type { SourceSummary } from '../../../shared/domain/source';
import { contentHash } from '../store/bodies';
import type { Notebook, SharedContent } from '../store/notebook';

export interface ContentFetch {
  /** The text with this hash, as the replica has it. */
  text(hash: string): Promise<string>;
  /** The original with this sha256, or null when the replica does not have it. */
  original(sha256: string): Promise<Uint8Array | null>;
}

export async function fetchSharedContent(nb: Pick<Notebook, 'storesText' | 'storesOriginal'>, list: readonly SourceSummary[], fetch: ContentFetch): Promise<SharedContent> {
  const texts = new Map<string, Promise<Uint8Array | Error>>();
  const originals = new Map<string, Promise<Uint8Array | null>>();
  for (const shared of list) {
    for (const hash of [shared.contentHash, ...shared.versions.map((v) => v.contentHash)]) {
      if (nb.storesText(hash) || texts.has(hash)) continue;
      const title = shared.title;
      texts.set(
        hash,
        fetch.text(hash).then(
          (text) => {
            if (contentHash(text) !== hash) return new DossierError('INVALID_INPUT', `The text of “${title}” received does not match its hash ${hash.slice(0, 12)}…; it was not stored.`);
            return new TextEncoder().encode(text);
          },
          (e: Error) => e,
        ),
      );
    }
    const original = shared.provenance.original;
    if (original && !nb.storesOriginal(original.sha256) && !originals.has(original.sha256)) {
      originals.set(
        original.sha256,
        fetch.original(original.sha256).then(
          (bytes) => (bytes && createHash('sha256').update(bytes).digest('hex') === original.sha256 ? bytes : null),
          () => null,
        ),
      );
    }
  }
  const got: SharedContent = { texts: new Map(), originals: new Map() };
  for (const [hash, bytes] of texts) (got.texts as Map<string, Uint8Array | Error>).set(hash, await bytes);
  for (const [sha256, bytes] of originals) {
    const b = await bytes;
    if (b) (got.originals as Map<string, Uint8Array>).set(sha256, b);
  }
  return got;
}
