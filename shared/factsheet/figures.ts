/**
 * Figures in news copy: "arrested 41 people" → arrests = 41; "registered 268 cases" → cases
 * registered = 268; "596 locations" → locations raided = 596; "Rs 10 lakh" → 1,000,000 rupees;
 * "more than one lakh subscribers" → at least 100,000; "eleven"; ranges "6-15 years". Qualifiers
 * ("more than", "at least", "over", "up to", "so far") are kept, as written. Dates, years, clock
 * times, round names ("P Hunt 20.2"), sections of law and "COVID-19" are not figures.
 *
 * parseFigure proposes; the reporter decides. It never throws, and every candidate carries the
 * offsets of the words it read, so the proposal can be shown in the passage.
 */

export interface FigureCandidate {
  /** What is counted, when the words around say it: "arrests", "cases registered", "devices seized", … */
  metric?: string;
  value: number;
  /** For a range ("6-15 years", "from 5 to 15"): its upper end; `value` is the lower. */
  upper?: number;
  /** As written, lowercased: "more than", "at least", "over", "up to", "so far", "about". */
  qualifier?: string;
  /** What the number counts or measures: "people", "cases", "devices", "rupees", "years", … */
  unit?: string;
  /** The figure's words in the text (UTF-16 offsets). */
  start: number;
  end: number;
}

// Maps, not objects: these are looked up by words of the reporter's text, and "constructor" or
// "__proto__" must find nothing rather than Object's own properties.
const WORD_NUMBERS = new Map<string, number>(Object.entries({
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100, dozen: 12,
}));

/** Indian and international multipliers. */
const SCALE = new Map<string, number>(Object.entries({ hundred: 100, thousand: 1_000, lakh: 100_000, lakhs: 100_000, crore: 10_000_000, crores: 10_000_000, million: 1_000_000, billion: 1_000_000_000 }));

/** Qualifiers kept as written just before a number. */
const QUALIFIERS = ['more than', 'less than', 'fewer than', 'at least', 'at most', 'up to', 'over', 'under', 'below', 'above', 'nearly', 'almost', 'about', 'around', 'approximately', 'roughly', 'some', 'over a', 'as many as', 'no more than', 'not more than', 'no less than', 'not less than'];

/** Qualifiers written as a word of the noun phrase ("maximum fine of Rs 10 lakh"), as the bound they set. */
const BOUND_WORDS: [RegExp, string][] = [
  [/\b(?:a\s+)?(maximum|max\.?)(?:\s+[\p{L}-]+){0,3}?\s+(?:of\s+)?$/iu, 'at most'],
  [/\b(?:a\s+)?(minimum|min\.?)(?:\s+[\p{L}-]+){0,3}?\s+(?:of\s+)?$/iu, 'at least'],
];

/** The qualifiers a reporter picks from in the figure editor: those the parser proposes, and "so far". */
export const FIGURE_QUALIFIERS = ['more than', 'over', 'at least', 'no less than', 'nearly', 'almost', 'about', 'around', 'up to', 'at most', 'no more than', 'under', 'less than', 'fewer than', 'so far'];

/** Unit words (singular and plural) → the unit reported. */
const UNITS = new Map<string, string>(Object.entries({
  people: 'people', persons: 'people', person: 'people', men: 'people', youngsters: 'people', accused: 'people', individuals: 'people',
  cases: 'cases', case: 'cases', firs: 'cases',
  devices: 'devices', device: 'devices', phones: 'devices', laptops: 'devices', gadgets: 'devices',
  locations: 'locations', location: 'locations', places: 'locations', spots: 'locations', sites: 'locations',
  teams: 'teams', team: 'teams', squads: 'teams',
  arrests: 'arrests', arrest: 'arrests',
  members: 'members', subscribers: 'subscribers', users: 'users', groups: 'groups', videos: 'videos', clips: 'videos', images: 'images', pictures: 'images',
  years: 'years', year: 'years', months: 'months', month: 'months', weeks: 'weeks', week: 'weeks', days: 'days', day: 'days', hours: 'hours', hour: 'hours',
}));

/** Metric rules: a unit and the verbs around the figure that say what was counted. */
const METRICS: { metric: string; units: string[]; verbs: RegExp; always?: boolean }[] = [
  { metric: 'arrests', units: ['people', 'arrests'], verbs: /\b(arrest(ed|s)?|held|nabbed|detained|caught|taken into custody)\b/i },
  { metric: 'cases registered', units: ['cases'], verbs: /\b(regist(ered|ering)|record(ed)?|fil(ed|ing)|booked|lodged|charged)\b/i, always: true },
  { metric: 'devices seized', units: ['devices'], verbs: /\b(seiz(e|ed|es|ing|ure)|confiscat(e|ed|ion)|recover(ed|y)|taken)\b/i, always: true },
  { metric: 'locations raided', units: ['locations'], verbs: /\b(raid(s|ed)?|search(es|ed)?|selected|spots|locations|places)\b/i, always: true },
  { metric: 'teams', units: ['teams'], verbs: /./, always: true },
];

const NUMBER = String.raw`\d{1,3}(?:,\d{2,3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const WORD_NUMBER = [...WORD_NUMBERS.keys()].join('|');
const SCALE_WORD = [...SCALE.keys()].join('|');
/** A number in digits or words, optionally with a scale ("10 lakh", "one lakh", "2.5 crore"). */
const AMOUNT = String.raw`(?:${NUMBER}|\b(?:${WORD_NUMBER})\b)(?:[\s-]+(?:${SCALE_WORD})\b)?`;
const FIGURE = new RegExp(
  String.raw`(?<rs>(?:Rs\.?|INR|₹)\s*)?(?<amount>${AMOUNT})(?:\s*(?:-|–|to)\s*(?<upper>${AMOUNT}))?`,
  'giu',
);

function amountValue(text: string): number | null {
  const m = new RegExp(String.raw`^(${NUMBER}|${WORD_NUMBER})(?:[\s-]+(${SCALE_WORD}))?$`, 'iu').exec(text.trim());
  if (!m) return null;
  const base = /\d/.test(m[1]) ? Number(m[1].replaceAll(',', '')) : WORD_NUMBERS.get(m[1].toLowerCase());
  if (base === undefined || !Number.isFinite(base)) return null;
  const scale = m[2] ? SCALE.get(m[2].toLowerCase()) : 1;
  return scale === undefined ? null : base * scale;
}

const MONTHS = /\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\b/i;

/** Numbers that are not figures: years, dates, times, versions, round names, sections, COVID-19. */
function isNotAFigure(text: string, start: number, end: number, raw: string): boolean {
  const before = text.slice(Math.max(0, start - 24), start);
  const after = text.slice(end, end + 16);
  if (/[:/]\s*$/.test(before) || /^\s*[:/]\d/.test(after)) return true; // 16:32, 1/10
  // Part of a written date: 2020-10-05, 05.10.2020
  const around = text.slice(Math.max(0, start - 11), Math.min(text.length, end + 11));
  if (/\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{4}/.test(around) && /[-./]\d|\d[-./]/.test(text.slice(Math.max(0, start - 1), end + 1))) {
    const span = /[\d./-]+$/.exec(text.slice(0, start))?.[0] ?? '';
    const rest = /^[\d./-]+/.exec(text.slice(end))?.[0] ?? '';
    if (/^\d{4}-\d{1,2}-\d{1,2}$|^\d{1,2}[./-]\d{1,2}[./-]\d{4}$/.test(span + raw + rest)) return true;
  }
  if (/\d$/.test(before) || /^\d/.test(after)) return true;
  if (/\b(p[\s-]?hunt|operation|round|section|sec\.|covid|article|rule|act of|ipc|pocso)[\s_’'‘"“-]*$/i.test(before)) return true;
  if (/^\d{4}$/.test(raw) && Number(raw) >= 1900 && Number(raw) <= 2100) return true; // a year
  if (MONTHS.test(before.slice(-12)) && /^\d{1,2}$/.test(raw)) return true; // Oct 13
  if (/^\d{1,2}$/.test(raw) && MONTHS.test(after.slice(0, 12)) && !/^\s*(people|cases)/i.test(after)) return true; // 13 October
  if (/^\s*(st|nd|rd|th)\b/i.test(after)) return true; // 3rd
  if (/^\d+\.\d+$/.test(raw) && /[‘'"“_-]\s*$/.test(before)) return true; // ‘20.3’
  return false;
}

/** The unit word right after a figure, skipping filler ("400 odd members", "41 people"). */
function unitAfter(text: string, end: number): { unit: string; end: number } | null {
  const m = /^[\s-]*(?:(?:odd|more|new|other|electronic|such|different|separate|special|criminal)\s+)*([A-Za-z]+)/.exec(text.slice(end, end + 40));
  if (!m) return null;
  const unit = UNITS.get(m[1].toLowerCase());
  return unit ? { unit, end: end + m[0].length } : null;
}

/** Finds the figures of a text (a highlighted passage or a whole article), in text order. */
export function parseFigure(text: string): FigureCandidate[] {
  const out: FigureCandidate[] = [];
  if (typeof text !== 'string' || text.length === 0) return out;
  const input = text.length > 200_000 ? text.slice(0, 200_000) : text;
  FIGURE.lastIndex = 0;
  for (let m = FIGURE.exec(input); m; m = FIGURE.exec(input)) {
    const groups = m.groups!;
    const amountText = groups.amount;
    const amountStart = m.index + (groups.rs?.length ?? 0);
    let start = m.index;
    let end = m.index + m[0].length;
    if (isNotAFigure(input, amountStart, amountStart + amountText.length, amountText)) continue;
    const value = amountValue(amountText);
    if (value === null) continue;
    // A word number alone ("one of the", "two such raids") counts only with a unit or a scale.
    const isWord = !/\d/.test(amountText);
    const candidate: FigureCandidate = { value, start, end };
    if (groups.upper) {
      const upper = amountValue(groups.upper);
      if (upper !== null && upper > value) candidate.upper = upper;
      else end = candidate.end = amountStart + amountText.length;
    }
    // "from 5 to 15"
    const from = /\bfrom\s+$/i.exec(input.slice(Math.max(0, start - 6), start));
    if (from && candidate.upper !== undefined) candidate.start = start = start - from[0].length;
    if (groups.rs || /^\s*(rupees|rs)\b/i.test(input.slice(end, end + 8))) {
      candidate.unit = 'rupees';
    } else {
      const unit = unitAfter(input, end);
      const yearOld = /^[\s-]*years?[\s-]*old\b/i.exec(input.slice(end, end + 14));
      if (yearOld) {
        candidate.unit = 'years';
        candidate.metric = 'age';
        candidate.end = end = end + yearOld[0].length;
      } else if (unit) {
        candidate.unit = unit.unit;
        candidate.end = end = unit.end;
      } else if (/age/i.test(input.slice(Math.max(0, start - 30), start)) && candidate.upper !== undefined) {
        candidate.unit = 'years';
      }
    }
    if (isWord && !candidate.unit && !/\s(lakh|crore|thousand|million|hundred)/i.test(amountText)) continue;
    if (!candidate.unit && value < 10 && !groups.upper) continue;
    // Qualifier as written, just before (or "so far" just after).
    const before = input.slice(Math.max(0, start - 16), start).toLowerCase();
    const qualifier = QUALIFIERS.filter((q) => new RegExp(`(^|\\W)${q}\\s+$`).test(before)).sort((a, b) => b.length - a.length)[0];
    if (qualifier) {
      candidate.qualifier = qualifier;
      candidate.start = start - (before.length - before.lastIndexOf(qualifier));
    } else {
      const phrase = input.slice(Math.max(0, start - 40), start);
      for (const [pattern, bound] of BOUND_WORDS) {
        const m = pattern.exec(phrase);
        if (!m) continue;
        candidate.qualifier = bound;
        candidate.start = start - (phrase.length - (m.index + m[0].indexOf(m[1])));
        break;
      }
    }
    if (/^[^.]{0,40}\bso far\b/i.test(input.slice(end, end + 50)) || /\bso far\b[^.]{0,30}$/i.test(input.slice(Math.max(0, start - 40), start))) {
      candidate.qualifier = candidate.qualifier ? `${candidate.qualifier}, so far` : 'so far';
    }
    candidate.metric ??= metricOf(input, candidate);
    out.push(candidate);
  }
  return out;
}

/** What a figure counts, from its unit and the verbs of its sentence near it. */
function metricOf(text: string, c: FigureCandidate): string | undefined {
  const sentenceStart = Math.max(text.lastIndexOf('.', c.start - 1) + 1, c.start - 80);
  const sentenceEnd = (() => {
    const dot = text.indexOf('.', c.end);
    return Math.min(dot < 0 ? text.length : dot, c.end + 120);
  })();
  const near = text.slice(sentenceStart, sentenceEnd);
  if (c.unit === 'rupees') return /\bfine\b/i.test(near) ? 'fine' : undefined;
  if (c.upper !== undefined && c.unit === 'years' && /\bage/i.test(near)) return 'age range';
  if (c.unit === 'years' && /\b(jail|prison|imprisonment)/i.test(near)) return 'prison term';
  for (const rule of METRICS) {
    if (!c.unit || !rule.units.includes(c.unit)) continue;
    if (rule.verbs.test(near)) return rule.metric;
  }
  return undefined;
}
