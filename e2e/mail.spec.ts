/**
 * E-mail as a reporter gets it: a message with a PDF attached and a whole mailbox (real messages
 * from ../shared/testdata/email), reviewed, imported, read with their headers, the attachment
 * opened from its message and back, a thread followed, and the library narrowed to one correspondent.
 */
import { join } from 'node:path';
import { testdata } from '../electron/backend/testing/testdata';
import { expect, test } from './fixtures/dossier';
import { LibraryPage } from './pages/library';

const MAIL = testdata('email', 'The e-mail journey');

test.skip(!MAIL, 'the shared test data is absent');

test('a message with its PDF and a mailbox: reviewed, imported, read with headers, linked both ways, filtered by correspondent', async ({ dossier }) => {
  test.setTimeout(180_000);
  const page = dossier.page;
  await page.getByRole('button', { name: 'Notebook ▾' }).click();
  await page.getByRole('menuitem', { name: 'Import files…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import files' });
  await dialog.getByRole('textbox', { name: /paths/i }).fill([join(MAIL!, '09-attachment-pdf.eml'), join(MAIL!, 'mailbox/imagemagick-list-2000.mbox')].join('\n'));
  await dialog.getByRole('button', { name: 'Read files' }).click();
  const files = dialog.getByRole('list', { name: 'Files to import' });
  const message = files.getByRole('listitem', { name: 'File 09-attachment-pdf.eml' });
  await expect(message.getByRole('textbox', { name: 'Title' })).toHaveValue('2 - test with a strange attachement', { timeout: 60_000 });
  await expect(message).toContainText('E-mail');
  await expect(message).toContainText('Its attachment “Kelvinsong—Font_test_page_bold.pdf” becomes a source of its own, linked to the message.');
  const box = files.getByRole('listitem', { name: 'File imagemagick-list-2000.mbox' });
  await expect(box).toContainText('45 messages');
  await expect(box).toContainText('Re: File Conversion From HTML to PS and TIFF');
  await dossier.screenshot('import-review-mail');
  await dialog.getByRole('button', { name: /^Import 2 sources?$/ }).click();
  await expect(dialog.getByRole('status')).toContainText(/\d+ imported/, { timeout: 120_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();

  const library = new LibraryPage(page);
  const filter = page.getByRole('searchbox', { name: 'Filter sources by title, outlet, byline or sender' });
  // The list shows the rows in view: narrowed by the filter, the message is among them.
  await filter.fill('strange attachement');
  await library.open('2 - test with a strange attachement');
  const reader = library.reader;
  await expect(reader.getByRole('definition').filter({ hasText: 'sender@testaddres.com' })).toBeVisible();
  await expect(reader.getByRole('definition').filter({ hasText: '2022-11-18 16:52 (UTC+01:00)' })).toBeVisible();
  await expect(reader.locator('.reader-text')).toContainText('From: sender@testaddres.com');
  await expect(reader).toContainText('e-mail message (09-attachment-pdf.eml)');
  await dossier.screenshot('reader-email');
  // The attachment opens as its own source, and leads back to its message.
  await reader.getByRole('button', { name: 'Kelvinsong—Font_test_page_bold.pdf' }).click();
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(/Kelvinsong|Font test/i);
  await expect(reader).toContainText('e-mail attachment (Kelvinsong—Font_test_page_bold.pdf)');
  await reader.getByRole('button', { name: '2 - test with a strange attachement' }).click();
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText('2 - test with a strange attachement');

  // A reply of the mailbox shows the other messages of its thread.
  await filter.fill('Annotate problems');
  // Two replies carry that subject; either shows the thread.
  await library
    .source(/^Re: Annotate problems \(PR#298\)/)
    .first()
    .click();
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText('Re: Annotate problems (PR#298)');
  const thread = reader.getByRole('list', { name: 'Other messages of this thread' });
  await expect(thread.getByRole('button')).not.toHaveCount(0);
  await expect(reader).toContainText('mailbox (imagemagick-list-2000.mbox, message');
  await dossier.screenshot('reader-email-thread');

  // One correspondent's messages.
  await filter.fill('');
  await page.getByText('Sort and filter').click();
  const correspondent = page.getByRole('combobox', { name: 'Correspondent' });
  await expect(correspondent.locator('option', { hasText: 'Mark Overmeer <markov@atcomputing.nl>' })).toHaveCount(1);
  await correspondent.selectOption('markov@atcomputing.nl');
  await expect(page.getByRole('status').filter({ hasText: /of \d+ sources/ })).toBeVisible();
  const shown = await library.titles();
  expect(shown.length).toBeGreaterThan(5);
  expect(shown).not.toContain('2 - test with a strange attachement');
  await dossier.screenshot('library-correspondent');
});
