/**
 * Creating, opening and renaming a notebook: an empty folder field keeps the notebook in Dossier's
 * own folder, Browse… fills the folder (or opens what was chosen), the notebook open now is not
 * offered among the recent ones, Escape closes, and an error stays beside the input to correct.
 */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { NewNotebookDialog, OpenNotebookDialog, RenameNotebookDialog } from './NotebookDialogs';

const RECENT = [
  { path: '/home/r/notebooks/northern-rock', name: 'Northern Rock', openedAt: '2026-03-04T09:00:00.000Z' },
  { path: '/home/r/notebooks/lava-jato', name: 'Lava Jato', openedAt: '2026-03-03T09:00:00.000Z' },
];

describe('the notebook dialogs', () => {
  it('create a notebook in Dossier’s folder when no folder is given, or in the one browsed to', async () => {
    const user = userEvent.setup();
    const onCreate = vi.fn();
    render(<NewNotebookDialog busy={false} error={null} onClose={vi.fn()} onCreate={onCreate} onBrowse={async () => '/media/usb/rock'} />);
    const create = screen.getByRole('button', { name: 'Create notebook' });
    expect(create).toBeDisabled();
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Northern Rock');
    await user.click(create);
    expect(onCreate).toHaveBeenLastCalledWith('Northern Rock', undefined);
    await user.click(screen.getByRole('button', { name: 'Browse…' }));
    expect(screen.getByRole('textbox', { name: 'Folder (optional)' })).toHaveValue('/media/usb/rock');
    await user.click(create);
    expect(onCreate).toHaveBeenLastCalledWith('Northern Rock', '/media/usb/rock');
  });

  it('open a recent notebook other than the one open, a typed folder, or the one browsed to', async () => {
    const user = userEvent.setup();
    const onOpen = vi.fn();
    render(
      <OpenNotebookDialog
        busy={false}
        error={{ code: 'NOT_A_NOTEBOOK', message: '/tmp is not a Dossier notebook.' }}
        onClose={vi.fn()}
        recent={RECENT}
        currentPath="/home/r/notebooks/northern-rock"
        onOpen={onOpen}
        onBrowse={async () => '/media/usb/rock'}
      />,
    );
    expect(screen.queryByText('Northern Rock')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /Lava Jato/ }));
    expect(onOpen).toHaveBeenLastCalledWith('/home/r/notebooks/lava-jato');
    await user.type(screen.getByRole('textbox', { name: 'Notebook folder' }), ' /srv/shared/rock {Enter}');
    expect(onOpen).toHaveBeenLastCalledWith('/srv/shared/rock');
    await user.click(screen.getByRole('button', { name: 'Browse…' }));
    expect(onOpen).toHaveBeenLastCalledWith('/media/usb/rock');
    expect(screen.getByRole('alert')).toHaveTextContent('/tmp is not a Dossier notebook.');
  });

  it('rename from the current name, never to nothing, and close with Escape', async () => {
    const user = userEvent.setup();
    const onRename = vi.fn();
    const onClose = vi.fn();
    render(<RenameNotebookDialog busy={false} error={null} onClose={onClose} current="Northern Rock" onRename={onRename} />);
    const name = screen.getByRole('textbox', { name: 'Name' });
    expect(name).toHaveValue('Northern Rock');
    await user.clear(name);
    expect(screen.getByRole('button', { name: 'Rename' })).toBeDisabled();
    await user.type(name, 'Northern Rock, 2007{Enter}');
    expect(onRename).toHaveBeenCalledWith('Northern Rock, 2007');
    screen.getByRole('dialog').dispatchEvent(new Event('cancel', { cancelable: true }));
    expect(onClose).toHaveBeenCalled();
  });
});
