/**
 * The export panel wired to the fact sheet's store over a fake backend, as in the view: the file
 * name follows the subject and the format until the reporter types one, an export says what it
 * wrote, a file already there is replaced only after "Replace", and the system's dialog (desktop
 * app) exports where the reporter chose without asking twice.
 */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { pick } from '../../../lib/store';
import { answer, calls, callCount, refuse } from '../../../testing/fake-backend';
import { useFactSheet } from '../store';
import { ExportPanel } from './ExportPanel';

function Panel({ subject = 'Rishi Sunak’s budget', folder = '/home/reporter/Documents', canChoose = false }) {
  const s = useFactSheet(pick((x) => x));
  return (
    <ExportPanel
      subject={subject}
      folder={folder}
      canChoose={canChoose}
      state={s.exportState}
      actions={{ onExport: (f, p, o) => void s.exportTo(f, p, o), onCancelReplace: s.cancelReplace, onFormat: s.setExportFormat, onPath: s.setExportPath, onChoosePath: s.chooseSavePath }}
    />
  );
}

const pathBox = () => screen.getByRole('textbox', { name: 'Save as' });

beforeEach(() => {
  useFactSheet.setState({ subject: null, exportState: { busy: false, error: null, replace: null, saved: null, format: 'md', typedPath: null } });
});

describe('exporting the fact sheet', () => {
  it('suggests a file named after the subject, in the folder, that follows the format', async () => {
    const user = userEvent.setup();
    render(<Panel />);
    expect(pathBox()).toHaveValue('/home/reporter/Documents/rishi-sunak-s-budget-fact-sheet.md');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Format' }), 'Word (.docx)');
    expect(pathBox()).toHaveValue('/home/reporter/Documents/rishi-sunak-s-budget-fact-sheet.docx');
  });

  it('uses the backslashes of a Windows folder', () => {
    render(<Panel folder={'C:\\Users\\asha\\Documents\\'} />);
    expect(pathBox()).toHaveValue('C:\\Users\\asha\\Documents\\rishi-sunak-s-budget-fact-sheet.md');
  });

  it('exports to the path typed, and says which file, how big, in which folder', async () => {
    const user = userEvent.setup();
    answer('factsheet:export', ({ path }) => ({ ok: true, value: { path, bytes: 15_053 } }) as never);
    render(<Panel />);
    await user.clear(pathBox());
    await user.type(pathBox(), '/home/reporter/Desk/budget.md');
    await user.click(screen.getByRole('button', { name: 'Export' }));
    expect(calls.at(-1)?.input).toMatchObject({ format: 'md', path: '/home/reporter/Desk/budget.md', overwrite: false });
    expect(await screen.findByRole('status')).toHaveTextContent(/^Saved budget\.md \(14\.7 KB\) at \d\d:\d\d, in \/home\/reporter\/Desk\/\.$/);
  });

  it('asks before replacing a file, and keeps it when told to', async () => {
    const user = userEvent.setup();
    refuse('factsheet:export', { code: 'ALREADY_EXISTS', message: 'exists' });
    render(<Panel />);
    await user.click(screen.getByRole('button', { name: 'Export' }));
    const question = await screen.findByRole('alertdialog', { name: 'Replace the file?' });
    expect(question).toHaveTextContent('/home/reporter/Documents/rishi-sunak-s-budget-fact-sheet.md already exists. Replace it?');
    await user.click(screen.getByRole('button', { name: 'Keep it' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(callCount('factsheet:export')).toBe(1);
  });

  it('replaces the file after "Replace"', async () => {
    const user = userEvent.setup();
    refuse('factsheet:export', { code: 'ALREADY_EXISTS', message: 'exists' });
    render(<Panel />);
    await user.click(screen.getByRole('button', { name: 'Export' }));
    answer('factsheet:export', ({ path }) => ({ ok: true, value: { path, bytes: 900 } }) as never);
    await user.click(await screen.findByRole('button', { name: 'Replace' }));
    expect(calls.at(-1)?.input).toMatchObject({ overwrite: true });
    expect(await screen.findByRole('status')).toHaveTextContent('Saved rishi-sunak-s-budget-fact-sheet.md');
  });

  it('exports where the system’s dialog chose, without asking again, and nothing when it was cancelled', async () => {
    const user = userEvent.setup();
    answer('app:chooseSavePath', null);
    render(<Panel canChoose />);
    await user.click(screen.getByRole('button', { name: 'Choose where…' }));
    expect(callCount('factsheet:export')).toBe(0);
    answer('app:chooseSavePath', '/media/usb/sunak.pdf');
    answer('factsheet:export', ({ path }) => ({ ok: true, value: { path, bytes: 80_000 } }) as never);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Format' }), 'PDF (.pdf)');
    await user.click(screen.getByRole('button', { name: 'Choose where…' }));
    expect(calls.find((c) => c.channel === 'app:chooseSavePath')?.input).toEqual({ suggestedName: 'rishi-sunak-s-budget-fact-sheet.md', extension: 'md' });
    expect(calls.at(-1)).toEqual({ channel: 'factsheet:export', input: { entityId: null, format: 'pdf', path: '/media/usb/sunak.pdf', overwrite: true } });
    expect(pathBox()).toHaveValue('/media/usb/sunak.pdf');
  });

  it('shows why an export failed', async () => {
    const user = userEvent.setup();
    refuse('factsheet:export', { code: 'IO_ERROR', message: 'Could not write /home/reporter/Documents: the disk is full.' });
    render(<Panel />);
    await user.click(screen.getByRole('button', { name: 'Export' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('the disk is full');
  });
});
