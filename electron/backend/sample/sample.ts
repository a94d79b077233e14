/**
 * Builds the sample notebook "Operation P-Hunt (sample)" from the article files in seeds/.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DossierError } from '../../../shared/api/result';
import { describe } from '../../../shared/domain/anchoring';
import { SampleEntities, SampleNotebook } from '../../../shared/domain/sample';
import { createEntity } from '../entities/service';
import { parseDatedText } from '../../../shared/domain/text';
import { describeSchemaError, fsyncFolder } from '../store/durable-file';
import { Notebook, type NewSource } from '../store/notebook';
import { dirname } from 'node:path';

/** Reads seeds/sample.json and the article files it names, as sources ready to add. */
export async function readSample(seedsDir: string): Promise<{ name: string; sources: NewSource[] }> {
  const file = join(seedsDir, 'sample.json');
  const parsed = SampleNotebook.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) throw new DossierError('INTERNAL', `${file} is not a valid sample description: ${describeSchemaError(parsed.error)}`);
  const sources = await Promise.all(
    parsed.data.sources.map(async (s): Promise<NewSource> => {
      const dated = parseDatedText(await readFile(join(seedsDir, s.file), 'utf8'));
      if (s.outletEvidence !== null && !dated.body.includes(s.outletEvidence)) {
        throw new DossierError('INTERNAL', `${s.file} does not contain "${s.outletEvidence}", the words said to name its outlet.`);
      }
      return {
        id: s.file.replace(/\.txt$/, ''),
        title: s.title,
        outlet: s.outlet,
        published: dated.published,
        text: dated.body,
        provenance: { method: 'sample', fileName: s.file, url: null },
      };
    }),
  );
  return { name: parsed.data.name, sources };
}

/** Reads seeds/entities.json. */
async function readSampleEntities(seedsDir: string): Promise<SampleEntities> {
  const file = join(seedsDir, 'entities.json');
  const parsed = SampleEntities.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) throw new DossierError('INTERNAL', `${file} is not a valid description of the sample's entities: ${describeSchemaError(parsed.error)}`);
  return parsed.data;
}

/** Adds the sample's entities (parents first) and the annotations that link passages to them. */
async function addSampleEntities(notebook: Notebook, seeds: SampleEntities): Promise<void> {
  const idOf = new Map<string, string>();
  const pending = [...seeds.entities];
  while (pending.length > 0) {
    const i = pending.findIndex((e) => e.parent === null || idOf.has(e.parent));
    if (i < 0) throw new DossierError('INTERNAL', 'The sample entities have a circle of parents.');
    const [e] = pending.splice(i, 1);
    const created = await createEntity(notebook, {
      type: e.type,
      name: e.name,
      aliases: e.aliases,
      description: e.description,
      start: e.start,
      end: e.end,
      parentId: e.parent === null ? null : idOf.get(e.parent)!,
    });
    idOf.set(e.ref, created.id);
  }
  const now = new Date().toISOString();
  for (const [n, a] of seeds.annotations.entries()) {
    const sourceId = a.file.replace(/\.txt$/, '');
    const source = await notebook.getSource(sourceId);
    let at = -1;
    for (let k = 0; k < (a.occurrence ?? 1); k++) at = source.text.indexOf(a.quote, at + 1);
    if (at < 0) throw new DossierError('INTERNAL', `${a.file} does not contain the sample annotation's words “${a.quote}”.`);
    const { quote, position } = describe(source.text, at, at + a.quote.length);
    await notebook.putAnnotation({
      id: `sample-${n + 1}`,
      sourceId,
      kind: a.kind,
      target: { contentHash: source.contentHash, quote, position },
      anchor: { state: 'exact' },
      note: a.note,
      tags: a.tags,
      entityIds: a.entities.map((r) => idOf.get(r)!),
      figure: a.figure
        ? {
            metric: a.figure.metric,
            value: a.figure.value,
            upper: a.figure.upper ?? null,
            unit: a.figure.unit ?? null,
            qualifier: a.figure.qualifier ?? null,
            date: a.figure.date ?? null,
            entityId: idOf.get(a.figure.entity)!,
          }
        : null,
      speakerId: a.speaker ? idOf.get(a.speaker)! : null,
      eventDate: a.eventDate ?? null,
      createdAt: now,
      updatedAt: now,
      createdBy: null,
      updatedBy: null,
    });
  }
}

/**
 * Creates the sample notebook at `targetDir`, which must not exist. It is built in a sibling
 * folder and renamed into place, so a crash never leaves a half-made sample behind.
 */
export async function createSampleNotebook(seedsDir: string, targetDir: string): Promise<Notebook> {
  const target = resolve(targetDir);
  const sample = await readSample(seedsDir);
  const building = `${target}.creating-${randomBytes(4).toString('hex')}`;
  try {
    const notebook = await Notebook.create(building, { name: sample.name, isSample: true });
    try {
      for (const result of await notebook.addSources(sample.sources)) if (result instanceof Error) throw result;
      await addSampleEntities(notebook, await readSampleEntities(seedsDir));
    } finally {
      await notebook.close();
    }
    await rename(building, target);
    await fsyncFolder(dirname(target));
  } catch (e) {
    await rm(building, { recursive: true, force: true });
    throw e;
  }
  return Notebook.open(target);
}
