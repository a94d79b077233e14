/**
 * What the reader shows of an e-mail: who wrote to whom and when, the files attached (each opens as
 * its own source, or says why it was not imported), the message a file came with, and the other
 * messages of its thread in the notebook.
 */
import type { MailAddress, SourceSummary } from '../../../../../shared/domain/source';
import { useNavigation } from '../../../lib/navigation';

/** Another source the details point to. */
export interface Related {
  id: string;
  title: string;
  /** When a message was sent (ISO with offset), for the thread's list. */
  sentAt?: string | null;
}

export interface MailContext {
  /** The message a file was attached to, when it is in the notebook. */
  message: Related | null;
  /** The notebook's other messages of this one's thread, oldest first. */
  thread: Related[];
  /** Of a workbook: its sheets, each a source. */
  parts: Related[];
}

const address = (a: MailAddress) => (a.name && a.name !== a.address ? `${a.name} <${a.address}>` : a.address);

/** "2000-06-14 17:43 (UTC+02:00)": the time as the sender's clock said it. */
export function sentWords(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} (UTC${iso.slice(19) || '+00:00'})`;
}

function Link({ to }: { to: Related }) {
  return (
    <button type="button" className="link" onClick={() => void useNavigation.getState().openSource(to.id, null)}>
      {to.title}
    </button>
  );
}

export function MailDetails({ source, context }: { source: Pick<SourceSummary, 'mail' | 'attachedTo' | 'table'>; context: MailContext }) {
  const { mail, attachedTo } = source;
  return (
    <>
      {mail && mail.from.length > 0 ? (
        <div>
          <dt>From</dt>
          <dd>{mail.from.map(address).join(', ')}</dd>
        </div>
      ) : null}
      {mail && mail.to.length > 0 ? (
        <div>
          <dt>To</dt>
          <dd>{mail.to.map(address).join(', ')}</dd>
        </div>
      ) : null}
      {mail && mail.cc.length > 0 ? (
        <div>
          <dt>Cc</dt>
          <dd>{mail.cc.map(address).join(', ')}</dd>
        </div>
      ) : null}
      {mail?.sentAt ? (
        <div>
          <dt>Sent</dt>
          <dd>{sentWords(mail.sentAt)}</dd>
        </div>
      ) : null}
      {mail && mail.attachments.length > 0 ? (
        <div className="wide">
          <dt>Attachments</dt>
          <dd>
            <ul className="mail-attachments">
              {mail.attachments.map((a, i) => (
                <li key={`${i}-${a.fileName}`}>
                  {a.sourceId ? <Link to={{ id: a.sourceId, title: a.fileName }} /> : <span className="unknown">{a.fileName}</span>}
                  {a.problem ? <span className="muted"> — not imported: it {a.problem}</span> : null}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      ) : null}
      {!mail && context.parts.length > 0 ? (
        <div className="wide">
          <dt>Sheets</dt>
          <dd>
            <ul className="mail-attachments" aria-label="Sheets of this workbook">
              {context.parts.map((p) => (
                <li key={p.id}>
                  <Link to={p} />
                </li>
              ))}
            </ul>
          </dd>
        </div>
      ) : null}
      {attachedTo ? (
        <div>
          <dt>{source.table ? 'Workbook' : 'Attached to'}</dt>
          <dd>
            {context.message ? (
              <Link to={context.message} />
            ) : (
              <span className="unknown">
                {source.table ? 'a workbook' : 'a message'} no longer in this notebook ({attachedTo.fileName})
              </span>
            )}
          </dd>
        </div>
      ) : null}
      {mail && context.thread.length > 0 ? (
        <div className="wide">
          <dt>Thread</dt>
          <dd>
            <ul className="mail-thread" aria-label="Other messages of this thread">
              {context.thread.map((m) => (
                <li key={m.id}>
                  <Link to={m} />
                  {m.sentAt ? <span className="muted"> · {sentWords(m.sentAt)}</span> : null}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      ) : null}
      {mail?.messageId ? (
        <div>
          <dt>Message-ID</dt>
          <dd className="hash">{mail.messageId}</dd>
        </div>
      ) : null}
    </>
  );
}
