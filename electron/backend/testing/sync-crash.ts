/**
 * A child process for the sync crash test: opens a shared notebook and, until it is killed, makes
 * a seeded stream of edits (annotations created, their notes changed, some deleted) with a round
 * of sync with the server after every few, so that a kill lands anywhere: inside an edit, inside
 * the bridge writing the replica, inside replication, inside taking in. Before each edit it
 * prints `send <json>`, after it is acknowledged (on disk) `ack <json>`, and `synced` after each
 * round.
 *
 * Arguments: notebook folder, server, database, the author's name, seed. The server's name and
 * password come from DOSSIER_SYNC_USER and DOSSIER_SYNC_PASSWORD.
 */
import { createAnnotation, updateAnnotation } from '../annotations/service';
import { Notebook } from '../store/notebook';
import { remoteAddress } from '../sync/remote';
import { remoteDatabase, ShareSession } from '../sync/share';
import { mulberry32 } from './seeded';

const [dir, server, database, author, seedArg] = process.argv.slice(2);
const random = mulberry32(Number(seedArg));
const say = (what: string, line?: object) => process.stdout.write(`${what}${line ? ` ${JSON.stringify(line)}` : ''}\n`);

const username = process.env.DOSSIER_SYNC_USER;
const password = process.env.DOSSIER_SYNC_PASSWORD;
const notebook = await Notebook.open(dir);
const session = await ShareSession.open(notebook, () => author);
const remote = remoteDatabase(remoteAddress(server, database), username && password ? { username, password } : null, false);
say('ready');

for (let n = 0; ; n++) {
  const annotations = [...notebook.allAnnotations()].map((x) => x.annotation);
  const roll = random();
  if (roll < 0.45 || annotations.length === 0) {
    const source = notebook.listSources()[Math.floor(random() * notebook.listSources().length)];
    const { text } = await notebook.getSource(source.id);
    const start = Math.floor(random() * Math.max(1, text.length - 40));
    const note = `${author}-${seedArg}-${n}`;
    say('send', { op: 'create', note });
    const a = await createAnnotation(notebook, { sourceId: source.id, start, end: start + 24, kind: 'passage', note, tags: ['sync-crash'] }, author);
    say('ack', { op: 'create', id: a.id, note });
  } else if (roll < 0.9) {
    const a = annotations[Math.floor(random() * annotations.length)];
    const note = `${author}-${seedArg}-${n} (was ${a.note.slice(0, 30)})`;
    say('send', { op: 'note', id: a.id, note });
    await updateAnnotation(notebook, { id: a.id, note }, author);
    say('ack', { op: 'note', id: a.id, note });
  } else {
    const a = annotations[Math.floor(random() * annotations.length)];
    say('send', { op: 'delete', id: a.id });
    await notebook.removeAnnotation(a.id);
    say('ack', { op: 'delete', id: a.id });
  }
  if (n % 3 === 2) {
    await session.syncOnce(remote);
    say('synced');
  }
}
