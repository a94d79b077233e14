/**
 * New ids for sources, annotations, entities and import jobs: random, URL-safe, and never starting
 * with "-" or "_", so that an id typed on a command line is never read as an option
 * (`dossier show -Ixy…`). Ids made before this rule keep working: the schemas still accept them.
 */
import { randomBytes } from 'node:crypto';

/** A random id of `bytes` random bytes in base64url, beginning with a letter or a digit. */
export function newId(bytes = 9): string {
  for (;;) {
    const id = randomBytes(bytes).toString('base64url');
    if (/^[A-Za-z0-9]/.test(id)) return id;
  }
}
