/**
 * A child process for the crash test: opens a notebook and saves annotations one after another,
 * printing "ack <id>" after each save resolves, until it is killed.
 */
import { Notebook } from '../store/notebook';
import { annotationOn } from './fixtures';

const [dir, sourceId] = process.argv.slice(2);
const notebook = await Notebook.open(dir);
const source = notebook.listSources().find((s) => s.id === sourceId)!;
const { text } = await notebook.getSource(sourceId);
for (let n = 0; ; n++) {
  const annotation = annotationOn(source, text, n);
  // A longer note makes each write take longer, so the kill lands mid-write more often.
  annotation.note = `note ${n} `.repeat(2000);
  await notebook.putAnnotation(annotation);
  process.stdout.write(`ack ${annotation.id}\n`);
}
