import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSampleNotebook } from '../electron/backend/sample/sample';
import { loadSearchEngine } from '../electron/backend/search/docs';
const dir = await mkdtemp(join(tmpdir(), 'try-'));
const nb = await createSampleNotebook(join(process.cwd(), 'seeds'), join(dir, 'nb'));
const engine = await loadSearchEngine(nb);
for (const q of process.argv.slice(2)) {
  const r = engine.search(q, { limit: 5 });
  console.log(`\n=== ${q}  problems=${JSON.stringify(r.problems)} totals=${JSON.stringify(r.totals)}`);
  for (const e of r.entities) console.log('  E', e.name.text, e.alias?.text ?? '', e.score.toFixed(2), JSON.stringify(e.name.ranges));
  for (const a of r.annotations) console.log('  A', a.sourceId.slice(0, 3), a.kind, a.quote.text.slice(0, 80), JSON.stringify(a.quote.ranges), a.linkedTo ?? '', a.score.toFixed(2));
  for (const s of r.sources) console.log('  S', s.id.slice(0, 3), s.title.text.slice(0, 40), '|', s.snippet.text.slice(0, 100), JSON.stringify(s.snippet.ranges.slice(0, 3)), s.score.toFixed(2));
}
await nb.close();
