/**
 * A note's Markdown, rendered safely: react-markdown builds React elements (no HTML string is
 * ever injected), raw HTML in the note is dropped, images are not loaded (they would be requests
 * leaving the machine), and links open outside the app.
 */
import Markdown from 'react-markdown';

const BLOCKED = ['img', 'iframe', 'script', 'style'];

/** Characters that can make Markdown of a note; a note without any is plain text, drawn without the parser. */
const MARKDOWN_SIGNS = /[*_`[\]#>|~<\\]|^\s*([-+]|\d+[.)])\s|\n\s*\n|https?:\/\//m;

export function NoteMarkdown({ source }: { source: string }) {
  // Most notes are a plain sentence: drawn as one, they cost nothing in a list of thousands.
  if (!MARKDOWN_SIGNS.test(source)) {
    return (
      <div className="note-markdown">
        <p>{source}</p>
      </div>
    );
  }
  return (
    <div className="note-markdown">
      <Markdown
        skipHtml
        disallowedElements={BLOCKED}
        unwrapDisallowed={false}
        components={{
          a: ({ href, children }) => (
            <a href={href && /^https?:\/\//i.test(href) ? href : undefined} target="_blank" rel="noopener noreferrer">
              {children}
            </a>
          ),
        }}
      >
        {source}
      </Markdown>
    </div>
  );
}
