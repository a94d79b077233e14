/** How the library writes a source's details. */
import { formatPartialDate } from '../../../../shared/domain/dates';

/** A publication date at its own precision, or "Undated": never today's date. */
export function formatSourceDate(published: string | null): string {
  return published === null ? 'Undated' : formatPartialDate(published);
}
