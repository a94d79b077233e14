import { describe, expect, it } from 'vitest';
import { tidyByline, tidyTitle } from './tidy';

describe('tidying a title on evidence', () => {
  it.each([
    ['New Zealand police arrest 11 | Eleanor Ainge Roy', { byline: 'Eleanor Ainge Roy' }, 'New Zealand police arrest 11'],
    ['Kerala cyber wing arrests 41 - Hindustan Times', { siteName: 'Hindustan Times' }, 'Kerala cyber wing arrests 41'],
    ['Third round of raids at 596 locations - The Hindu', { outlet: 'The Hindu' }, 'Third round of raids at 596 locations'],
    ['Operation P-Hunt: 41 arrested | Onmanorama', { url: 'https://www.onmanorama.com/news/kerala/p-hunt.html' }, 'Operation P-Hunt: 41 arrested'],
    ['Samantha and The Great Big Lie - John C. Welch - Medium', { siteName: 'Medium', byline: 'John C. Welch' }, 'Samantha and The Great Big Lie'],
    // No evidence, no cut: the last part may be part of the title.
    ['Get your Frontend JavaScript Code Covered | Code', { byline: 'Nicolas Perriault' }, 'Get your Frontend JavaScript Code Covered | Code'],
    ['P-Hunt 20.2 - The arrests', { siteName: 'Hindustan Times' }, 'P-Hunt 20.2 - The arrests'],
    // A title is never cut to nothing, nor to a stub.
    ['Hindustan Times', { siteName: 'Hindustan Times' }, 'Hindustan Times'],
    ['HT - Hindustan Times', { siteName: 'Hindustan Times' }, 'HT - Hindustan Times'],
  ])('%s → %s', (title, evidence, tidy) => {
    expect(tidyTitle(title, evidence)).toBe(tidy);
  });
});

describe('tidying a byline', () => {
  it.each([
    ['By Steven Mufson', 'Steven Mufson'],
    ['by Anu Menon', 'Anu Menon'],
    ['By\n\t\t\tScott Cunningham', 'Scott Cunningham'],
    ['By Kelli  Miller\n     WebMD Health News', 'Kelli Miller, WebMD Health News'],
    ['Written by Rob Ewaschuk\n    Edited by Betsy Beyer', 'Rob Ewaschuk, Edited by Betsy Beyer'],
    ['Byron Lee', 'Byron Lee'],
    ['By', null],
  ])('%s → %s', (byline, tidy) => {
    expect(tidyByline(byline)).toBe(tidy);
  });
});
