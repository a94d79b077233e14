/**
 * Notebook → Share… as a reporter uses it: the name colleagues will see is asked for first (and a
 * refused name stops the share), share and join send what was typed, trimmed, a joining reporter
 * with no notebook open can only join, a shared notebook says with whom and how sync goes, and a
 * password the server turned down is asked for again without losing anything.
 */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { SharedSyncStatus } from '../../../../../shared/domain/sync';
import { ShareDialog, type ShareDialogProps } from './ShareDialog';

const SHARED: SharedSyncStatus = {
  shared: true,
  server: 'https://couch.guardian-investigations.example',
  database: 'budget-leak',
  username: 'asha',
  state: 'offline',
  pending: 3,
  offlineSince: '2026-03-02T10:00:00.000Z',
  lastSyncedAt: null,
  conflicts: 2,
  received: 0,
  message: 'Offline.',
  passwordKept: 'in the system keychain',
};

function dialog(props: Partial<ShareDialogProps> = {}) {
  const handlers = {
    onSetName: vi.fn(async () => null),
    onShare: vi.fn(),
    onJoin: vi.fn(),
    onSyncNow: vi.fn(),
    onStop: vi.fn(),
    onConflicts: vi.fn(),
    onClose: vi.fn(),
  };
  render(<ShareDialog status={{ shared: false }} hasNotebook displayName={null} busy={false} error={null} done={null} {...handlers} {...props} />);
  return handlers;
}

async function fillServer(user: ReturnType<typeof userEvent.setup>, name = 'Asha Menon') {
  if (name) await user.type(screen.getByRole('textbox', { name: /Your name, as colleagues see it/ }), name);
  await user.type(screen.getByRole('textbox', { name: 'Server address' }), ' https://couch.guardian-investigations.example ');
  await user.type(screen.getByRole('textbox', { name: 'Database' }), 'budget-leak');
}

describe('sharing a notebook', () => {
  it('is not offered before the reporter has given a name, a server and a database', async () => {
    const user = userEvent.setup();
    dialog();
    const share = screen.getByRole('button', { name: 'Share notebook' });
    expect(share).toBeDisabled();
    await fillServer(user, '');
    expect(share).toBeDisabled();
    await user.type(screen.getByRole('textbox', { name: /Your name, as colleagues see it/ }), 'Asha Menon');
    expect(share).toBeEnabled();
  });

  it('saves the name first, then shares with what was typed, trimmed, and no password when none was given', async () => {
    const user = userEvent.setup();
    const h = dialog();
    await fillServer(user);
    await user.click(screen.getByRole('button', { name: 'Share notebook' }));
    expect(h.onSetName).toHaveBeenCalledWith('Asha Menon');
    expect(h.onShare).toHaveBeenCalledWith({ server: 'https://couch.guardian-investigations.example', database: 'budget-leak', username: null, password: null });
    expect(h.onJoin).not.toHaveBeenCalled();
  });

  it('does not share when the name is refused, and says why beside it', async () => {
    const user = userEvent.setup();
    const h = dialog({ onSetName: vi.fn(async () => ({ code: 'INVALID_INPUT' as const, message: 'A name is at most 80 characters.' })) });
    await fillServer(user);
    await user.click(screen.getByRole('button', { name: 'Share notebook' }));
    expect(screen.getByRole('alert')).toHaveTextContent('A name is at most 80 characters.');
    expect(h.onShare).not.toHaveBeenCalled();
  });

  it('joins instead when the reporter chooses to, with the password typed', async () => {
    const user = userEvent.setup();
    const h = dialog({ displayName: 'Ben Okafor' });
    await user.click(screen.getByRole('radio', { name: /Join a notebook colleagues share/ }));
    await fillServer(user, '');
    await user.type(screen.getByRole('textbox', { name: 'Your name on the server' }), 'ben');
    await user.type(screen.getByLabelText('Password'), 's3cret pass');
    await user.click(screen.getByRole('button', { name: 'Join notebook' }));
    // The name did not change: it is not saved again.
    expect(h.onSetName).not.toHaveBeenCalled();
    expect(h.onJoin).toHaveBeenCalledWith({ server: 'https://couch.guardian-investigations.example', database: 'budget-leak', username: 'ben', password: 's3cret pass' });
  });

  it('can only join when no notebook is open', () => {
    dialog({ hasNotebook: false });
    expect(screen.getByRole('radio', { name: /Share this notebook/ })).toBeDisabled();
    expect(screen.getByRole('radio', { name: /Join a notebook/ })).toBeChecked();
  });

  it('says it is at work, and shows the server’s refusal', () => {
    dialog({ busy: true, error: { code: 'UNAVAILABLE', message: 'couch.guardian-investigations.example did not answer.' } });
    expect(screen.getByRole('button', { name: 'Sharing…' })).toBeDisabled();
    expect(screen.getByRole('alert')).toHaveTextContent('did not answer');
  });
});

describe('a notebook that is shared', () => {
  it('says with whom, how sync goes and where the password is kept, and leads to the conflicts', async () => {
    const user = userEvent.setup();
    const h = dialog({ status: SHARED });
    expect(screen.getByText(/This notebook is shared through/)).toHaveTextContent('https://couch.guardian-investigations.example, database budget-leak as asha');
    expect(screen.getByRole('status')).toHaveTextContent(/Offline since .* 3 edits wait here/);
    expect(screen.getByText('Your password is kept in the system keychain.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /2 records changed on two laptops at once/ }));
    expect(h.onConflicts).toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Sync now' }));
    await user.click(screen.getByRole('button', { name: 'Turn sharing off' }));
    expect(h.onSyncNow).toHaveBeenCalledTimes(1);
    expect(h.onStop).toHaveBeenCalledTimes(1);
  });

  it('asks again for a password the server turned down, with the server and database already filled in', async () => {
    const user = userEvent.setup();
    const h = dialog({ displayName: 'Asha Menon', status: { ...SHARED, state: 'error', message: 'The server refused the password for asha.' } });
    expect(screen.getByText(/The server refused the password for asha\. Give it again/)).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Server address' })).toHaveValue('https://couch.guardian-investigations.example');
    await user.type(screen.getByLabelText('Password'), 'new-one');
    await user.click(screen.getByRole('button', { name: 'Go on syncing' }));
    expect(h.onShare).toHaveBeenCalledWith({ server: 'https://couch.guardian-investigations.example', database: 'budget-leak', username: 'asha', password: 'new-one' });
  });
});
