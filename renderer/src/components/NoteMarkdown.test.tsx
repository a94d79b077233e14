import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { NoteMarkdown } from './NoteMarkdown';

const html = (note: string) => renderToStaticMarkup(<NoteMarkdown source={note} />);

describe('a note as the reporter wrote it', () => {
  it('is drawn as plain text when it has no Markdown, exactly as Markdown would draw it', async () => {
    for (const note of ['Arrests in round 20.2.', 'Same count as the Hindustan Times (5 Oct 2020).', 'Launched when? Three years before an undated article.']) {
      expect(html(note)).toBe(`<div class="note-markdown"><p>${note}</p></div>`);
    }
  });

  it('goes through the Markdown parser when it has any Markdown, links and raw HTML handled as before', () => {
    expect(html('Cases: **268** here')).toBe('<div class="note-markdown"><p>Cases: <strong>268</strong> here</p></div>');
    expect(html('- one\n- two')).toContain('<ul>');
    expect(html('see https://example.org')).toContain('<p>see https://example.org</p>');
    expect(html('[x](javascript:alert(1))')).not.toContain('javascript:');
    expect(html('<script>alert(1)</script> text')).not.toContain('<script');
    // Text that looks like markup but is not Markdown is still shown as text, escaped.
    expect(html('5 < 6 and 7 > 3')).not.toContain('<6');
  });
});
