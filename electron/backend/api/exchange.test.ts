/**
 * The annotations of the sample notebook for other tools: W3C JSON-LD that the W3C test suite's
 * MUST assertions accept, imported back into a notebook with the same sources; CSV a spreadsheet
 * reads; and files that are not what they claim refused with nothing changed.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { officialCheck, samples, W3C_MISSING } from '../testing/w3c-schemas';
import { startTestApp, type TestApp } from '../testing/api';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(() => t.close());

const HT = '000_7baca0de28e0a4fd';

/** What an annotation says, without what a new copy may change (its id, times, anchor). */
const gist = (a: Awaited<ReturnType<TestApp['call']>> & object) => {
  const x = a as {
    sourceId: string;
    kind: string;
    target: { quote: { exact: string }; position: unknown };
    note: string;
    tags: string[];
    entityIds: string[];
    figure: unknown;
    speakerId: string | null;
    eventDate: string | null;
  };
  return {
    sourceId: x.sourceId,
    kind: x.kind,
    quote: x.target.quote.exact,
    position: x.target.position,
    note: x.note,
    tags: x.tags,
    entityIds: [...x.entityIds].sort(),
    figure: x.figure,
    speakerId: x.speakerId,
    eventDate: x.eventDate,
  };
};

describe('who made an annotation', () => {
  it('records the display name of whoever made and last changed it, exports it as the W3C creator and in CSV, and reads it back', async () => {
    await t.call('app:updateSettings', { displayName: '  Asha Menon ' });
    const { text } = await t.call('sources:get', { id: HT });
    const quote = 'Many electronic devices and phones were seized from them.';
    const start = text.indexOf(quote);
    const made = await t.call('annotations:create', { sourceId: HT, start, end: start + quote.length, note: 'how many devices?' });
    expect(made).toMatchObject({ createdBy: 'Asha Menon', updatedBy: 'Asha Menon' });
    await t.call('app:updateSettings', { displayName: 'Ben Thomas' });
    const changed = await t.call('annotations:update', { id: made.id, note: '001 says 280' });
    expect(changed).toMatchObject({ createdBy: 'Asha Menon', updatedBy: 'Ben Thomas' });
    // The sample's own annotations were made by nobody named.
    const sample = (await t.call('annotations:listAll', {})).find((i) => i.annotation.id !== made.id)!.annotation;
    expect(sample).toMatchObject({ createdBy: null, updatedBy: null });

    const path = join(t.dir, 'annotations.jsonld');
    await t.call('annotations:export', { format: 'w3c', path });
    const items = JSON.parse(await readFile(path, 'utf8')).first.items as { id: string; creator?: unknown }[];
    expect(items.find((i) => i.id === `urn:dossier:annotation:${made.id}`)!.creator).toEqual({ type: 'Person', name: 'Asha Menon' });
    expect(items.find((i) => i.id === `urn:dossier:annotation:${sample.id}`)!.creator).toBeUndefined();
    if (W3C_MISSING === null) for (const item of items) expect(officialCheck()!.annotation(item), item.id).toEqual([]);

    const csv = join(t.dir, 'annotations.csv');
    await t.call('annotations:export', { format: 'csv', path: csv });
    const lines = (await readFile(csv, 'utf8')).replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0].endsWith(',created,updated,created_by,updated_by')).toBe(true);
    expect(lines.find((l) => l.startsWith(made.id))!.endsWith(',Asha Menon,Ben Thomas')).toBe(true);

    await t.call('annotations:delete', { id: made.id });
    expect(await t.call('annotations:importW3C', { path })).toMatchObject({ imported: 1 });
    const back = (await t.call('annotations:listAll', {})).find((i) => i.annotation.id === made.id)!.annotation;
    expect(back).toMatchObject({ createdBy: 'Asha Menon', note: '001 says 280' });
  });

  it('takes a creator from another tool’s W3C file by its name or nickname', async () => {
    const { text } = await t.call('sources:get', { id: HT });
    const exact = 'Many electronic devices and phones were seized from them.';
    const start = text.indexOf(exact);
    const one = (id: string, creator: unknown) => ({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id,
      type: 'Annotation',
      creator,
      body: { type: 'TextualBody', value: id },
      target: { source: `urn:dossier:source:${HT}`, selector: { type: 'TextPositionSelector', start, end: start + exact.length } },
    });
    const path = join(t.dir, 'theirs.jsonld');
    await writeFile(
      path,
      JSON.stringify([
        one('http://example.org/a1', { id: 'http://example.org/people/1', type: 'Person', name: 'Priya R.' }),
        one('http://example.org/a2', [{ type: 'Person', nickname: 'priya' }]),
        one('http://example.org/a3', 'http://example.org/people/2'),
      ]),
    );
    expect(await t.call('annotations:importW3C', { path })).toMatchObject({ imported: 3, skipped: [] });
    const byNote = new Map((await t.call('annotations:listAll', {})).map((i) => [i.annotation.note, i.annotation.createdBy]));
    expect([byNote.get('http://example.org/a1'), byNote.get('http://example.org/a2'), byNote.get('http://example.org/a3')]).toEqual(['Priya R.', 'priya', null]);
  });
});

describe('W3C Web Annotation export and import', () => {
  it.skipIf(W3C_MISSING !== null)(`exports every annotation as the W3C test suite’s MUST assertions require${W3C_MISSING ? ` (skipped: ${W3C_MISSING})` : ''}`, async () => {
    const path = join(t.dir, 'annotations.jsonld');
    const written = await t.call('annotations:export', { format: 'w3c', path });
    expect(written.count).toBe(16);
    const collection = JSON.parse(await readFile(path, 'utf8'));
    const official = officialCheck()!;
    expect(official.collection(collection)).toEqual([]);
    expect(collection.first.items).toHaveLength(16);
    for (const item of collection.first.items) expect(official.annotation(item), item.id).toEqual([]);
    const figure = collection.first.items.find((i: { target: { selector: { exact?: string }[] } }) => i.target.selector[0].exact === 'registered 268 cases');
    expect(figure.target.source).toBe(`urn:dossier:source:${HT}`);
    expect(figure.body).toContainEqual({ type: 'TextualBody', value: 'figure', purpose: 'classifying' });
    expect(figure.body).toContainEqual({ type: 'TextualBody', value: 'P-Hunt 20.2', purpose: 'identifying' });
  });

  it('imports its own export back into a notebook with the same sources: same passages, notes, tags, links and facts', async () => {
    const before = (await t.call('annotations:listAll', {})).map((i) => i.annotation);
    const path = join(t.dir, 'annotations.jsonld');
    await t.call('annotations:export', { format: 'w3c', path });
    for (const a of before) await t.call('annotations:delete', { id: a.id });
    expect(await t.call('annotations:listAll', {})).toEqual([]);
    const report = await t.call('annotations:importW3C', { path });
    expect(report).toEqual({ imported: 16, alreadyPresent: 0, skipped: [] });
    const after = (await t.call('annotations:listAll', {})).map((i) => i.annotation);
    expect(after.map(gist).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual(before.map(gist).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))));
    // Imported again: nothing doubles.
    const again = await t.call('annotations:importW3C', { path });
    expect(again).toEqual({ imported: 0, alreadyPresent: 16, skipped: [] });
  });

  it.skipIf(W3C_MISSING !== null)(
    `takes every valid example of the W3C test suite as a valid file, and says why its annotations have no place here${W3C_MISSING ? ` (skipped: ${W3C_MISSING})` : ''}`,
    async () => {
      const before = (await t.call('annotations:listAll', {})).length;
      for (const { name, text } of samples('correct')) {
        const path = join(t.dir, name);
        await writeFile(path, text);
        const report = await t.call('annotations:importW3C', { path });
        expect(report.imported, name).toBe(0);
        for (const s of report.skipped) expect(s.reason, `${name} ${s.id}`).toMatch(/^(no source in this notebook is |a (Composite|List|Independents) of several resources|it has no target)/);
      }
      for (const { name, text } of samples('incorrect')) {
        const path = join(t.dir, `bad-${name}`);
        await writeFile(path, text);
        expect((await t.refusal('annotations:importW3C', { path })).code, name).toBe('INVALID_INPUT');
      }
      expect((await t.call('annotations:listAll', {})).length).toBe(before);
    },
  );

  it('places an annotation from another tool by its quote, and reports what it cannot place', async () => {
    const path = join(t.dir, 'other.json');
    await writeFile(
      path,
      JSON.stringify([
        {
          '@context': 'http://www.w3.org/ns/anno.jsonld',
          id: 'http://example.org/anno/1',
          type: 'Annotation',
          body: [
            { type: 'TextualBody', value: 'Check the district split.' },
            { type: 'TextualBody', purpose: 'tagging', value: 'x'.repeat(200) },
          ],
          target: { source: `urn:dossier:source:${HT}`, selector: { type: 'TextQuoteSelector', exact: 'registered 268 cases', prefix: 'arrested 41 people, including some IT professionals, and ' } },
        },
        { '@context': 'http://www.w3.org/ns/anno.jsonld', id: 'http://example.org/anno/2', type: 'Annotation', target: 'http://example.com/page1' },
        {
          '@context': 'http://www.w3.org/ns/anno.jsonld',
          id: 'http://example.org/anno/3',
          type: 'Annotation',
          target: { source: `urn:dossier:source:${HT}`, selector: { type: 'TextQuoteSelector', exact: 'words that are not there' } },
        },
      ]),
    );
    const report = await t.call('annotations:importW3C', { path });
    expect(report.imported).toBe(1);
    expect(report.skipped).toEqual([
      { id: 'http://example.org/anno/2', reason: 'no source in this notebook is http://example.com/page1' },
      { id: 'http://example.org/anno/3', reason: expect.stringMatching(/^the words “words that are not there” are not in Kerala cyber wing/) },
    ]);
    const added = (await t.call('annotations:list', { sourceId: HT })).filter((a) => a.note === 'Check the district split.');
    expect(added.map((a) => [a.kind, a.target.quote.exact])).toEqual([['passage', 'registered 268 cases']]);
    // A tag longer than Dossier keeps is cut to its limit, not refused halfway through the file.
    expect(added[0].tags).toEqual(['x'.repeat(80)]);
  });

  it('refuses a file that is not JSON, or not valid W3C, naming the problem, and changes nothing', async () => {
    const count = async () => (await t.call('annotations:listAll', {})).length;
    const before = await count();
    const notJson = join(t.dir, 'broken.json');
    await writeFile(notJson, '{"@context": "http://www.w3.org/ns/anno.jsonld", "id": ');
    expect(await t.refusal('annotations:importW3C', { path: notJson })).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/^It is not JSON: /) });
    const invalid = join(t.dir, 'invalid.json');
    await writeFile(
      invalid,
      JSON.stringify({
        '@context': 'http://www.w3.org/ns/anno.jsonld',
        id: 'http://example.org/1',
        type: 'Annotation',
        created: 'yesterday',
        target: { source: `urn:dossier:source:${HT}`, selector: { type: 'TextQuoteSelector', exact: 'registered 268 cases' } },
      }),
    );
    expect(await t.refusal('annotations:importW3C', { path: invalid })).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/created must be one date and time .* not "yesterday"/),
    });
    expect(await t.refusal('annotations:importW3C', { path: join(t.dir, 'missing.json') })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await t.refusal('annotations:importW3C', { path: t.dir })).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/is not a file/) });
    expect(await count()).toBe(before);
  });
});

describe('CSV export', () => {
  it('writes a row per annotation that a spreadsheet reads back, with the figures’ fields and formulas defused', async () => {
    const ht = await t.call('annotations:list', { sourceId: HT });
    await t.call('annotations:update', { id: ht[0].id, note: '=HYPERLINK("http://evil") and, "quoted"\nsecond line' });
    const path = join(t.dir, 'annotations.csv');
    expect((await t.call('annotations:export', { format: 'csv', path })).count).toBe(16);
    const text = await readFile(path, 'utf8');
    expect(text.startsWith('\uFEFFid,source_id,source_title,')).toBe(true);
    const rows = parseCsv(text.slice(1));
    expect(rows).toHaveLength(17);
    const header = rows[0];
    const at = (row: string[], column: string) => row[header.indexOf(column)];
    const cases = rows.find((r) => at(r, 'quote') === 'registered 268 cases')!;
    expect([at(cases, 'kind'), at(cases, 'figure_metric'), at(cases, 'figure_value'), at(cases, 'figure_entity'), at(cases, 'outlet')]).toEqual([
      'figure',
      'cases registered',
      '268',
      'P-Hunt 20.2',
      'Hindustan Times',
    ]);
    const edited = rows.find((r) => at(r, 'id') === ht[0].id)!;
    expect(at(edited, 'note')).toBe('\'=HYPERLINK("http://evil") and, "quoted"\nsecond line');
  });

  it('asks before replacing a file', async () => {
    const path = join(t.dir, 'annotations.csv');
    await writeFile(path, 'mine');
    expect(await t.refusal('annotations:export', { format: 'csv', path })).toMatchObject({ code: 'ALREADY_EXISTS' });
    expect(await readFile(path, 'utf8')).toBe('mine');
  });
});

/** A small RFC 4180 reader, as a spreadsheet reads the file. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('backup over the API', () => {
  it('writes the notebook to an archive and restores it as a new notebook that opens', async () => {
    const path = join(t.dir, 'p-hunt.dossier.zip');
    const written = await t.call('notebook:backup', { path });
    // notebook.json, entities.json, five shards and the pack of the five texts.
    expect(written.files).toBe(8);
    expect(await t.refusal('notebook:backup', { path })).toMatchObject({ code: 'ALREADY_EXISTS' });
    const info = await t.call('notebook:restore', { archive: path, path: join(t.dir, 'restored') });
    expect(info).toMatchObject({ name: 'Operation P-Hunt (sample)', sourceCount: 5, path: join(t.dir, 'restored'), problems: [] });
    expect((await t.call('annotations:listAll', {})).length).toBe(16);
    expect(await t.refusal('notebook:restore', { archive: join(t.dir, 'nope.zip') })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('follows a backup by its task name and cancels it: the request answers CANCELLED and no file is written', async () => {
    const path = join(t.dir, 'cancelled.zip');
    const running = t.refusal('notebook:backup', { path, task: 'backup-task-1' });
    // Asked while the backup runs: it is known by its name, then cancelled.
    const status = await t.call('app:taskStatus', { task: 'backup-task-1' });
    expect(status).toMatchObject({ step: 'Writing the archive', cancelled: false });
    expect(await t.call('app:cancelTask', { task: 'backup-task-1' })).toEqual({ running: true });
    expect(await running).toMatchObject({ code: 'CANCELLED', message: expect.stringMatching(/was not written/) });
    expect(await readFile(path).catch((e: NodeJS.ErrnoException) => e.code)).toBe('ENOENT');
    // Finished tasks are forgotten; a cancel that overtakes its start still stops it.
    expect(await t.call('app:taskStatus', { task: 'backup-task-1' })).toBeNull();
    await t.call('notebook:backup', { path, task: 'backup-task-3' });
    expect(await t.call('app:cancelTask', { task: 'restore-task-2' })).toEqual({ running: false });
    expect(await t.refusal('notebook:restore', { archive: path, path: join(t.dir, 'restored'), task: 'restore-task-2' })).toMatchObject({ code: 'CANCELLED' });
    expect(await readFile(join(t.dir, 'restored', 'notebook.json')).catch((e: NodeJS.ErrnoException) => e.code)).toBe('ENOENT');
  });
});
