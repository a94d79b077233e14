/**
 * Figures in news copy, for any story: counts of anything ("arrested 41 people" → arrests = 41;
 * "12,000 jobs" → jobs = 12,000), money in any currency with its scale ("£59m", "$11.1bn",
 * "14bn euros", "Rs 10 lakh", "€300"), percentages and percentage points ("2-3%", "up 33%"),
 * values per unit ("£79.60 a week", "$119-a-year", "1,000 requests per second"), ranges and bounds
 * ("between 40,000 and 50,000", "6-15 years", "at least"), word numbers ("three million",
 * "twenty-five") and the date a figure is "as of". Qualifiers ("more than", "at least", "over",
 * "up to", "so far") are kept as written. Dates, years, clock times, round names ("P Hunt 20.2"),
 * sections of law and "COVID-19" are not figures.
 *
 * parseFigure proposes; the reporter decides. It never throws, and every candidate carries the
 * offsets of the words it read, so the proposal can be shown in the passage.
 *
 * Written here rather than taken from a library: on the table of real phrases in figures.test.ts,
 * compromise's number and money parsing (already a dependency) read neither "£59m", "$11.1bn" nor
 * "Rs 10 lakh" with their scale and gives no offsets for a range, and Microsoft's Recognizers-Text
 * number-with-unit packages have had no release since 2021 (docs/ARCHITECTURE.md).
 */

export interface FigureCandidate {
  /** What is counted or measured, when the words around say it: "arrests", "jobs", "revenue", "share of respondents", … */
  metric?: string;
  value: number;
  /** For a range ("6-15 years", "from 5 to 15", "between 40,000 and 50,000"): its upper end; `value` is the lower. */
  upper?: number;
  /** As written, lowercased: "more than", "at least", "over", "up to", "so far", "about". */
  qualifier?: string;
  /** What the number counts or measures: "people", "jobs", "pounds", "dollars per year", "percent", … */
  unit?: string;
  /** The date the figure is as of, when the sentence says so ("as of January 2005" → "2005-01"). */
  date?: string;
  /** The figure's words in the text (UTF-16 offsets). */
  start: number;
  end: number;
}

// Maps, not objects: these are looked up by words of the reporter's text, and "constructor" or
// "__proto__" must find nothing rather than Object's own properties.
const WORD_NUMBERS = new Map<string, number>(
  Object.entries({
    one: 1,
    two: 2,
    three: 3,
    four: 4,
    five: 5,
    six: 6,
    seven: 7,
    eight: 8,
    nine: 9,
    ten: 10,
    eleven: 11,
    twelve: 12,
    thirteen: 13,
    fourteen: 14,
    fifteen: 15,
    sixteen: 16,
    seventeen: 17,
    eighteen: 18,
    nineteen: 19,
    twenty: 20,
    thirty: 30,
    forty: 40,
    fifty: 50,
    sixty: 60,
    seventy: 70,
    eighty: 80,
    ninety: 90,
    hundred: 100,
    dozen: 12,
  }),
);
const TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const ONES = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** Scales written as words, Indian and international. */
const SCALE = new Map<string, number>(
  Object.entries({
    hundred: 100,
    thousand: 1_000,
    lakh: 100_000,
    lakhs: 100_000,
    crore: 10_000_000,
    crores: 10_000_000,
    million: 1_000_000,
    millions: 1_000_000,
    billion: 1_000_000_000,
    billions: 1_000_000_000,
    trillion: 1_000_000_000_000,
  }),
);
/** Scales written short, joined to the number or after one space: "£59m", "$11.1bn", "$4K", "14bn euros". */
const SHORT_SCALE = new Map<string, number>(Object.entries({ k: 1_000, m: 1_000_000, mn: 1_000_000, bn: 1_000_000_000, b: 1_000_000_000, tn: 1_000_000_000_000 }));

/** Qualifiers kept as written just before a number. */
const QUALIFIERS = [
  'more than',
  'less than',
  'fewer than',
  'at least',
  'at most',
  'up to',
  'over',
  'under',
  'below',
  'above',
  'nearly',
  'almost',
  'about',
  'around',
  'approximately',
  'roughly',
  'some',
  'over a',
  'as many as',
  'as much as',
  'no more than',
  'not more than',
  'no less than',
  'not less than',
  'an estimated',
  'just over',
  'just under',
];

/** Qualifiers written as a word of the noun phrase ("maximum fine of Rs 10 lakh"), as the bound they set. */
const BOUND_WORDS: [RegExp, string][] = [
  [/\b(?:a\s+)?(maximum|max\.?)(?:\s+[\p{L}-]+){0,3}?\s+(?:of\s+)?$/iu, 'at most'],
  [/\b(?:a\s+)?(minimum|min\.?)(?:\s+[\p{L}-]+){0,3}?\s+(?:of\s+)?$/iu, 'at least'],
];

/** The qualifiers a reporter picks from in the figure editor: those the parser proposes, and "so far". */
export const FIGURE_QUALIFIERS = [
  'more than',
  'over',
  'at least',
  'no less than',
  'nearly',
  'almost',
  'about',
  'around',
  'up to',
  'at most',
  'no more than',
  'under',
  'less than',
  'fewer than',
  'between',
  'so far',
];

/** Currency marks before a number → the unit reported. Longest first, so "US$" is not read as "$". */
const CURRENCY_BEFORE: [RegExp, string][] = [
  [/(?:US\$|USD)\s?$/, 'dollars'],
  [/A\$\s?$/, 'Australian dollars'],
  [/C\$\s?$/, 'Canadian dollars'],
  [/NZ\$\s?$/, 'New Zealand dollars'],
  [/HK\$\s?$/, 'Hong Kong dollars'],
  [/S\$\s?$/, 'Singapore dollars'],
  [/\$\s?$/, 'dollars'],
  [/(?:£|GBP)\s?$/, 'pounds'],
  [/(?:€|EUR)\s?$/, 'euros'],
  [/(?:¥|JPY)\s?$/, 'yen'],
  [/(?:Rs\.?|INR|₹)\s?$/, 'rupees'],
];
/** Currency words after a number → the unit reported. */
const CURRENCY_AFTER: [RegExp, string][] = [
  [/^\s*(?:euros?|EUR)\b/i, 'euros'],
  [/^\s*(?:US\s+)?dollars?\b|^\s*USD\b/i, 'dollars'],
  [/^\s*(?:pounds?\s+sterling|pounds?|sterling|GBP)\b/i, 'pounds'],
  [/^\s*(?:rupees?|INR)\b/i, 'rupees'],
  [/^\s*(?:yen|JPY)\b/i, 'yen'],
  [/^\s*pence\b|^p\b/, 'pence'],
];
/** "$100 Australian": the country a dollar amount names after it. */
const DOLLAR_COUNTRY = /^\s+(Australian|Canadian|Singapore|Hong Kong|New Zealand)\b/;

/** Unit words (singular and plural) → the unit reported. */
const UNITS = new Map<string, string>(
  Object.entries({
    people: 'people',
    persons: 'people',
    person: 'people',
    men: 'people',
    youngsters: 'people',
    accused: 'people',
    individuals: 'people',
    cases: 'cases',
    case: 'cases',
    firs: 'cases',
    devices: 'devices',
    device: 'devices',
    phones: 'devices',
    laptops: 'devices',
    gadgets: 'devices',
    locations: 'locations',
    location: 'locations',
    places: 'locations',
    spots: 'locations',
    sites: 'locations',
    teams: 'teams',
    team: 'teams',
    squads: 'teams',
    arrests: 'arrests',
    arrest: 'arrests',
    members: 'members',
    subscribers: 'subscribers',
    users: 'users',
    groups: 'groups',
    videos: 'videos',
    clips: 'videos',
    images: 'images',
    pictures: 'images',
    years: 'years',
    year: 'years',
    months: 'months',
    month: 'months',
    weeks: 'weeks',
    week: 'weeks',
    days: 'days',
    day: 'days',
    hours: 'hours',
    hour: 'hours',
    minutes: 'minutes',
    minute: 'minutes',
    seconds: 'seconds',
    second: 'seconds',
    others: 'people',
  }),
);
/** Units of measure, as written (singular ones too: "a 300-pound manhole cover"). */
const MEASURES = new Set([
  'miles',
  'mile',
  'km',
  'kilometres',
  'kilometers',
  'kilometre',
  'kilometer',
  'metres',
  'meters',
  'metre',
  'meter',
  'feet',
  'foot',
  'inches',
  'inch',
  'kg',
  'kilograms',
  'kilos',
  'grams',
  'milligrams',
  'mg',
  'tonnes',
  'tons',
  'tonne',
  'ton',
  'litres',
  'liters',
  'gallons',
  'barrels',
  'acres',
  'hectares',
  'megapixels',
  'mb',
  'gb',
  'tb',
  'megabytes',
  'gigabytes',
  'terabytes',
  'petabytes',
  'ms',
  'degrees',
  'mph',
  'kph',
  'kwh',
  'mw',
  'gw',
  'gigajoules',
  'gigajoule',
]);
const TIME_UNITS = new Set(['years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds']);
/** Words between a number and what it counts: "400 odd members", "21 best films". */
const FILLER =
  /^[\s-]*(?:(?:odd|more|new|other|electronic|such|different|separate|special|criminal|additional|extra|best|top|full-time|part-time|honorable|honourable|major|small|large|local|foreign|private|public|former|current|active|registered|unique|individual|total)\s+)*/;
/** Words ending in s that are not plural nouns counted by a number before them. */
const NOT_COUNTED = new Set([
  'is',
  'was',
  'has',
  'does',
  'this',
  'its',
  'his',
  'hers',
  'as',
  'us',
  'yes',
  'less',
  'unless',
  'across',
  'plus',
  'thus',
  'always',
  'perhaps',
  'sometimes',
  'whereas',
  'besides',
  'towards',
  'afterwards',
  'percents',
  'ones',
  'times',
  'aims',
  'says',
  'means',
  'gets',
  'goes',
  'makes',
  'takes',
  'comes',
  'seems',
  'needs',
  'lets',
  'keeps',
  'includes',
  'remains',
  'stands',
  'versus',
  'lists',
  'points',
  'others',
]);

/** Metric rules for counts: a unit and the verbs around the figure that say what was counted. */
const METRICS: { metric: string; units: string[]; verbs: RegExp }[] = [
  { metric: 'arrests', units: ['people', 'arrests'], verbs: /\b(arrest(ed|s)?|held|nabbed|detained|caught|taken into custody)\b/i },
  { metric: 'cases registered', units: ['cases'], verbs: /\b(regist(ered|ering)|record(ed)?|fil(ed|ing)|booked|lodged|charged)\b/i },
  { metric: 'devices seized', units: ['devices'], verbs: /\b(seiz(e|ed|es|ing|ure)|confiscat(e|ed|ion)|recover(ed|y)|taken)\b/i },
  { metric: 'locations raided', units: ['locations'], verbs: /\b(raid(s|ed)?|search(es|ed)?|selected|spots|locations|places)\b/i },
  { metric: 'deaths', units: ['people'], verbs: /\b(killed|killing|died|dead|deaths?|lost their lives)\b/i },
  { metric: 'injured', units: ['people'], verbs: /\b(injur(ed|ing|ies)|wounded|hurt)\b/i },
];
/** What a sum of money is, named near it ("revenue … was $163 million", "a fine of Rs 10 lakh"). */
const MONEY_NOUNS =
  /\b(fine|revenue|revenues|profits?|losses|loss|sales|turnover|budget|deficit|surplus|debts?|price|cost|costs|spending|investment|funding|salary|salaries|pay|wages?|earnings|income|bonus(?:es)?|fees?|tax|taxes|valuation|subsidy|subsidies|grants?|compensation|damages|bail|donations?|bill|savings|pension|rent|fare|benefits?|market value)\b/gi;
/** Verbs that say what a sum of money was: "invested more than $1 billion", "bought … for $13.7 billion". */
const MONEY_VERBS: [RegExp, string][] = [
  [/\b(invest(ed|s|ing)?)\b/i, 'investment'],
  [/\b(bought|acquired|sold|buy|acquire|sell|purchase[ds]?)\b[^.;]{0,60}\bfor\s*$/i, 'price'],
  [/\b(donat(ed|es|ing))\b/i, 'donation'],
  [/\b(rais(ed|es|ing))\b/i, 'funding raised'],
  [/\b(spen[dt]|spending)\b/i, 'spending'],
  [/\b(budget(ed)?)\b/i, 'budget'],
  [/\b(charge[ds]?|costs?|priced|sells? for|sold for|retails? (?:at|for))\b/i, 'price'],
  [/\b(pa(id|y|ys))\b/i, 'price'],
];
/** What a percentage is, named near it. */
const PERCENT_NOUNS =
  /\b(growth|inflation|unemployment|turnout|uptime|availability|interest rate|rate|share|stake|margin|vote|approval|majority|tax|purity|discount|increase|decrease|rise|fall|drop|cut)\b/gi;

/** Words that end a noun phrase after "of": "74% of respondents whose …", "70% of respondents told us". */
const PHRASE_ENDS = new Set([
  'whose',
  'who',
  'that',
  'which',
  'in',
  'of',
  'at',
  'for',
  'to',
  'with',
  'and',
  'or',
  'are',
  'is',
  'was',
  'were',
  'have',
  'has',
  'had',
  'said',
  'say',
  'says',
  'told',
  'since',
  'compared',
  'than',
  'from',
  'on',
  'by',
  'will',
  'would',
  'could',
  'can',
  'may',
  'do',
  'did',
  'does',
  'not',
  'comes',
  'come',
  'came',
  'made',
  'make',
  'use',
  'using',
  'used',
  'get',
  'got',
]);
const PRONOUNS = new Set(['those', 'them', 'these', 'us', 'you', 'it', 'this', 'that', 'which', 'whom', 'all', 'each', 'both']);

/**
 * A number in digits: "1,20,000" and "12,000.5" (Indian and international groups), "1,3" (a decimal
 * comma: one group of one or two digits), "1.000.000" or "40.000" (dots between thousands, as
 * much of Europe writes them), "2.5", ".5".
 */
const NUMBER = String.raw`\d+,\d{1,2}(?![\d,])|\d{1,3}(?:,\d{2,3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3}){2,}(?![\d.])|\d{1,3}\.000(?![\d.])|\d+(?:\.\d+)?|\.\d+`;
const WORD_NUMBER = [...TENS.flatMap((t) => ONES.map((o) => `${t}-${o}`)), ...WORD_NUMBERS.keys()].join('|');
const SCALE_WORD = [...SCALE.keys()].join('|');
/** A number in digits or words, optionally with a scale ("10 lakh", "one lakh", "2.5 crore", "three million"). */
const AMOUNT = String.raw`(?:${NUMBER}|\b(?:${WORD_NUMBER})\b)(?:[\s-]+(?:${SCALE_WORD})\b)?`;
const AMOUNT_RE = new RegExp(AMOUNT, 'giu');
const AMOUNT_PARTS = new RegExp(String.raw`^(${NUMBER}|${WORD_NUMBER})(?:[\s-]+(${SCALE_WORD}))?$`, 'iu');
/** A short scale right after an amount ("m", "bn", "k"), and what follows it must not be a letter. */
const SHORT_SCALE_AFTER = /^\s?(k|m|mn|bn|b|tn)(?![\p{L}\p{N}])/iu;
/** The upper end of a range: "-16k", " to 15", "–3%", " and 50,000" (after "between"). */
const RANGE_AFTER = new RegExp(String.raw`^\s*(-|–|—|to|and)\s*(?:US\$|A\$|\$|£|€|¥|₹|Rs\.?\s?)?(${AMOUNT})`, 'iu');

function amountValue(text: string): number | null {
  const m = AMOUNT_PARTS.exec(text.trim());
  if (!m) return null;
  const word = m[1].toLowerCase();
  let base: number | undefined;
  if (/^\d+,\d{1,2}$/.test(word)) base = Number(word.replace(',', '.'));
  else if (/^\d{1,3}(?:\.\d{3})+$/.test(word) && (word.split('.').length > 2 || word.endsWith('.000'))) base = Number(word.replaceAll('.', ''));
  else if (/\d/.test(word)) base = Number(word.replaceAll(',', ''));
  else if (word.includes('-')) {
    const [tens, ones] = word.split('-');
    base = (WORD_NUMBERS.get(tens) ?? NaN) + (WORD_NUMBERS.get(ones) ?? NaN);
  } else base = WORD_NUMBERS.get(word);
  if (base === undefined || !Number.isFinite(base)) return null;
  const scale = m[2] ? SCALE.get(m[2].toLowerCase()) : 1;
  return scale === undefined ? null : base * scale;
}

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTHS = /\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\b/i;
const AS_OF =
  /\bas (?:of|at)\s+(?:(?:the end of|end-)\s*)?(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?(?:(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+)?(?:(\d{1,2}),?\s+)?((?:19|20)\d{2})\b/i;

/** Numbers that are not figures: years, dates, times, versions, round names, sections, COVID-19. */
function isNotAFigure(text: string, start: number, end: number, raw: string, upperEnd = false): boolean {
  const before = text.slice(Math.max(0, start - 24), start);
  const after = text.slice(end, end + 16);
  if (/[:/]\s*$/.test(before) && !/[$£€¥₹]\s*$/.test(before) && !/^\s*\/\s*[a-z]/i.test(text.slice(start - 3, start))) return true; // 16:32, 1/10
  if (/^\s*[:/]\d/.test(after)) return true;
  // Part of a written date: 2020-10-05, 05.10.2020
  const around = text.slice(Math.max(0, start - 11), Math.min(text.length, end + 11));
  if (/\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{4}/.test(around) && /[-./]\d|\d[-./]/.test(text.slice(Math.max(0, start - 1), end + 1))) {
    const span = /[\d./-]+$/.exec(text.slice(0, start))?.[0] ?? '';
    const rest = (/^[\d./-]+/.exec(text.slice(end))?.[0] ?? '').replace(/[./-]+$/, '');
    if (/^\d{4}-\d{1,2}-\d{1,2}$|^\d{1,2}[./-]\d{1,2}[./-]\d{4}$/.test(span + raw + rest)) return true;
  }
  if (/\d$/.test(before) || /\d[,.]$/.test(before) || (!upperEnd && /\d[-–]$/.test(before)) || /^\d/.test(after)) return true;
  if (/\p{L}$/u.test(before) && !/[$£€¥₹]$/.test(before) && !/(?:Rs|INR|USD|GBP|EUR|JPY)$/.test(before)) return true; // "MP3", "G20"
  if (/\b(p[\s-]?hunt|operation|round|section|sec\.|covid|article|rule|act of|ipc|pocso|iphone|version|windows|chapter|page|no\.|number|isbn|issn|doi)[\s_’'‘"“-]*$/i.test(before)) return true;
  if (/^\d{4}$/.test(raw) && Number(raw) >= 1900 && Number(raw) <= 2100 && !/^\s?(%|per\s?cent|percent|k\b|m\b|bn\b)/i.test(after) && !/[$£€¥₹]\s?$/.test(before)) return true; // a year
  if (MONTHS.test(before.slice(-12)) && /^\d{1,2}$/.test(raw) && !/^\s*(%|per\s?cent)/i.test(after)) return true; // Oct 13
  if (/^\d{1,2}$/.test(raw) && MONTHS.test(after.slice(0, 12)) && !/^\s*(people|cases)/i.test(after)) return true; // 13 October
  if (/^\s*(st|nd|rd|th)\b/i.test(after)) return true; // 3rd, the 19 th century
  if (/\[$/.test(before) && /^\]/.test(after)) return true; // a footnote: [23]
  if (/%$/.test(before)) return true; // a web address's %20
  if (/^s\b/.test(after) && /^\d+0$/.test(raw)) return true; // the 1800s, the 50s
  if (/^[a-z]{3,}/i.test(after) && !/^(?:k|m|mn|bn|b|tn|p|ms|kg|km|mb|gb|tb|mph|kph|kwh|mw|gw|mg)\b/i.test(after)) return true; // 1010data, 4G
  if (/^\d+\.\d+$/.test(raw) && /[‘'"“_-]\s*$/.test(before) && !/[$£€¥₹]/.test(before.slice(-3))) return true; // ‘20.3’
  return false;
}

/** The unit word right after a figure, skipping filler ("400 odd members", "41 people", "12,000 jobs"). */
function unitAfter(text: string, end: number, generic: boolean): { unit: string; end: number; counted: boolean } | null {
  const rest = text.slice(end, end + 60);
  const filler = FILLER.exec(rest)?.[0] ?? '';
  const m = /^([A-Za-z]+)((?:-[A-Za-z]+)*)/.exec(rest.slice(filler.length));
  if (!m) return null;
  // A word joined to the number is a unit of measure ("5kg", "100ms") or nothing ("20https").
  if (filler === '' && !MEASURES.has(m[1].toLowerCase())) return null;
  // "five-year-jail term": the unit is the first word; a hyphenated plural is one ("part-timers").
  const first = m[1].toLowerCase();
  const known = UNITS.get(first);
  if (known) return { unit: known, end: end + filler.length + m[1].length, counted: !TIME_UNITS.has(known) };
  if (MEASURES.has(first)) return { unit: first, end: end + filler.length + m[1].length, counted: false };
  // Any plural noun is what the number counts: "12,000 jobs", "750 leaks", "200 companies" (not
  // after a small word number: "two such raids" is prose).
  const word = m[0];
  const lower = word.toLowerCase();
  if (!generic) return null;
  if (word === lower && lower.length >= 3 && /[a-z]s$/.test(lower) && !/ss$/.test(lower) && !NOT_COUNTED.has(lower)) return { unit: lower, end: end + filler.length + word.length, counted: true };
  return null;
}

/** "per gigajoule", "a week", "/ month", "-a-year": the unit a value is per. */
function perAfter(text: string, end: number): { per: string; end: number } | null {
  const rest = text.slice(end, end + 30);
  const m =
    /^(?:\s+per\s+|\s*\/\s*)([A-Za-z]+)\b/.exec(rest) ??
    /^(?:\s+an?\s+|-an?-|-per-)(year|month|week|day|night|hour|minute|head|person|pound|kilo|kg|litre|liter|gallon|piece|unit|barrel|share|ton|tonne|episode|ticket)\b/i.exec(rest);
  return m ? { per: m[1].toLowerCase(), end: end + m[0].length } : null;
}

/** The date a sentence says a figure is as of, at the precision written ("2005", "2005-01", "2005-01-31"). */
function asOfDate(sentence: string): string | undefined {
  const m = AS_OF.exec(sentence);
  if (!m) return undefined;
  const year = m[4];
  if (!m[2]) return year;
  const month = String(MONTH_NAMES.indexOf(m[2].slice(0, 3).toLowerCase()) + 1).padStart(2, '0');
  const day = m[1] ?? m[3];
  return day && Number(day) >= 1 && Number(day) <= 31 ? `${year}-${month}-${day.padStart(2, '0')}` : `${year}-${month}`;
}

/** Finds the figures of a text (a highlighted passage or a whole article), in text order. */
export function parseFigure(text: string): FigureCandidate[] {
  const out: FigureCandidate[] = [];
  if (typeof text !== 'string' || text.length === 0) return out;
  const input = text.length > 200_000 ? text.slice(0, 200_000) : text;
  AMOUNT_RE.lastIndex = 0;
  for (let m = AMOUNT_RE.exec(input); m; m = AMOUNT_RE.exec(input)) {
    const found = read(input, m.index, m[0]);
    if (!found) continue;
    out.push(found);
    // The words read are this figure's: the next one starts after them (a range's upper end is not read again).
    if (found.end > AMOUNT_RE.lastIndex) AMOUNT_RE.lastIndex = found.end;
  }
  return out;
}

/** The figure whose number starts at `at` (its digits or words `raw`), or null when it is not one. */
function read(input: string, at: number, raw: string): FigureCandidate | null {
  const amountEnd = at + raw.length;
  if (isNotAFigure(input, at, amountEnd, raw)) return null;
  let value = amountValue(raw);
  if (value === null) return null;
  const isWord = !/\d/.test(raw);
  let start = at;
  let end = amountEnd;
  let unit: string | undefined;
  let counted = false;
  let metric: string | undefined;

  // A currency before: "£59m", "US$1,000", "Rs 10 lakh", "₹3 lakh".
  const lead = input.slice(Math.max(0, at - 5), at);
  for (const [pattern, currency] of CURRENCY_BEFORE) {
    const c = pattern.exec(lead);
    if (!c) continue;
    unit = currency;
    start = at - c[0].length;
    break;
  }
  // A sign before a percentage: "(-81%)", "−2.5%".
  const sign = /(?:^|[\s(])([-−])$/.exec(input.slice(Math.max(0, start - 2), start));

  // A short scale: "59m", "11.1bn", "4K" (read as money or before a currency word only, except bn/tn).
  const short = SHORT_SCALE_AFTER.exec(input.slice(end, end + 4));
  const readShort = (s: RegExpExecArray | null, from: number): number | null => {
    if (!s) return null;
    const word = s[1].toLowerCase();
    const currencyAfter = CURRENCY_AFTER.some(([p]) => p.test(input.slice(from + s[0].length, from + s[0].length + 12)));
    // "5m people", "2.5m jobs": a count in millions (never "100m race", "5m long": metres).
    const countAfter = word !== 'k' && unitAfter(input, from + s[0].length, true)?.counted === true && /^\s/.test(input.slice(from + s[0].length));
    return unit !== undefined || currencyAfter || countAfter || word === 'bn' || word === 'tn' ? SHORT_SCALE.get(word)! : null;
  };
  const shortScale = /\d/.test(raw) ? readShort(short, end) : null;
  if (shortScale !== null) {
    value *= shortScale;
    end += short![0].length;
  }

  // A range: "6-15 years", "$12–16k", "2-3%", "from 5 to 15", "between 40,000 and 50,000".
  let upper: number | undefined;
  const range = RANGE_AFTER.exec(input.slice(end, end + 40));
  if (range && !(range[1].toLowerCase() === 'and' && !/\bbetween\s+(?:US\$|\$|£|€|¥|₹|Rs\.?\s?)?$/i.test(input.slice(Math.max(0, start - 12), start)))) {
    const upperRaw = range[2];
    const upperAt = end + range[0].length - upperRaw.length;
    let top = amountValue(upperRaw);
    let upperEnd = end + range[0].length;
    if (top !== null && !isNotAFigure(input, upperAt, upperEnd, upperRaw, true)) {
      const upperShort = /\d/.test(upperRaw) ? SHORT_SCALE_AFTER.exec(input.slice(upperEnd, upperEnd + 4)) : null;
      const upperScale = readShort(upperShort, upperEnd);
      if (upperScale !== null) {
        top *= upperScale;
        upperEnd += upperShort![0].length;
        // "$12–16k", "2-3 million": the lower end has the upper's scale when it has none of its own.
        if (shortScale === null && value * upperScale <= top) value *= upperScale;
      } else {
        const wordScale = /[\s-]+([a-z]+)$/i.exec(upperRaw)?.[1];
        const scale = wordScale ? SCALE.get(wordScale.toLowerCase()) : undefined;
        if (scale && !/[\s-]+[a-z]+$/i.test(raw) && value * scale <= top) value *= scale;
      }
      if (top > value) {
        upper = top;
        end = upperEnd;
      }
    }
  }

  // Percent, percentage points.
  const percent = /^\s?(%|per\s?cent\b|percent\b)/i.exec(input.slice(end, end + 9));
  const points = /^\s?(?:percentage|%)[\s-]points?\b/i.exec(input.slice(end, end + 20));
  if (points && unit === undefined) {
    unit = 'percentage points';
    end += points[0].length;
  } else if (percent && unit === undefined) {
    unit = 'percent';
    end += percent[0].length;
    if (sign) {
      value = -value;
      if (upper !== undefined) upper = -upper;
      start -= 1;
    }
  } else if (unit === undefined) {
    // A currency after: "14bn euros", "4 million pounds", "300 euros", "79p".
    for (const [pattern, currency] of CURRENCY_AFTER) {
      const c = pattern.exec(input.slice(end, end + 16));
      if (!c) continue;
      unit = currency;
      end += c[0].length;
      break;
    }
  }
  if (unit === 'dollars') {
    const country = DOLLAR_COUNTRY.exec(input.slice(end, end + 20));
    if (country) {
      unit = `${country[1]} dollars`;
      end += country[0].length;
    }
  }
  if (unit === undefined) {
    const yearOld = /^[\s-]*years?[\s-]*old\b/i.exec(input.slice(end, end + 14));
    const counts = unitAfter(input, end, !(isWord && value < 10));
    if (yearOld) {
      unit = 'years';
      metric = 'age';
      end += yearOld[0].length;
    } else if (counts) {
      unit = counts.unit;
      counted = counts.counted;
      end = counts.end;
    } else if (/age/i.test(input.slice(Math.max(0, start - 30), start)) && upper !== undefined) {
      unit = 'years';
    }
  }
  // A value per unit: "£79.60 a week", "$119-a-year", "1,000 requests per second".
  if (unit !== undefined && unit !== 'percent' && unit !== 'percentage points' && !TIME_UNITS.has(unit)) {
    const per = perAfter(input, end);
    if (per) {
      unit = `${unit} per ${per.per}`;
      end = per.end;
    }
  }

  // A word number alone ("one of the", "two such raids") counts only with a unit or a scale.
  if (isWord && !unit && !/[\s-](lakh|crore|thousand|million|billion|hundred)/i.test(raw)) return null;
  if (!unit && value < 10 && upper === undefined && shortScale === null) return null;

  const candidate: FigureCandidate = { value, start, end };
  if (upper !== undefined) candidate.upper = upper;
  if (unit !== undefined) candidate.unit = unit;
  // "from 5 to 15", "between 40,000 and 50,000"
  const from = /\b(from|between)\s+$/i.exec(input.slice(Math.max(0, start - 9), start));
  if (from && upper !== undefined) {
    candidate.start = start = start - from[0].length;
    if (from[1].toLowerCase() === 'between') candidate.qualifier = 'between';
  }
  // Qualifier as written, just before (or "so far" just after).
  const before = input.slice(Math.max(0, start - 16), start).toLowerCase();
  const qualifier = QUALIFIERS.filter((q) => new RegExp(`(^|\\W)${q}\\s+$`).test(before)).sort((a, b) => b.length - a.length)[0];
  if (qualifier && !candidate.qualifier) {
    candidate.qualifier = qualifier;
    candidate.start = start - (before.length - before.lastIndexOf(qualifier));
  } else if (!candidate.qualifier) {
    const phrase = input.slice(Math.max(0, start - 40), start);
    for (const [pattern, bound] of BOUND_WORDS) {
      const b = pattern.exec(phrase);
      if (!b) continue;
      candidate.qualifier = bound;
      candidate.start = start - (phrase.length - (b.index + b[0].indexOf(b[1])));
      break;
    }
  }
  if (/^[^.]{0,40}\bso far\b/i.test(input.slice(end, end + 50)) || /\bso far\b[^.]{0,30}$/i.test(input.slice(Math.max(0, start - 40), start))) {
    candidate.qualifier = candidate.qualifier ? `${candidate.qualifier}, so far` : 'so far';
  }
  const sentence = sentenceAround(input, candidate.start, candidate.end);
  candidate.metric = metric ?? metricOf(input, candidate, counted, sentence);
  if (candidate.metric === undefined) delete candidate.metric;
  const date = asOfDate(sentence.text);
  if (date) candidate.date = date;
  return candidate;
}

/** The sentence a figure is in (bounded: 160 characters either side). */
function sentenceAround(text: string, start: number, end: number): { text: string; start: number } {
  let from = Math.max(0, start - 160);
  for (let i = start - 1; i >= from; i--) {
    if (/[.!?]/.test(text[i]) && /\s/.test(text[i + 1] ?? ' ') && !/\d/.test(text[i - 1] ?? '')) {
      from = i + 1;
      break;
    }
  }
  let to = Math.min(text.length, end + 160);
  for (let i = end; i < to; i++) {
    if (/[.!?]/.test(text[i]) && /\s|$/.test(text[i + 1] ?? '')) {
      to = i;
      break;
    }
  }
  return { text: text.slice(from, to), start: from };
}

/** The nearest of a family of words to a figure in its clause (before it, or just after), as written. */
function nearestNoun(text: string, c: FigureCandidate, nouns: RegExp, sentence: { text: string; start: number }): string | undefined {
  const clauseStart = Math.max(sentence.start, text.lastIndexOf(';', c.start - 1) + 1, c.start - 50);
  const before = text.slice(clauseStart, c.start);
  let best: string | undefined;
  for (const m of before.matchAll(nouns)) best = m[0].toLowerCase();
  if (best) return best;
  const after = /^[^,;.]{0,30}/.exec(text.slice(c.end))?.[0] ?? '';
  const m = new RegExp(nouns.source, 'i').exec(after);
  return m ? m[0].toLowerCase() : undefined;
}

/** What a figure counts or measures, from its unit and the words of its sentence near it. */
function metricOf(text: string, c: FigureCandidate, counted: boolean, sentence: { text: string; start: number }): string | undefined {
  const sentenceStart = Math.max(text.lastIndexOf('.', c.start - 1) + 1, c.start - 80);
  const sentenceEnd = (() => {
    const dot = text.indexOf('.', c.end);
    return Math.min(dot < 0 ? text.length : dot, c.end + 120);
  })();
  const near = text.slice(sentenceStart, sentenceEnd);
  const unit = c.unit ?? '';
  const currency = /^(pounds|dollars|euros|rupees|yen|pence|(?:[A-Z][a-z]+ )+dollars)\b/.test(unit);
  if (currency) {
    if (/\bfine\b/i.test(near)) return 'fine';
    const lead = text.slice(Math.max(sentence.start, c.start - 90), c.start);
    const follows = /^\s*(?:in\s+)?(budgeted|sales|revenues?|profits?|losses|funding|damages|fines|compensation|donations|investment|bonuses)\b/i.exec(text.slice(c.end, c.end + 24));
    if (follows) return follows[1].toLowerCase() === 'budgeted' ? 'budget' : follows[1].toLowerCase();
    for (const [verb, metric] of MONEY_VERBS) if (verb.test(lead.slice(-40)) || (metric === 'price' && verb.test(lead))) return metric;
    return nearestNoun(text, c, MONEY_NOUNS, sentence);
  }
  if (unit === 'percent' || unit === 'percentage points') {
    const of = /^\)?\s+of\s+(?:(?:the|all|its|their|our|his|her|these)\s+)?([a-z-]+(?:\s+[a-z-]+){0,2})/i.exec(text.slice(c.end, c.end + 60));
    if (of) {
      // A noun phrase of up to three words, ended by the first word that is not part of it.
      const words: string[] = [];
      for (const w of of[1].split(/\s+/)) {
        if (PHRASE_ENDS.has(w.toLowerCase())) break;
        words.push(w.toLowerCase());
      }
      if (words.length > 0 && !PRONOUNS.has(words[0])) return `share of ${words.join(' ')}`;
    }
    return nearestNoun(text, c, PERCENT_NOUNS, sentence);
  }
  if (c.upper !== undefined && unit === 'years' && /\bage/i.test(near)) return 'age range';
  if (unit === 'years' && /\b(jail|prison|imprisonment)/i.test(near)) return 'prison term';
  for (const rule of METRICS) {
    if (!unit || !rule.units.includes(unit)) continue;
    if (rule.verbs.test(near)) return rule.metric;
  }
  if (unit === 'teams') return 'teams';
  // A count of anything else: the noun is the metric ("12,000 jobs" → jobs).
  if (counted && unit !== 'people') return unit.replace(/ per .*$/, '');
  return undefined;
}
