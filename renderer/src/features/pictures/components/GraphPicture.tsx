/** The entity graph drawn in the app: each entity a link to its page (its passages). */
import { useMemo } from 'react';
import { edgeWords, layoutGraph, type GraphFilter } from '../../../../../shared/pictures/graph';
import type { SheetPictures } from '../../../../../shared/pictures/types';

export function GraphPicture({ graph, filter, width, onOpenEntity }: { graph: SheetPictures['graph']; filter: GraphFilter; width: number; onOpenEntity(id: string): void }) {
  const model = useMemo(() => layoutGraph(graph, filter, width, Math.round(width * 0.6)), [graph, filter, width]);
  if (model.nodes.length === 0)
    return (
      <p className="pane-note">
        No two entities are linked in the same passage or source yet: link passages to the people, organisations and places they are about (an entity’s page links every place that names it in one go).
      </p>
    );
  return (
    <figure className="picture-box">
      <svg
        className="picture graph"
        viewBox={`0 0 ${model.width} ${model.height}`}
        width={model.width}
        height={model.height}
        role="group"
        aria-label={`Entities that share passages or sources: ${model.nodes.length} entities, ${model.edges.length} links`}
      >
        {model.edges.map((e) => (
          <line key={`${e.a}-${e.b}`} x1={e.x1} y1={e.y1} x2={e.x2} y2={e.y2} className={e.shared === 0 ? 'edge by-source' : 'edge'} strokeWidth={Math.min(8, 1 + e.shared + e.sources / 4)}>
            <title>{edgeWords(e)}</title>
          </line>
        ))}
        {model.nodes.map((n) => {
          const label = `${n.name} (${n.type}): ${n.mentions} passage${n.mentions === 1 ? '' : 's'}`;
          return (
            <g
              key={n.id}
              className={`node ${n.type}`}
              role="link"
              tabIndex={0}
              aria-label={label}
              onClick={() => onOpenEntity(n.id)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  onOpenEntity(n.id);
                }
              }}
            >
              <title>{label}</title>
              <circle cx={n.x} cy={n.y} r={n.r} />
              <text x={n.x} y={n.y + n.r + 12} textAnchor="middle">
                {n.name}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        The larger an entity, the more passages it is linked to; the thicker a line, the more passages two share. Click one, or Tab to it and press Enter, for its page.
        {model.hidden > 0 ? ` ${model.hidden} entities are not shown (filter or the 60 most linked).` : ''}
      </figcaption>
    </figure>
  );
}
