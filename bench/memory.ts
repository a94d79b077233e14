/**
 * The memory a piece of work adds to a process, measured over that work alone:
 *
 * - the base is the process settled before the work (two full collections and a second for the
 *   freed pages to go back), not a moment where the garbage of what came before is still held;
 * - the resident peak is the kernel's high-water mark (VmHWM), reset when the work starts
 *   (`/proc/self/clear_refs`, Linux) and read when it ends, so neither what came before (opening
 *   the notebook) nor what comes after (closing it) is counted;
 * - resident memory includes the pages of files the process maps and has read (LevelDB maps its
 *   table files): those are the system's file cache, dropped first when memory runs short, and
 *   the figure activity monitors show for an app (macOS's Memory, Windows' private working set)
 *   leaves them out. So the private (anonymous) memory is sampled too, every 20 ms.
 *
 * Where the high-water mark cannot be reset (not Linux), the peak is the process's whole-life
 * maximum and `includesBefore` says so.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const MB = 1024 * 1024;

/** A field of /proc/self/status in MB, or null where there is none. */
function status(field: 'VmRSS' | 'VmHWM' | 'RssAnon' | 'RssFile'): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Resident, private and mapped-file memory now, in MB. */
export function memoryNow(): Memory {
  return { resident: process.memoryUsage().rss / MB, private: status('RssAnon'), mapped: status('RssFile') };
}

/** Lets the garbage of what came before go: two full collections (needs --expose-gc) and a second. */
export async function settle(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run the measurement with --expose-gc');
  gc();
  await new Promise((r) => setTimeout(r, 1000));
  gc();
}

/** Memory at a moment or a peak, in MB; private and mapped are null where the system does not say. */
export interface Memory {
  resident: number;
  private: number | null;
  mapped: number | null;
}

export interface Peak extends Memory {
  /** The resident peak could not be reset: it is the process's maximum since it started. */
  includesBefore: boolean;
}

/**
 * Runs `work` and gives the peaks it reached with the settled state before it (settled here
 * first: call it with the process in the state the work starts from). The private and mapped
 * peaks are sampled, each on its own.
 */
export async function measurePeak<T>(work: () => Promise<T>): Promise<{ value: T; before: Memory; peak: Peak }> {
  await settle();
  const before = memoryNow();
  let includesBefore = false;
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    includesBefore = true;
  }
  let privatePeak = before.private;
  let mappedPeak = before.mapped;
  const sample = () => {
    const p = status('RssAnon');
    const f = status('RssFile');
    if (p !== null && (privatePeak === null || p > privatePeak)) privatePeak = p;
    if (f !== null && (mappedPeak === null || f > mappedPeak)) mappedPeak = f;
  };
  const timer = setInterval(sample, 20);
  let value: T;
  try {
    value = await work();
  } finally {
    clearInterval(timer);
  }
  sample();
  const resident = status('VmHWM') ?? process.resourceUsage().maxRSS / 1024;
  return { value, before, peak: { resident, private: privatePeak, mapped: mappedPeak, includesBefore } };
}

/** What a peak adds to a base (MB): resident, private, and mapped file pages. */
export function added(peak: Memory, base: Memory): { resident: number; private: number | null; mapped: number | null } {
  return {
    resident: peak.resident - base.resident,
    private: peak.private === null || base.private === null ? null : peak.private - base.private,
    mapped: peak.mapped === null || base.mapped === null ? null : peak.mapped - base.mapped,
  };
}
