/**
 * Fetching a page to import: the only network request Dossier ever makes, and only when the user
 * asks for it. A time limit, a size limit, and a clear message for each way it can fail (offline,
 * refused, too slow, not found, not a page).
 */
import { ImportError } from './errors';
import { MAX_IMPORT_BYTES } from './pipeline';

/** How long a page may take to arrive. */
export const FETCH_TIMEOUT_MS = 20_000;

const ACCEPTED: [RegExp, string][] = [
  [/^text\/html|^application\/xhtml\+xml/i, 'page.html'],
  [/^application\/pdf/i, 'document.pdf'],
  [/^text\/plain|^text\/markdown/i, 'page.txt'],
  [/^application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document/i, 'document.docx'],
];

/** Says in words why a fetch failed, from the error Node's fetch gives. */
export function describeFetchError(url: URL, e: unknown, timeoutMs: number): string {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  const host = url.host;
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') return `${host} did not answer within ${timeoutMs / 1000} seconds.`;
  const code = err?.cause?.code ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `Dossier could not find ${host}: this computer seems to be offline, or the address is wrong.`;
  if (code === 'ECONNREFUSED') return `${host} refused the connection: the site may be down.`;
  if (code === 'ENETUNREACH' || code === 'EHOSTUNREACH') return `Dossier could not reach ${host}: this computer seems to be offline.`;
  if (code.startsWith('CERT_') || code.includes('SSL') || code.includes('TLS')) return `${host} did not present a valid secure certificate, so Dossier did not trust the page.`;
  const detail = [err?.message, err?.cause?.message].filter(Boolean).join(': ');
  return `Dossier could not fetch ${url.href} (${detail || String(e)}).`;
}

/** Fetches a page for import; throws ImportError with the reason in words. */
export async function fetchForImport(address: string, options: { timeoutMs?: number; maxBytes?: number; fetchImpl?: typeof fetch } = {}): Promise<{ name: string; bytes: Uint8Array; url: string }> {
  const timeoutMs = options.timeoutMs ?? FETCH_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? MAX_IMPORT_BYTES;
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new ImportError(`“${address}” is not a web address`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ImportError(`“${address}” is not a web address (it should start with https://)`);
  let response: Response;
  try {
    response = await (options.fetchImpl ?? fetch)(url, {
      redirect: 'follow',
      signal: AbortSignal.timeout(timeoutMs),
      headers: { 'user-agent': 'Dossier (offline research notebook)', accept: 'text/html,application/xhtml+xml,application/pdf,text/plain;q=0.8' },
    });
  } catch (e) {
    throw new ImportError(describeFetchError(url, e, timeoutMs));
  }
  if (!response.ok) throw new ImportError(`${url.host} answered ${response.status} ${response.statusText || ''}`.trim() + ' for that address');
  const type = response.headers.get('content-type') ?? '';
  const kind = ACCEPTED.find(([re]) => re.test(type));
  if (!kind) throw new ImportError(`${url.href} is not a page Dossier can import (it is ${type.split(';')[0] || 'of no stated type'})`);
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > maxBytes) throw new ImportError(`${url.href} is ${Math.round(length / 1024 / 1024)} MB; Dossier imports up to ${maxBytes / 1024 / 1024} MB`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      if (size > maxBytes) throw new ImportError(`${url.href} is larger than ${maxBytes / 1024 / 1024} MB; Dossier imports up to that size`);
      chunks.push(chunk);
    }
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError(describeFetchError(url, e, timeoutMs));
  }
  return { name: kind[1], bytes: Buffer.concat(chunks), url: response.url || url.href };
}
