/**
 * The fact sheet over the sample notebook on disk: round 20.2's cases registered are 268 in 000
 * (Hindustan Times) and 269 in 001 — a conflict naming both — until the reporter resolves it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { Notebook } from '../store/notebook';
import { SEEDS_DIR, tempDir } from '../testing/fixtures';
import { createSampleNotebook } from '../sample/sample';
import { factSheetOf, reopenConflict, resolveConflict, saveSummary } from './service';

let nb: Notebook;
let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  nb = await createSampleNotebook(SEEDS_DIR, `${dir}/sample`);
});
afterEach(async () => {
  await nb.close();
  await cleanup();
});

const idOf = (name: string) => nb.entities.entities.find((e) => e.name === name)!.id;
const cell = (sheet: ReturnType<typeof factSheetOf>, metric: string, column: string) =>
  sheet.figures.rows.find((r) => r.metric === metric)!.cells[sheet.figures.columns.findIndex((c) => c.name === column)];

describe('the P-Hunt fact sheet of the sample notebook', () => {
  it('shows the 268 / 269 conflict of round 20.2, naming both sources, and what the sources agree on', () => {
    const sheet = factSheetOf(nb, idOf('Operation P-Hunt'));
    expect(sheet.figures.columns.map((c) => c.name)).toEqual(['P-Hunt 20.2', 'P-Hunt 20.3', 'P-Hunt 23.1']);
    const cases = cell(sheet, 'cases registered', 'P-Hunt 20.2')!;
    expect(cases.status).toBe('conflict');
    const cited = (v: (typeof cases.values)[number]) =>
      v.citations.map((c) => `${sheet.sources[c.n - 1].id.slice(0, 3)} ${sheet.sources[c.n - 1].outlet ?? 'outlet not named'}: ${c.quote.slice(0, 20)}`);
    expect(cases.values.map((v) => [v.value, cited(v)])).toEqual([
      [268, ['000 Hindustan Times: registered 268 cases']],
      [269, ['001 outlet not named: recorded 269 cases u']],
    ]);
    expect(cell(sheet, 'arrests', 'P-Hunt 20.2')).toMatchObject({ status: 'corroborated', values: [{ value: 41, outlets: ['Hindustan Times'], unnamedOutlets: 1 }] });
    expect(cell(sheet, 'devices seized', 'P-Hunt 23.1')).toMatchObject({ status: 'single-source', values: [{ value: 270, qualifier: 'at least' }] });
    expect(sheet.quotes.map((q) => q.speaker?.name)).toEqual(['Manoj Abraham', 'Manoj Abraham']);
    expect(sheet.timeline.filter((t) => t.kind === 'event').map((t) => t.date)).toEqual(['2019-10-13', '2020-10', '2023-02-26']);
    // 002 carries no date: it is listed, not placed on the timeline.
    expect(sheet.undatedSources.map((n) => sheet.sources[n - 1].id.slice(0, 3))).toEqual(['002']);
    expect(sheet.questions).toHaveLength(1);
  });

  it('records a resolution with its note, keeps it across a reopen, and can take it back', async () => {
    const round = idOf('P-Hunt 20.2');
    const resolution = await resolveConflict(nb, { entityId: round, metric: 'Cases registered', value: 269, note: 'The FIR register lists 269.' });
    expect(resolution).toMatchObject({ entityId: round, metric: 'cases registered', value: 269, note: 'The FIR register lists 269.' });
    const path = nb.paths.factsheet;
    await nb.close();
    nb = await Notebook.open(`${dir}/sample`);
    const cases = cell(factSheetOf(nb, idOf('Operation P-Hunt')), 'cases registered', 'P-Hunt 20.2')!;
    expect(cases.status).toBe('resolved');
    expect(cases.resolution).toMatchObject({ value: 269, note: 'The FIR register lists 269.' });
    expect(JSON.parse(await readFile(path, 'utf8')).resolutions).toHaveLength(1);
    await reopenConflict(nb, { entityId: round, metric: 'cases registered' });
    expect(cell(factSheetOf(nb, idOf('Operation P-Hunt')), 'cases registered', 'P-Hunt 20.2')!.status).toBe('conflict');
  });

  it('refuses a resolution without a reason, of a figure the sources agree on, or of nothing, and changes nothing', async () => {
    const round = idOf('P-Hunt 20.2');
    await expect(resolveConflict(nb, { entityId: round, metric: 'cases registered', value: 268, note: '  ' })).rejects.toThrow(/a note is required/);
    await expect(resolveConflict(nb, { entityId: round, metric: 'arrests', value: 41, note: 'x' })).rejects.toThrow(/agree on “arrests” for P-Hunt 20.2/);
    await expect(resolveConflict(nb, { entityId: round, metric: 'teams', value: 3, note: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(resolveConflict(nb, { entityId: 'nobody', metric: 'arrests', value: 3, note: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(resolveConflict(nb, { entityId: round, metric: 'cases registered', value: Number.NaN, note: 'x' })).rejects.toThrow(/must be a number/);
    await expect(reopenConflict(nb, { entityId: round, metric: 'cases registered' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(nb.factsheet.resolutions).toEqual([]);
  });

  it('keeps a summary per entity, and one for the whole notebook', async () => {
    await saveSummary(nb, { entityId: idOf('Operation P-Hunt'), summary: 'Kerala Police’s recurring operation.' });
    await saveSummary(nb, { entityId: null, summary: 'The story so far.' });
    expect(factSheetOf(nb, idOf('Operation P-Hunt')).summary).toBe('Kerala Police’s recurring operation.');
    expect(factSheetOf(nb, null).summary).toBe('The story so far.');
    await saveSummary(nb, { entityId: null, summary: '' });
    expect(factSheetOf(nb, null).summary).toBe('');
    await expect(saveSummary(nb, { entityId: null, summary: 'x'.repeat(20_001) })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('opens with a damaged factsheet.json set aside and reported, the rest of the notebook intact', async () => {
    await saveSummary(nb, { entityId: null, summary: 'kept?' });
    await nb.close();
    await writeFile(`${dir}/sample/factsheet.json`, '{"resolutions": [{"entityId": ');
    nb = await Notebook.open(`${dir}/sample`);
    expect(nb.problems.map((p) => p.message)).toEqual([expect.stringMatching(/^Could not read the fact sheet notes.*kept for recovery/)]);
    expect(nb.problems[0].keptAt).toMatch(/quarantine/);
    expect(nb.factsheet).toEqual({ resolutions: [], summaries: {} });
    expect(nb.listSources()).toHaveLength(5);
  });
  it('opens with a damaged entities.json set aside and reported too, the sources intact', async () => {
    await nb.close();
    await writeFile(`${dir}/sample/entities.json`, '{"entities": [');
    nb = await Notebook.open(`${dir}/sample`);
    expect(nb.problems.map((p) => p.message)).toEqual([expect.stringMatching(/^Could not read the entities.*The notebook opened without entities; the file is kept for recovery\.$/)]);
    expect(nb.entities.entities).toEqual([]);
    expect(nb.listSources()).toHaveLength(5);
  });
});
