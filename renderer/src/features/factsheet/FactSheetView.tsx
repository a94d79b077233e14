/**
 * The Fact sheet view: choose what it is about (an operation with its rounds, another entity, or
 * the whole notebook), read it as the editor will — key figures with conflicts marked, timeline,
 * people and organisations, quotes, open questions, sources — resolve conflicts, write the
 * summary, and export it.
 */
import { pick } from '../../lib/store';
import { useEffect, useMemo, useState } from 'react';
import { dateText, formatFigure, givenBy, madeAt, statusLabel } from '../../../../shared/factsheet/format';
import { ENTITY_TYPE_LABEL } from '../../../../shared/domain/entity';
import { useEntities } from '../entities';
import { useNotebook } from '../notebook';
import { ExportPanel } from './components/ExportPanel';
import { FiguresTable, type FigureActions } from './components/FiguresTable';
import { Cite, Quoted } from './components/Cite';
import { factSheetShown, useFactSheet, type FactSheet } from './store';
import { NoteMarkdown } from '../../components/NoteMarkdown';

type Open = (sourceId: string, annotationId: string) => void;

export function FactSheetView({ onOpenPassage }: { onOpenPassage: Open }) {
  const { subject, sheet, error, exportState } = useFactSheet(pick((s) => ({ subject: s.subject, sheet: s.sheet, error: s.error, exportState: s.exportState })));
  const { choose, reload, resolve, reopen, exportTo, cancelReplace, chooseSavePath, setExportFormat, setExportPath } = useFactSheet.getState();
  const { list, load } = useEntities();
  const app = useNotebook((s) => s.app);
  factSheetShown.use();
  useEffect(() => {
    void load();
    // Passages may have changed in other views since the sheet was built.
    void reload();
  }, [load, reload]);
  // Operations first (rounds under their operation), then the other entities.
  const choices = useMemo(() => {
    const living = list.filter((e) => e.mergedInto === null);
    const tops = living.filter((e) => e.type === 'operation' && !e.parentId).sort((a, b) => a.name.localeCompare(b.name));
    const ordered = tops.flatMap((op) => [op, ...living.filter((e) => e.parentId === op.id).sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }))]);
    const others = living.filter((e) => !ordered.includes(e)).sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name));
    return [...ordered, ...others];
  }, [list]);
  useEffect(() => {
    // At first, the sheet of the first operation: what the story is about.
    if (subject === undefined && list.length > 0) void choose(choices.find((e) => e.type === 'operation')?.id ?? null);
  }, [subject, list, choices, choose]);
  const subjectName = sheet?.subject?.name ?? app?.notebook?.name ?? 'notebook';

  return (
    <main className="factsheet-view" aria-label="Fact sheet">
      <div className="filters">
        <label>
          Fact sheet for{' '}
          <select aria-label="Fact sheet for" value={subject ?? ''} onChange={(e) => void choose(e.target.value === '' ? null : e.target.value)}>
            <option value="">The whole notebook</option>
            {choices.map((e) => (
              <option key={e.id} value={e.id}>
                {e.parentId ? `   ${e.name} (round)` : `${e.name} — ${ENTITY_TYPE_LABEL[e.type]}`}
              </option>
            ))}
          </select>
        </label>
        {sheet ? <Counts sheet={sheet} /> : null}
      </div>
      <div className="factsheet-body">
        <article className="factsheet-page">
          {error ? (
            <p role="alert" className="error-text">
              {error.message}
            </p>
          ) : null}
          {sheet ? (
            <Sheet sheet={sheet} actions={{ onOpen: onOpenPassage, onResolve: resolve, onReopen: (id, metric) => void reopen(id, metric) }} />
          ) : (
            <p className="empty-note">Building the fact sheet…</p>
          )}
        </article>
        <aside className="factsheet-side">
          {sheet && app ? (
            <ExportPanel
              subject={subjectName}
              folder={app.exportFolder}
              canChoose={app.canChooseFolder}
              state={exportState}
              actions={{ onExport: (f, p, o) => void exportTo(f, p, o), onCancelReplace: cancelReplace, onChoosePath: chooseSavePath, onFormat: setExportFormat, onPath: setExportPath }}
            />
          ) : null}
        </aside>
      </div>
    </main>
  );
}

function Counts({ sheet }: { sheet: FactSheet }) {
  const { conflicts, resolved, singleSource, corroborated } = sheet.counts;
  return (
    <span className={`count factsheet-counts${conflicts > 0 ? ' has-conflicts' : ''}`} role="status">
      {conflicts} unresolved conflict{conflicts === 1 ? '' : 's'} · {resolved} resolved · {singleSource} single-source · {corroborated} corroborated
    </span>
  );
}

function Sheet({ sheet, actions }: { sheet: FactSheet; actions: FigureActions }) {
  const { onOpen } = actions;
  return (
    <>
      <h1>{sheet.title}</h1>
      <p className="sheet-meta">
        Notebook: {sheet.notebook} · Made {madeAt(sheet.generatedAt)} · {sheet.sources.length} source{sheet.sources.length === 1 ? '' : 's'}
      </p>
      <Summary key={sheet.subject?.id ?? ''} summary={sheet.summary} />
      <h2>Key figures</h2>
      <FiguresTable sheet={sheet} actions={actions} />
      {sheet.figures.rows.length > 0 ? <FigureSources sheet={sheet} onOpen={onOpen} /> : null}
      <h2>Timeline</h2>
      {sheet.timeline.length === 0 && sheet.undatedSources.length === 0 ? <p className="empty-note">No dated events or sources. Mark a passage as an Event and give its date.</p> : null}
      <ul className="sheet-list">
        {sheet.timeline.map((t, i) => (
          <li key={i}>
            <strong>{dateText(t.date)}</strong> —{' '}
            {t.kind === 'event' && t.citation ? (
              <>
                <Quoted citation={t.citation} onOpen={onOpen} />
                {t.note ? ` — ${t.note}` : ''}
              </>
            ) : (
              <>
                published: <a href={`#sheet-source-${t.n}`}>[{t.n}]</a> {t.text}
                {t.note ? ` (${t.note})` : ''}
              </>
            )}
          </li>
        ))}
        {sheet.undatedSources.length > 0 ? <li>Not dated: {sheet.undatedSources.map((n) => `[${n}]`).join(', ')} (the source gives no date)</li> : null}
      </ul>
      {(
        [
          ['People', sheet.people],
          ['Organisations', sheet.organisations],
        ] as const
      ).map(([title, list]) => (
        <section key={title}>
          <h2>{title}</h2>
          {list.length === 0 ? <p className="empty-note">None linked.</p> : null}
          <ul className="sheet-list">
            {list.map((e) => (
              <li key={e.id}>
                <strong>{e.name}</strong>
                {e.role ? ` — ${e.role}` : ''}{' '}
                {e.citations.map((c) => (
                  <Cite key={c.annotationId} citation={c} onOpen={onOpen} />
                ))}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <section aria-label="Quotes">
        <h2>Quotes</h2>
        {sheet.quotes.length === 0 ? <p className="empty-note">No quotes marked. Mark a passage as a Quote and name its speaker.</p> : null}
        <ul className="sheet-list">
          {sheet.quotes.map((q) => (
            <li key={q.citation.annotationId}>
              <strong>{q.speaker?.name ?? 'Speaker not named'}</strong>, {q.outlet ?? 'outlet not named'}, {dateText(q.published)}: <Quoted citation={q.citation} onOpen={onOpen} />
            </li>
          ))}
        </ul>
      </section>
      <h2>Open questions</h2>
      {sheet.questions.length === 0 ? <p className="empty-note">No open questions.</p> : null}
      <ul className="sheet-list">
        {sheet.questions.map((q) => (
          <li key={q.citation.annotationId}>
            {q.note ? `${q.note} — ` : ''}
            <Quoted citation={q.citation} onOpen={onOpen} />
          </li>
        ))}
      </ul>
      <h2>Sources</h2>
      <ol className="sheet-sources">
        {sheet.sources.map((s) => (
          <li key={s.id} id={`sheet-source-${s.n}`} value={s.n}>
            <strong>{s.title}</strong> — {s.outlet ?? 'outlet not named'}, {dateText(s.published)}. {s.url ?? 'No URL'}. <span className="sha">Text sha256 {s.sha256}</span>. Imported{' '}
            {dateText(s.importedAt.slice(0, 10))}.
          </li>
        ))}
      </ol>
    </>
  );
}

/** Every figure's values with the exact words of each passage, as the exports list them. */
function FigureSources({ sheet, onOpen }: { sheet: FactSheet; onOpen: Open }) {
  return (
    <details className="figure-sources">
      <summary>Where each figure comes from</summary>
      <ul className="sheet-list">
        {sheet.figures.rows.flatMap((row) =>
          row.cells.map((cell, i) =>
            cell ? (
              <li key={`${row.metric}-${sheet.figures.columns[i].id}`}>
                <strong>
                  {sheet.figures.columns[i].name} — {row.metric}
                </strong>{' '}
                ({statusLabel(cell)})
                <ul>
                  {cell.values.map((v) => (
                    <li key={`${v.value}-${v.upper}`}>
                      {formatFigure(v)}
                      {givenBy(v) ? ` — ${givenBy(v)}` : ''}:{' '}
                      {v.citations.map((c, k) => (
                        <span key={c.annotationId}>
                          {k > 0 ? '; ' : ''}
                          <Quoted citation={c} onOpen={onOpen} />
                        </span>
                      ))}
                    </li>
                  ))}
                </ul>
              </li>
            ) : null,
          ),
        )}
      </ul>
    </details>
  );
}

/** The reporter's summary at the top of the sheet, saved when they say so. */
function Summary({ summary }: { summary: string }) {
  const saveSummary = useFactSheet((s) => s.saveSummary);
  const [text, setText] = useState(summary);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!editing) {
    return (
      <section className="sheet-summary">
        <h2>Summary</h2>
        {summary ? <NoteMarkdown source={summary} /> : <p className="empty-note">No summary written yet.</p>}
        <button type="button" className="small" onClick={() => setEditing(true)}>
          {summary ? 'Edit summary' : 'Write a summary'}
        </button>
      </section>
    );
  }
  return (
    <section className="sheet-summary">
      <h2>Summary</h2>
      <textarea aria-label="Summary" value={text} rows={5} onChange={(e) => setText(e.target.value)} />
      {error ? (
        <p role="alert" className="error-text">
          {error}
        </p>
      ) : null}
      <button
        type="button"
        className="primary small"
        onClick={async () => {
          const failed = await saveSummary(text);
          if (failed) setError(failed.message);
          else setEditing(false);
        }}
      >
        Save summary
      </button>{' '}
      <button type="button" className="small" onClick={() => (setText(summary), setEditing(false))}>
        Cancel
      </button>
    </section>
  );
}
