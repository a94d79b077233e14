/** What the search could not understand (and did instead), and a failed search's error. */
import type { ApiError } from '../../../../../shared/api/result';

export function SearchNotes({ problems, error }: { problems: readonly string[]; error: ApiError | null }) {
  return (
    <>
      {problems.map((p) => (
        <p key={p} className="search-problem" role="status">
          {p}
        </p>
      ))}
      {error ? (
        <p role="alert" className="error-text">
          {error.message}
        </p>
      ) : null}
    </>
  );
}
