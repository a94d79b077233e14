import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from 'electron';
import { ChangeFeed } from '../backend/changes';
import { forwardChanges } from './changes';

vi.mock('electron', () => ({}));

describe('the change stream to the window', () => {
  it('sends each batch to the window there is, none to a closed one, and stops when told', async () => {
    const feed = new ChangeFeed(5);
    const send = vi.fn();
    let destroyed = false;
    const window = { isDestroyed: () => destroyed, webContents: { send } } as unknown as BrowserWindow;
    const stop = forwardChanges(feed, () => window);
    feed.publish({ kind: 'source', sourceId: 's1' });
    feed.publish({ kind: 'source', sourceId: 's1' });
    feed.publish({ kind: 'entities' });
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(1));
    expect(send).toHaveBeenCalledWith('dossier:changes', [{ kind: 'source', sourceId: 's1' }, { kind: 'entities' }]);
    destroyed = true;
    feed.publish({ kind: 'factsheet' });
    feed.flush();
    expect(send).toHaveBeenCalledTimes(1);
    stop();
    expect(feed.subscribers).toBe(0);
  });
});
