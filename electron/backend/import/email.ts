/**
 * E-mail: an RFC 5322 message (.eml, or one message of an mbox) read by mailparser, and an Outlook
 * .msg read by msgreader. A message becomes one document, titled by its subject, whose text opens
 * with its headers (who wrote to whom, when, what was attached: all of it searchable and citable)
 * and goes on with the body: the plain-text part, else the HTML part turned to text. Every
 * attachment is read through the same importers as a file (a nested message too) and comes back
 * beside the message; one that cannot be read is named with the reason, and never stops the message.
 */
import type { AddressObject, Attachment, ParsedMail } from 'mailparser';
import type { MailAddress } from '../../../shared/domain/source';
import { detectLanguage } from '../../../shared/domain/language';
import { normalizeText } from '../../../shared/domain/text';
import { decodeText } from './decode';
import type { ExtractedAttachment, ExtractedDocument, ExtractedMail } from './document';
import { ImportError } from './errors';

/** Reads an attached file as an imported one would be (extract.ts's entry point). */
export type ReadAttachment = (fileName: string, bytes: Uint8Array, depth: number) => Promise<ExtractedDocument>;

/** Attached messages are read this many levels deep (a forward of a forward of a forward…). */
const MAX_DEPTH = 4;

/** Parts that are not documents: a message's own alternative bodies and signatures. */
const NOT_A_DOCUMENT =
  /^(text\/watch-html|application\/(pgp|pkcs7)-signature|application\/pkcs7-mime|text\/calendar|application\/ics|message\/delivery-status|message\/disposition-notification|text\/rfc822-headers|text\/x-vcard|text\/vcard)/i;

const ZONES: Record<string, string> = {
  UT: '+00:00',
  UTC: '+00:00',
  GMT: '+00:00',
  Z: '+00:00',
  EST: '-05:00',
  EDT: '-04:00',
  CST: '-06:00',
  CDT: '-05:00',
  MST: '-07:00',
  MDT: '-06:00',
  PST: '-08:00',
  PDT: '-07:00',
};

/**
 * A Date header as ISO 8601 with the sender's own offset ("Wed, 19 Jun 1996 18:12:02 +0200" →
 * "1996-06-19T18:12:02+02:00"), so the day is the one the sender wrote; null when it is no date.
 */
export function mailDate(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const value = raw.replace(/\([^)]*\)/g, ' ').trim();
  const time = Date.parse(value);
  if (Number.isNaN(time)) return null;
  const numeric = /([+-])(\d{2}):?(\d{2})\s*$/.exec(value);
  const named = /\b([A-Z]{1,3}T?|UTC?)\s*$/.exec(value)?.[1];
  const offset = numeric ? `${numeric[1]}${numeric[2]}:${numeric[3]}` : (ZONES[named ?? ''] ?? '+00:00');
  const minutes = (offset[0] === '-' ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  if (Math.abs(minutes) > 14 * 60) return new Date(time).toISOString().replace(/\.\d{3}Z$/, '+00:00');
  const local = new Date(time + minutes * 60_000).toISOString().slice(0, 19);
  return `${local}${offset}`;
}

/** The first `<id>` of a header that may hold several, or null. */
function firstId(value: string | string[] | undefined): string | null {
  const list = Array.isArray(value) ? value : value ? value.split(/\s+/) : [];
  return list.map((x) => x.trim()).find((x) => x.length > 0) ?? null;
}

/** The root of a message's thread: its References' first, else In-Reply-To, else its own id. */
function threadOf(messageId: string | null, inReplyTo: string | null, references: string | string[] | undefined): string | null {
  return firstId(references) ?? inReplyTo ?? messageId;
}

function addresses(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const out: MailAddress[] = [];
  const visit = (entries: AddressObject['value']) => {
    for (const e of entries) {
      if (e.group) visit(e.group);
      else if (e.address) out.push({ name: e.name?.trim() || null, address: e.address.trim() });
    }
  };
  for (const object of Array.isArray(value) ? value : value ? [value] : []) visit(object.value);
  return out;
}

/** "Name <address>", or the address alone. */
export function formatAddress(a: MailAddress): string {
  return a.name && a.name !== a.address ? `${a.name} <${a.address}>` : a.address;
}

/** The header block a message's text opens with. */
function headerBlock(mail: ExtractedMail, subject: string | null, attachments: readonly ExtractedAttachment[]): string {
  const lines: string[] = [];
  if (mail.from.length) lines.push(`From: ${mail.from.map(formatAddress).join(', ')}`);
  if (mail.to.length) lines.push(`To: ${mail.to.map(formatAddress).join(', ')}`);
  if (mail.cc.length) lines.push(`Cc: ${mail.cc.map(formatAddress).join(', ')}`);
  if (mail.sentAt) lines.push(`Date: ${mail.sentAt.slice(0, 10)} ${mail.sentAt.slice(11, 16)} (UTC${mail.sentAt.slice(19)})`);
  if (subject) lines.push(`Subject: ${subject}`);
  if (attachments.length) lines.push(`Attachments: ${attachments.map((a) => a.fileName).join(', ')}`);
  return lines.join('\n');
}

/** An attachment's file name, made up from its type when the message gives none. */
function attachmentName(a: { filename?: string; contentType: string }, n: number): string {
  const given = a.filename?.trim();
  if (given) return given.replace(/[\\/]/g, '_');
  if (/^message\/rfc822/i.test(a.contentType)) return `attached message ${n}.eml`;
  const ext = /\/(pdf|html|plain|csv|msword)/i.exec(a.contentType)?.[1]?.toLowerCase();
  return `attachment ${n}${ext === 'plain' ? '.txt' : ext === 'msword' ? '.doc' : ext ? `.${ext}` : ''}`;
}

/** Reads each attachment; a failure is kept with its reason, the others go on. */
async function readAttachments(parts: readonly { fileName: string; contentType: string; bytes: Uint8Array }[], read: ReadAttachment, depth: number): Promise<ExtractedAttachment[]> {
  const out: ExtractedAttachment[] = [];
  for (const part of parts) {
    if (depth >= MAX_DEPTH) {
      out.push({ ...part, doc: null, problem: `is nested ${MAX_DEPTH} messages deep; Dossier reads attachments that far and no further` });
      continue;
    }
    // A text part with a name that says otherwise (a "list.doc" sent as text/plain) is read as the text it is.
    const asText = /^text\/plain/i.test(part.contentType) && !/\.(txt|text|md|markdown|csv|eml)$/i.test(part.fileName);
    try {
      out.push({ ...part, doc: await read(asText ? `${part.fileName}.txt` : part.fileName, part.bytes, depth + 1), problem: null });
    } catch (e) {
      out.push({ ...part, doc: null, problem: (e as Error)?.message ?? String(e) });
    }
  }
  return out;
}

/** The document of a message, once its parts are known. */
function messageDocument(
  format: 'email' | 'msg',
  subject: string | null,
  mail: ExtractedMail,
  body: string,
  attachments: ExtractedAttachment[],
  warnings: string[],
  lang: string | null,
): ExtractedDocument {
  const head = headerBlock(mail, subject, attachments);
  // The language is the body's own words': the header block's addresses and field names, and the
  // lines quoted from earlier messages, would only blur it.
  lang ??= detectLanguage(body.replace(/^[ \t]*>.*$/gm, ''))?.lang ?? null;
  const text = normalizeText([head, body].filter((x) => x.trim() !== '').join('\n\n'));
  for (const a of attachments) if (a.problem) warnings.push(`Its attachment “${a.fileName}” was not imported: it ${a.problem}.`);
  const sender = mail.from[0];
  // A message without a subject is named by who sent it and when, as a mail client lists it.
  const untitled = `(no subject)${sender ? ` from ${sender.name ?? sender.address}` : ''}${mail.sentAt ? `, ${mail.sentAt.slice(0, 10)}` : ''}`;
  return {
    format,
    title: subject ?? untitled,
    byline: sender ? (sender.name ?? sender.address) : null,
    outlet: null,
    published: mail.sentAt ? mail.sentAt.slice(0, 10) : null,
    lang,
    url: null,
    text,
    warnings,
    mail,
    attachments,
  };
}

/**
 * The body a reader saw: the HTML part, cleaned as a web page is, when it says more than the
 * plain-text part (which mail programs often cut short: "view this e-mail in your browser").
 */
async function richerBody(plain: string, html: string): Promise<string> {
  let fromHtml: string;
  try {
    fromHtml = (await import('./html')).htmlBodyText(html);
  } catch {
    return plain;
  }
  if (plain.trim() === '') return fromHtml;
  const words = (t: string) => t.toLowerCase().split(/\s+/).filter(Boolean);
  const plainWords = words(plain);
  const htmlWords = words(fromHtml);
  if (htmlWords.length <= plainWords.length * 1.2 + 5) return plain;
  // The HTML says more. When it also says all the plain part does, it is the body; when not (the
  // two parts differ), both are kept, so no word the message carried is lost.
  const inHtml = new Set(htmlWords);
  const covered = plainWords.filter((w) => inHtml.has(w)).length;
  return covered >= plainWords.length * 0.9 ? fromHtml : `${plain.trim()}\n\nThe message’s HTML part says:\n\n${fromHtml}`;
}

/** The raw body of a message whose MIME structure could not be followed (a broken boundary). */
function rawBody(bytes: Uint8Array): string {
  const raw = decodeText(bytes).text.replace(/\r\n?/g, '\n');
  const at = raw.indexOf('\n\n');
  return at < 0 ? '' : raw.slice(at + 2);
}

/** Reads an RFC 5322 message. `depth` counts the messages it is attached to. */
export async function extractEml(bytes: Uint8Array, read: ReadAttachment, depth = 0): Promise<ExtractedDocument> {
  const { simpleParser } = await import('mailparser');
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { skipImageLinks: true, skipTextLinks: true, skipTextToHtml: true, keepCidLinks: false });
  } catch (e) {
    throw new ImportError(`is not a readable e-mail message: ${(e as Error).message}`);
  }
  const headers = parsed.headers;
  if (headers.size === 0) throw new ImportError('is not an e-mail message (it has no headers)');
  const warnings: string[] = [];
  const rawDate = parsed.headerLines.find((l) => l.key === 'date')?.line.replace(/^date:\s*/i, '') ?? null;
  const sentAt = mailDate(rawDate);
  if (rawDate && !sentAt) warnings.push(`Its date “${rawDate.slice(0, 60)}” could not be read.`);
  const messageId = parsed.messageId?.trim() || null;
  const inReplyTo = firstId(parsed.inReplyTo);
  const mail: ExtractedMail = {
    from: addresses(parsed.from),
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    sentAt,
    messageId,
    inReplyTo,
    thread: threadOf(messageId, inReplyTo, parsed.references),
  };
  let body = parsed.text ?? '';
  if (parsed.html) body = await richerBody(body, parsed.html);
  // A text part without a name that the parser could not place (an old "Content-Type: text" with
  // no subtype) is the body, not an attachment.
  const isBodyText = (a: Attachment) => !a.filename && a.contentDisposition !== 'attachment' && /^text(\/plain)?$/i.test(a.contentType.trim());
  const stray = parsed.attachments.filter(isBodyText);
  if (stray.length > 0) body = [body, ...stray.map((a) => decodeText(new Uint8Array(a.content)).text)].filter((t) => t.trim() !== '').join('\n\n');
  const parts = parsed.attachments
    .filter((a: Attachment) => !isBodyText(a))
    .filter((a: Attachment) => !NOT_A_DOCUMENT.test(a.contentType) && !(a.related && /^image\//i.test(a.contentType) && !a.filename))
    .map((a: Attachment, i: number) => ({ fileName: attachmentName(a, i + 1), contentType: a.contentType, bytes: new Uint8Array(a.content) }));
  if (body.trim() === '' && !parsed.html && parts.length === 0) {
    // A message whose parts could not be told apart (a broken boundary): its body as it stands.
    body = rawBody(bytes);
    if (/^--/m.test(body)) warnings.push('Its parts could not be told apart (its MIME structure is broken); the body is shown as it was sent.');
  }
  const attachments = await readAttachments(parts, read, depth);
  const lang = (headers.get('content-language') as string | undefined)?.split(/[,\s]/)[0] || null;
  return messageDocument('email', parsed.subject?.trim() || null, mail, body, attachments, warnings, lang);
}

/** Reads an Outlook .msg file. */
export async function extractMsg(bytes: Uint8Array, read: ReadAttachment, depth = 0): Promise<ExtractedDocument> {
  const module = await import('@kenjiuno/msgreader');
  const MsgReader = (module as unknown as { default: typeof module.default }).default;
  const reader = new MsgReader(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  let data: ReturnType<typeof reader.getFileData>;
  try {
    data = reader.getFileData();
  } catch (e) {
    throw new ImportError(`is not a readable Outlook message: ${(e as Error).message}`);
  }
  if ((data as { error?: string }).error) throw new ImportError(`is not a readable Outlook message: ${(data as { error?: string }).error}`);
  const warnings: string[] = [];
  // The transport headers, when Outlook kept them, say the date with the sender's offset.
  const headers = data.headers ?? '';
  const headerDate = /^date:\s*(.+(?:\r?\n[ \t].+)*)/im.exec(headers)?.[1]?.replace(/\s+/g, ' ') ?? null;
  const sentAt = mailDate(headerDate) ?? mailDate(data.clientSubmitTime) ?? mailDate(data.messageDeliveryTime) ?? mailDate(data.creationTime);
  const recipients = (kind: string) =>
    (data.recipients ?? []).filter((r) => (r.recipType ?? 'to') === kind && (r.smtpAddress || r.email)).map((r) => ({ name: r.name?.trim() || null, address: (r.smtpAddress || r.email)!.trim() }));
  const senderAddress = data.senderSmtpAddress || data.senderEmail || null;
  const messageId = data.messageId?.trim() || null;
  const inReplyTo = firstId(/^in-reply-to:\s*(.+)/im.exec(headers)?.[1]);
  const mail: ExtractedMail = {
    from: senderAddress ? [{ name: data.senderName?.trim() && data.senderName.trim() !== senderAddress ? data.senderName.trim() : null, address: senderAddress }] : [],
    to: recipients('to'),
    cc: recipients('cc'),
    sentAt,
    messageId,
    inReplyTo,
    thread: threadOf(messageId, inReplyTo, /^references:\s*(.+(?:\r?\n[ \t].+)*)/im.exec(headers)?.[1]?.trim()),
  };
  let body = data.body ?? '';
  if (data.bodyHtml) body = await richerBody(body, data.bodyHtml);
  const parts: { fileName: string; contentType: string; bytes: Uint8Array }[] = [];
  for (const [i, a] of (data.attachments ?? []).entries()) {
    try {
      const got = reader.getAttachment(a);
      parts.push({
        fileName: attachmentName({ filename: got.fileName || a.fileName, contentType: a.attachMimeTag ?? 'application/octet-stream' }, i + 1),
        contentType: a.attachMimeTag ?? 'application/octet-stream',
        bytes: got.content,
      });
    } catch (e) {
      warnings.push(`Its attachment ${i + 1} could not be taken out of the message: ${(e as Error).message}.`);
    }
  }
  const attachments = await readAttachments(
    parts.filter((p) => !NOT_A_DOCUMENT.test(p.contentType)),
    read,
    depth,
  );
  return messageDocument('msg', data.subject?.trim() || null, mail, body, attachments, warnings, null);
}
