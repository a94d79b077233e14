/**
 * The one footer of every form and dialog: Cancel, then the action, which is the form's submit
 * button (or, with `onAction`, a button of its own). The same order and look everywhere.
 */
export interface FormActionsProps {
  label: string;
  disabled: boolean;
  onCancel(): void;
  /** For a footer outside a <form>: what the action button does. */
  onAction?(): void;
  cancelLabel?: string;
}

export function FormActions({ label, disabled, onCancel, onAction, cancelLabel = 'Cancel' }: FormActionsProps) {
  return (
    <div className="actions">
      <button type="button" onClick={onCancel}>
        {cancelLabel}
      </button>
      <button type={onAction ? 'button' : 'submit'} className="primary" disabled={disabled} onClick={onAction}>
        {label}
      </button>
    </div>
  );
}
