/**
 * E-mail import on real messages from other mail parsers' test suites (../shared/testdata/email,
 * licences in its SOURCE.txt): every .eml, the 45 messages of a real mbox and two Outlook .msg
 * files, against the subject, addresses, date, body phrases and attachments expected.json gives.
 */
import iconv from 'iconv-lite';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mailThreads } from '../../../shared/domain/mail';
import { Notebook } from '../store/notebook';
import { NameReader } from '../entities/name-reader';
import { createEntity } from '../entities/service';
import { suggestEntities } from '../entities/suggest';
import { tempDir } from '../testing/fixtures';
import { testdata } from '../testing/testdata';
import type { ExtractedDocument } from './document';
import { mailDate } from './email';
import { extractDocument } from './extract';
import { ImportJobs } from './jobs';
import { mailboxMessages } from './mailbox';
import { importPaths } from './pipeline';

const ROOT = testdata('email', 'the e-mail import tests');

interface Expected {
  file: string;
  index_in_mbox: number | null;
  subject: string | null;
  from_addresses: string[];
  to_addresses: string[];
  date: string | null;
  body_contains: string[];
  nested_contains?: string[];
  attachments: { filename: string | null; content_type: string }[];
}

const expected: Expected[] = ROOT ? (JSON.parse(await readFile(join(ROOT, 'expected.json'), 'utf8')) as { messages: Expected[] }).messages : [];
/** Whitespace folded: a phrase the expectation gives on one line may be wrapped in the message. */
const fold = (s: string) => s.replace(/\s+/g, ' ');
/** A message's text and the texts of everything attached to it, nested messages included. */
const allText = (doc: ExtractedDocument): string => [doc.text, ...(doc.attachments ?? []).map((a) => (a.doc ? allText(a.doc) : ''))].join('\n\n');
const instant = (iso: string | null) => (iso ? Math.floor(Date.parse(iso) / 1000) : null);

function checkMessage(doc: ExtractedDocument, e: Expected): void {
  if (e.subject !== null) expect(doc.title).toBe(e.subject);
  else expect(doc.title).toMatch(/^\(no subject\)/);
  expect(doc.mail?.from.map((a) => a.address.toLowerCase())).toEqual(e.from_addresses.map((a) => a.toLowerCase()));
  expect(doc.mail?.to.map((a) => a.address.toLowerCase())).toEqual(e.to_addresses.map((a) => a.toLowerCase()));
  expect(instant(doc.mail?.sentAt ?? null)).toBe(instant(e.date));
  // The date keeps the sender's own offset, so the day is the one the sender wrote.
  if (e.date && doc.mail?.sentAt) expect(doc.published).toBe(e.date.slice(0, 10));
  const text = fold(allText(doc));
  for (const phrase of [...e.body_contains, ...(e.nested_contains ?? [])]) expect(text, `${e.file} #${e.index_in_mbox ?? ''}: “${phrase}”`).toContain(fold(phrase));
  // Every expected attachment that is a file of its own is listed (inline HTML parts are read into the body).
  const names = (doc.attachments ?? []).map((a) => a.fileName);
  for (const a of e.attachments) if (a.filename && !/^text\/html/.test(a.content_type)) expect(names, e.file).toContain(a.filename);
}

describe.skipIf(!ROOT)('e-mail messages as sources', () => {
  const single = expected.filter((e) => e.index_in_mbox === null);

  it.each(single.map((e) => [e.file, e] as const))('%s: subject, addresses, date, body and attachments', async (file, e) => {
    const doc = await extractDocument(file.split('/').pop()!, new Uint8Array(await readFile(join(ROOT!, file))));
    checkMessage(doc, e);
    // The headers open the text, so who wrote to whom is searchable and citable.
    if (e.from_addresses.length) expect(doc.text.split('\n')[0]).toMatch(new RegExp(`^From: .*${e.from_addresses[0].replace(/[.+]/g, '\\$&')}`, 'i'));
  });

  it('reads attachments through the same importers as files: a PDF, a text, a nested message', async () => {
    const pdf = await extractDocument('09.eml', new Uint8Array(await readFile(join(ROOT!, '09-attachment-pdf.eml'))));
    const attached = pdf.attachments!.find((a) => a.fileName === 'Kelvinsong—Font_test_page_bold.pdf')!;
    expect(attached.doc?.format).toBe('pdf');
    expect(attached.doc!.text.length).toBeGreaterThan(100);
    const bounce = await extractDocument('12.eml', new Uint8Array(await readFile(join(ROOT!, '12-bounce-russian-utf-8.eml'))));
    const returned = bounce.attachments!.find((a) => a.contentType === 'message/rfc822')!;
    expect(returned.doc?.format).toBe('email');
    expect(returned.doc?.mail?.from.length).toBeGreaterThan(0);
    // An image is named with the reason it was not read; the message is imported all the same.
    const images = await extractDocument('08.eml', new Uint8Array(await readFile(join(ROOT!, '08-attachments-images-unicode-filename.eml'))));
    expect(images.attachments!.find((a) => a.fileName === 'nyan cat ✔.gif')?.problem).toMatch(/is an image \(GIF\)/);
    expect(images.warnings.join(' ')).toContain('“nyan cat ✔.gif” was not imported');
    expect(images.attachments!.find((a) => a.fileName === 'notes.txt')?.doc?.text).toBeTruthy();
  });

  it('a message whose MIME boundary is broken keeps its body and says so', async () => {
    const doc = await extractDocument('13.eml', new Uint8Array(await readFile(join(ROOT!, '13-malformed-boundary.eml'))));
    expect(doc.text).toContain("The Program-Deliver module couldn't deliver the message");
    expect(doc.warnings.join(' ')).toMatch(/MIME structure is broken/);
  });

  it('streams the 45 messages of a real mbox, each as expected', async () => {
    const box = join(ROOT!, 'mailbox/imagemagick-list-2000.mbox');
    const inBox = expected.filter((e) => e.index_in_mbox !== null).sort((a, b) => a.index_in_mbox! - b.index_in_mbox!);
    const messages = [];
    for await (const m of mailboxMessages({ path: box })) messages.push(m);
    expect(messages.length).toBe(inBox.length);
    for (const [i, m] of messages.entries()) {
      expect(m.index).toBe(i + 1);
      if (!('bytes' in m)) throw new Error('a message was refused as too large');
      const doc = await extractDocument(`m${i}.eml`, m.bytes);
      checkMessage(doc, inBox[i]);
      // A message without attachments has its body in its own text (an old "Content-Type: text" included).
      if (inBox[i].attachments.length === 0) {
        expect(doc.attachments, `message ${i + 1}`).toEqual([]);
        for (const phrase of inBox[i].body_contains) expect(fold(doc.text)).toContain(fold(phrase));
      }
    }
  });
});

describe('dates of messages', () => {
  it('keep the sender’s offset, named zones included, and refuse what is no date', () => {
    expect(mailDate('Wed, 19 Jun 1996 18:12:02 +0200')).toBe('1996-06-19T18:12:02+02:00');
    expect(mailDate('Thu, 30 Apr 1998 11:28:50 EDT')).toBe('1998-04-30T11:28:50-04:00');
    expect(mailDate('Sat, 30 Apr 2005 22:28:29 GMT')).toBe('2005-04-30T22:28:29+00:00');
    expect(mailDate('Mon, 1 Dec 2025 09:00:00 -0500 (EST)')).toBe('2025-12-01T09:00:00-05:00');
    expect(mailDate('sometime last week')).toBeNull();
    expect(mailDate('')).toBeNull();
  });
});

describe.skipIf(!ROOT)('importing e-mail into a notebook', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let nb: Notebook;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    nb = await Notebook.create(join(dir, 'nb'), { name: 'Mail' });
  });
  afterEach(async () => {
    await nb.close();
    await cleanup();
  });

  it('a message and its attachments are sources linked both ways; a second import finds them all duplicates', async () => {
    const file = join(ROOT!, '09-attachment-pdf.eml');
    const { outcomes } = await importPaths(nb, [file]);
    expect(outcomes.map((o) => o.status)).toEqual(['imported', 'imported']);
    const sources = nb.listSources();
    const message = sources.find((s) => s.mail)!;
    const pdf = sources.find((s) => s.attachedTo)!;
    expect(message.title).toBe('2 - test with a strange attachement');
    expect(message.provenance.method).toBe('email-file');
    expect(message.mail?.from[0].address).toBe('sender@testaddres.com');
    expect(message.mail?.attachments).toEqual([expect.objectContaining({ fileName: 'Kelvinsong—Font_test_page_bold.pdf', sourceId: pdf.id, problem: null })]);
    expect(pdf.attachedTo).toEqual({ sourceId: message.id, fileName: 'Kelvinsong—Font_test_page_bold.pdf' });
    expect(pdf.provenance).toMatchObject({ method: 'email-attachment', fileName: 'Kelvinsong—Font_test_page_bold.pdf' });
    // The original bytes of each are kept: the message as received, the PDF as attached.
    expect(message.provenance.original?.bytes).toBe((await readFile(file)).length);
    const again = await importPaths(nb, [file]);
    expect(again.outcomes.map((o) => o.status)).toEqual(['duplicate']);
    expect(nb.listSources().length).toBe(2);
  });

  it('an mbox imports a source per message, in order, with its place in the mailbox and its thread', async () => {
    const { outcomes } = await importPaths(nb, [join(ROOT!, 'mailbox/imagemagick-list-2000.mbox')], { concurrency: 2 });
    const messages = nb.listSources().filter((s) => s.provenance.method === 'mbox-file');
    expect(messages.length).toBe(45);
    expect(outcomes.filter((o) => o.status === 'failed')).toEqual([]);
    expect(new Set(messages.map((m) => m.mail?.mailboxIndex))).toEqual(new Set(Array.from({ length: 45 }, (_, i) => i + 1)));
    expect(messages.every((m) => m.provenance.fileName === 'imagemagick-list-2000.mbox')).toBe(true);
    // Replies sit in the thread of the message they answer.
    const byId = new Map(messages.filter((m) => m.mail?.messageId).map((m) => [m.mail!.messageId!, m]));
    const replies = messages.filter((m) => m.mail?.inReplyTo && byId.has(m.mail.inReplyTo));
    expect(replies.length).toBeGreaterThan(0);
    const threads = mailThreads(messages);
    for (const r of replies) expect(threads.get(r.id)).toBe(threads.get(byId.get(r.mail!.inReplyTo!)!.id));
    // And not every message is in one thread: the mailbox holds several conversations.
    expect(new Set(threads.values()).size).toBeGreaterThan(5);
    // The attachments of its messages (scripts and an image) are named with their message.
    const withFiles = messages.filter((m) => (m.mail?.attachments.length ?? 0) > 0);
    expect(withFiles.length).toBeGreaterThan(0);
  });

  it('senders and recipients are offered as people, their addresses as aliases; a known address is not offered again', async () => {
    await importPaths(nb, [join(ROOT!, 'mailbox/imagemagick-list-2000.mbox')]);
    const names = new NameReader(nb);
    try {
      const { cards } = await suggestEntities(nb, null, names);
      // Mark Overmeer wrote from markov@ATComputing.nl, and was written to there: one card by his name, his address its alias.
      const markov = cards.filter((c) => c.aliases.some((a) => a.toLowerCase() === 'markov@atcomputing.nl'));
      expect(markov.length).toBe(1);
      expect(markov[0]).toMatchObject({ type: 'person' });
      expect(markov[0].name).not.toContain('@');
      expect(markov[0].sourceCount).toBeGreaterThan(10);
      expect(markov[0].evidence).toMatch(/^(From|To|Cc): .*markov@ATComputing\.nl/i);
      await createEntity(nb, { type: 'person', name: markov[0].name, aliases: markov[0].aliases, description: '', start: null, end: null, parentId: null });
      const after = await suggestEntities(nb, null, names);
      expect(after.cards.some((c) => c.aliases.concat(c.name).some((a) => a.toLowerCase() === 'markov@atcomputing.nl'))).toBe(false);
    } finally {
      await names.close();
    }
  }, 120_000);

  it('the review counts a mailbox without holding its messages, and saving it stores them all', async () => {
    const copy = join(dir, 'box');
    // Without its extension: known by its first line.
    await writeFile(copy, await readFile(join(ROOT!, 'mailbox/imagemagick-list-2000.mbox')));
    const jobs = new ImportJobs(extractDocument);
    const id = jobs.start(nb, [copy]);
    let status = jobs.status(id, nb);
    for (let i = 0; i < 600 && status.state === 'reading'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      status = jobs.status(id, nb);
    }
    expect(status.previews).toEqual([expect.objectContaining({ format: 'mbox', messages: 45, status: 'ready' })]);
    expect(status.previews[0].excerpt).toContain('Re: File Conversion From HTML to PS and TIFF');
    expect(nb.listSources()).toEqual([]);
    const outcomes = await jobs.commit(id, nb, 'all');
    expect(outcomes.filter((o) => o.status === 'imported').length).toBeGreaterThanOrEqual(45);
    expect(nb.listSources().filter((s) => s.provenance.method === 'mbox-file').length).toBe(45);
  });
});

describe('broken mail', () => {
  it('a file named .eml that holds no message is refused with the reason, and an empty mailbox is said to be empty', async () => {
    await expect(extractDocument('note.eml', new TextEncoder().encode('just some words, no headers at all'))).rejects.toThrow(/not an e-mail message|nothing in it/);
    await expect(extractDocument('broken.msg', new TextEncoder().encode('not an OLE file'))).rejects.toThrow(/is named .msg but is not an Outlook message/);
    const messages = [];
    for await (const m of mailboxMessages({ bytes: new TextEncoder().encode('no separator line here\n') })) messages.push(m);
    expect(messages).toEqual([]);
  });

  it('mboxrd-escaped lines get their ">" back off, and a "From " inside a paragraph does not cut a message', async () => {
    const box = [
      'From a@example.org Mon Jan  1 00:00:00 2024',
      'From: A <a@example.org>',
      'Subject: one',
      '',
      'First line.',
      '>From the archive, a quoted line.',
      'From here on, a sentence that starts like a separator.',
      '',
      'From b@example.org Tue Jan  2 00:00:00 2024',
      'From: B <b@example.org>',
      'Subject: two',
      '',
      'Second.',
      '',
    ].join('\n');
    const messages = [];
    for await (const m of mailboxMessages({ bytes: new TextEncoder().encode(box) })) messages.push(m);
    expect(messages.length).toBe(2);
    const first = await extractDocument('1.eml', (messages[0] as { bytes: Uint8Array }).bytes);
    expect(first.text).toContain('From the archive, a quoted line.');
    expect(first.text).toContain('From here on, a sentence');
    expect((await extractDocument('2.eml', (messages[1] as { bytes: Uint8Array }).bytes)).title).toBe('two');
  });
});

describe('charsets the real fixtures do not have', () => {
  // Written here as Korean and Russian mail programs write them: ks_c_5601-1987 (Outlook's name
  // for Korean), windows-1251 and koi8-r, in bodies and in encoded words.
  const word = (charset: string, text: string, as = charset) => `=?${charset}?B?${iconv.encode(text, as).toString('base64')}?=`;

  it('reads Korean ks_c_5601-1987 and Russian windows-1251 and koi8-r, in headers and bodies', async () => {
    const korean = '서울시 예산안이 통과되었다';
    const head = [
      `From: ${word('ks_c_5601-1987', '김철수', 'cp949')} <kim@example.kr>`,
      'To: desk@paper.example',
      `Subject: ${word('ks_c_5601-1987', '예산 보고서', 'cp949')}`,
      'Date: Mon, 4 Mar 2024 09:00:00 +0900',
      'Content-Type: text/plain; charset=ks_c_5601-1987',
      '',
      '',
    ].join('\r\n');
    const kr = await extractDocument('k.eml', new Uint8Array(Buffer.concat([Buffer.from(head, 'latin1'), iconv.encode(korean, 'cp949')])));
    expect(kr.title).toBe('예산 보고서');
    expect(kr.mail?.from).toEqual([{ name: '김철수', address: 'kim@example.kr' }]);
    expect(kr.text).toContain(korean);
    expect(kr.published).toBe('2024-03-04');
    const russian = 'Бюджет города утверждён';
    const head2 = [
      `From: ${word('windows-1251', 'Иван Петров')} <ivan@example.ru>`,
      'To: desk@paper.example',
      `Subject: ${word('koi8-r', 'Бюджет')}`,
      'Content-Type: text/plain; charset=windows-1251',
      '',
      '',
    ].join('\r\n');
    const ru = await extractDocument('r.eml', new Uint8Array(Buffer.concat([Buffer.from(head2, 'latin1'), iconv.encode(russian, 'win1251')])));
    expect(ru.title).toBe('Бюджет');
    expect(ru.mail?.from[0].name).toBe('Иван Петров');
    expect(ru.text).toContain(russian);
    expect(ru.lang).toBe('ru');
  });
});
