/**
 * Replacing a source's text with a newer version: from a text file or pasted text. Dossier then
 * re-anchors every annotation and says how they fared.
 */
import { useState, type ChangeEvent } from 'react';
import type { ApiError } from '../../../../../shared/api/result';
import { FormActions } from '../../../components/FormActions';
import { Modal } from '../../../components/Modal';

export interface NewVersionDialogProps {
  title: string;
  busy: boolean;
  error: ApiError | null;
  onSubmit(text: string): void;
  onClose(): void;
}

/** Larger files are refused before they are read. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

export function NewVersionDialog({ title, busy, error, onSubmit, onClose }: NewVersionDialogProps) {
  const [text, setText] = useState('');
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    setFileProblem(null);
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) return setFileProblem(`${file.name} is larger than 20 MB; Dossier takes text files up to that size.`);
    const bytes = new Uint8Array(await file.arrayBuffer());
    try {
      setText(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch {
      setFileProblem(`${file.name} is not UTF-8 text. Save it as UTF-8 text, or paste its text below.`);
    }
  };
  return (
    <Modal title={`New version of “${title}”`} onClose={onClose}>
      <p className="dialog-note">
        Dossier keeps the current text and re-anchors every annotation on the new one. Annotations whose words are gone are kept and listed under
        <strong> Needs review</strong>.
      </p>
      <label className="field">
        <span>Text file</span>
        <input type="file" accept=".txt,.md,text/plain,text/markdown" onChange={(e) => void onFile(e)} />
      </label>
      <label className="field">
        <span>Or paste the new text</span>
        <textarea rows={8} value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      {fileProblem || error ? (
        <p role="alert" className="error-text">
          {fileProblem ?? error?.message}
        </p>
      ) : null}
      <FormActions label="Save new version" disabled={busy || text.trim() === ''} onCancel={onClose} onAction={() => onSubmit(text)} />
    </Modal>
  );
}
