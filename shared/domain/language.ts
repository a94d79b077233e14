/**
 * A text's language, when its source does not say (a pasted article, a text or PDF file): from its
 * script where the script tells (Malayalam, Tamil, Thai, Hangul…), from the script's telling
 * letters where several languages share it (Ukrainian і ї є ґ among Cyrillic; Urdu and Persian
 * letters among Arabic; kana among Han), and for Latin script from its letter trigrams (franc, 82
 * languages). A guess that is not sure is no answer: the reporter can always say.
 */
import { francAll } from 'franc-min';

export interface DetectedLanguage {
  /** BCP 47 (ISO 639-1 where there is one): "ml", "hi", "en". */
  lang: string;
  /** How it was told: by the script alone, or by the words. */
  how: 'script' | 'words';
}

/** Blocks of the scripts told apart, by code point (first, last, script). */
const BLOCKS: [number, number, string][] = [
  [0x00c0, 0x024f, 'Latin'],
  [0x0370, 0x03ff, 'Greek'],
  [0x0400, 0x052f, 'Cyrillic'],
  [0x0530, 0x058f, 'Armenian'],
  [0x0590, 0x05ff, 'Hebrew'],
  [0x0600, 0x06ff, 'Arabic'],
  [0x0750, 0x077f, 'Arabic'],
  [0x0900, 0x097f, 'Devanagari'],
  [0x0980, 0x09ff, 'Bengali'],
  [0x0a00, 0x0a7f, 'Gurmukhi'],
  [0x0a80, 0x0aff, 'Gujarati'],
  [0x0b00, 0x0b7f, 'Oriya'],
  [0x0b80, 0x0bff, 'Tamil'],
  [0x0c00, 0x0c7f, 'Telugu'],
  [0x0c80, 0x0cff, 'Kannada'],
  [0x0d00, 0x0d7f, 'Malayalam'],
  [0x0d80, 0x0dff, 'Sinhala'],
  [0x0e00, 0x0e7f, 'Thai'],
  [0x0e80, 0x0eff, 'Lao'],
  [0x1000, 0x109f, 'Myanmar'],
  [0x10a0, 0x10ff, 'Georgian'],
  [0x1100, 0x11ff, 'Hangul'],
  [0x1200, 0x137f, 'Ethiopic'],
  [0x1780, 0x17ff, 'Khmer'],
  [0x1e00, 0x1eff, 'Latin'],
  [0x3040, 0x30ff, 'Kana'],
  [0x3400, 0x4dbf, 'Han'],
  [0x4e00, 0x9fff, 'Han'],
  [0xac00, 0xd7af, 'Hangul'],
  [0xfb50, 0xfdff, 'Arabic'],
  [0xfe70, 0xfeff, 'Arabic'],
];

/** Scripts whose letters name one language (or whose main language is the only fair guess). */
const BY_SCRIPT: Record<string, string> = {
  Malayalam: 'ml',
  Tamil: 'ta',
  Telugu: 'te',
  Kannada: 'kn',
  Bengali: 'bn',
  Gurmukhi: 'pa',
  Gujarati: 'gu',
  Oriya: 'or',
  Sinhala: 'si',
  Thai: 'th',
  Lao: 'lo',
  Myanmar: 'my',
  Khmer: 'km',
  Hangul: 'ko',
  Greek: 'el',
  Hebrew: 'he',
  Georgian: 'ka',
  Armenian: 'hy',
  Ethiopic: 'am',
  Devanagari: 'hi',
};

function scriptOf(code: number): string | null {
  if (code < 0x80) return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) ? 'Latin' : null;
  for (const [first, last, script] of BLOCKS) if (code >= first && code <= last) return script;
  return null;
}

/** franc's ISO 639-3 codes, as BCP 47 takes them (the two-letter code where there is one). */
const ISO1: Record<string, string> = {
  eng: 'en',
  fra: 'fr',
  spa: 'es',
  por: 'pt',
  deu: 'de',
  ita: 'it',
  nld: 'nl',
  ind: 'id',
  zlm: 'ms',
  tur: 'tr',
  pol: 'pl',
  ron: 'ro',
  swe: 'sv',
  dan: 'da',
  nob: 'nb',
  fin: 'fi',
  ces: 'cs',
  slk: 'sk',
  hun: 'hu',
  hrv: 'hr',
  srp: 'sr',
  bos: 'bs',
  slv: 'sl',
  vie: 'vi',
  tgl: 'tl',
  swh: 'sw',
  hau: 'ha',
  yor: 'yo',
  ibo: 'ig',
  som: 'so',
  afr: 'af',
  zul: 'zu',
  xho: 'xh',
  uzn: 'uz',
  azj: 'az',
  cat: 'ca',
  ell: 'el',
  ukr: 'uk',
  rus: 'ru',
  bel: 'be',
  bul: 'bg',
  kaz: 'kk',
  lit: 'lt',
  lav: 'lv',
  est: 'et',
  sqi: 'sq',
  isl: 'is',
  gle: 'ga',
  cym: 'cy',
  eus: 'eu',
  glg: 'gl',
  mlg: 'mg',
  kin: 'rw',
  nya: 'ny',
  sna: 'sn',
  tuk: 'tk',
  epo: 'eo',
  jav: 'jv',
  sun: 'su',
  ceb: 'ceb',
};

/** The languages of Latin script franc is asked about: those it knows that have a code here. */
const LATIN = Object.keys(ISO1).filter((code) => !['ell', 'ukr', 'rus', 'bel', 'bul', 'srp', 'kaz'].includes(code));

/** How many characters are looked at: the start of a long text tells as well as all of it. */
const SAMPLE = 4_000;
/** How many of them franc's trigrams are counted on. */
const WORDS_SAMPLE = 1_500;

/** The language of a text, or null when it cannot be told with confidence. */
export function detectLanguage(text: string): DetectedLanguage | null {
  const sample = text.slice(0, SAMPLE);
  const counts = new Map<string, number>();
  let letters = 0;
  for (let i = 0; i < sample.length; i++) {
    const script = scriptOf(sample.charCodeAt(i));
    if (script === null) continue;
    letters++;
    counts.set(script, (counts.get(script) ?? 0) + 1);
  }
  if (letters < 20) return null;
  const most = letters * 0.5;
  const n = (script: string) => counts.get(script) ?? 0;
  if (n('Han') + n('Kana') >= most) return { lang: n('Kana') >= (n('Han') + n('Kana')) * 0.05 ? 'ja' : 'zh', how: 'script' };
  if (n('Arabic') >= most) {
    // Urdu's own letters (ے ں ٹ ڈ ڑ), else Persian's (پ چ ژ گ), else Arabic.
    if (/[ےںٹڈڑ]/u.test(sample)) return { lang: 'ur', how: 'script' };
    if (/[پچژگ]/u.test(sample)) return { lang: 'fa', how: 'script' };
    return { lang: 'ar', how: 'script' };
  }
  if (n('Cyrillic') >= most) {
    const code = byWords(sample, ['rus', 'ukr', 'bel', 'bul', 'srp', 'kaz']);
    return code ? { lang: code, how: 'words' } : { lang: /[іїєґ]/iu.test(sample) ? 'uk' : 'ru', how: 'script' };
  }
  if (n('Latin') >= most) {
    const code = byFunctionWords(sample.slice(0, WORDS_SAMPLE)) ?? byWords(sample);
    return code ? { lang: code, how: 'words' } : null;
  }
  for (const [script, lang] of Object.entries(BY_SCRIPT)) if (n(script) >= most) return { lang, how: 'script' };
  return null;
}

/**
 * The commonest words of the Latin-script languages most texts come in: in running prose a fifth
 * to a half of all words. Words two of them share (de, la, en, die) count for both.
 */
const FUNCTION_WORDS: Record<string, ReadonlySet<string>> = Object.fromEntries(
  Object.entries({
    en: 'the of and to in is that for it was on with as by at from his her they be are this have has had not but which were an or said its their will would been who',
    fr: 'le la les de des du et est une un en que qui dans pour pas sur au aux il elle ne se ce avec par sont plus été cette mais ont leur nous vous',
    de: 'der die das und den dem des ist ein eine zu mit sich nicht auf für von im auch es sie ich dass wird bei als nach wurde sind einem einen noch',
    es: 'el la los las de del y que en un una es por con para se no al lo su como más pero sus le fue ha este esta entre cuando muy',
    pt: 'o a os as de do da dos das e que em um uma é para com não por se no na mais ao foi pelo pela seu sua nos como mas ou',
    it: 'il la lo gli le di del della e che in un una è per con non si da al sono anche ma dei più alla nel delle questo come ha',
    nl: 'de het een en van in is dat op te zijn voor met die niet aan er om ook als bij door maar werd wordt heeft naar uit dan',
  }).map(([lang, words]) => [lang, new Set(words.split(' '))]),
);

/**
 * A language told by its function words alone, when they leave no doubt: at least 30 words, one
 * in seven of them the language's, and three times as many of its own as any other language has. Costs a few microseconds
 * where franc's trigrams cost a millisecond; a closer call (Spanish or Portuguese, a short text,
 * another language) is left to franc.
 */
function byFunctionWords(sample: string): string | null {
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < 30) return null;
  // All of a language's words make its share; only the words no other language here has tell it from its neighbours.
  const scores = Object.entries(FUNCTION_WORDS).map(([lang, set]) => {
    let all = 0;
    let own = 0;
    for (const w of words)
      if (set.has(w)) {
        all++;
        if (OWN_WORDS[lang].has(w)) own++;
      }
    return { lang, all, own };
  });
  scores.sort((a, b) => b.own - a.own);
  const [best, second] = scores;
  return best.all >= words.length * 0.15 && best.own >= 5 && best.own >= second.own * 3 ? best.lang : null;
}

/** Each language's function words that no other language of the list has. */
const OWN_WORDS: Record<string, ReadonlySet<string>> = Object.fromEntries(
  Object.entries(FUNCTION_WORDS).map(([lang, set]) => [lang, new Set([...set].filter((w) => Object.entries(FUNCTION_WORDS).every(([other, words]) => other === lang || !words.has(w))))]),
);

/** For tests: what the function words alone say of a text (null: they leave it to franc). */
export const functionWordsLanguage = (text: string): string | null => byFunctionWords(text.slice(0, WORDS_SAMPLE));

/**
 * The language franc finds by letter trigrams, when it stands out: the runner-up scoring within 1%
 * of the best is no answer (real news text leaves a gap of 2% and more). Latin itself is not among
 * franc's languages: a paragraph of "Lorem ipsum" filler may be guessed French.
 */
function byWords(sample: string, only?: string[]): string | null {
  // A few hundred characters usually tell the language by far (the runner-up under 90% of the
  // best); only a close call reads on, to 1,500 characters. Most texts cost a fraction of a millisecond.
  for (const length of [400, WORDS_SAMPLE]) {
    const [best, second] = francAll(sample.slice(0, length), { minLength: 40, only: only ?? LATIN });
    if (!best || best[0] === 'und') return null;
    if (!second || second[1] < 0.9) return ISO1[best[0]] ?? null;
    if (length === WORDS_SAMPLE || sample.length <= length) return second[1] > 0.99 ? null : (ISO1[best[0]] ?? null);
  }
  return null;
}
