/**
 * The reader: one source's details and its full text in paragraphs. The text is rendered as
 * text (React escapes it); nothing from a source is ever interpreted as HTML.
 */
import { useMemo, useState, type ReactNode } from 'react';
import type { ApiError } from '../../../../../shared/api/result';
import type { Source } from '../../../../../shared/domain/source';
import { splitParagraphs } from '../../../../../shared/domain/text';
import { formatBytes, formatSourceDate } from '../../../lib/format';
import { MailDetails, type MailContext } from './MailDetails';

export type ReaderProps =
  | { status: 'idle'; hasSources: boolean }
  | { status: 'loading' }
  | { status: 'ready'; source: Source; actions?: ReactNode; children?: ReactNode; mail?: MailContext; onLanguage?: (lang: string | null) => void }
  | { status: 'error'; error: ApiError };

const METHODS: Record<Source['provenance']['method'], string> = {
  sample: 'sample notebook',
  'text-file': 'text file',
  'markdown-file': 'Markdown file',
  'html-file': 'saved web page',
  'pdf-file': 'PDF',
  'docx-file': 'Word document',
  paste: 'pasted text',
  url: 'the web',
  migration: 'older notebook format',
  'email-file': 'e-mail message',
  'mbox-file': 'mailbox',
  'msg-file': 'Outlook message',
  'email-attachment': 'e-mail attachment',
  'csv-file': 'CSV file',
  'xlsx-file': 'Excel workbook',
};

function SourceText({ source }: { source: Source }) {
  const paragraphs = useMemo(() => splitParagraphs(source.text), [source.text]);
  return (
    <div className="reader-text">
      {paragraphs.map((p) => (
        <p key={p.start} data-start={p.start}>
          {p.text}
        </p>
      ))}
    </div>
  );
}

const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language' });

/** A language tag in words ("ml" → Malayalam), or the tag as given when it is not one. */
function languageName(tag: string): string {
  try {
    return LANGUAGE_NAMES.of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** The languages offered first: those of the scripts Dossier ships fonts for, and the world's most written. */
const LANGUAGES = ['en', 'fr', 'de', 'es', 'pt', 'it', 'nl', 'ru', 'uk', 'pl', 'tr', 'ar', 'fa', 'ur', 'he', 'hi', 'bn', 'ml', 'ta', 'te', 'kn', 'mr', 'zh', 'ja', 'ko', 'th', 'vi', 'id', 'sw'];

/**
 * The source's language, which the reporter can correct: detection guesses from the words, and a
 * short or mixed text can be guessed wrong. Another tag can be typed after choosing "Other…".
 */
function LanguagePicker({ value, onChange }: { value: string | null; onChange(lang: string | null): void }) {
  const [typing, setTyping] = useState(false);
  const [tag, setTag] = useState('');
  const known = value === null || LANGUAGES.includes(value);
  if (typing) {
    const valid = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(tag.trim());
    return (
      <form
        className="language-other"
        onSubmit={(e) => {
          e.preventDefault();
          if (!valid) return;
          setTyping(false);
          onChange(tag.trim());
        }}
      >
        <input
          type="text"
          aria-label="Language tag"
          placeholder="gu, pt-BR…"
          value={tag}
          autoFocus
          size={8}
          aria-invalid={tag.trim() !== '' && !valid}
          onChange={(e) => setTag(e.target.value)}
          onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), setTyping(false))}
        />{' '}
        <button type="submit" className="small" disabled={!valid}>
          Set
        </button>{' '}
        <button type="button" className="small" onClick={() => setTyping(false)}>
          Cancel
        </button>
      </form>
    );
  }
  return (
    <select
      className="language-picker"
      aria-label="Language of this source"
      value={value ?? ''}
      onChange={(e) => {
        const v = e.target.value;
        if (v !== OTHER) return onChange(v || null);
        setTag(value ?? '');
        setTyping(true);
      }}
    >
      <option value="">Not known</option>
      {!known && value ? <option value={value}>{languageName(value)}</option> : null}
      {LANGUAGES.map((l) => (
        <option key={l} value={l}>
          {languageName(l)}
        </option>
      ))}
      <option value={OTHER}>Other…</option>
    </select>
  );
}

const OTHER = '\u0000other';

export function Reader(props: ReaderProps) {
  if (props.status === 'idle') {
    return (
      <section className="reader empty" aria-label="Reader">
        <p>
          {props.hasSources
            ? 'Select a source in the list to read it (or press j and k to go through them).'
            : 'Sources you import will be listed on the left; open one to read, highlight (H) and annotate it (N).'}
        </p>
      </section>
    );
  }
  if (props.status === 'loading') {
    return (
      <section className="reader empty" aria-label="Reader" aria-busy="true">
        <p>Opening…</p>
      </section>
    );
  }
  if (props.status === 'error') {
    return (
      <section className="reader empty" aria-label="Reader">
        <p role="alert" className="error-text">
          This source could not be opened. {props.error.message}
        </p>
      </section>
    );
  }
  const { source, actions, children } = props;
  const p = source.provenance;
  const isMail = source.mail !== undefined;
  return (
    <article className="reader" aria-label="Reader">
      <header className="reader-header">
        <div className="reader-title-row">
          <h1>{source.title}</h1>
          {actions}
        </div>
        <dl className="reader-meta">
          {isMail ? null : (
            <>
              <div>
                <dt>Outlet</dt>
                <dd className={source.outlet ? undefined : 'unknown'}>{source.outlet ?? 'Not named in the source'}</dd>
              </div>
              <div>
                <dt>Published</dt>
                <dd className={source.published ? undefined : 'unknown'}>{formatSourceDate(source.published)}</dd>
              </div>
            </>
          )}
          {source.table?.sheet ? (
            <div>
              <dt>Sheet</dt>
              <dd>{source.table.sheet}</dd>
            </div>
          ) : null}
          {source.mail || source.attachedTo || (props.mail?.parts.length ?? 0) > 0 ? <MailDetails source={source} context={props.mail ?? { message: null, thread: [], parts: [] }} /> : null}
          {source.byline && !isMail ? (
            <div>
              <dt>By</dt>
              <dd>{source.byline}</dd>
            </div>
          ) : null}
          {props.onLanguage ? (
            <div>
              <dt>Language</dt>
              <dd lang="en">
                <LanguagePicker value={source.lang} onChange={props.onLanguage} />
              </dd>
            </div>
          ) : source.lang ? (
            <div>
              <dt>Language</dt>
              <dd lang="en">{languageName(source.lang)}</dd>
            </div>
          ) : null}
          <div>
            <dt>Words</dt>
            <dd>{source.wordCount.toLocaleString('en')}</dd>
          </div>
          <div>
            <dt>Added</dt>
            <dd>
              {p.importedAt.slice(0, 10)} from {METHODS[p.method]}
              {p.fileName ? ` (${p.fileName}${source.mail?.mailboxIndex ? `, message ${source.mail.mailboxIndex.toLocaleString('en')}` : ''})` : ''}
            </dd>
          </div>
          {source.versions.length > 0 ? (
            <div>
              <dt>Versions</dt>
              <dd>{source.versions.length + 1} (latest shown; earlier texts kept)</dd>
            </div>
          ) : null}
          {p.url ? (
            <div>
              <dt>URL</dt>
              <dd className="url">
                <span className="url-text">{p.url}</span> {/* Leaving the offline notebook is said before it happens: icon, words, and (desktop app) a question the first time. */}
                <a
                  className="external-link"
                  href={p.url}
                  target="_blank"
                  rel="noopener noreferrer"
                  aria-label={`Open ${p.url} in your web browser (goes online)`}
                  title="Opens your web browser, which connects to this site"
                >
                  <span aria-hidden="true">↗</span> Open in browser
                </a>
              </dd>
            </div>
          ) : null}
          {p.original ? (
            <div>
              <dt>Original file</dt>
              <dd className="hash" title={`sha256 ${p.original.sha256}`}>
                {formatBytes(p.original.bytes)} · sha256 {p.original.sha256.slice(0, 12)}…
              </dd>
            </div>
          ) : null}
          <div>
            <dt>Text sha256</dt>
            <dd className="hash" title={source.contentHash}>
              {source.contentHash.slice(0, 16)}…
            </dd>
          </div>
        </dl>
      </header>
      {children ?? <SourceText source={source} />}
    </article>
  );
}
