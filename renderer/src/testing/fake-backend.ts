/** A fake of what the preload gives the page (see setup.ts): the API and the change stream. */
import { CHANNELS, type Channel } from '../../../shared/api/channels';
import type { Input, Output } from '../../../shared/api/contract';
import { fail, type ApiError, type Result } from '../../../shared/api/result';

type Reply<C extends Channel> = (input: Input<C>) => Result<Output<C>> | Promise<Result<Output<C>>>;

const replies = new Map<string, (input: unknown) => Result<unknown> | Promise<Result<unknown>>>();
/** Every call the page made, in order. */
export const calls: { channel: Channel; input: unknown }[] = [];
const changeListeners = new Set<(batch: unknown) => void>();

/** Makes `channel` answer `value` (or what `reply` returns for the input). */
export function answer<C extends Channel>(channel: C, value: Output<C> | Reply<C>): void {
  replies.set(channel, (input) => (typeof value === 'function' ? (value as Reply<C>)(input as Input<C>) : { ok: true, value }));
}

/** Makes `channel` refuse with this error. */
export function refuse(channel: Channel, error: ApiError): void {
  replies.set(channel, () => ({ ok: false, error }));
}

/**
 * A reply the test gives later: `channel` waits until `release` is called with the value, for the
 * call waiting at `index` (0: the oldest still waiting).
 */
export function answerLater<C extends Channel>(channel: C): { release(value: Output<C>, index?: number): void; pending(): number } {
  const waiting: ((r: Result<unknown>) => void)[] = [];
  replies.set(channel, () => new Promise((resolve) => waiting.push(resolve)));
  return {
    release: (value, index = 0) => waiting.splice(index, 1)[0]?.({ ok: true, value }),
    pending: () => waiting.length,
  };
}

/** How many times `channel` was called. */
export const callCount = (channel: Channel) => calls.filter((c) => c.channel === channel).length;

/** Delivers a batch of changes as the main process would (unchecked: the page checks it). */
export function sendChanges(batch: unknown): void {
  for (const listener of changeListeners) listener(batch);
}

export function installFakeBackend(): void {
  const api: Record<string, Record<string, (input: unknown) => Promise<Result<unknown>>>> = {};
  for (const channel of CHANNELS) {
    const [namespace, verb] = channel.split(':');
    (api[namespace] ??= {})[verb] = async (input) => {
      calls.push({ channel, input });
      const reply = replies.get(channel);
      return reply ? reply(input) : fail('UNKNOWN_OPERATION', `The test gave no answer for ${channel}.`);
    };
  }
  Object.assign(window, {
    api,
    dossierChanges: {
      subscribe(listener: (batch: unknown) => void) {
        changeListeners.add(listener);
        return () => changeListeners.delete(listener);
      },
    },
  });
}

export function resetFakeBackend(): void {
  replies.clear();
  calls.length = 0;
}
