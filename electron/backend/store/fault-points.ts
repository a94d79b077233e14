/**
 * A hook of the store for the crash tests (store/crash.test.ts), kept here because the store's own
 * writes call it: named places inside a write (a group commit between its renames, a backup before its rename, a
 * restore mid-file) where the crash test can make the process stop dead, so that its SIGKILL is
 * certain to land there. In a normal run `DOSSIER_FAULT_AT` is unset and a fault point costs one
 * comparison.
 *
 * `DOSSIER_FAULT_AT=<name>:<n>` makes the n-th passage through `<name>` print `fault <name>` on
 * stderr and block the process (the whole thread, so no other write can slip by) until it is
 * killed.
 */
import { writeSync } from 'node:fs';

const wanted = /^([a-z:-]+):(\d+)$/.exec(process.env.DOSSIER_FAULT_AT ?? '');
const name = wanted?.[1] ?? null;
let remaining = wanted ? Number(wanted[2]) : 0;

/** Every fault point there is, so that the crash test can aim at each (and a typo fails the type check). */
export const FAULT_POINTS = ['commit:after-temps', 'commit:between-renames', 'backup:before-list', 'backup:before-rename', 'restore:mid-file', 'restore:before-rename'] as const;

/** One of {@link FAULT_POINTS}. */
export type FaultPoint = (typeof FAULT_POINTS)[number];

/** A place the crash test may stop the process at (see the module comment). */
export function faultPoint(point: FaultPoint): void {
  if (point !== name || --remaining > 0) return;
  writeSync(2, `fault ${point}\n`);
  // Sleep the thread itself: no timer, no promise and no other write runs until the kill.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}
