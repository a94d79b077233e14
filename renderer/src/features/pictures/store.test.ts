/**
 * The pictures follow the change stream while they are on screen: another notebook draws its whole
 * notebook (never the last one's pictures), a change to what they draw draws them again, and
 * nothing is asked for while the view is closed.
 */
import { renderHook } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Output } from '../../../../shared/api/contract';
import { deliver } from '../../lib/changes';
import { answer, callCount, calls } from '../../testing/fake-backend';
import { picturesShown, usePictures } from './store';

const pictures = (marks: number) => ({ timeline: Array.from({ length: marks }, () => ({})), graph: { nodes: [], edges: [] } }) as unknown as Output<'factsheet:pictures'>;

beforeEach(() => {
  usePictures.setState({ subject: null, pictures: null, busy: false, error: null, forPath: null });
});

describe('the pictures over the change stream', () => {
  it('ask nothing while the view is closed', () => {
    answer('factsheet:pictures', pictures(3));
    deliver([{ kind: 'source', sourceId: 's1' }, { kind: 'notebook' }]);
    expect(callCount('factsheet:pictures')).toBe(0);
  });

  it('draw the whole of another notebook, and again after a change, while shown', async () => {
    const view = renderHook(() => picturesShown.use());
    answer('factsheet:pictures', pictures(3));
    await usePictures.getState().load(null, '/notebooks/budget');
    await usePictures.getState().load('e-blair');
    expect(calls.at(-1)).toEqual({ channel: 'factsheet:pictures', input: { entityId: 'e-blair' } });
    answer('factsheet:pictures', pictures(4));
    deliver([{ kind: 'source', sourceId: 's1' }]);
    await vi.waitFor(() => expect(calls.at(-1)).toEqual({ channel: 'factsheet:pictures', input: { entityId: 'e-blair' } }));
    await vi.waitFor(() => expect(usePictures.getState().pictures).toEqual(pictures(4)));
    deliver([{ kind: 'notebook' }]);
    await vi.waitFor(() => expect(calls.at(-1)).toEqual({ channel: 'factsheet:pictures', input: { entityId: null } }));
    view.unmount();
    const asked = callCount('factsheet:pictures');
    deliver([{ kind: 'entities' }]);
    expect(callCount('factsheet:pictures')).toBe(asked);
  });
});
