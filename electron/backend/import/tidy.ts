/**
 * Tidying what a page says about itself, on evidence only. A title keeps its site's or author's
 * name at the end ("… | Eleanor Ainge Roy", "… - Breitbart", "… - Wikipedia") when the page's
 * <title> is used: the trailing part goes when it is the site name, the outlet, the byline or the
 * site's domain — never on a guess, so "Get your Frontend JavaScript Code Covered | Code" stays.
 * A byline loses its "By" and the line breaks a page laid it out with.
 */

/** Title separators a site puts before its own name. */
const SEPARATOR = /\s+(?:[|\-–—·•:]|::)\s+|_(?=[^_]+$)/g;

const fold = (s: string): string =>
  s
    .normalize('NFKC')
    .toLocaleLowerCase()
    .replace(/^(?:the|www)\s*\.?\s*/, '')
    .replace(/[\s.'’!]+/g, '');

/** The site's name as its domain spells it: en.wikipedia.org → "wikipedia". */
function domainName(url: string | null): string | null {
  if (!url) return null;
  try {
    const labels = new URL(url).hostname.split('.').filter((l) => !['www', 'm', 'en', 'amp', 'edition'].includes(l));
    return labels.length >= 2 ? labels[labels.length - 2] : (labels[0] ?? null);
  } catch {
    return null;
  }
}

export interface TitleEvidence {
  siteName?: string | null;
  outlet?: string | null;
  byline?: string | null;
  url?: string | null;
}

/** A title without the trailing site or author names the evidence names; the title itself is never emptied. */
export function tidyTitle(title: string | null, evidence: TitleEvidence): string | null {
  if (!title) return title;
  const names = [evidence.siteName, evidence.outlet, evidence.byline, domainName(evidence.url ?? null)]
    .filter((n): n is string => typeof n === 'string' && n.trim() !== '')
    .map(fold)
    .filter((n) => n.length > 1);
  if (names.length === 0) return title.trim();
  let rest = title.trim();
  for (let guard = 0; guard < 4; guard++) {
    const cuts = [...rest.matchAll(SEPARATOR)];
    const last = cuts.at(-1);
    if (!last || last.index === undefined || last.index === 0) break;
    const tail = fold(rest.slice(last.index + last[0].length));
    // The part must be one of the names, spelled the same but for case, spaces and dots.
    if (!tail || !names.includes(tail)) break;
    const head = rest.slice(0, last.index).trim();
    if (head.length < 8) break;
    rest = head;
  }
  return rest;
}

/** A byline as a reader writes it: "By\n\t\tScott Cunningham" → "Scott Cunningham". */
export function tidyByline(byline: string | null): string | null {
  if (!byline) return byline;
  const parts = byline
    .split(/\s*\n\s*/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  const joined = parts.join(parts.length > 1 && parts.every((p) => !/^by$/i.test(p)) ? ', ' : ' ');
  const tidy = joined.replace(/^(?:written\s+)?by(?:[\s:]+|$)/i, '').trim();
  return tidy === '' ? null : tidy;
}
