/** A yes/no question in a modal, for actions that replace something. */
import type { ApiError } from '../../../../../shared/api/result';
import { Modal } from '../../../components/Modal';

export function ConfirmDialog(props: { title: string; body: string; confirmLabel: string; busy: boolean; error: ApiError | null; onConfirm(): void; onClose(): void }) {
  return (
    <Modal title={props.title} onClose={props.onClose}>
      <p>{props.body}</p>
      {props.error ? (
        <p role="alert" className="error-text">
          {props.error.message}
        </p>
      ) : null}
      <div className="actions">
        <button type="button" onClick={props.onClose}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={props.busy} onClick={props.onConfirm} autoFocus>
          {props.confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
