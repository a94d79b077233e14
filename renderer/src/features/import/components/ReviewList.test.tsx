/**
 * The import review sheet as a reporter goes through it: every field of a readable file editable,
 * a date that is not one named, a file that cannot be imported or is a duplicate saying why and
 * not importable, a changed text offered as the new version of the source it updates, and the
 * reader's warnings shown.
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { Decision, Preview } from '../store';
import { ReviewList } from './ReviewList';

const preview = (index: number, file: string, more: Partial<Preview> = {}): Preview => ({
  index,
  file,
  status: 'ready',
  reason: null,
  existing: null,
  format: 'html',
  title: null,
  outlet: null,
  published: null,
  byline: null,
  url: null,
  wordCount: 1_240,
  excerpt: 'Le gouvernement a annoncé mardi une baisse de 2,5 % des dépenses.',
  warnings: [],
  attachments: [],
  messages: null,
  ...more,
});
const PREVIEWS = [
  preview(0, '/home/r/Downloads/lemonde-budget.html', { warnings: ['No date was found in the page.'] }),
  preview(1, 'C:\\Users\\r\\scan.pdf', { status: 'failed', format: 'pdf', reason: 'has no text Dossier can read', wordCount: 0 }),
  preview(2, '/home/r/Downloads/copy.html', { status: 'duplicate', reason: 'is already in the notebook as “Budget 2026”' }),
  preview(3, '/home/r/Downloads/update.html', { status: 'new-version', existing: { id: 's-budget', title: 'Budget 2026' }, reason: 'is a changed text of a source you have' }),
];
const decision = (more: Partial<Decision> = {}): Decision => ({ accept: true, asNewVersion: false, title: 'Budget : la baisse des dépenses', outlet: 'Le Monde', published: '', byline: '', ...more });

function Review({ onDecide = vi.fn() }) {
  const [decisions, setDecisions] = useState<Decision[]>([decision(), decision({ accept: false }), decision({ accept: false }), decision({ accept: false })]);
  return (
    <ReviewList
      previews={PREVIEWS}
      decisions={decisions}
      onDecide={(i, change) => {
        onDecide(i, change);
        setDecisions(decisions.map((d, j) => (j === i ? { ...d, ...change } : d)));
      }}
    />
  );
}

const file = (name: string) => screen.getByRole('listitem', { name: `File ${name}` });

describe('the import review', () => {
  it('shows a readable file with its format, length, fields, excerpt and the reader’s warnings', () => {
    render(<Review />);
    const item = file('lemonde-budget.html');
    expect(item).toHaveTextContent('Web page');
    expect(item).toHaveTextContent('1,240 words');
    expect(within(item).getByRole('textbox', { name: 'Title' })).toHaveValue('Budget : la baisse des dépenses');
    expect(item).toHaveTextContent('No date was found in the page.');
    expect(item).toHaveTextContent('Le gouvernement a annoncé mardi');
  });

  it('sends each edit, and names a date that is not one', async () => {
    const user = userEvent.setup();
    const onDecide = vi.fn();
    render(<Review onDecide={onDecide} />);
    const item = file('lemonde-budget.html');
    await user.type(within(item).getByRole('textbox', { name: 'By' }), 'C. Dupont');
    expect(onDecide).toHaveBeenLastCalledWith(0, { byline: 'C. Dupont' });
    const date = within(item).getByRole('textbox', { name: 'Published' });
    await user.type(date, 'mardi 3 mars');
    expect(date).toHaveAttribute('aria-invalid', 'true');
    expect(within(item).getByText('Write the date as YYYY, YYYY-MM or YYYY-MM-DD, or leave it empty.')).toBeInTheDocument();
    await user.clear(date);
    await user.type(date, '2026-03-03');
    expect(date).toHaveAttribute('aria-invalid', 'false');
    await user.click(within(item).getByRole('checkbox', { name: 'Import' }));
    expect(onDecide).toHaveBeenLastCalledWith(0, { accept: false });
  });

  it('says why a file cannot be imported, by its name on any system, and will not import it', () => {
    render(<Review />);
    const item = file('scan.pdf');
    expect(item).toHaveTextContent('Cannot import');
    expect(item).toHaveTextContent('scan.pdf has no text Dossier can read.');
    expect(within(item).getByRole('checkbox', { name: 'Import' })).toBeDisabled();
    expect(within(item).queryByRole('textbox')).not.toBeInTheDocument();
  });

  it('marks a duplicate and leaves it out', () => {
    render(<Review />);
    const item = file('copy.html');
    expect(item).toHaveTextContent('Duplicate');
    expect(item).toHaveTextContent('copy.html is already in the notebook as “Budget 2026”.');
    expect(within(item).getByRole('checkbox', { name: 'Import' })).not.toBeChecked();
  });

  it('offers a changed text as the new version of the source it updates', async () => {
    const user = userEvent.setup();
    const onDecide = vi.fn();
    render(<Review onDecide={onDecide} />);
    const item = file('update.html');
    expect(item).toHaveTextContent('New version');
    await user.click(within(item).getByRole('checkbox', { name: /Add as the new version of “Budget 2026”/ }));
    expect(onDecide).toHaveBeenLastCalledWith(3, { asNewVersion: true });
  });
});

describe('e-mail in the review', () => {
  it('a message says which attachments become sources and why the others cannot', () => {
    const message = preview(0, '/home/r/mail/budget leak.eml', {
      format: 'email',
      title: 'Re: figures for Tuesday',
      attachments: [
        { fileName: 'spending-review.pdf', problem: null },
        { fileName: 'chart.png', problem: 'is an image (PNG); Dossier does not read the text of images yet' },
      ],
      warnings: ['Its attachment “chart.png” was not imported: it is an image (PNG); Dossier does not read the text of images yet.'],
    });
    render(<ReviewList previews={[message]} decisions={[decision()]} onDecide={vi.fn()} />);
    const item = screen.getByRole('listitem', { name: 'File budget leak.eml' });
    expect(within(item).getByText('E-mail')).toBeTruthy();
    expect(item.textContent).toContain('Its attachment “spending-review.pdf” becomes a source of its own, linked to the message.');
    const unread = within(item).getByRole('list', { name: 'Attachments not imported' });
    expect(unread.textContent).toBe('“chart.png” is not imported: it is an image (PNG); Dossier does not read the text of images yet.');
    // The attachment's problem is said once, in the list, not again among the warnings.
    expect(item.textContent!.split('chart.png').length - 1).toBe(1);
  });

  it('a mailbox shows its size and first messages, and no fields to edit', () => {
    const box = preview(0, '/home/r/mail/archive.mbox', { format: 'mbox', messages: 12_345, wordCount: 0, excerpt: 'Re: figures for Tuesday (Ann Lee, 2024-03-01)\n\n… and 12,344 more messages' });
    render(<ReviewList previews={[box]} decisions={[decision()]} onDecide={vi.fn()} />);
    const item = screen.getByRole('listitem', { name: 'File archive.mbox' });
    expect(within(item).getByText('Mailbox')).toBeTruthy();
    expect(within(item).getByText('12,345 messages')).toBeTruthy();
    expect(within(item).queryByRole('textbox')).toBeNull();
    expect(item.textContent).toContain('… and 12,344 more messages');
    expect((within(item).getByRole('checkbox', { name: 'Import' }) as HTMLInputElement).checked).toBe(true);
  });
});
