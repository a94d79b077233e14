/**
 * Notebook → Share…: share the open notebook through the team's CouchDB server, or join a
 * notebook colleagues share (a full copy here). When the notebook is shared, the dialog says with
 * whom and how sync is going, and offers Sync now and Turn sharing off. The reporter's name, which
 * colleagues see beside their edits, is asked for first.
 */
import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../../../../shared/api/result';
import type { SyncStatus } from '../../../../../shared/domain/sync';
import { ErrorLine } from '../../../components/ErrorLine';
import { FormActions } from '../../../components/FormActions';
import { Modal } from '../../../components/Modal';
import type { ShareInput } from '../store';
import { statusWords } from './SyncStatusLine';

export interface ShareDialogProps {
  status: SyncStatus | null;
  hasNotebook: boolean;
  displayName: string | null;
  busy: boolean;
  error: ApiError | null;
  done: string | null;
  onSetName(name: string): Promise<ApiError | null>;
  onShare(input: ShareInput): void;
  onJoin(input: ShareInput): void;
  onSyncNow(): void;
  onStop(): void;
  onConflicts(): void;
  onClose(): void;
}

function ServerFields(props: {
  server: string;
  database: string;
  username: string;
  password: string;
  set(field: 'server' | 'database' | 'username' | 'password', value: string): void;
  databaseHint: string;
}) {
  return (
    <>
      <label className="field">
        <span>Server address</span>
        <input type="url" value={props.server} placeholder="https://couch.newsroom.example" spellCheck={false} autoFocus onChange={(e) => props.set('server', e.target.value)} />
      </label>
      <label className="field">
        <span>Database</span>
        <input type="text" value={props.database} placeholder={props.databaseHint} spellCheck={false} onChange={(e) => props.set('database', e.target.value)} />
      </label>
      <div className="field-pair">
        <label className="field">
          <span>Your name on the server</span>
          <input type="text" value={props.username} autoComplete="username" spellCheck={false} onChange={(e) => props.set('username', e.target.value)} />
        </label>
        <label className="field">
          <span>Password</span>
          <input type="password" value={props.password} autoComplete="current-password" onChange={(e) => props.set('password', e.target.value)} />
        </label>
      </div>
    </>
  );
}

export function ShareDialog(props: ShareDialogProps) {
  const shared = props.status?.shared ? props.status : null;
  const [mode, setMode] = useState<'share' | 'join'>(props.hasNotebook ? 'share' : 'join');
  const [fields, setFields] = useState({ server: shared?.server ?? '', database: shared?.database ?? '', username: shared?.username ?? '', password: '' });
  const [name, setName] = useState(props.displayName ?? '');
  const [nameError, setNameError] = useState<ApiError | null>(null);
  const set = (field: keyof typeof fields, value: string) => setFields({ ...fields, [field]: value });
  const input = (): ShareInput => ({
    server: fields.server.trim(),
    database: fields.database.trim(),
    username: fields.username.trim() || null,
    password: fields.password === '' ? null : fields.password,
  });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (name.trim() !== (props.displayName ?? '')) {
      const problem = await props.onSetName(name.trim());
      setNameError(problem);
      if (problem) return;
    }
    if (mode === 'share') props.onShare(input());
    else props.onJoin(input());
  };
  const ready = name.trim() !== '' && fields.server.trim() !== '' && fields.database.trim() !== '';
  const needsPassword = shared?.state === 'error' && /password/i.test(shared.message);

  if (shared && !needsPassword) {
    return (
      <Modal title="Sharing" onClose={props.onClose}>
        <p className="dialog-intro">
          This notebook is shared through <strong>{shared.server}</strong>, database <strong>{shared.database}</strong>
          {shared.username ? <> as {shared.username}</> : null}. Everything it holds but its snapshots is on the server; edits go both ways while you are online and wait while you are not.
        </p>
        <p role="status" className={`sync-state sync-${shared.state}`}>
          {statusWords(shared)}
        </p>
        <p className="muted-note">Your password is kept {shared.passwordKept}.</p>
        {shared.conflicts > 0 ? (
          <p>
            <button type="button" className="link-button" onClick={props.onConflicts}>
              {shared.conflicts} record{shared.conflicts === 1 ? '' : 's'} changed on two laptops at once — choose in Conflicts…
            </button>
          </p>
        ) : null}
        {props.done ? <p role="status">{props.done}</p> : null}
        <ErrorLine error={props.error} />
        <div className="actions">
          <button type="button" disabled={props.busy} onClick={props.onStop}>
            Turn sharing off
          </button>
          <span className="spacer" />
          <button type="button" disabled={props.busy} onClick={props.onSyncNow}>
            Sync now
          </button>
          <button type="button" className="primary" onClick={props.onClose}>
            Close
          </button>
        </div>
      </Modal>
    );
  }

  return (
    <Modal title={needsPassword ? 'Sharing needs your password' : 'Share or join a notebook'} onClose={props.onClose}>
      <form onSubmit={(e) => void submit(e)}>
        {needsPassword ? (
          <p className="dialog-intro">{shared?.message} Give it again to go on syncing; nothing was lost meanwhile.</p>
        ) : (
          <>
            <div className="segmented" role="radiogroup" aria-label="What to do">
              <label>
                <input type="radio" name="share-mode" checked={mode === 'share'} disabled={!props.hasNotebook} onChange={() => setMode('share')} /> Share this notebook
              </label>
              <label>
                <input type="radio" name="share-mode" checked={mode === 'join'} onChange={() => setMode('join')} /> Join a notebook colleagues share
              </label>
            </div>
            <p className="dialog-intro">
              {mode === 'share'
                ? 'Puts this notebook on your team’s CouchDB server (the database is made if it is missing). Colleagues then join it and each keeps a full copy that works offline. Nothing is sent anywhere else.'
                : 'Makes a new notebook here holding everything colleagues share on the server, and opens it. The notebook open now stays as it is.'}
            </p>
          </>
        )}
        <label className="field">
          <span>Your name, as colleagues see it beside your edits</span>
          <input type="text" value={name} placeholder="e.g. Asha Menon" onChange={(e) => setName(e.target.value)} />
        </label>
        <ErrorLine error={nameError} />
        <ServerFields {...fields} set={set} databaseHint={mode === 'share' ? 'e.g. p-hunt (lowercase letters, digits, - and _)' : 'the name colleagues gave you'} />
        <p className="muted-note">Only https:// addresses are used (plain http only to this computer). The password is kept apart from the notebook, never in it.</p>
        {props.done ? <p role="status">{props.done}</p> : null}
        <ErrorLine error={props.error} />
        <FormActions
          label={props.busy ? (mode === 'share' ? 'Sharing…' : 'Joining…') : needsPassword ? 'Go on syncing' : mode === 'share' ? 'Share notebook' : 'Join notebook'}
          disabled={props.busy || !ready}
          onCancel={props.onClose}
        />
      </form>
    </Modal>
  );
}
