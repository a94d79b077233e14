/**
 * What the command line prints is safe for the terminal that shows it. Titles, names, notes and
 * file names come from imported files, other people's notebooks and the team's server; printed
 * raw, an escape sequence in one could rewrite the screen, set the clipboard (OSC 52), plant a
 * link (OSC 8), or turn a line around (U+202E) so it reads as something else. Every such character
 * is shown as its code, `\u001b`, which reads plainly and keeps JSON output valid JSON.
 */

/** C0 controls but line feed and tab, DEL, C1 controls, and the bidirectional format controls. */
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const code = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Text with every character that could drive the terminal shown as its code; line breaks and tabs kept. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, code);
}

/** A value printed within one line (a file name, a title): its line breaks and tabs shown as codes too, so it cannot forge a line. */
export function oneLine(value: string): string {
  return terminalSafe(value).replace(/[\n\t]/g, code);
}
