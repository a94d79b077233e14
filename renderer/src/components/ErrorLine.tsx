/** An action's error, in words, where the reporter can correct the input (nothing when there is none). */
import type { ApiError } from '../../../shared/api/result';

export function ErrorLine({ error }: { error: ApiError | null }) {
  return error ? (
    <p role="alert" className="error-text">
      {error.message}
    </p>
  ) : null;
}
