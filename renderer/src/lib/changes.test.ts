/**
 * The change stream in the page: each subscriber hears only the kinds it asked for, a malformed
 * event is dropped and not the batch, and in browser mode the stream is read across chunks and
 * opened again after it drops, with every store told the notebook changed.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChangeEvent } from '../../../shared/api/changes';
import { sendChanges } from '../testing/fake-backend';
import { connectChanges, deliver, onChanges } from './changes';

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  vi.unstubAllGlobals();
});

describe('subscribing to changes', () => {
  it('hands each subscriber the events of its kinds only, a batch at a time', () => {
    const entities: ChangeEvent[][] = [];
    const sources: ChangeEvent[][] = [];
    stops.push(onChanges(['entities'], (e) => entities.push(e)));
    stops.push(onChanges(['source', 'sources'], (e) => sources.push(e)));
    deliver([{ kind: 'source', sourceId: 'a' }, { kind: 'entities' }, { kind: 'source', sourceId: 'b' }]);
    expect(entities).toEqual([[{ kind: 'entities' }]]);
    expect(sources).toEqual([
      [
        { kind: 'source', sourceId: 'a' },
        { kind: 'source', sourceId: 'b' },
      ],
    ]);
    deliver([{ kind: 'factsheet' }]);
    expect(entities).toHaveLength(1);
    expect(sources).toHaveLength(1);
  });

  it('goes on to the next subscriber when one throws', () => {
    const heard: string[] = [];
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    stops.push(
      onChanges(['entities'], () => {
        throw new Error('a broken view');
      }),
    );
    stops.push(onChanges(['entities'], () => heard.push('second')));
    deliver([{ kind: 'entities' }]);
    expect(heard).toEqual(['second']);
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });
});

describe('the desktop app’s stream (through the preload)', () => {
  it('checks each event: a malformed one is dropped, the rest of its batch arrives', () => {
    const heard: ChangeEvent[] = [];
    stops.push(onChanges(['entities', 'source', 'notebook'], (e) => heard.push(...e)));
    stops.push(connectChanges());
    sendChanges([{ kind: 'entities' }, { kind: 'source' }, { kind: 'rm -rf' }, { kind: 'source', sourceId: 's1' }]);
    sendChanges('not a batch');
    expect(heard).toEqual([{ kind: 'entities' }, { kind: 'source', sourceId: 's1' }]);
  });
});

/** A response whose body is these chunks, then ends. */
function streamOf(chunks: string[]): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(encoder.encode(c));
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
}

describe('browser mode’s stream (server-sent events over a POST)', () => {
  it('reads events split across chunks, sends the token, and after a drop opens it again and says the notebook changed', async () => {
    // No preload: the page reads the stream itself, with the token it was opened with.
    const preload = window.dossierChanges;
    Reflect.deleteProperty(window, 'dossierChanges');
    stops.push(() => Object.assign(window, { dossierChanges: preload }));
    const api = window.api;
    Reflect.deleteProperty(window, 'api');
    stops.push(() => Object.assign(window, { api }));
    sessionStorage.setItem('dossier-token', 'secret-token');
    const responses = [streamOf([': connected\n\n', 'data: [{"kind":"sour', 'ce","sourceId":"s1"}]\n\n: alive\n\n', 'data: [{"kind":"entities"}]\n\n']), streamOf([': connected\n\n'])];
    const fetch = vi.fn(async () => responses.shift() ?? new Promise<Response>(() => undefined));
    vi.stubGlobal('fetch', fetch);
    const heard: ChangeEvent[] = [];
    stops.push(onChanges(['source', 'entities', 'notebook'], (e) => heard.push(...e)));
    stops.push(connectChanges());
    await vi.waitFor(() => expect(heard).toEqual([{ kind: 'source', sourceId: 's1' }, { kind: 'entities' }, { kind: 'notebook' }]), { timeout: 5_000 });
    expect(fetch).toHaveBeenCalledWith('/api/changes', expect.objectContaining({ method: 'POST', headers: expect.objectContaining({ 'X-Dossier-Token': 'secret-token' }) }));
  });
});
