/**
 * Moving a notebook's work in and out: export the annotations (W3C JSON-LD or CSV), import a W3C
 * file, back the whole notebook up to one archive, restore an archive as a notebook. Each names a
 * file on this machine (typed, or chosen with the system's dialog in the desktop app), asks before
 * replacing a file, and says what happened.
 */
import { useState, type FormEvent } from 'react';
import { Modal } from '../../../components/Modal';
import { ReplaceQuestion } from '../../../components/ReplaceQuestion';
import type { Outcome, RunningTask } from '../store';

interface Props {
  busy: boolean;
  onClose(): void;
  /** The system's save dialog, where there is one; null when cancelled. */
  onChooseSave?: (suggestedName: string, extension: string) => Promise<string | null>;
  /** The system's file dialog, where there is one; null when cancelled. */
  onChooseFile?: () => Promise<string | null>;
  /** A backup or restore under way: shown with its progress, and Cancel stops it. */
  task?: RunningTask | null;
  onCancelTask?: () => void;
}

const size = (n: number) => (n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(1)} GB` : `${(n / 1024 ** 2).toFixed(1)} MB`);

/** How far a backup or restore is, in words and as a bar. */
function TaskProgress({ task }: { task: RunningTask }) {
  return (
    <div className="task-progress" role="status">
      <span>
        {task.step}… {task.total > 0 ? `${size(task.done)} of ${size(task.total)}` : ''}
      </span>
      <progress aria-label={task.step} max={Math.max(1, task.total)} value={task.total > 0 ? task.done : undefined} />
    </div>
  );
}

/** The dialog's Cancel/Close button: while a task runs it cancels the task, and the dialog stays to say so. */
function DismissButton(props: Props & { finished: boolean }) {
  if (props.task && props.onCancelTask)
    return (
      <button type="button" onClick={props.onCancelTask}>
        Cancel
      </button>
    );
  return (
    <button type="button" onClick={props.onClose}>
      {props.finished ? 'Close' : 'Cancel'}
    </button>
  );
}

/** Closing a dialog (Escape) while its task runs cancels the task first. */
const closing = (props: Props) => () => {
  if (props.task && props.onCancelTask) props.onCancelTask();
  props.onClose();
};

function useOutcome() {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const view = outcome ? (
    'done' in outcome ? (
      <p role="status" className="export-done">
        {outcome.done}
      </p>
    ) : 'error' in outcome ? (
      <p role="alert" className="error-text">
        {outcome.error.message}
      </p>
    ) : null
  ) : null;
  return { outcome, setOutcome, view };
}

function PathField({ label, value, onChange, onChoose }: { label: string; value: string; onChange(v: string): void; onChoose?: () => void }) {
  return (
    <label className="field">
      <span>{label}</span>
      <span className="field-row">
        <input type="text" value={value} spellCheck={false} onChange={(e) => onChange(e.target.value)} />
        {onChoose ? (
          <button type="button" onClick={onChoose}>
            Choose…
          </button>
        ) : null}
      </span>
    </label>
  );
}

const join = (folder: string, name: string) => `${folder.replace(/[\\/]+$/, '')}${folder.includes('\\') && !folder.includes('/') ? '\\' : '/'}${name}`;

/** A file to write: annotations (with a format) or a backup. */
export function SaveFileDialog(
  props: Props & {
    title: string;
    intro: string;
    folder: string;
    baseName: string;
    formats: { value: string; label: string; extension: string }[];
    actionLabel: string;
    onSave(format: string, path: string, overwrite: boolean): Promise<Outcome>;
  },
) {
  const [format, setFormat] = useState(props.formats[0].value);
  const extension = props.formats.find((f) => f.value === format)!.extension;
  const [typed, setTyped] = useState<string | null>(null);
  const path = typed ?? join(props.folder, `${props.baseName}.${extension}`);
  const { outcome, setOutcome, view } = useOutcome();
  const save = async (to: string, overwrite: boolean) => setOutcome(await props.onSave(format, to, overwrite));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save(path.trim(), false);
  };
  const choose = props.onChooseSave
    ? async () => {
        const chosen = await props.onChooseSave!(`${props.baseName}.${extension}`, extension);
        // The system's dialog already asked before replacing a file.
        if (chosen) {
          setTyped(chosen);
          await save(chosen, true);
        }
      }
    : undefined;
  return (
    <Modal title={props.title} onClose={closing(props)}>
      <form onSubmit={submit}>
        <p className="dialog-intro">{props.intro}</p>
        {props.formats.length > 1 ? (
          <label className="field">
            <span>Format</span>
            <select
              value={format}
              onChange={(e) => {
                const next = props.formats.find((f) => f.value === e.target.value)!;
                setFormat(next.value);
                if (typed !== null) setTyped(typed.replace(/\.[a-z]{2,8}$/i, '') + `.${next.extension}`);
              }}
            >
              {props.formats.map((f) => (
                <option key={f.value} value={f.value}>
                  {f.label}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <PathField label="Save as" value={path} onChange={setTyped} onChoose={choose ? () => void choose() : undefined} />
        {props.task ? (
          <TaskProgress task={props.task} />
        ) : outcome && 'exists' in outcome ? (
          <ReplaceQuestion path={outcome.exists} onReplace={() => void save(outcome.exists, true)} onKeep={() => setOutcome(null)} />
        ) : (
          view
        )}
        <div className="actions">
          <DismissButton {...props} finished={outcome !== null && 'done' in outcome} />
          <button type="submit" className="primary" disabled={props.busy || path.trim() === ''}>
            {props.actionLabel}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** A file to read: a W3C file to import, or a backup to restore (with where to put it). */
export function OpenFileDialog(
  props: Props & {
    title: string;
    intro: string;
    actionLabel: string;
    /** For a restore: the folder to restore into (empty: a new folder in Dossier's notebooks folder). */
    withFolder?: boolean;
    onOpen(path: string, folder: string): Promise<Outcome>;
  },
) {
  const [path, setPath] = useState('');
  const [folder, setFolder] = useState('');
  const { setOutcome, outcome, view } = useOutcome();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setOutcome(null);
    setOutcome(await props.onOpen(path.trim(), folder.trim()));
  };
  const choose = props.onChooseFile
    ? async () => {
        const chosen = await props.onChooseFile!();
        if (chosen) setPath(chosen);
      }
    : undefined;
  return (
    <Modal title={props.title} onClose={closing(props)}>
      <form onSubmit={(e) => void submit(e)}>
        <p className="dialog-intro">{props.intro}</p>
        <PathField label="File" value={path} onChange={setPath} onChoose={choose ? () => void choose() : undefined} />
        {props.withFolder ? <PathField label="Restore into (an empty or new folder; leave empty for Dossier’s notebooks folder)" value={folder} onChange={setFolder} /> : null}
        {props.task ? <TaskProgress task={props.task} /> : view}
        <div className="actions">
          <DismissButton {...props} finished={outcome !== null && 'done' in outcome} />
          <button type="submit" className="primary" disabled={props.busy || path === ''}>
            {props.actionLabel}
          </button>
        </div>
      </form>
    </Modal>
  );
}
