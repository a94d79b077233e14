/**
 * The Snapshots dialog as a reporter meets it before undoing a day's work: each snapshot with what
 * it holds (or why it cannot be restored), Restore asked once more and "keep it as it is" changing
 * nothing, and in a shared notebook what colleagues changed since — kept by default, rolled back
 * for the whole team only when the reporter ticks it, and the choice sent with the restore.
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { SnapshotChange, SnapshotInfo } from '../store';
import { SnapshotsDialog } from './SnapshotsDialog';

const snap = (name: string, takenAt: string, more: Partial<SnapshotInfo> = {}): SnapshotInfo => ({
  name,
  takenAt,
  bytes: 48_000,
  sources: 212,
  annotations: 1_480,
  entities: 96,
  problem: null,
  ...more,
});
const SNAPSHOTS = [
  snap('2026-03-04T09-00-00Z.zip', '2026-03-04T09:00:00.000Z'),
  snap('2026-03-03T18-00-00Z.zip', '2026-03-03T18:00:00.000Z', { problem: 'its entities.json is damaged', sources: null, annotations: null, entities: null }),
];
const CHANGES: SnapshotChange[] = [
  { id: 'annotation:a1', by: 'Ben', at: '2026-03-04T10:00:00.000Z', how: 'edited', what: 'the note on “a £5bn gap”' },
  { id: 'entity:e2', by: null, at: '2026-03-04T11:00:00.000Z', how: 'added', what: 'the entity Rachel Reeves' },
];

function dialog(shared = false, changes: SnapshotChange[] | Error = CHANGES) {
  const props = {
    onLoad: vi.fn(),
    onTake: vi.fn(async () => ({ done: 'Snapshot taken.' })),
    onRestore: vi.fn(async () => ({ done: 'The notebook is back as it was on 4 March.' })),
    onChanges: vi.fn(async () => (changes instanceof Error ? { error: { code: 'UNAVAILABLE' as const, message: changes.message } } : changes)),
    onClose: vi.fn(),
  };
  render(<SnapshotsDialog snapshots={SNAPSHOTS} busy={false} task={null} shared={shared} {...props} />);
  return props;
}

describe('the Snapshots dialog', () => {
  it('lists what each snapshot holds, and why one cannot be restored', () => {
    const props = dialog();
    expect(props.onLoad).toHaveBeenCalled();
    const [good, damaged] = within(screen.getByRole('list', { name: 'Snapshots' })).getAllByRole('listitem');
    expect(good).toHaveTextContent('212 sources · 1480 annotations · 96 entities · 46.9 KB');
    expect(damaged).toHaveTextContent('Cannot be restored: its entities.json is damaged');
    expect(within(damaged).getByRole('button', { name: /Restore the snapshot/ })).toBeDisabled();
  });

  it('asks before restoring, and changes nothing when the reporter keeps the notebook as it is', async () => {
    const user = userEvent.setup();
    const props = dialog();
    await user.click(screen.getAllByRole('button', { name: /Restore the snapshot/ })[0]);
    expect(screen.getByRole('group', { name: 'Restore this snapshot?' })).toHaveTextContent('how it is now is kept as a snapshot first');
    await user.click(screen.getByRole('button', { name: 'Keep the notebook as it is' }));
    expect(props.onRestore).not.toHaveBeenCalled();
    expect(screen.queryByRole('group', { name: 'Restore this snapshot?' })).not.toBeInTheDocument();
  });

  it('restores a notebook of one reporter, and says it is done', async () => {
    const user = userEvent.setup();
    const props = dialog();
    await user.click(screen.getAllByRole('button', { name: /Restore the snapshot/ })[0]);
    await user.click(screen.getByRole('button', { name: 'Restore' }));
    expect(props.onRestore).toHaveBeenCalledWith('2026-03-04T09-00-00Z.zip', false);
    expect(props.onChanges).not.toHaveBeenCalled();
    expect(await screen.findByRole('status')).toHaveTextContent('The notebook is back as it was on 4 March.');
  });

  it('in a shared notebook, lists what colleagues changed since, which the restore keeps', async () => {
    const user = userEvent.setup();
    const props = dialog(true);
    await user.click(screen.getAllByRole('button', { name: /Restore the snapshot/ })[0]);
    const list = await screen.findByRole('list', { name: 'What colleagues changed since then' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent?.split(' · ')[0]),
    ).toEqual(['Ben changed the note on “a £5bn gap”', 'Someone unnamed added the entity Rachel Reeves']);
    expect(screen.getByText(/colleagues made these 2 changes, which the restore keeps/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Restore' }));
    expect(props.onRestore).toHaveBeenCalledWith('2026-03-04T09-00-00Z.zip', false);
  });

  it('rolls back the whole team’s changes only when the reporter ticks it, and says so first', async () => {
    const user = userEvent.setup();
    const props = dialog(true);
    await user.click(screen.getAllByRole('button', { name: /Restore the snapshot/ })[0]);
    await screen.findByRole('list', { name: 'What colleagues changed since then' });
    await user.click(screen.getByRole('checkbox', { name: /Roll back what colleagues changed since as well/ }));
    expect(screen.getByText(/These 2 changes by colleagues will be rolled back for everyone/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Restore' }));
    expect(props.onRestore).toHaveBeenCalledWith('2026-03-04T09-00-00Z.zip', true);
  });

  it('says when what colleagues changed could not be read', async () => {
    const user = userEvent.setup();
    dialog(true, new Error('The server did not answer.'));
    await user.click(screen.getAllByRole('button', { name: /Restore the snapshot/ })[0]);
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not read what colleagues changed since then: The server did not answer.');
  });

  it('takes a snapshot now, and says how an empty list fills', async () => {
    const user = userEvent.setup();
    const onTake = vi.fn(async () => ({ done: 'Snapshot taken.' }));
    render(<SnapshotsDialog snapshots={[]} busy={false} task={null} shared={false} onLoad={vi.fn()} onTake={onTake} onRestore={vi.fn()} onChanges={vi.fn()} onClose={vi.fn()} />);
    expect(screen.getByText(/No snapshots yet/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Take a snapshot now' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Snapshot taken.');
  });
});
