/**
 * An mbox mailbox, streamed: messages are cut at their "From " separator lines as the file is
 * read, one at a time, so a mailbox of any size is read in the memory of its largest message.
 * Lines the mbox writer escaped (">From ", mboxrd) get their ">" back off.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { MAX_IMPORT_BYTES } from './limits';

/** One message of a mailbox: its place (1 = the first), and its bytes or why they were not kept. */
export type MailboxMessage = { index: number; bytes: Uint8Array } | { index: number; tooLarge: number };

/** Where a mailbox is: a file on disk, or bytes already in memory (a dropped file). */
export type MailboxInput = { path: string } | { bytes: Uint8Array };

function lines(input: MailboxInput): AsyncIterable<string> {
  // latin1 maps every byte to one character and back, so a message's bytes come out as they went in.
  const stream =
    'path' in input
      ? createReadStream(input.path, { encoding: 'latin1', highWaterMark: 256 * 1024 })
      : Readable.from([Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength).toString('latin1')]);
  return createInterface({ input: stream, crlfDelay: Infinity });
}

/** The messages of a mailbox, in order, as they are read. */
export async function* mailboxMessages(input: MailboxInput, limit = MAX_IMPORT_BYTES): AsyncGenerator<MailboxMessage> {
  let current: string[] | null = null;
  let size = 0;
  let index = 0;
  let previousBlank = true;
  const finish = (): MailboxMessage | null => {
    if (current === null) return null;
    const message: MailboxMessage = size > limit ? { index, tooLarge: size } : { index, bytes: new Uint8Array(Buffer.from(current.join('\n'), 'latin1')) };
    current = null;
    return message;
  };
  for await (const line of lines(input)) {
    if (previousBlank && line.startsWith('From ')) {
      const done = finish();
      if (done && !('bytes' in done && done.bytes.length === 0)) yield done;
      index++;
      current = [];
      size = 0;
      previousBlank = false;
      continue;
    }
    previousBlank = line === '';
    if (current === null) continue; // Anything before the first separator is not a message.
    size += line.length + 1;
    if (size <= limit) current.push(/^>+From /.test(line) ? line.slice(1) : line);
  }
  const last = finish();
  if (last) yield last;
}

/** How many messages a mailbox holds, and the first few, read without keeping the others. */
export async function countMailbox(input: MailboxInput, keep = 3): Promise<{ messages: number; first: MailboxMessage[] }> {
  let messages = 0;
  const first: MailboxMessage[] = [];
  for await (const message of mailboxMessages(input)) {
    messages++;
    if (first.length < keep) first.push(message);
  }
  return { messages, first };
}
