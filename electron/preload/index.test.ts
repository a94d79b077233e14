import { describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../shared/api/channels';

const exposed: Record<string, unknown> = {};
const invoke = vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } }));
const listeners = new Map<string, (event: unknown, value: unknown) => void>();
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
  ipcRenderer: {
    invoke,
    on: (channel: string, fn: (event: unknown, value: unknown) => void) => listeners.set(channel, fn),
    removeListener: (channel: string) => listeners.delete(channel),
  },
}));
await import('./index');

describe('the preload', () => {
  it('exposes one named function per operation and nothing else', () => {
    expect(Object.keys(exposed).sort()).toEqual(['api', 'dossierChanges', 'dossierMenu']);
    const api = exposed.api as Record<string, Record<string, unknown>>;
    const names = Object.entries(api).flatMap(([ns, verbs]) => Object.keys(verbs).map((v) => `${ns}:${v}`));
    expect(names.sort()).toEqual([...CHANNELS].sort());
    expect(JSON.stringify(Object.keys(api))).not.toMatch(/invoke|send|ipc/i);
  });

  it('sends each call on its own channel', async () => {
    const api = exposed.api as { notebook: { open(i: unknown): Promise<unknown> } };
    await api.notebook.open({ path: '/x' });
    expect(invoke).toHaveBeenCalledWith('notebook:open', { path: '/x' });
  });

  it('passes on only known menu commands', () => {
    const seen: string[] = [];
    const stop = (exposed.dossierMenu as { onCommand(fn: (c: string) => void): () => void }).onCommand((c) => seen.push(c));
    const deliver = listeners.get('dossier:menu')!;
    deliver({}, 'notebook:rename');
    deliver({}, 'shell:rm -rf');
    expect(seen).toEqual(['notebook:rename']);
    stop();
    expect(listeners.has('dossier:menu')).toBe(false);
  });

  it('passes the change stream’s batches on, and stops when told', () => {
    const seen: unknown[] = [];
    const stop = (exposed.dossierChanges as { subscribe(fn: (b: unknown) => void): () => void }).subscribe((b) => seen.push(b));
    listeners.get('dossier:changes')!({}, [{ kind: 'entities' }]);
    expect(seen).toEqual([[{ kind: 'entities' }]]);
    stop();
    expect(listeners.has('dossier:changes')).toBe(false);
  });
});
