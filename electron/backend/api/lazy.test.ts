import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNELS, splitChannel, type Namespace } from '../../../shared/api/channels';
import { startTestApp, type TestApp } from '../testing/api';
import { dispatch } from './dispatch';
import { createHandlers } from './index';
import { createLazyHandlers, MODULES } from './lazy';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(() => t.close());

describe('handlers loaded a namespace at a time (the CLI)', () => {
  it('finds every channel of the contract in the module its namespace names', async () => {
    for (const channel of CHANNELS) {
      const part = await MODULES[splitChannel(channel)[0] as Namespace](t.app);
      expect(typeof part[channel], channel).toBe('function');
    }
  });

  it('answers as the handlers the apps use', async () => {
    const lazy = createLazyHandlers(t.app);
    const eager = createHandlers(t.app);
    for (const [channel, input] of [
      ['sources:list', {}],
      ['entities:list', {}],
      ['search:query', { query: 'abrahm kind:quote' }],
    ] as const) {
      expect(await dispatch(lazy, channel, input), channel).toEqual(await dispatch(eager, channel, input));
    }
    expect(await dispatch(lazy, 'sources:get', { id: 'nope' })).toEqual(await dispatch(eager, 'sources:get', { id: 'nope' }));
  });
});
