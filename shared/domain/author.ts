/**
 * Who made an edit, as the notebook records it: the reporter's display name (settings), so that
 * a team sees who highlighted, merged or resolved what. Null where no name was set.
 */
import * as z from 'zod';

export const AUTHOR_MAX_LENGTH = 120;
export const Author = z.string().trim().min(1).max(AUTHOR_MAX_LENGTH, `a name can be at most ${AUTHOR_MAX_LENGTH} characters`);
