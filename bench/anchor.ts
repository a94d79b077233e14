/**
 * `npm run bench:anchor`: re-anchoring speed.
 *   1. One 5,000-word source with 200 annotations, after an edit (a paragraph inserted in the
 *      middle and a few words changed): the pure re-anchoring (anchor + describe, as the service
 *      does it) over 20 different edits, and the whole `addVersion` path on a real notebook,
 *      durable write included.
 *   2. The 5,000-source benchmark notebook (10 annotations each) after every body is touched (a
 *      sentence added at the top and one word changed): every annotation re-anchored.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { anchor, describe } from '../shared/domain/anchoring';
import { NO_FACTS } from '../shared/domain/annotation';
import { addVersion } from '../electron/backend/annotations/service';
import { Notebook } from '../electron/backend/store/notebook';
import { articleText, generateSources, prng } from './generate';

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Re-anchors like the service: find, then describe the new place. Returns the state. */
function reanchorOne(text: string, quote: { exact: string; prefix: string; suffix: string }, position: { start: number; end: number }): string {
  const found = anchor(text, { quote, position });
  if (found.start !== undefined && found.end !== undefined) describe(text, found.start, found.end);
  return found.state;
}

/** Inserts a paragraph in the middle and changes `words` random words elsewhere. */
function edit(text: string, random: () => number, words: number): string {
  const paragraphs = text.split('\n\n');
  paragraphs.splice(Math.floor(paragraphs.length / 2), 0, 'An editor added this paragraph of new reporting after publication, with 12 more words.');
  let out = paragraphs.join('\n\n');
  for (let i = 0; i < words; i++) {
    const at = Math.floor(random() * out.length);
    const space = out.indexOf(' ', at);
    if (space > 0) out = `${out.slice(0, space + 1)}corrected${out.slice(out.indexOf(' ', space + 1))}`;
  }
  return out;
}

const fmt = (n: number, d = 2) => n.toFixed(d);

async function singleSource(): Promise<void> {
  const random = prng(11);
  const text = articleText(random, 5000);
  const annotations = Array.from({ length: 200 }, () => {
    const start = Math.floor(random() * (text.length - 300));
    return describe(text, start, start + 20 + Math.floor(random() * 180));
  });
  const perAnnotation: number[] = [];
  const totals: number[] = [];
  const states: Record<string, number> = {};
  for (let run = 0; run < 20; run++) {
    const edited = edit(text, random, 5);
    const t0 = performance.now();
    for (const a of annotations) {
      const t = performance.now();
      const state = reanchorOne(edited, a.quote, a.position);
      perAnnotation.push(performance.now() - t);
      states[state] = (states[state] ?? 0) + 1;
    }
    totals.push(performance.now() - t0);
  }

  // The same through the service on a real notebook: read, re-anchor, one durable shard write.
  const dir = await mkdtemp(join(tmpdir(), 'dossier-bench-anchor-'));
  const ends: number[] = [];
  try {
    const nb = await Notebook.create(join(dir, 'nb'), { name: 'bench' });
    const source = await nb.addSource({ title: '5,000 words', outlet: null, published: null, text, provenance: { method: 'paste', fileName: null, url: null } });
    const now = new Date().toISOString();
    for (const [i, a] of annotations.entries()) {
      await nb.putAnnotation({ id: `a${i}`, sourceId: source.id, kind: 'passage', target: { contentHash: source.contentHash, ...a }, anchor: { state: 'exact' }, note: '', tags: [], entityIds: [], ...NO_FACTS, createdAt: now, updatedAt: now });
    }
    let current = text;
    for (let run = 0; run < 10; run++) {
      current = edit(current, random, 5);
      const t0 = performance.now();
      await addVersion(nb, { id: source.id, text: current });
      ends.push(performance.now() - t0);
    }
    await nb.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  console.log('\n1. One source of 5,000 words (%d characters) with 200 annotations, after an edit', text.length);
  console.log('| measure | p50 | p95 |\n|---|---|---|');
  console.log(`| re-anchor one annotation (ms) | ${fmt(percentile(perAnnotation, 50), 3)} | ${fmt(percentile(perAnnotation, 95), 3)} |`);
  console.log(`| re-anchor all 200 (ms), 20 edits | ${fmt(percentile(totals, 50))} | ${fmt(percentile(totals, 95))} |`);
  console.log(`| addVersion end to end, 200 annotations (ms), 10 versions | ${fmt(percentile(ends, 50))} | ${fmt(percentile(ends, 95))} |`);
  console.log(`States over the 20 edits: ${Object.entries(states).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`${percentile(totals, 95) < 50 ? 'MET ' : 'MISSED'}  the 200-annotation source re-anchors in under 50 ms (p95 of 20 edits)`);
}

function wholeNotebook(): void {
  const sources = generateSources(5000);
  const random = prng(5);
  const per: number[] = [];
  const states: Record<string, number> = {};
  const t0 = performance.now();
  for (const g of sources) {
    const words = g.text.split(' ');
    words[Math.floor(random() * words.length)] = 'changed';
    const touched = `A correction was appended to this article on a later date.\n\n${words.join(' ')}`;
    for (const a of g.annotations) {
      const t = performance.now();
      const state = reanchorOne(touched, a.target.quote, a.target.position);
      per.push(performance.now() - t);
      states[state] = (states[state] ?? 0) + 1;
    }
  }
  const total = performance.now() - t0;
  console.log('\n2. The 5,000-source notebook (50,000 annotations) after every body was touched');
  console.log('| measure | value |\n|---|---|');
  console.log(`| re-anchor one annotation p50 / p95 (ms) | ${fmt(percentile(per, 50), 3)} / ${fmt(percentile(per, 95), 3)} |`);
  console.log(`| all 50,000 annotations (s) | ${fmt(total / 1000)} |`);
  console.log(`States: ${Object.entries(states).map(([k, v]) => `${k} ${v}`).join(', ')}`);
}

console.log(`Anchoring benchmark: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
await singleSource();
wholeNotebook();
