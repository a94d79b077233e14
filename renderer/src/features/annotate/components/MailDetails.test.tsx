/**
 * The reader's details of an e-mail: who wrote to whom and when (the sender's own clock), the
 * attachments that open as sources or say why they were not read, the message a file came with,
 * and the thread.
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MailInfo } from '../../../../../shared/domain/source';
import { useNavigation } from '../../../lib/navigation';
import { MailDetails } from './MailDetails';

const MAIL: MailInfo = {
  from: [{ name: 'Алексей Навальный', address: 'team@navalny.example' }],
  to: [{ name: null, address: 'desk@paper.example' }],
  cc: [{ name: 'Ann Lee', address: 'ann@paper.example' }],
  sentAt: '2021-01-19T14:05:00+03:00',
  messageId: '<palace-1@navalny.example>',
  inReplyTo: null,
  thread: '<palace-1@navalny.example>',
  attachments: [
    { fileName: 'palace-plans.pdf', contentType: 'application/pdf', bytes: 120_000, sourceId: 'pdf1', problem: null },
    { fileName: 'aerial.jpg', contentType: 'image/jpeg', bytes: 900_000, sourceId: null, problem: 'is an image (JPEG); Dossier does not read the text of images yet' },
  ],
  mailboxIndex: null,
};

afterEach(() => vi.restoreAllMocks());

describe('an e-mail in the reader', () => {
  it('shows sender, recipients, copies and the time on the sender’s clock', () => {
    render(
      <dl>
        <MailDetails source={{ mail: MAIL }} context={{ message: null, thread: [], parts: [] }} />
      </dl>,
    );
    expect(screen.getByText('Алексей Навальный <team@navalny.example>')).toBeTruthy();
    expect(screen.getByText('desk@paper.example')).toBeTruthy();
    expect(screen.getByText('Ann Lee <ann@paper.example>')).toBeTruthy();
    expect(screen.getByText('2021-01-19 14:05 (UTC+03:00)')).toBeTruthy();
    expect(screen.getByText('<palace-1@navalny.example>')).toBeTruthy();
  });

  it('opens an attachment that is a source, says why another is not, and opens the thread’s other messages', async () => {
    const openSource = vi.fn(async () => {});
    useNavigation.setState({ openSource });
    render(
      <dl>
        <MailDetails source={{ mail: MAIL }} context={{ message: null, thread: [{ id: 'm2', title: 'Re: the palace', sentAt: '2021-01-20T09:00:00+03:00' }], parts: [] }} />
      </dl>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'palace-plans.pdf' }));
    expect(openSource).toHaveBeenCalledWith('pdf1', null);
    expect(screen.queryByRole('button', { name: 'aerial.jpg' })).toBeNull();
    expect(screen.getByText(/not imported: it is an image \(JPEG\)/)).toBeTruthy();
    const thread = screen.getByRole('list', { name: 'Other messages of this thread' });
    await userEvent.click(within(thread).getByRole('button', { name: 'Re: the palace' }));
    expect(openSource).toHaveBeenLastCalledWith('m2', null);
  });

  it('an attachment names its message, or says the message is gone', async () => {
    const openSource = vi.fn(async () => {});
    useNavigation.setState({ openSource });
    const { rerender } = render(
      <dl>
        <MailDetails source={{ attachedTo: { sourceId: 'm1', fileName: 'palace-plans.pdf' } }} context={{ message: { id: 'm1', title: 'The palace' }, thread: [], parts: [] }} />
      </dl>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'The palace' }));
    expect(openSource).toHaveBeenCalledWith('m1', null);
    rerender(
      <dl>
        <MailDetails source={{ attachedTo: { sourceId: 'm1', fileName: 'palace-plans.pdf' } }} context={{ message: null, thread: [], parts: [] }} />
      </dl>,
    );
    expect(screen.getByText('a message no longer in this notebook (palace-plans.pdf)')).toBeTruthy();
  });
});
