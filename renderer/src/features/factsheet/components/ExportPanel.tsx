/**
 * Exporting the sheet: a format, where to save it (typed, or chosen with the system's dialog in
 * the desktop app), and a question before a file is replaced.
 */
import type { FactSheetFormat } from '../../../../../shared/api/contract-factsheet';
import { folderNameFor } from '../../../../../shared/domain/notebook';
import { ReplaceQuestion } from '../../../components/ReplaceQuestion';
import { formatBytes } from '../../../lib/format';
import type { ExportState, SavedExport } from '../store';

const FORMATS: { format: FactSheetFormat; label: string }[] = [
  { format: 'md', label: 'Markdown (.md)' },
  { format: 'html', label: 'Web page (.html)' },
  { format: 'pdf', label: 'PDF (.pdf)' },
  { format: 'docx', label: 'Word (.docx)' },
  { format: 'json', label: 'JSON (.json)' },
];

/** "Saved operation-p-hunt-fact-sheet.md (14.7 KB) at 06:05, in /home/reporter/": the name whole, the folder breakable at its slashes. */
function SavedLine({ saved }: { saved: SavedExport }) {
  const cut = Math.max(saved.path.lastIndexOf('/'), saved.path.lastIndexOf('\\')) + 1;
  const folder = saved.path.slice(0, cut);
  const time = new Date(saved.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return (
    <p role="status" className="export-done">
      Saved <span className="export-file">{saved.path.slice(cut)}</span> ({formatBytes(saved.bytes)}) at {time}
      {folder ? (
        <>
          , in{' '}
          <span className="export-folder">
            {folder.split(/(?<=[\\/])/).map((part, i) => (
              <span key={i}>
                {part}
                <wbr />
              </span>
            ))}
          </span>
        </>
      ) : null}
      .
    </p>
  );
}

/** A file name from the sheet's subject: "Operation P-Hunt" → "operation-p-hunt-fact-sheet". */
function baseName(subject: string): string {
  return `${folderNameFor(subject)}-fact-sheet`;
}

export interface ExportActions {
  onExport(format: FactSheetFormat, path: string, overwrite?: boolean): void;
  onCancelReplace(): void;
  onFormat(format: FactSheetFormat): void;
  onPath(path: string | null): void;
  /** The system's save dialog (desktop app); null when cancelled. */
  onChoosePath(suggestedName: string, extension: FactSheetFormat): Promise<string | null>;
}

export function ExportPanel({ subject, folder, canChoose, state, actions }: { subject: string; folder: string; canChoose: boolean; state: ExportState; actions: ExportActions }) {
  const exportState = state;
  const { onExport: exportTo, onCancelReplace: cancelReplace } = actions;
  const { format, typedPath: typed } = exportState;
  const separator = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  const suggested = `${folder.replace(/[\\/]+$/, '')}${separator}${baseName(subject)}.${format}`;
  // What the reporter typed or chose; until then, the suggestion (which follows the subject and format).
  const path = typed ?? suggested;
  const setTyped = actions.onPath;
  const changeFormat = actions.onFormat;
  const choose = async () => {
    const chosen = await actions.onChoosePath(`${baseName(subject)}.${format}`, format);
    // The system's dialog already asked before replacing a file.
    if (chosen) {
      setTyped(chosen);
      exportTo(format, chosen, true);
    }
  };
  return (
    <section className="export-panel" aria-label="Export the fact sheet">
      <h2 className="subheading">Export</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          exportTo(format, path.trim());
        }}
      >
        <label>
          Format{' '}
          <select value={format} onChange={(e) => changeFormat(e.target.value as FactSheetFormat)}>
            {FORMATS.map((f) => (
              <option key={f.format} value={f.format}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <label className="export-path">
          Save as
          <input type="text" value={path} spellCheck={false} onChange={(e) => setTyped(e.target.value)} />
        </label>
        <div className="export-actions">
          <button type="submit" className="primary" disabled={exportState.busy || path.trim() === ''}>
            {exportState.busy ? 'Exporting…' : 'Export'}
          </button>
          {canChoose ? (
            <button type="button" onClick={() => void choose()} disabled={exportState.busy}>
              Choose where…
            </button>
          ) : null}
        </div>
      </form>
      {exportState.replace ? <ReplaceQuestion path={exportState.replace.path} onReplace={() => exportTo(exportState.replace!.format, exportState.replace!.path, true)} onKeep={cancelReplace} /> : null}
      {exportState.saved ? <SavedLine saved={exportState.saved} /> : null}
      {exportState.error ? (
        <p role="alert" className="error-text">
          {exportState.error.message}
        </p>
      ) : null}
    </section>
  );
}
