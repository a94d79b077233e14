/** Numbers as the interface writes them. */
import { formatPartialDate } from '../../../shared/domain/dates';

/** A size as a reader says it: "812 bytes", "14.7 KB", "3.2 MB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** A publication date at its own precision, or "Undated": never today's date. */
export function formatSourceDate(published: string | null): string {
  return published === null ? 'Undated' : formatPartialDate(published);
}
