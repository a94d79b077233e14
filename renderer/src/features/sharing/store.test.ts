/**
 * The sharing store over a fake backend: the sync state is read when the backend says it changed
 * (never on a timer), the conflicts list is read again while open when more came in, and a
 * refused share says why and changes nothing.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SyncStatus } from '../../../../shared/domain/sync';
import { deliver } from '../../lib/changes';
import { answer, callCount, refuse } from '../../testing/fake-backend';
import { useSharing } from './store';

const shared = (over: Partial<Extract<SyncStatus, { shared: true }>> = {}): SyncStatus =>
  ({
    shared: true,
    server: 'http://127.0.0.1:5984',
    database: 'budget',
    state: 'synced',
    words: 'Synced',
    lastSyncedAt: null,
    conflicts: 0,
    received: 0,
    sent: 0,
    unsent: 0,
    ...over,
  }) as unknown as SyncStatus;

beforeEach(() => {
  useSharing.setState({ status: null, dialog: null, conflicts: null, busy: false, error: null, done: null });
});

describe('the sync state', () => {
  it('is read when the backend says sharing or the notebook changed, and not otherwise', async () => {
    answer('sync:status', shared());
    deliver([{ kind: 'entities' }, { kind: 'source', sourceId: 's1' }]);
    expect(callCount('sync:status')).toBe(0);
    deliver([{ kind: 'sharing' }]);
    await vi.waitFor(() => expect(useSharing.getState().status).toMatchObject({ shared: true, state: 'synced' }));
    answer('sync:status', shared({ state: 'offline' } as never));
    deliver([{ kind: 'notebook' }]);
    await vi.waitFor(() => expect(useSharing.getState().status).toMatchObject({ state: 'offline' }));
    expect(callCount('sync:status')).toBe(2);
  });

  it('reads the conflicts again while their list is open and more came in', async () => {
    answer('sync:status', shared({ conflicts: 1 }));
    answer('sync:conflicts', []);
    await useSharing.getState().poll();
    useSharing.getState().open('conflicts');
    await vi.waitFor(() => expect(callCount('sync:conflicts')).toBe(1));
    answer('sync:status', shared({ conflicts: 2, received: 3 }));
    deliver([{ kind: 'sharing' }]);
    await vi.waitFor(() => expect(callCount('sync:conflicts')).toBe(2));
    // The same count, nothing new: not read again.
    deliver([{ kind: 'sharing' }]);
    await vi.waitFor(() => expect(callCount('sync:status')).toBe(3));
    expect(callCount('sync:conflicts')).toBe(2);
  });
});

describe('sharing a notebook', () => {
  it('says why a share was refused, and keeps the state as it was', async () => {
    refuse('sync:share', { code: 'IO_ERROR', message: 'The notebook was not shared: the server refused the password.' });
    const done = await useSharing.getState().share({ server: 'http://127.0.0.1:5984', database: 'budget', username: 'asha', password: 'wrong', create: true });
    expect(done).toBe(false);
    expect(useSharing.getState().error?.message).toBe('The notebook was not shared: the server refused the password.');
    expect(useSharing.getState().status).toBeNull();
    expect(useSharing.getState().busy).toBe(false);
  });
});
