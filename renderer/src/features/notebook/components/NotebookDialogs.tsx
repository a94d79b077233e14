/**
 * The dialogs to create, open and rename a notebook. Each shows the error of its own action in
 * place, so the user can correct the input without starting over.
 */
import { useId, useState, type FormEvent } from 'react';
import type { ApiError } from '../../../../../shared/api/result';
import type { RecentNotebook } from '../../../../../shared/domain/notebook';
import { ErrorLine } from '../../../components/ErrorLine';
import { FormActions } from '../../../components/FormActions';
import { Modal } from '../../../components/Modal';

interface Common {
  busy: boolean;
  error: ApiError | null;
  onClose(): void;
}

/** A folder's path, typed or browsed to; the label names the box alone, not its Browse… button. */
function FolderField(props: { label: string; value: string; onChange(v: string): void; onBrowse?: () => void; placeholder: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <span className="field-row">
        <input id={id} type="text" value={props.value} placeholder={props.placeholder} spellCheck={false} onChange={(e) => props.onChange(e.target.value)} />
        {props.onBrowse ? (
          <button type="button" onClick={props.onBrowse}>
            Browse…
          </button>
        ) : null}
      </span>
    </div>
  );
}

export function NewNotebookDialog(props: Common & { onCreate(name: string, path?: string): void; onBrowse?: () => Promise<string | null> }) {
  const [name, setName] = useState('');
  const [path, setPath] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onCreate(name, path.trim() || undefined);
  };
  const browse = props.onBrowse;
  return (
    <Modal title="New notebook" onClose={props.onClose}>
      <form onSubmit={submit}>
        <label className="field">
          <span>Name</span>
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} autoFocus placeholder="e.g. Operation P-Hunt" />
        </label>
        <FolderField
          label="Folder (optional)"
          value={path}
          onChange={setPath}
          placeholder="Leave empty to keep it in Dossier's notebooks folder"
          onBrowse={browse ? () => void browse().then((p) => p && setPath(p)) : undefined}
        />
        <ErrorLine error={props.error} />
        <FormActions label="Create notebook" disabled={props.busy || name.trim() === ''} onCancel={props.onClose} />
      </form>
    </Modal>
  );
}

export function OpenNotebookDialog(props: Common & { recent: RecentNotebook[]; currentPath: string | null; onOpen(path: string): void; onBrowse?: () => Promise<string | null> }) {
  const [path, setPath] = useState('');
  const others = props.recent.filter((r) => r.path !== props.currentPath);
  const browse = props.onBrowse;
  return (
    <Modal title="Open notebook" onClose={props.onClose}>
      {others.length > 0 ? (
        <>
          <h3 className="subheading">Recent</h3>
          <ul className="recent-list">
            {others.map((r) => (
              <li key={r.path}>
                <button type="button" disabled={props.busy} onClick={() => props.onOpen(r.path)}>
                  <span className="recent-name">{r.name}</span>
                  <span className="recent-path">{r.path}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          props.onOpen(path.trim());
        }}
      >
        <FolderField label="Notebook folder" value={path} onChange={setPath} placeholder="/path/to/notebook" onBrowse={browse ? () => void browse().then((p) => p && props.onOpen(p)) : undefined} />
        <ErrorLine error={props.error} />
        <FormActions label="Open folder" disabled={props.busy || path.trim() === ''} onCancel={props.onClose} />
      </form>
    </Modal>
  );
}

export function RenameNotebookDialog(props: Common & { current: string; onRename(name: string): void }) {
  const [name, setName] = useState(props.current);
  return (
    <Modal title="Rename notebook" onClose={props.onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          props.onRename(name);
        }}
      >
        <label className="field">
          <span>Name</span>
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
        </label>
        <ErrorLine error={props.error} />
        <FormActions label="Rename" disabled={props.busy || name.trim() === ''} onCancel={props.onClose} />
      </form>
    </Modal>
  );
}
