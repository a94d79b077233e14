/** The pictures feature's store: the pictures' data for the whole notebook or one entity, from the fact sheet's build. */
import type { ApiError } from '../../../../shared/api/result';
import type { SheetPictures } from '../../../../shared/pictures/types';
import { api } from '../../lib/api';
import { createStore } from '../../lib/store';
import { onChanges, shownFlag } from '../../lib/changes';

interface PicturesStore {
  /** The entity the pictures are about; null is the whole notebook. */
  subject: string | null;
  pictures: SheetPictures | null;
  busy: boolean;
  error: ApiError | null;
  /** The notebook the pictures are of: another one opened, they are drawn again, of the whole notebook. */
  forPath: string | null;
  load(subject?: string | null, forPath?: string | null): Promise<void>;
}

let ticket = 0;

export const usePictures = createStore<PicturesStore>()((set, get) => ({
  subject: null,
  pictures: null,
  busy: false,
  error: null,
  forPath: null,
  async load(subject = get().subject, forPath = get().forPath) {
    const mine = ++ticket;
    // Another notebook: nothing of the last one is shown while this one's pictures are drawn.
    const other = forPath !== get().forPath;
    set({ subject: other ? null : subject, busy: true, forPath, ...(other ? { pictures: null, error: null } : {}) });
    if (other) subject = null;
    const result = await api.factsheet.pictures({ entityId: subject });
    // A later choice wins over a slow earlier answer.
    if (mine !== ticket) return;
    set(result.ok ? { pictures: result.value, busy: false, error: null } : { busy: false, error: result.error });
  },
}));

// Another notebook: the pictures are of its whole notebook; a change to what they draw: drawn again.
/** The Pictures view is on screen (it draws them again when it opens). */
export const picturesShown = shownFlag();

onChanges(['notebook', 'source', 'sources', 'entities', 'factsheet'], (events) => {
  const { load } = usePictures.getState();
  if (!picturesShown.shown) return;
  void (events.some((e) => e.kind === 'notebook') ? load(null) : load());
});
