/**
 * Pictures of the notebook: its timeline and its entity graph, for the whole notebook or one
 * entity (an operation takes in its rounds), each mark a way to its passages.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { ENTITY_TYPES, ENTITY_TYPE_LABEL, type EntityType } from '../../../../shared/domain/entity';
import { NO_GRAPH_FILTER, type GraphFilter } from '../../../../shared/pictures/graph';
import type { TimelineMark } from '../../../../shared/pictures/types';
import { useNavigation } from '../../lib/navigation';
import { useEntities } from '../entities';
import { useNotebook } from '../notebook';
import { GraphPicture } from './components/GraphPicture';
import { TimelinePicture } from './components/TimelinePicture';
import { picturesShown, usePictures } from './store';

/** The width the pictures have to draw in, following the window. */
function useWidth(): [React.RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(900);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(480, Math.floor(el.clientWidth) - 8));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

export function PicturesView() {
  const subject = usePictures((s) => s.subject);
  const pictures = usePictures((s) => s.pictures);
  const error = usePictures((s) => s.error);
  const load = usePictures((s) => s.load);
  const entities = useEntities((s) => s.list);
  const loadEntities = useEntities((s) => s.load);
  const { openPassage, openSource, openEntity } = useNavigation.getState();
  const [tab, setTab] = useState<'timeline' | 'graph'>('timeline');
  const [hiddenTypes, setHiddenTypes] = useState<EntityType[]>([]);
  const [round, setRound] = useState<string | null>(null);
  const filter: GraphFilter = useMemo(() => ({ ...NO_GRAPH_FILTER, types: hiddenTypes.length ? ENTITY_TYPES.filter((t) => !hiddenTypes.includes(t)) : [], round }), [hiddenTypes, round]);
  const [box, width] = useWidth();
  // Drawn for the open notebook, again when another is opened while this view shows.
  const notebookPath = useNotebook((s) => s.app?.notebook?.path ?? null);
  picturesShown.use();
  useEffect(() => {
    void load(undefined, notebookPath);
    void loadEntities();
  }, [load, loadEntities, notebookPath]);
  const living = useMemo(() => entities.filter((e) => e.mergedInto === null), [entities]);
  // Any entity can be the centre: grouped by type, in the order the entity list uses.
  const byType = useMemo(() => ENTITY_TYPES.map((type) => [type, living.filter((e) => e.type === type)] as const).filter(([, list]) => list.length > 0), [living]);
  const open = (mark: TimelineMark) => void (mark.annotationId ? openPassage(mark.sourceId, mark.annotationId) : openSource(mark.sourceId, null));
  const toggleType = (type: EntityType) => setHiddenTypes((h) => (h.includes(type) ? h.filter((t) => t !== type) : [...h, type]));
  return (
    <main className="pictures-view" aria-label="Pictures of the notebook">
      <div className="filters">
        <label>
          Pictures of{' '}
          <select value={subject ?? ''} onChange={(e) => void load(e.target.value === '' ? null : e.target.value)}>
            <option value="">The whole notebook</option>
            {living.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name} — {ENTITY_TYPE_LABEL[e.type]}
              </option>
            ))}
          </select>
        </label>
        <div className="tabs" role="tablist" aria-label="Picture">
          <button type="button" role="tab" aria-selected={tab === 'timeline'} onClick={() => setTab('timeline')}>
            Timeline
          </button>
          <button type="button" role="tab" aria-selected={tab === 'graph'} onClick={() => setTab('graph')}>
            Entity graph
          </button>
        </div>
      </div>
      <div className="pictures-body" ref={box}>
        {error ? (
          <p role="alert" className="error-text pane-note">
            {error.message}
          </p>
        ) : !pictures ? (
          <p className="pane-note" aria-busy="true">
            Drawing…
          </p>
        ) : tab === 'timeline' ? (
          <section role="tabpanel" aria-label="Timeline">
            <TimelinePicture marks={pictures.timeline} width={width} onOpen={open} />
          </section>
        ) : (
          <section role="tabpanel" aria-label="Entity graph">
            <fieldset className="graph-filters">
              <legend>Show</legend>
              {ENTITY_TYPES.map((type) => (
                <label key={type} className="field-inline">
                  <input type="checkbox" checked={!hiddenTypes.includes(type)} onChange={() => toggleType(type)} /> {ENTITY_TYPE_LABEL[type]}
                </label>
              ))}
              <label className="field-inline">
                Around{' '}
                <select value={round ?? ''} onChange={(e) => setRound(e.target.value || null)}>
                  <option value="">every entity</option>
                  {byType.map(([type, list]) => (
                    <optgroup key={type} label={ENTITY_TYPE_LABEL[type]}>
                      {list.map((r) => (
                        <option key={r.id} value={r.id}>
                          {r.name}
                        </option>
                      ))}
                    </optgroup>
                  ))}
                </select>
              </label>
            </fieldset>
            <GraphPicture graph={pictures.graph} filter={filter} width={width} onOpenEntity={(id) => void openEntity(id)} />
          </section>
        )}
      </div>
    </main>
  );
}
