/**
 * The fact sheet's store over a fake backend: the sheet shown is the subject chosen last (a slow
 * answer for an earlier subject never replaces it), it is built again when what it cites changes
 * while it is on screen, and an export says what it wrote, asks before replacing a file, and keeps
 * the format and path the reporter chose.
 */
import { renderHook } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { deliver } from '../../lib/changes';
import { answer, answerLater, callCount, calls, refuse } from '../../testing/fake-backend';
import { factSheetShown, useFactSheet, type FactSheet } from './store';

/** A sheet as the backend builds it; the store only passes it on, so its subject's name tells sheets apart. */
const sheet = (name: string) => ({ subject: { name }, figures: [], quotes: [] }) as unknown as FactSheet;

beforeEach(() => {
  useFactSheet.setState({ subject: undefined, sheet: null, error: null, busy: false, exportState: { busy: false, error: null, replace: null, saved: null, format: 'md', typedPath: null } });
});

describe('choosing what the sheet is about', () => {
  it('shows the sheet of the subject chosen last, whatever order the answers come in', async () => {
    const build = answerLater('factsheet:build');
    const first = useFactSheet.getState().choose('e-blair');
    const second = useFactSheet.getState().choose(null);
    expect(build.pending()).toBe(2);
    build.release(sheet('the whole notebook'), 1);
    build.release(sheet('Tony Blair'), 0);
    await Promise.all([first, second]);
    expect(useFactSheet.getState().subject).toBeNull();
    expect(useFactSheet.getState().sheet).toEqual(sheet('the whole notebook'));
    expect(useFactSheet.getState().busy).toBe(false);
  });

  it('keeps the last sheet and says why when the backend cannot build one', async () => {
    answer('factsheet:build', sheet('Tony Blair'));
    await useFactSheet.getState().choose('e-blair');
    refuse('factsheet:build', { code: 'NOT_FOUND', message: 'There is no entity e-gone in this notebook.' });
    await useFactSheet.getState().choose('e-gone');
    expect(useFactSheet.getState().error?.message).toBe('There is no entity e-gone in this notebook.');
    expect(useFactSheet.getState().sheet).toEqual(sheet('Tony Blair'));
  });

  it('builds nothing before the view has chosen a subject', async () => {
    await useFactSheet.getState().reload();
    expect(callCount('factsheet:build')).toBe(0);
  });
});

describe('following the change stream', () => {
  it('builds the sheet again after an annotation, an entity or a resolution changes, only while it is shown', async () => {
    answer('factsheet:build', sheet('Tony Blair'));
    await useFactSheet.getState().choose('e-blair');
    deliver([{ kind: 'entities' }]);
    expect(callCount('factsheet:build')).toBe(1);
    const view = renderHook(() => factSheetShown.use());
    answer('factsheet:build', sheet('Tony Blair, with the new figure'));
    deliver([{ kind: 'source', sourceId: 's1' }]);
    await vi.waitFor(() => expect(useFactSheet.getState().sheet).toEqual(sheet('Tony Blair, with the new figure')));
    expect(calls.at(-1)).toEqual({ channel: 'factsheet:build', input: { entityId: 'e-blair' } });
    view.unmount();
    deliver([{ kind: 'factsheet' }]);
    expect(callCount('factsheet:build')).toBe(2);
  });

  it('turns to the whole of another notebook when the notebook changes', async () => {
    answer('factsheet:build', sheet('Tony Blair'));
    await useFactSheet.getState().choose('e-blair');
    answer('factsheet:build', sheet('the other notebook'));
    deliver([{ kind: 'notebook' }]);
    await vi.waitFor(() => expect(useFactSheet.getState().sheet).toEqual(sheet('the other notebook')));
    expect(useFactSheet.getState().subject).toBeNull();
    expect(calls.at(-1)).toEqual({ channel: 'factsheet:build', input: { entityId: null } });
  });
});

describe('resolving conflicts and writing the summary', () => {
  it('sends the resolution with its note and shows the sheet built after it', async () => {
    answer('factsheet:build', sheet('before'));
    await useFactSheet.getState().choose('e-phunt');
    answer('factsheet:resolve', { ok: true } as never);
    answer('factsheet:build', sheet('after'));
    const input = { entityId: 'e-phunt', metric: 'cases', value: 268, upper: null, note: 'FIR count from the police note' };
    expect(await useFactSheet.getState().resolve(input)).toBeNull();
    expect(calls.find((c) => c.channel === 'factsheet:resolve')?.input).toEqual(input);
    expect(useFactSheet.getState().sheet).toEqual(sheet('after'));
  });

  it('returns the refusal of a resolution to the form that sent it, and builds nothing', async () => {
    answer('factsheet:build', sheet('before'));
    await useFactSheet.getState().choose('e-phunt');
    refuse('factsheet:resolve', { code: 'INVALID_INPUT', message: 'The value 270 is not one the sources give.' });
    const error = await useFactSheet.getState().resolve({ entityId: 'e-phunt', metric: 'cases', value: 270, upper: null, note: '' });
    expect(error?.message).toBe('The value 270 is not one the sources give.');
    expect(callCount('factsheet:build')).toBe(1);
  });

  it('saves the summary for the subject shown', async () => {
    answer('factsheet:build', sheet('Tony Blair'));
    await useFactSheet.getState().choose('e-blair');
    answer('factsheet:summary', { ok: true } as never);
    expect(await useFactSheet.getState().saveSummary('**Blair** spoke twice.')).toBeNull();
    expect(calls.find((c) => c.channel === 'factsheet:summary')?.input).toEqual({ entityId: 'e-blair', summary: '**Blair** spoke twice.' });
  });
});

describe('exporting', () => {
  it('says which file it wrote and how big', async () => {
    answer('factsheet:export', { path: '/home/r/Documents/fact-sheet.html', bytes: 18_432 } as never);
    await useFactSheet.getState().exportTo('html', '/home/r/Documents/fact-sheet.html');
    const { saved, busy, error } = useFactSheet.getState().exportState;
    expect({ busy, error }).toEqual({ busy: false, error: null });
    expect(saved).toMatchObject({ path: '/home/r/Documents/fact-sheet.html', bytes: 18_432, format: 'html' });
  });

  it('asks before replacing a file that is there, and replaces it only when told to', async () => {
    refuse('factsheet:export', { code: 'ALREADY_EXISTS', message: 'There is a file there.' });
    await useFactSheet.getState().exportTo('pdf', '/tmp/sheet.pdf');
    expect(useFactSheet.getState().exportState.replace).toEqual({ path: '/tmp/sheet.pdf', format: 'pdf' });
    expect(useFactSheet.getState().exportState.error).toBeNull();
    answer('factsheet:export', { path: '/tmp/sheet.pdf', bytes: 90_000 } as never);
    await useFactSheet.getState().exportTo('pdf', '/tmp/sheet.pdf', true);
    expect(calls.at(-1)?.input).toMatchObject({ path: '/tmp/sheet.pdf', overwrite: true });
    expect(useFactSheet.getState().exportState.replace).toBeNull();
  });

  it('shows why an export failed, and keeps the last file saved', async () => {
    answer('factsheet:export', { path: '/tmp/a.md', bytes: 10 } as never);
    await useFactSheet.getState().exportTo('md', '/tmp/a.md');
    refuse('factsheet:export', { code: 'IO_ERROR', message: 'The disk is full.' });
    await useFactSheet.getState().exportTo('md', '/tmp/b.md');
    expect(useFactSheet.getState().exportState.error?.message).toBe('The disk is full.');
    expect(useFactSheet.getState().exportState.saved?.path).toBe('/tmp/a.md');
  });

  it('gives a typed path the extension of the format chosen, and forgets it for another subject', async () => {
    useFactSheet.getState().setExportPath('/home/r/Desk/blair-sheet.md');
    useFactSheet.getState().setExportFormat('docx');
    expect(useFactSheet.getState().exportState).toMatchObject({ format: 'docx', typedPath: '/home/r/Desk/blair-sheet.docx' });
    answer('factsheet:build', sheet('Gordon Brown'));
    await useFactSheet.getState().choose('e-brown');
    // The format chosen stays; the file name follows the new subject again.
    expect(useFactSheet.getState().exportState).toMatchObject({ format: 'docx', typedPath: null });
  });
});
