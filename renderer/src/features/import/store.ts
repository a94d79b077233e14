/**
 * The import feature's store: the dialog's step (choose, reading, review, done), the running job's
 * progress, the reporter's decisions on each file, and the final report.
 */
import type { Output } from '../../../../shared/api/contract';
import type { ApiError, Result } from '../../../../shared/api/result';
import { api } from '../../lib/api';
import { createStore } from '../../lib/store';

export type ImportStatus = Output<'import:status'>;
export type Preview = ImportStatus['previews'][number];
export type Outcome = Output<'import:commit'>['outcomes'][number];

/** What the reporter decided for one file at review. */
export interface Decision {
  accept: boolean;
  /** For a changed text of a known URL: add it as that source's new version. */
  asNewVersion: boolean;
  title: string;
  outlet: string;
  published: string;
  byline: string;
}

type Step = 'closed' | 'choose' | 'reading' | 'review' | 'saving' | 'done';

interface ImportStore {
  step: Step;
  status: ImportStatus | null;
  decisions: Decision[];
  outcomes: Outcome[];
  error: ApiError | null;
  /** Waiting for a web page to arrive. */
  fetching: boolean;
  /** The job being read or reviewed: answers about any other (an earlier, cancelled one) are ignored. */
  jobId: string | null;
  open(): void;
  close(): void;
  choose(): Promise<string[] | null>;
  start(paths: string[]): Promise<void>;
  startUrl(url: string): Promise<void>;
  startPaste(text: string): Promise<void>;
  startDropped(files: File[]): Promise<void>;
  cancel(): Promise<void>;
  decide(index: number, change: Partial<Decision>): void;
  acceptAll(accept: boolean): void;
  commit(): Promise<void>;
}

const POLL_MS = 150;

/** Base64 of bytes, in chunks (String.fromCharCode has an argument limit). */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export const useImport = createStore<ImportStore>()((set, get) => {
  /** Starts a job and follows it to the review. */
  const begin = async (run: () => Promise<Result<{ jobId: string }>>) => {
    set({ error: null });
    const r = await run();
    if (!r.ok) return set({ error: r.error });
    set({ step: 'reading', status: null, jobId: r.value.jobId });
    await poll(r.value.jobId);
  };
  const following = (jobId: string) => get().jobId === jobId && get().step === 'reading';
  const poll = async (jobId: string) => {
    while (following(jobId)) {
      const s = await api.import.status({ jobId });
      // Cancelled, closed or replaced while the answer was on its way: it is not this dialog's any more.
      if (!following(jobId)) return;
      if (!s.ok) return set({ error: s.error, step: 'choose' });
      set({ status: s.value });
      if (s.value.state === 'ready') {
        set({
          step: 'review',
          decisions: s.value.previews.map((p) => ({
            accept: p.status === 'ready',
            asNewVersion: false,
            title: p.title ?? '',
            outlet: p.outlet ?? '',
            published: p.published ?? '',
            byline: p.byline ?? '',
          })),
        });
        return;
      }
      if (s.value.state !== 'reading') return set({ step: 'choose' });
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  };
  return {
    step: 'closed',
    status: null,
    decisions: [],
    outcomes: [],
    error: null,
    fetching: false,
    jobId: null,
    open: () => set({ step: 'choose', status: null, decisions: [], outcomes: [], error: null, jobId: null }),
    close: () => {
      // Closing the dialog while a job is read or reviewed cancels it: nothing holds its files' bytes.
      const { jobId, step } = get();
      set({ step: 'closed', jobId: null });
      if (jobId && (step === 'reading' || step === 'review')) void api.import.cancel({ jobId });
    },
    async choose() {
      const r = await api.app.chooseImportPaths({});
      if (!r.ok) {
        set({ error: r.error });
        return null;
      }
      return r.value;
    },
    async start(paths) {
      await begin(() => api.import.start({ paths }));
    },
    async startUrl(url) {
      set({ fetching: true });
      await begin(() => api.import.url({ url }));
      set({ fetching: false });
    },
    async startPaste(text) {
      await begin(() => api.import.paste({ text }));
    },
    async startDropped(files) {
      set({ step: 'choose', status: null, decisions: [], outcomes: [], error: null });
      const encoded = await Promise.all(files.map(async (f) => ({ name: f.name, data: toBase64(new Uint8Array(await f.arrayBuffer())) })));
      await begin(() => api.import.upload({ files: encoded }));
    },
    async cancel() {
      // By the job's id, known from its start: a cancel before the first answer still reaches it.
      const id = get().jobId;
      set({ step: 'choose', jobId: null, status: null });
      if (id) await api.import.cancel({ jobId: id });
    },
    decide(index, change) {
      set({ decisions: get().decisions.map((d, i) => (i === index ? { ...d, ...change } : d)) });
    },
    acceptAll(accept) {
      const previews = get().status?.previews ?? [];
      set({ decisions: get().decisions.map((d, i) => ({ ...d, accept: accept && previews[i]?.status === 'ready' })) });
    },
    async commit() {
      const { status, decisions } = get();
      if (!status) return;
      set({ step: 'saving', error: null });
      const r = await api.import.commit({
        jobId: status.id,
        decisions: decisions.map((d, index) => ({
          index,
          accept: d.accept || d.asNewVersion,
          asNewVersion: d.asNewVersion,
          title: d.title,
          outlet: d.outlet.trim() || null,
          published: d.published.trim() || null,
          byline: d.byline.trim() || null,
        })),
      });
      if (!r.ok) return set({ error: r.error, step: 'review' });
      set({ step: 'done', outcomes: r.value.outcomes, jobId: null });
    },
  };
});
