/** Web addresses as sources record them (no schema library: the import workers use it). */

// shared/ is typed without Node's or the DOM's declarations; every host has the WHATWG URL parser.
declare const URL: new (input: string) => { protocol: string; href: string };
/**
 * A web address a source may record: http or https only, as the URL parser writes it (so a `<` or
 * a space can never break out of the Markdown or HTML it is written into). Anything else — a
 * `javascript:`, `data:` or `file:` address, or text that is no address — is null.
 */
export function webUrlOrNull(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  let url: { protocol: string; href: string };
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}
