/**
 * Builds the sample notebook "Operation P-Hunt (sample)" from the article files in seeds/.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DossierError } from '../../../shared/api/result';
import { SampleNotebook } from '../../../shared/domain/sample';
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
      for (const source of sample.sources) await notebook.addSource(source);
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
