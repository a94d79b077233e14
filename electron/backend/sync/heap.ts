/**
 * A lean heap while sync moves records in bulk (a first share, a colleague's join, a day of
 * edits after a trip): V8 lets the heap grow to about four times what is live before it collects,
 * and sync's garbage (documents read, parsed and written by the thousand) would cost several times
 * the notebook's own memory at the peak. While any sync work runs, the heap may grow only
 * {@link GROWTH_PERCENT}% past what is live before V8 collects; the default comes back when it
 * is done. Collection stays incremental and concurrent. What it saves, and what other settings
 * saved, is measured in docs/PERFORMANCE.md (Sharing).
 *
 * The setting is V8's `--heap-growing-percent`, set at run time. V8 applies it when it next sets
 * the heap's limit, after a full collection, and the limit then in force was set with the default
 * (four times what was live): so a bulk round starts with one full collection ({@link collectNow}),
 * with the collector V8 gives a context made while
 * `--expose-gc` is on (the app's own context never has `gc`). Node and Electron leave V8's flags
 * writable after start; a host that refuses leaves the default, and sync works the same.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export const GROWTH_PERCENT = 15;

let holders = 0;
let set: (flags: string) => void = setFlagsFromString;
let collector: (() => void) | null | undefined;

/**
 * A full collection, when the host allows one: made when a bulk round starts (a share, a join,
 * Sync now) so that the lean heap's limit holds from there; never for a live edit, which moves
 * a record or two.
 */
export function collectNow(): void {
  if (collector === undefined) {
    try {
      set('--expose-gc');
      collector = runInNewContext('gc') as () => void;
      set('--no-expose-gc');
    } catch {
      collector = null;
    }
  }
  collector?.();
}

function apply(percent: number): void {
  try {
    set(`--heap-growing-percent=${percent}`);
  } catch {
    // The host does not take flags at run time: the default growth stays.
  }
}

/** Holds the lean heap until the returned function is called (once); holds nest. */
export function holdLeanHeap(): () => void {
  if (holders++ === 0) apply(GROWTH_PERCENT);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--holders === 0) apply(0);
  };
}

/** How many hold the lean heap now (for tests). */
export const leanHeapHolders = () => holders;

/** Tests: records the flags set instead of setting them. */
export function setFlagSetterForTests(setter: (flags: string) => void): () => void {
  const before = set;
  set = setter;
  return () => {
    set = before;
  };
}
