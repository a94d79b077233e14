/**
 * Long work the user started and may stop: a backup or a restore. The renderer names the task
 * (an id of its choosing, sent with the request that starts it), asks how far it is while the
 * request runs, and can cancel it. A task is forgotten when its request answers.
 */
import { DossierError } from '../../shared/api/result';

/** What a task reports while it runs. */
export interface TaskStatus {
  /** What it is doing, in the reporter's words ("Writing the archive"). */
  step: string;
  /** Bytes done of `total` (0 when not known yet). */
  done: number;
  total: number;
  cancelled: boolean;
}

/** What a running task is given: where to report, and the signal that says it was cancelled. */
export interface TaskControl {
  readonly signal: AbortSignal;
  report(step: string, done: number, total: number): void;
}

/** A control for work nobody follows (the CLI, tests). */
export function untracked(signal = new AbortController().signal): TaskControl {
  return { signal, report: () => undefined };
}

/** Cancel requests for tasks not started yet are kept this long (a cancel can overtake its start). */
const EARLY_CANCEL_KEPT_MS = 60_000;
const EARLY_CANCEL_MAX = 100;

/** The tasks running in this process. */
export class Tasks {
  private readonly live = new Map<string, { controller: AbortController; status: TaskStatus }>();
  private readonly cancelledEarly = new Map<string, number>();

  /** Runs `work` as the task `id` (untracked without an id); the task is forgotten when it ends. */
  async run<T>(id: string | undefined, step: string, work: (control: TaskControl) => Promise<T>): Promise<T> {
    if (id === undefined) return work(untracked());
    if (this.live.has(id)) throw new DossierError('INVALID_INPUT', `A task named ${id} is already running.`);
    const controller = new AbortController();
    const status: TaskStatus = { step, done: 0, total: 0, cancelled: false };
    this.live.set(id, { controller, status });
    const early = this.cancelledEarly.get(id);
    this.cancelledEarly.delete(id);
    if (early !== undefined && Date.now() - early < EARLY_CANCEL_KEPT_MS) {
      status.cancelled = true;
      controller.abort();
    }
    try {
      return await work({
        signal: controller.signal,
        report: (nextStep, done, total) => Object.assign(status, { step: nextStep, done, total }),
      });
    } finally {
      this.live.delete(id);
    }
  }

  /** How far task `id` is, or null when no such task runs (not started yet, or finished). */
  status(id: string): TaskStatus | null {
    const task = this.live.get(id);
    return task ? { ...task.status } : null;
  }

  /** Asks task `id` to stop; answers whether it was running. One not started yet is cancelled when it starts. */
  cancel(id: string): boolean {
    const task = this.live.get(id);
    if (task) {
      task.status.cancelled = true;
      task.controller.abort();
      return true;
    }
    if (this.cancelledEarly.size >= EARLY_CANCEL_MAX) this.cancelledEarly.delete(this.cancelledEarly.keys().next().value!);
    this.cancelledEarly.set(id, Date.now());
    return false;
  }
}

/** Throws the error a cancelled task answers with, naming what was left as it was. */
export function throwIfCancelled(signal: AbortSignal, whatStays: string): void {
  if (signal.aborted) throw new DossierError('CANCELLED', `Cancelled. ${whatStays}`);
}
