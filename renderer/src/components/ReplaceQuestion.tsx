/** "This file already exists. Replace it?" — asked before an export overwrites a file. */
export function ReplaceQuestion({ path, onReplace, onKeep }: { path: string; onReplace(): void; onKeep(): void }) {
  return (
    <div className="replace-question" role="alertdialog" aria-label="Replace the file?">
      <p>
        <strong>{path}</strong> already exists. Replace it?
      </p>
      <button type="button" className="primary small" onClick={onReplace}>
        Replace
      </button>{' '}
      <button type="button" className="small" onClick={onKeep}>
        Keep it
      </button>
    </div>
  );
}
