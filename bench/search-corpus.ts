/**
 * The search benchmark's notebook and queries, all of real text (bench/real-text.ts): sources
 * recombined from real paragraphs; annotations on real passages, a third with a note that is a real
 * sentence, with kinds, tags and, where the passage names one, a link to an entity; entities from
 * the corpus's own capitalised names; queries whose words are picked from the real vocabulary by
 * how many documents hold them; and typo probes made from real words.
 */
import { NO_FACTS, type Annotation, type AnnotationKind } from '../shared/domain/annotation';
import type { SourceSummary } from '../shared/domain/source';
import { tokenize } from '../shared/domain/names';
import { describe } from '../shared/domain/anchoring';
import type { SearchAnnotation, SearchEntity, SearchSource } from '../shared/search/engine';
import { swapDistance } from '../shared/search/typos';
import { prng, summaryOf } from './generate';
import { realArticles, realNames, recombinedSources } from './real-text';

export interface Corpus {
  sources: SearchSource[];
  annotations: SearchAnnotation[];
  entities: SearchEntity[];
  /** The same as a notebook to write: each source's summary, text and annotations. */
  notebook: { source: SourceSummary; text: string; annotations: Annotation[] }[];
}

const KINDS: AnnotationKind[] = ['passage', 'figure', 'quote', 'question', 'event'];
const TAGS = ['to-verify', 'figure', 'background', 'legal', 'quote-check'];

/** A benchmark notebook of `size` real-text sources and `annotationCount` annotations. */
export function corpus(size: number, annotationCount = Math.min(50_000, size * 10)): Corpus {
  const random = prng(size + 1);
  const names = realNames(300);
  const entities: SearchEntity[] = names.map((name, i) => ({ id: `e${i}`, type: i % 2 ? 'person' : 'organisation', name, aliases: [name.split(' ')[1]], parentId: null }));
  const sentences = realArticles()
    .flatMap((a) => a.paragraphs.flatMap((p) => p.split(/(?<=[.!?])\s+/)))
    .filter((s) => s.length > 30 && s.length < 160);
  const perSource = Math.max(1, Math.round(annotationCount / size));
  const out: Corpus = { sources: [], annotations: [], entities, notebook: [] };
  for (const [i, s] of recombinedSources(size, 11).entries()) {
    const id = `s${String(i).padStart(6, '0')}`;
    const source = summaryOf(id, s, `${i}.html`);
    const { contentHash } = source;
    out.sources.push({ id, title: s.title, outlet: s.outlet, published: s.published, text: s.text });
    const annotations: Annotation[] = [];
    for (let j = 0; j < perSource; j++) {
      // A passage from a word's start, 20 to 120 characters.
      let start = Math.floor(random() * Math.max(1, s.text.length - 130));
      start = s.text.lastIndexOf(' ', start) + 1;
      const target = describe(s.text, start, Math.min(s.text.length, start + 20 + Math.floor(random() * 100)));
      const quote = target.quote.exact;
      const linked = entities.filter((e) => quote.includes(e.name)).map((e) => e.id);
      const at = new Date(Date.UTC(2026, 0, 1, 0, 0, i * perSource + j)).toISOString();
      const annotation: Annotation = {
        id: `${id}-a${j}`,
        sourceId: id,
        kind: KINDS[(i + j) % KINDS.length],
        target: { contentHash, ...target },
        anchor: { state: 'exact' },
        note: j % 3 === 0 ? sentences[Math.floor(random() * sentences.length)] : '',
        tags: [TAGS[(i * 3 + j) % TAGS.length]],
        entityIds: linked,
        ...NO_FACTS,
        createdAt: at,
        updatedAt: at,
        createdBy: null,
        updatedBy: null,
      };
      annotations.push(annotation);
      out.annotations.push({
        id: annotation.id,
        sourceId: id,
        kind: annotation.kind,
        quote,
        note: annotation.note,
        tags: annotation.tags,
        entityIds: linked,
        start: target.position.start,
        end: target.position.end,
      });
    }
    out.notebook.push({ source, text: s.text, annotations });
  }
  return out;
}

/** One letter swapped with the next, dropped, added or changed: a typo of a real word. */
function typo(word: string, random: () => number): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const i = 1 + Math.floor(random() * (word.length - 2));
  switch (Math.floor(random() * 4)) {
    case 0:
      return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    case 1:
      return word.slice(0, i) + word.slice(i + 1);
    case 2:
      return word.slice(0, i) + letters[Math.floor(random() * 26)] + word.slice(i);
    default:
      return word.slice(0, i) + letters[(letters.indexOf(word[i]) + 1 + Math.floor(random() * 25)) % 26] + word.slice(i + 1);
  }
}

/** A typo probe: what is typed, the word meant, and the sources that hold the word meant. */
export interface Probe {
  query: string;
  meant: string;
  relevant: Set<string>;
  /** Whether the word meant has another word of the notebook within two edits. */
  hasNeighbour: boolean;
}

export interface Queries {
  all: string[];
  probes: Probe[];
}

/** About 50 queries of every kind, and 40 typo probes, from the corpus's own words. */
export function queries(c: Corpus, seed = 7): Queries {
  const random = prng(seed);
  // Each word's documents (sources, by title and text).
  const docs = new Map<string, Set<string>>();
  for (const s of c.sources) {
    for (const t of tokenize(`${s.title} ${s.text}`)) {
      let set = docs.get(t.text);
      if (!set) docs.set(t.text, (set = new Set()));
      set.add(s.id);
    }
  }
  const words = [...docs.keys()].filter((w) => /^\p{Ll}{4,12}$/u.test(w));
  const byFrequency = [...words].sort((a, b) => docs.get(b)!.size - docs.get(a)!.size);
  const at = (fraction: number) => byFrequency[Math.floor(fraction * (byFrequency.length - 1))];
  // Single words from the most common to the rarest.
  const singles = [0, 0.001, 0.005, 0.01, 0.05, 0.1, 0.3, 0.5, 0.8, 0.99].map(at);
  // Phrases: two neighbouring words of a real sentence.
  const phrases = Array.from({ length: 5 }, () => {
    const s = c.sources[Math.floor(random() * c.sources.length)].text.match(/\p{L}{3,} \p{L}{3,}/gu) ?? ['the police'];
    return `"${s[Math.floor(random() * s.length)]}"`;
  });
  const commonTypos = [0.001, 0.003, 0.01, 0.02, 0.05].map((f) => typo(at(f), random));
  const names = [0, 1, 5, 20, 50].map((i) => (i % 2 ? c.entities[i].aliases[0] : c.entities[i].name));
  const w = (f: number) => at(f);
  const outlet = c.sources.find((s) => s.outlet)?.outlet ?? 'The Hindu';
  const title = c.sources[3].title.split(' ').slice(0, 2).join(' ');
  const filters = [
    `kind:figure ${w(0.01)}`,
    `tag:to-verify ${w(0.05)}`,
    `after:2020 ${w(0.01)}`,
    `before:2017 ${w(0.1)}`,
    `outlet:"${outlet}" ${w(0.02)}`,
    `entity:"${c.entities[0].name}" ${w(0.005)}`,
    `${w(0.001)} -${w(0.01)}`,
    `source:"${title}" ${w(0.003)}`,
    'kind:figure after:2020',
    `${w(0.002)} -${phrases[0]}`,
  ];

  // Typo probes: real words of 4 to 12 letters, half with a real neighbour within two edits.
  const vocabulary = new Set(docs.keys());
  const probes: Probe[] = [];
  const neighbourOf = (word: string) => words.some((x) => x !== word && Math.abs(x.length - word.length) <= 2 && swapDistance(x, word) <= 2);
  for (let tries = 0; probes.length < 40 && tries < 20_000; tries++) {
    const meant = words[Math.floor(random() * words.length)];
    const hasNeighbour = neighbourOf(meant);
    if (hasNeighbour !== (probes.length % 2 === 0)) continue;
    const query = typo(meant, random);
    // A typo that is itself a word of the notebook cannot be told from that word.
    if (vocabulary.has(query) || query === meant) continue;
    probes.push({ query, meant, relevant: docs.get(meant)!, hasNeighbour });
  }
  return { all: [...singles, ...phrases, ...commonTypos, ...names, ...filters, ...probes.slice(0, 15).map((p) => p.query)], probes };
}

/** recall@10 of one probe: the share of the first ten results that hold the word meant, of as many as could. */
export function recallAt10(probe: Probe, ids: string[]): number {
  const top = ids.slice(0, 10);
  return top.filter((id) => probe.relevant.has(id)).length / Math.min(10, probe.relevant.size);
}
