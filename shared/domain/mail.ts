/**
 * Threads of e-mail messages across a notebook: messages that answer one another (In-Reply-To),
 * or name the same first message (References), are one thread, however they were imported (an
 * .eml here, a mailbox there). Worked out from the sources when asked, so a message imported later
 * joins its thread.
 */
import type { SourceSummary } from './source';

type MailSource = Pick<SourceSummary, 'id'> & { mail?: Pick<NonNullable<SourceSummary['mail']>, 'messageId' | 'inReplyTo' | 'thread'> };

/** Each message source's thread, as the id of its thread's first source: only messages have one. */
export function mailThreads(sources: readonly MailSource[]): Map<string, string> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    for (let at = x; at !== root;) {
      const next = parent.get(at)!;
      parent.set(at, root);
      at = next;
    }
    return root;
  };
  const join = (a: string, b: string) => {
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(rb, ra);
  };
  const own = (s: MailSource) => `source:${s.id}`;
  for (const s of sources) {
    if (!s.mail) continue;
    const node = own(s);
    if (!parent.has(node)) parent.set(node, node);
    for (const id of [s.mail.messageId, s.mail.inReplyTo, s.mail.thread]) if (id) join(node, `id:${id}`);
  }
  const first = new Map<string, string>();
  const out = new Map<string, string>();
  for (const s of sources) {
    if (!s.mail) continue;
    const root = find(own(s));
    if (!first.has(root)) first.set(root, s.id);
    out.set(s.id, first.get(root)!);
  }
  return out;
}
