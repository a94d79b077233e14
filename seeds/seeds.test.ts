import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeMarks } from '../shared/domain/quotes';
import { SampleNotebook } from '../shared/domain/sample';
import { parseDatedText } from '../shared/domain/text';

const here = fileURLToPath(new URL('.', import.meta.url));
const shared = join(here, '..', '..', 'shared', 'seeds');

describe('the sample notebook’s seeds', () => {
  it('describes every article file in seeds/ with the shared schema', async () => {
    const sample = SampleNotebook.parse(JSON.parse(await readFile(join(here, 'sample.json'), 'utf8')));
    const files = (await readdir(here)).filter((f) => f.endsWith('.txt')).sort();
    expect(sample.sources.map((s) => s.file).sort()).toEqual(files);
  });

  it('reads each article’s date from its leading line, with 002 undated', async () => {
    const dates: Record<string, string | null> = {};
    for (const f of (await readdir(here)).filter((n) => n.endsWith('.txt'))) {
      dates[f.slice(0, 3)] = parseDatedText(await readFile(join(here, f), 'utf8')).published;
    }
    expect(dates).toEqual({ '000': '2020-10-05', '001': '2020-10-10', '002': null, '003': '2019-10-13', '004': '2023-02-27' });
  });

  it('names an outlet only where the article’s own text names it', async () => {
    const sample = SampleNotebook.parse(JSON.parse(await readFile(join(here, 'sample.json'), 'utf8')));
    for (const s of sample.sources) {
      const text = await readFile(join(here, s.file), 'utf8');
      if (s.outletEvidence) expect(text).toContain(s.outletEvidence);
    }
    expect(sample.sources.filter((s) => s.outlet).map((s) => [s.file.slice(0, 3), s.outlet])).toEqual([['000', 'Hindustan Times']]);
  });

  it.skipIf(!existsSync(shared))('is an exact copy of ../shared/seeds (skipped where that folder is absent)', async () => {
    for (const f of (await readdir(shared)).filter((n) => n.endsWith('.txt'))) {
      expect(await readFile(join(here, f), 'utf8'), f).toBe(await readFile(join(shared, f), 'utf8'));
    }
  });

  it('writes descriptions and notes an editor can read: no internal source id, no quote with an unmatched mark', async () => {
    const seeded = JSON.parse(await readFile(join(here, 'entities.json'), 'utf8')) as {
      entities: { name: string; description: string }[];
      annotations: { quote: string; note: string; kind: string }[];
    };
    for (const e of seeded.entities) expect(e.description, e.name).not.toMatch(/\b00\d\b/);
    for (const a of seeded.annotations) expect(a.note, a.quote).not.toMatch(/\b00\d\b/);
    for (const a of seeded.annotations) expect(describeMarks(a.quote), a.quote).toBeNull();
  });
});
