import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../../shared/api/channels';
import { contract } from '../../../shared/api/contract';
import { DossierApp } from '../app';
import { SEEDS_DIR, tempDir } from '../testing/fixtures';
import { createHandlers, dispatch, type Handlers } from './index';

let app: DossierApp;
let handlers: Handlers;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  const t = await tempDir();
  cleanup = t.cleanup;
  app = await DossierApp.start({ host: 'browser', version: 'test', seedsDir: SEEDS_DIR, dataDir: t.dir });
  handlers = createHandlers(app);
});
afterEach(async () => {
  await app.close();
  await cleanup();
});

describe('the contract', () => {
  it('declares exactly the channels the preload exposes, each with input and output schemas', () => {
    expect(Object.keys(contract).sort()).toEqual([...CHANNELS].sort());
    for (const channel of CHANNELS) expect(Object.keys(contract[channel]).sort()).toEqual(['input', 'output']);
  });
});

describe('dispatch', () => {
  it.each([
    ['notebook:rename', { name: '' }, /name: must not be empty/],
    ['notebook:rename', { name: 42 }, /name:/],
    ['notebook:rename', { name: 'ok', extra: true }, /extra/],
    ['notebook:open', {}, /path:/],
    ['sources:get', { id: '../../etc/passwd' }, /id: must be 1-64 letters/],
    ['sources:get', 'not an object', /Invalid input/],
    ['app:chooseFolder', { purpose: 'delete' }, /purpose/],
  ])('%s rejects %j with INVALID_INPUT and changes nothing', async (channel, input, message) => {
    const before = app.notebook!.info;
    const result = await dispatch(handlers, channel, input);
    expect(result).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(message) } });
    expect(app.notebook!.info).toEqual(before);
  });

  it('answers an unknown operation with a Result, not an exception', async () => {
    expect(await dispatch(handlers, 'sources:delete', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
    expect(await dispatch(handlers, '__proto__', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
  });

  it('passes a coded backend error through', async () => {
    expect(await dispatch(handlers, 'sources:get', { id: 'nope' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'There is no source with id nope in this notebook.' },
    });
  });

  it('says UNSUPPORTED for a folder dialog in browser mode', async () => {
    expect(await dispatch(handlers, 'app:chooseFolder', { purpose: 'open' })).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED' } });
  });

  it('turns an unexpected exception into INTERNAL and an OS error into IO_ERROR', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const broken = {
      ...handlers,
      'sources:list': () => {
        throw new TypeError('boom');
      },
    } as Handlers;
    const full = {
      ...handlers,
      'sources:list': () => {
        throw Object.assign(new Error('no space'), { code: 'ENOSPC', path: '/x' });
      },
    } as Handlers;
    expect(await dispatch(broken, 'sources:list', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: /boom/ } });
    expect(await dispatch(full, 'sources:list', {})).toMatchObject({ ok: false, error: { code: 'IO_ERROR', message: /disk is full/ } });
    // The unexpected one is logged for the developer; the expected OS error is not.
    expect(logged).toHaveBeenCalledTimes(1);
    logged.mockRestore();
  });

  it('refuses to return an answer that breaks its own schema', async () => {
    const wrong = { ...handlers, 'sources:list': () => [{ id: 'x' }] } as unknown as Handlers;
    expect(await dispatch(wrong, 'sources:list', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('serves the sample through the API', async () => {
    const list = await dispatch(handlers, 'sources:list', {});
    expect(list.ok && (list.value as unknown[]).length).toBe(5);
    const one = await dispatch(handlers, 'sources:get', { id: '001_60f2b3d7fc804a95' });
    expect(one).toMatchObject({ ok: true, value: { published: '2020-10-10', text: expect.stringMatching(/^Thiruvananthapuram: The Kerala Police/) } });
  });
});
