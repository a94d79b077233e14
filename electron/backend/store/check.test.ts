/**
 * `dossier check` reads a notebook and names every problem with its file, changing nothing;
 * `--repair` copies the folder first, then fixes what can be fixed and says what it did.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createSampleNotebook } from '../sample/sample';
import { SEEDS_DIR, tempDir } from '../testing/fixtures';
import { checkNotebook } from './check';
import { repairNotebook } from './repair';
import { prepareSnapshotRestore, swapInSnapshot, takeSnapshot } from './snapshots';
import { Notebook } from './notebook';

let dir: string;
let nbDir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  nbDir = join(dir, 'sample');
  await (await createSampleNotebook(SEEDS_DIR, nbDir)).close();
});
afterEach(() => cleanup());

async function digest(folder: string): Promise<string> {
  const out: string[] = [];
  const walk = async (at: string): Promise<void> => {
    for (const e of await readdir(at, { withFileTypes: true })) {
      const path = join(at, e.name);
      if (e.isDirectory()) await walk(path);
      else
        out.push(
          `${relative(folder, path)} ${createHash('sha256')
            .update(await readFile(path))
            .digest('hex')}`,
        );
    }
  };
  await walk(folder);
  return out.sort().join('\n');
}

const SHARD = (id: string) => join(nbDir, 'sources', `${id}.json`);

/** Four kinds of damage: an altered text, a truncated shard, a link to an entity that is gone, a round whose operation is gone. */
async function damage(): Promise<{ body: string }> {
  const body = await damageText();
  const s3 = await readFile(SHARD('003_b6ce8270c2cda9db'), 'utf8');
  await writeFile(SHARD('003_b6ce8270c2cda9db'), s3.slice(0, 300));
  const s0 = JSON.parse(await readFile(SHARD('000_7baca0de28e0a4fd'), 'utf8'));
  s0.annotations[0].entityIds.push('gone-entity-1');
  await writeFile(SHARD('000_7baca0de28e0a4fd'), JSON.stringify(s0));
  const entities = JSON.parse(await readFile(join(nbDir, 'entities.json'), 'utf8'));
  const round = entities.entities.find((e: { parentId: string | null }) => e.parentId !== null);
  round.parentId = 'gone-operation';
  await writeFile(join(nbDir, 'entities.json'), JSON.stringify(entities));
  return { body };
}

it('finds no problem in the sample, and says what it checked', async () => {
  const report = await checkNotebook(nbDir);
  expect(report).toEqual({ sources: 5, annotations: 16, texts: 5, problems: [] });
});

it('names every problem with its file and changes nothing, while the notebook is open elsewhere too', async () => {
  const { body } = await damage();
  const before = await digest(nbDir);
  const report = await checkNotebook(nbDir);
  expect(report.problems).toEqual(
    expect.arrayContaining([
      { file: relative(nbDir, body), problem: expect.stringMatching(/no longer matches its sha256 .*altered or damaged/) },
      { file: join('sources', '003_b6ce8270c2cda9db.json'), problem: expect.stringMatching(/not valid JSON/) },
      { file: join('sources', '000_7baca0de28e0a4fd.json'), problem: expect.stringMatching(/is linked to entity gone-entity-1, which the notebook does not have/) },
      { file: 'entities.json', problem: expect.stringMatching(/belongs to gone-operation, which the notebook does not have/) },
    ]),
  );
  expect(report.problems).toHaveLength(4);
  expect(await digest(nbDir)).toBe(before);
});

it('repairs what it can after copying the folder as it was, and reports what is still wrong', async () => {
  const { body } = await damage();
  const before = await digest(nbDir);
  const report = await repairNotebook(nbDir);
  // The copy is the folder exactly as it was before the repair.
  expect(await digest(report.backup)).toBe(before);
  expect(report.done).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^sources\/003_b6ce8270c2cda9db\.json: Could not read the file of .* It was restored as it was on/),
      'Removed links to missing entities from 1 annotation.',
      expect.stringMatching(/^Removed links to missing entities from 1 entity/),
    ]),
  );
  // An altered text cannot be made again: it is still reported, by its file.
  expect(report.left).toEqual([{ file: relative(nbDir, body), problem: expect.stringMatching(/no longer matches its sha256/) }]);
  const nb = await Notebook.open(nbDir);
  expect(nb.listSources()).toHaveLength(5);
  expect(nb.listAnnotations('000_7baca0de28e0a4fd')[0].entityIds).not.toContain('gone-entity-1');
  expect(nb.entities.entities.every((e) => e.parentId === null || nb.entities.entities.some((p) => p.id === e.parentId))).toBe(true);
  await nb.close();
});

it('refuses to repair a notebook another process holds, and leaves no copy behind', async () => {
  const holder = await Notebook.open(nbDir);
  await expect(repairNotebook(nbDir)).rejects.toMatchObject({ code: 'NOTEBOOK_LOCKED' });
  await holder.close();
  expect((await readdir(dir)).filter((n) => n.includes('before-repair'))).toEqual([]);
});

it('takes a damaged entities.json from the newest snapshot before removing any link, and counts one damage as one problem', async () => {
  const nb = await Notebook.open(nbDir);
  const before = nb.entities.entities.length;
  await takeSnapshot(nb);
  await nb.close();
  const whole = await readFile(join(nbDir, 'entities.json'), 'utf8');
  await writeFile(join(nbDir, 'entities.json'), whole.slice(0, 300));
  // One damage: one problem, with what hangs on it counted, not each link listed.
  const report = await checkNotebook(nbDir);
  expect(report.problems).toHaveLength(1);
  expect(report.problems[0]).toMatchObject({
    file: 'entities.json',
    problem: expect.stringMatching(/not valid JSON.*; 16 annotations link entities it held \(dossier check --repair takes it from the newest snapshot that has it\)$/),
  });
  const repaired = await repairNotebook(nbDir);
  expect(repaired.done.join('\n')).toMatch(/Restored entities\.json \(the entities\) from snapshot snapshot-.*\.zip, taken .* UTC: 15 entities\./);
  expect(repaired.done.join('\n')).not.toMatch(/Removed links/);
  expect(repaired.left).toEqual([]);
  const after = await Notebook.open(nbDir);
  expect(after.entities.entities).toHaveLength(before);
  const linked = after
    .listSources()
    .flatMap((s) => after.listAnnotations(s.id))
    .filter((a) => a.entityIds.length > 0);
  expect(linked.length).toBeGreaterThan(10);
  await after.close();
});

it('restores a snapshot even when a text is damaged: the records it holds are whole, and the text is the present one', async () => {
  const nb = await Notebook.open(nbDir);
  const snapshot = await takeSnapshot(nb);
  await nb.close();
  await damageText();
  const again = await Notebook.open(nbDir);
  const building = await prepareSnapshotRestore(again, snapshot.name);
  await again.close();
  await swapInSnapshot(nbDir, building);
  const report = await checkNotebook(nbDir);
  expect(report.problems.map((p) => p.file)).toEqual([expect.stringMatching(/^(packs|bodies)\//)]);
});

/** The sample's texts are in one pack: one figure of 001's text changed inside it, same length. Answers the file changed. */
async function damageText(): Promise<string> {
  const shard001 = JSON.parse(await readFile(SHARD('001_60f2b3d7fc804a95'), 'utf8'));
  const at = shard001.source.packed as { file: string; offset: number; bytes: number } | undefined;
  const body = at ? join(nbDir, 'packs', at.file) : join(nbDir, 'bodies', `${shard001.source.contentHash}.txt`);
  const bytes = await readFile(body);
  const start = at?.offset ?? 0;
  const slice = bytes.subarray(start, start + (at?.bytes ?? bytes.length));
  const i = slice.indexOf('269');
  expect(i).toBeGreaterThanOrEqual(0);
  slice.write('296', i, 'latin1');
  await writeFile(body, bytes);
  return body;
}
