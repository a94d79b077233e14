/**
 * The language of a text that does not say it: by its script, by the telling letters of a shared
 * script, and for Latin by letter trigrams, with no answer rather than a wrong one (a few words,
 * numbers, a runner-up as likely as the best). On real text: the seven scripts of ../shared/testdata/languages, and the real web
 * pages that declare their language, where no page is given a wrong one.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { francAll } from 'franc-min';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { testdata } from '../../electron/backend/testing/testdata';
import { detectLanguage, functionWordsLanguage } from './language';

describe('telling the language of a text', () => {
  it('tells English, French and Spanish news by their words', () => {
    expect(detectLanguage('The chancellor said on Tuesday that spending on schools would rise by £1,400 a pupil over three years.')).toEqual({ lang: 'en', how: 'words' });
    expect(detectLanguage('Le gouvernement a annoncé mardi une baisse de 2,5 % des dépenses publiques pour l’année prochaine.')?.lang).toBe('fr');
    expect(detectLanguage('El fiscal José Núñez habló ayer de la operación contra la corrupción en la provincia de Buenos Aires.')?.lang).toBe('es');
  });

  it('tells a script’s languages apart by their own letters', () => {
    expect(detectLanguage('Президент України заявив, що уряд ухвалив рішення про підтримку їхніх громад.')?.lang).toBe('uk');
    expect(detectLanguage('وزیر اعظم نے کہا کہ حکومت نے بدعنوانی کے خلاف ایک نئی مہم شروع کی ہے۔')?.lang).toBe('ur');
    expect(detectLanguage('警察は火曜日に、州全体で四十一人を逮捕したと発表した。')?.lang).toBe('ja');
    expect(detectLanguage('警方周二表示，在全省范围内逮捕了四十一人，并立案二百六十八起。')?.lang).toBe('zh');
  });

  it('gives no answer for a few words or numbers', () => {
    expect(detectLanguage('Breaking news')).toBeNull();
    expect(detectLanguage('268 269 41 392 10,000 2020-10-04')).toBeNull();
  });
});

const languages = testdata('languages', 'The language of real text in seven scripts');
const pages = testdata('readability-pages', 'The language of real web pages');

describe.skipIf(!languages || !pages)('on real text', () => {
  it.each([
    ['ml-malayalam.txt', 'ml'],
    ['hi-hindi.txt', 'hi'],
    ['ta-tamil.txt', 'ta'],
    ['ar-arabic.txt', 'ar'],
    ['ru-russian.txt', 'ru'],
    ['zh-chinese.txt', 'zh'],
    ['ja-japanese.txt', 'ja'],
  ])('%s is %s', (file, lang) => {
    expect(detectLanguage(readFileSync(join(languages!, file), 'utf8'))?.lang).toBe(lang);
  });

  it('gives none of the real pages that declare their language a wrong one, and 33 of 36 their own', () => {
    const results = readdirSync(pages!)
      .filter((d) => existsSync(join(pages!, d, 'expected-metadata.json')))
      .map((d) => ({ d, declared: (JSON.parse(readFileSync(join(pages!, d, 'expected-metadata.json'), 'utf8')) as { lang?: string | null }).lang }))
      .filter((p) => p.declared)
      .map(({ d, declared }) => {
        const { document } = parseHTML(`<html><body>${readFileSync(join(pages!, d, 'expected.html'), 'utf8')}</body></html>`);
        return { d, want: declared!.slice(0, 2).toLowerCase(), got: detectLanguage(document.body.textContent ?? '')?.lang ?? null };
      });
    expect(results).toHaveLength(36);
    expect(results.filter((r) => r.got !== null && r.got !== r.want)).toEqual([]);
    // The three unanswered are "Lorem ipsum" filler and a page of formulas, declared English.
    expect(results.filter((r) => r.got === r.want)).toHaveLength(33);
  });
});

describe.skipIf(!pages)('the function-word shortcut', () => {
  it('answers most real pages at once, and never otherwise than franc’s trigrams or the page’s own language', () => {
    const texts = readdirSync(pages!)
      .filter((d) => existsSync(join(pages!, d, 'expected.html')))
      .map((d) => {
        const { document } = parseHTML(`<html><body>${readFileSync(join(pages!, d, 'expected.html'), 'utf8')}</body></html>`);
        const declared = existsSync(join(pages!, d, 'expected-metadata.json'))
          ? (JSON.parse(readFileSync(join(pages!, d, 'expected-metadata.json'), 'utf8')) as { lang?: string | null }).lang?.slice(0, 2).toLowerCase()
          : undefined;
        return { d, text: (document.body.textContent ?? '').replace(/\s+/g, ' '), declared };
      });
    const ISO3: Record<string, string> = { en: 'eng', fr: 'fra', de: 'deu', es: 'spa', pt: 'por', it: 'ita', nl: 'nld' };
    let answered = 0;
    for (const { d, text, declared } of texts) {
      const quick = functionWordsLanguage(text);
      if (quick === null) continue;
      answered++;
      if (declared) expect(quick, d).toBe(declared);
      expect(ISO3[quick], d).toBe(francAll(text.slice(0, 1500))[0][0]);
    }
    // The others are Lorem ipsum (which franc calls French), other languages, tables and formulas.
    expect(answered).toBeGreaterThanOrEqual(36);
  });

  it('leaves close calls and short texts to the trigrams', () => {
    expect(functionWordsLanguage('The chancellor said on Tuesday that spending would rise.')).toBeNull();
    const spanish =
      'El gobierno de la provincia anunció que las obras de la nueva carretera comenzarán en marzo y que el presupuesto será de dos millones de pesos para los primeros tramos, según dijo el ministro en la conferencia de prensa.';
    expect(detectLanguage(spanish)?.lang).toBe('es');
  });
});
