/**
 * The review sheet: each file with what Dossier found in it (title, outlet, date, byline, the
 * first paragraphs), all editable, and whether to import it. Duplicates, new versions and files
 * that could not be read say so and are left out.
 */
import { partialDatePrecision } from '../../../../../shared/domain/dates';
import type { Decision, Preview } from '../store';

export interface ReviewListProps {
  previews: Preview[];
  decisions: Decision[];
  onDecide(index: number, change: Partial<Decision>): void;
}

const FORMAT: Record<NonNullable<Preview['format']>, string> = {
  text: 'Text',
  markdown: 'Markdown',
  html: 'Web page',
  pdf: 'PDF',
  docx: 'Word',
  email: 'E-mail',
  msg: 'Outlook message',
  mbox: 'Mailbox',
  csv: 'Table (CSV)',
  xlsx: 'Excel workbook',
};

/** What a message's attachments will become: a source each, or the reason one cannot be. */
function Attachments({ list, sheets }: { list: Preview['attachments']; sheets: boolean }) {
  if (list.length === 0) return null;
  const read = list.filter((a) => a.problem === null);
  const unread = list.filter((a) => a.problem !== null);
  return (
    <div className="review-attachments">
      {read.length > 0 && sheets ? (
        <p>
          Its {read.length} sheets {read.map((a) => `“${a.fileName}”`).join(', ')} become sources of their own, linked to the workbook.
        </p>
      ) : null}
      {read.length > 0 && !sheets ? (
        <p>
          {read.length === 1 ? 'Its attachment' : `Its ${read.length} attachments`} {read.map((a) => `“${a.fileName}”`).join(', ')} {read.length === 1 ? 'becomes a source' : 'become sources'} of{' '}
          {read.length === 1 ? 'its' : 'their'} own, linked to the message.
        </p>
      ) : null}
      {unread.length > 0 ? (
        <ul className="muted" aria-label="Attachments not imported">
          {unread.map((a) => (
            <li key={a.fileName}>
              “{a.fileName}” is not imported: it {a.problem}.
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function ReviewList({ previews, decisions, onDecide }: ReviewListProps) {
  return (
    <ul className="review-list" aria-label="Files to import">
      {previews.map((p, i) => {
        const d = decisions[i];
        const name = p.file.split(/[\\/]/).pop() ?? p.file;
        const badDate = d && d.published.trim() !== '' && partialDatePrecision(d.published.trim()) === null;
        return (
          <li key={p.index} className={`review-item ${p.status}`} aria-label={`File ${name}`}>
            <div className="review-head">
              <label>
                <input type="checkbox" checked={d?.accept ?? false} disabled={p.status !== 'ready'} onChange={(e) => onDecide(i, { accept: e.target.checked })} /> Import
              </label>
              <span className="file-name">{name}</span>
              {p.format ? <span className="badge muted">{FORMAT[p.format]}</span> : null}
              {p.status === 'ready' && typeof p.messages === 'number' ? <span className="muted">{p.messages.toLocaleString('en')} messages</span> : null}
              {p.status === 'ready' && typeof p.messages !== 'number' ? <span className="muted">{p.wordCount.toLocaleString('en')} words</span> : null}
              {p.status !== 'ready' ? (
                <span className={`state ${p.status === 'failed' ? 'orphan' : 'fuzzy'}`}>{p.status === 'failed' ? 'Cannot import' : p.status === 'duplicate' ? 'Duplicate' : 'New version'}</span>
              ) : null}
            </div>
            {p.reason ? (
              <p className={p.status === 'failed' ? 'error-text' : 'muted'}>
                {name} {p.reason}.
              </p>
            ) : null}
            {p.status === 'new-version' && p.existing && d ? (
              <label>
                <input type="checkbox" checked={d.asNewVersion} onChange={(e) => onDecide(i, { asNewVersion: e.target.checked })} /> Add as the new version of “{p.existing.title}” (its annotations are
                re-anchored)
              </label>
            ) : null}
            {p.status === 'ready' && typeof p.messages === 'number' ? (
              <>
                <p>Each message becomes a source titled by its subject, with its sender, recipients and date; its attachments become sources of their own. The mailbox is read as it is saved.</p>
                <blockquote className="review-excerpt">{p.excerpt}</blockquote>
              </>
            ) : null}
            {p.status === 'ready' && typeof p.messages !== 'number' && d ? (
              <>
                <div className="review-fields">
                  <label className="field grow">
                    <span>Title</span>
                    <input type="text" value={d.title} onChange={(e) => onDecide(i, { title: e.target.value })} />
                  </label>
                  <label className="field">
                    <span>Outlet</span>
                    <input type="text" value={d.outlet} placeholder="Not named" onChange={(e) => onDecide(i, { outlet: e.target.value })} />
                  </label>
                  <label className="field">
                    <span>Published</span>
                    <input type="text" value={d.published} placeholder="Undated" aria-invalid={badDate} onChange={(e) => onDecide(i, { published: e.target.value })} />
                  </label>
                  <label className="field">
                    <span>By</span>
                    <input type="text" value={d.byline} onChange={(e) => onDecide(i, { byline: e.target.value })} />
                  </label>
                </div>
                {badDate ? <p className="error-text">Write the date as YYYY, YYYY-MM or YYYY-MM-DD, or leave it empty.</p> : null}
                {p.warnings.length > 0 ? <p className="muted">{p.warnings.filter((w) => !w.startsWith('Its attachment “')).join(' ')}</p> : null}
                <Attachments list={p.attachments ?? []} sheets={p.format === 'xlsx'} />
                <blockquote className="review-excerpt">{p.excerpt}</blockquote>
              </>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
