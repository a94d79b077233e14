/**
 * A child process for the crash test: opens a notebook and makes a seeded stream of random edits
 * through the same services the API calls — annotations created, changed and deleted, entities
 * created, renamed and deleted, sources imported, new versions of a source, backups written,
 * backups restored — until it is killed. Before each edit it prints `send <json>`, after the edit
 * is acknowledged (its promise resolved, so it is on disk) `ack <json>`; the test checks every
 * acknowledged edit after the kill.
 *
 * Arguments: notebook folder, work folder (backups and restores go there), seed, and an optional
 * focus (`backup` or `restore`) that makes every other edit one of those, so that the fault points
 * inside them are reached.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DossierError } from '../../../shared/api/result';
import { EntityFields } from '../../../shared/domain/entity';
import { createAnnotation, addVersion, updateAnnotation } from '../annotations/service';
import { createEntity, deleteEntity, liveEntities, updateEntity } from '../entities/service';
import { backupNotebook, restoreBackup } from '../store/backup';
import { Notebook } from '../store/notebook';
import { mulberry32 } from './seeded';

const [dir, work, seedArg, focus] = process.argv.slice(2);
const random = mulberry32(Number(seedArg));
const pick = <T>(list: readonly T[]): T | undefined => (list.length === 0 ? undefined : list[Math.floor(random() * list.length)]);
const say = (what: 'send' | 'ack', line: object) => process.stdout.write(`${what} ${JSON.stringify(line)}\n`);

const notebook = await Notebook.open(dir);
const paragraphs = (await Promise.all(notebook.listSources().map(async (s) => (await notebook.getSource(s.id)).text.split('\n\n')))).flat().filter((p) => p.length > 40);
const tag = `${seedArg}`;

type Edit = () => Promise<void>;
const edits: Record<string, Edit> = {
  async annotate() {
    const source = pick(notebook.listSources())!;
    const { text } = await notebook.getSource(source.id);
    const start = Math.floor(random() * Math.max(1, text.length - 30));
    const note = `c${tag}-${Math.floor(random() * 1e9)} `.repeat(1 + Math.floor(random() * 400));
    say('send', { op: 'annotate', note: note.slice(0, 40) });
    const a = await createAnnotation(notebook, { sourceId: source.id, start, end: start + 20, kind: 'passage', note, tags: ['crash'] });
    say('ack', { op: 'annotate', id: a.id, note: a.note });
  },
  async note() {
    const a = pick([...notebook.allAnnotations()].map((x) => x.annotation));
    if (!a) return edits.annotate();
    const note = `u${tag}-${Math.floor(random() * 1e9)}`;
    say('send', { op: 'note', id: a.id, note });
    await updateAnnotation(notebook, { id: a.id, note });
    say('ack', { op: 'note', id: a.id, note });
  },
  async unannotate() {
    const a = pick([...notebook.allAnnotations()].map((x) => x.annotation));
    if (!a) return edits.annotate();
    say('send', { op: 'unannotate', id: a.id });
    await notebook.removeAnnotation(a.id);
    say('ack', { op: 'unannotate', id: a.id });
  },
  async entity() {
    const name = `Person ${tag}-${Math.floor(random() * 1e9)}`;
    say('send', { op: 'entity', name });
    const e = await createEntity(notebook, EntityFields.parse({ type: 'person', name, aliases: [], description: 'made by the crash test', start: null, end: null, parentId: null }));
    say('ack', { op: 'entity', id: e.id, name: e.name });
  },
  async rename() {
    const e = pick(liveEntities(notebook.entities).filter((x) => x.name.startsWith('Person ')));
    if (!e) return edits.entity();
    const name = `Person ${tag}-${Math.floor(random() * 1e9)}`;
    say('send', { op: 'rename', id: e.id, name });
    await updateEntity(notebook, e.id, { type: e.type, name, aliases: e.aliases, description: e.description, start: e.start, end: e.end, parentId: e.parentId });
    say('ack', { op: 'rename', id: e.id, name });
  },
  async unentity() {
    const e = pick(liveEntities(notebook.entities).filter((x) => x.name.startsWith('Person ')));
    if (!e) return edits.entity();
    say('send', { op: 'unentity', id: e.id });
    await deleteEntity(notebook, e.id);
    say('ack', { op: 'unentity', id: e.id });
  },
  async import() {
    const id = `crash${tag}x${Math.floor(random() * 1e9)}`;
    const text = Array.from({ length: 3 + Math.floor(random() * 8) }, () => pick(paragraphs)!).join('\n\n');
    say('send', { op: 'import', id });
    await notebook.addSource({ id, title: `Recombined ${id}`, outlet: 'Crash Test Daily', published: '2021-06', text, provenance: { method: 'paste', fileName: null, url: null } });
    say('ack', { op: 'import', id });
  },
  async version() {
    const source = pick(notebook.listSources())!;
    const { text } = await notebook.getSource(source.id);
    const extra = pick(paragraphs)!;
    say('send', { op: 'version', id: source.id });
    const { source: after } = await addVersion(notebook, { id: source.id, text: `${text}\n\n${extra}` });
    say('ack', { op: 'version', id: source.id, contentHash: after.contentHash, versions: after.versions.length });
  },
  async backup() {
    const path = join(work, `backup-${tag}-${Math.floor(random() * 1e9)}.zip`);
    say('send', { op: 'backup', path });
    const written = await backupNotebook(notebook, path);
    say('ack', { op: 'backup', path, files: written.files });
  },
  async restore() {
    const backups = (await readdir(work)).filter((f) => /^backup-.*\.zip$/.test(f)).sort();
    const from = backups.at(-1);
    if (!from) return edits.backup();
    const path = join(work, `restore-${tag}-${Math.floor(random() * 1e9)}`);
    say('send', { op: 'restore', path, from: join(work, from) });
    await restoreBackup(join(work, from), path);
    say('ack', { op: 'restore', path });
  },
};

/** How often each edit comes, by weight. */
const WEIGHTS: [string, number][] = [
  ['annotate', 6],
  ['note', 5],
  ['unannotate', 2],
  ['entity', 3],
  ['rename', 2],
  ['unentity', 1],
  ['import', 2],
  ['version', 2],
  ['backup', 1],
  ['restore', 1],
];
const total = WEIGHTS.reduce((sum, [, w]) => sum + w, 0);
const choose = () => {
  let r = random() * total;
  for (const [name, w] of WEIGHTS) if ((r -= w) < 0) return name;
  return 'annotate';
};

for (let n = 0; ; n++) {
  const op = focus && n % 2 === 1 ? focus : choose();
  try {
    await edits[op]();
  } catch (e) {
    // A refused edit (a name already taken) changed nothing; say so and go on.
    if (!(e instanceof DossierError)) throw e;
    say('ack', { op: 'refused', why: e.message });
  }
}
