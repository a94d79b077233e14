/** A pane's width: the kept one from the settings, or the one being dragged; kept when the drag ends. */
import { useState } from 'react';
import { PANE_LIMITS } from '../../../../shared/domain/settings';
import { useSettings } from './store';

export function usePaneWidth(pane: keyof typeof PANE_LIMITS): { width: number; min: number; max: number; show(width: number): void; keep(width: number): void } {
  const kept = useSettings((s) => s.settings.panes[pane]);
  const update = useSettings((s) => s.update);
  const [dragging, setDragging] = useState<number | null>(null);
  const [min, max] = PANE_LIMITS[pane];
  return {
    width: dragging ?? kept,
    min,
    max,
    show: setDragging,
    keep(width) {
      setDragging(null);
      const panes = useSettings.getState().settings.panes;
      if (panes[pane] !== width) void update({ panes: { ...panes, [pane]: width } });
    },
  };
}
