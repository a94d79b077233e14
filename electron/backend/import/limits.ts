/** How large a file (or one message of a mailbox) may be: larger ones are refused before they are read. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
