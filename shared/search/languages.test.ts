/**
 * Search in seven scripts on real text (../shared/testdata/languages: Wikipedia paragraphs in
 * Malayalam, Hindi, Tamil, Arabic, Russian, Chinese and Japanese, with three probe words each that
 * occur, another form of each, and one word that does not occur). Every probe word finds its text
 * and no other, each of its other forms finds it too, the absent word finds nothing, and in Chinese
 * and Japanese, written without spaces, every occurrence of a word is found inside the runs of
 * characters (the segmenter's words) and marked in the snippet.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testdata } from '../../electron/backend/testing/testdata';
import { findMentions, tokenize } from '../domain/names';
import { SearchEngine } from './engine';
import { foldText, tokenRegex } from './fold';

const dir = testdata('languages', 'Search in seven scripts');

interface Probe {
  file: string;
  lang: string;
  query: string;
  query_inflected: string | null;
  expect_found: boolean;
  substring_count?: number;
}

describe.skipIf(!dir)('search in seven scripts, on real text', () => {
  const probes = dir ? (JSON.parse(readFileSync(join(dir, 'queries.json'), 'utf8')) as Probe[]) : [];
  const files = [...new Set(probes.map((p) => p.file))];
  const texts = new Map(files.map((f) => [f, dir ? readFileSync(join(dir, f), 'utf8') : '']));
  const engine = new SearchEngine();
  engine.putSources(files.map((file) => ({ id: file, title: file.replace(/\.txt$/, ''), outlet: null, published: null, text: texts.get(file)! })));
  const found = (query: string) => engine.search(query, { limit: 10 }).sources.map((s) => s.id);

  it('has the seven languages’ probes', () => {
    expect(new Set(probes.map((p) => p.lang))).toEqual(new Set(['ml', 'hi', 'ta', 'ar', 'ru', 'zh', 'ja']));
    expect(probes.length).toBeGreaterThanOrEqual(28);
  });

  it.each(probes.filter((p) => p.expect_found).map((p) => [p.lang, p.query, p] as const))('%s: “%s” finds its text, and no other', (_lang, query, p) => {
    expect(found(query)).toEqual([p.file]);
  });

  it.each(probes.filter((p) => p.query_inflected).map((p) => [p.lang, p.query_inflected, p] as const))('%s: another form, “%s”, finds it too', (_lang, query, p) => {
    expect(found(query!)).toContain(p.file);
  });

  it.each(probes.filter((p) => !p.expect_found).map((p) => [p.lang, p.query] as const))('%s: “%s”, which no text holds, finds nothing', (_lang, query) => {
    expect(found(query)).toEqual([]);
  });

  it.each(probes.filter((p) => p.expect_found && (p.lang === 'zh' || p.lang === 'ja')).map((p) => [p.lang, p.query, p] as const))(
    '%s: every occurrence of “%s” is inside a word of the index and marked',
    (_lang, query, p) => {
      const text = texts.get(p.file)!;
      const occurrences = text.split(query).length - 1;
      if (p.substring_count !== undefined) expect(occurrences).toBe(p.substring_count);
      // The segmenter cuts the runs of characters into words; none of the word's occurrences is lost in a longer run.
      const inside = tokenize(text).filter((t) => t.text.includes(query)).length;
      expect(inside).toBe(occurrences);
      expect(foldText(text).match(tokenRegex([foldText(query)]))).toHaveLength(occurrences);
      const snippet = engine.search(query, { limit: 1 }).sources[0].snippet;
      expect(snippet.ranges.length).toBeGreaterThan(0);
      // Marked: the word, or the index's longer word that holds it (太陽系 for 太陽), as a prefix marks its whole word.
      for (const [s, e] of snippet.ranges) expect(snippet.text.slice(s, e)).toContain(query);
    },
  );

  it('counts an entity named in Chinese, Japanese or Malayalam wherever the text names it', () => {
    const zh = texts.get('zh-chinese.txt')!;
    expect(findMentions(zh, [{ id: 'mars', name: '火星', aliases: [] }])).toHaveLength(23);
    const ja = texts.get('ja-japanese.txt')!;
    expect(findMentions(ja, [{ id: 'jump', name: '飛び降りる', aliases: [] }])).toHaveLength(ja.split('飛び降りる').length - 1);
    const ml = texts.get('ml-malayalam.txt')!;
    expect(findMentions(ml, [{ id: 'food', name: 'food', aliases: ['ഭക്ഷണം'] }]).length).toBeGreaterThanOrEqual(1);
  });
});
