/** The change stream to the window (shared/api/changes.ts): each batch the app publishes, sent over IPC. */
import type { BrowserWindow } from 'electron';
import { CHANGES_CHANNEL } from '../../shared/api/change-stream';
import type { ChangeFeed } from '../backend/changes';

/** Sends every batch of `feed` to the window there is at the time; returns the unsubscribe. */
export function forwardChanges(feed: Pick<ChangeFeed, 'subscribe'>, window: () => BrowserWindow | null): () => void {
  return feed.subscribe((batch) => {
    const w = window();
    if (w && !w.isDestroyed()) w.webContents.send(CHANGES_CHANNEL, batch);
  });
}
