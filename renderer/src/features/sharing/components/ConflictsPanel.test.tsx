/**
 * The Conflicts panel as a reporter meets it: each record's versions side by side with who made
 * them, only the fields that differ, nothing chosen until someone chooses, two notes combined by
 * hand into one, a deletion kept or undone, and an empty notebook that says why there is nothing.
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { SyncConflict } from '../../../../../shared/domain/sync';
import { ConflictsPanel } from './ConflictsPanel';

const passage = { target: { quote: { exact: 'the memo warned of a £5bn gap', prefix: '', suffix: '' }, position: { start: 10, end: 39 } }, tags: ['treasury'] };
const noteConflict: SyncConflict = {
  id: 'annotation:a1',
  kind: 'annotation',
  versions: [
    { rev: '3-aaa', winner: true, deleted: false, by: 'Asha', at: '2026-03-02T10:00:00.000Z', body: { ...passage, note: 'Confirmed by a second official.', updatedAt: '2026-03-02T10:00:00.000Z' } },
    { rev: '3-bbb', winner: false, deleted: false, by: 'Ben', at: '2026-03-02T10:05:00.000Z', body: { ...passage, note: 'Memo seen; dated 4 March.', updatedAt: '2026-03-02T10:05:00.000Z' } },
  ],
};
const deletedEntity: SyncConflict = {
  id: 'entity:e-brown',
  kind: 'entity',
  versions: [
    { rev: '2-ccc', winner: true, deleted: false, by: null, at: null, body: { name: 'Gordon Brown', aliases: ['the Chancellor', 'Brown'] } },
    { rev: '2-ddd', winner: false, deleted: true, by: 'Ben', at: '2026-03-03T08:00:00.000Z', body: null },
  ],
};

function panel(conflicts: SyncConflict[] | null, shared = true) {
  const onResolve = vi.fn();
  const onClose = vi.fn();
  render(<ConflictsPanel conflicts={conflicts} shared={shared} busy={false} error={null} onResolve={onResolve} onClose={onClose} />);
  return { onResolve, onClose };
}

describe('the Conflicts panel', () => {
  it('shows each version with who made it, and only the fields in which they differ', () => {
    panel([noteConflict]);
    const card = screen.getByRole('listitem');
    expect(within(card).getByRole('heading')).toHaveTextContent('An annotation: “the memo warned of a £5bn gap”');
    const asha = within(card).getByRole('region', { name: 'Asha’s version' });
    expect(asha).toHaveTextContent('Confirmed by a second official.');
    expect(asha).toHaveTextContent('shown now');
    expect(within(card).getByRole('region', { name: 'Ben’s version' })).toHaveTextContent('Memo seen; dated 4 March.');
    // The tags are the same on both sides, and the times are in each header: neither is a difference.
    expect(
      within(asha)
        .getAllByRole('term')
        .map((t) => t.textContent),
    ).toEqual(['Note']);
  });

  it('keeps the version the reporter chooses, for that record', async () => {
    const { onResolve } = panel([noteConflict]);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Keep Ben’s version' }));
    expect(onResolve).toHaveBeenCalledWith('annotation:a1', { keep: '3-bbb' });
  });

  it('combines the two notes by hand into one version, built on the version shown now', async () => {
    const user = userEvent.setup();
    const { onResolve } = panel([noteConflict]);
    await user.click(screen.getByRole('button', { name: 'Combine the notes…' }));
    const box = screen.getByRole('textbox', { name: 'Combined note' });
    expect(box).toHaveValue('Confirmed by a second official.\n\nMemo seen; dated 4 March.');
    await user.type(box, ' Both hold.');
    await user.click(screen.getByRole('button', { name: 'Keep the combined version' }));
    const [id, choice] = onResolve.mock.calls[0] as [string, { body: Record<string, unknown> }];
    expect(id).toBe('annotation:a1');
    expect(choice.body).toMatchObject({ ...passage, note: 'Confirmed by a second official.\n\nMemo seen; dated 4 March. Both hold.' });
    expect(choice.body.updatedAt).not.toBe('2026-03-02T10:00:00.000Z');
  });

  it('cancels a combination without choosing anything', async () => {
    const user = userEvent.setup();
    const { onResolve } = panel([noteConflict]);
    await user.click(screen.getByRole('button', { name: 'Combine the notes…' }));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onResolve).not.toHaveBeenCalled();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
  });

  it('offers to keep a deletion or undo it, and names a version nobody signed', async () => {
    const { onResolve } = panel([deletedEntity]);
    expect(within(screen.getByRole('listitem')).getByRole('heading')).toHaveTextContent('An entity: Gordon Brown');
    expect(screen.getByRole('region', { name: 'Ben’s version' })).toHaveTextContent('Deleted it.');
    expect(screen.getByRole('region', { name: 'Someone unnamed’s version' })).toHaveTextContent('at a time not recorded');
    // Two names cannot be combined: only notes and summaries can.
    expect(screen.queryByRole('button', { name: /Combine/ })).not.toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Keep it deleted' }));
    expect(onResolve).toHaveBeenCalledWith('entity:e-brown', { keep: '2-ddd' });
    expect(screen.getByRole('button', { name: 'Keep Someone unnamed’s (undo the deletion)' })).toBeEnabled();
  });

  it('says why there is nothing: not shared, still reading, or no conflicts', () => {
    const { unmount } = render(<ConflictsPanel conflicts={null} shared={false} busy={false} error={null} onResolve={vi.fn()} onClose={vi.fn()} />);
    expect(screen.getByText(/This notebook is not shared/)).toBeInTheDocument();
    unmount();
    panel(null);
    expect(screen.getByRole('status')).toHaveTextContent('Reading the conflicts…');
  });

  it('says there are no conflicts, shows a refusal, and closes', async () => {
    const onClose = vi.fn();
    render(<ConflictsPanel conflicts={[]} shared busy={false} error={{ code: 'UNAVAILABLE', message: 'The server did not answer.' }} onResolve={vi.fn()} onClose={onClose} />);
    expect(screen.getByText('No conflicts: nothing was changed on two laptops at once.')).toBeInTheDocument();
    expect(screen.getByText(/The server did not answer\./)).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalled();
  });

  it('lets nobody choose twice while a choice is being made', () => {
    render(<ConflictsPanel conflicts={[noteConflict]} shared busy error={null} onResolve={vi.fn()} onClose={vi.fn()} />);
    for (const button of screen.getAllByRole('button', { name: /Keep/ })) expect(button).toBeDisabled();
  });
});
