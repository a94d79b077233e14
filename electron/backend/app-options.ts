/**
 * What a host tells the backend when it starts it (AppOptions), and what only some hosts can do
 * (HostServices).
 */
import { DossierError } from '../../shared/api/result';
import type { PdfPrinter } from './factsheet/pdf';
import { SNAPSHOT_POLICY, type SnapshotPolicy } from './store/snapshot-policy';
import type { SecretStore } from './sync/sharing';

/** Which process hosts the backend. */
export type HostKind = 'electron' | 'browser' | 'cli';

/** What only some hosts can do. */
export interface HostServices {
  /** Shows the system's folder dialog; null when the user cancels. */
  chooseFolder?: (purpose: 'open' | 'create') => Promise<string | null>;
  /** Shows the system's dialog for files and folders to import; empty when the user cancels. */
  chooseImportPaths?: () => Promise<string[]>;
  /** Shows the system's save dialog for an export; null when the user cancels. */
  chooseSavePath?: (suggestedName: string, extension: string) => Promise<string | null>;
  /** Prints a self-contained HTML page to PDF (the desktop app: Electron's printToPDF); Chromium headless otherwise. */
  printPdf?: PdfPrinter;
  /** Where passwords of team servers are kept (the desktop app: encrypted by the system's keychain). */
  secrets?: SecretStore;
}

export interface AppOptions {
  host: HostKind;
  version: string;
  /** The folder with sample.json and the sample's article files. */
  seedsDir: string;
  /**
   * Where the app keeps state.json and its notebooks. Null for the CLI, which never changes what
   * the desktop app reopens.
   */
  dataDir: string | null;
  services?: HostServices;
  /** Build the search index as soon as a notebook opens (the app's hosts); otherwise on the first search. */
  warmSearch?: boolean;
  /** Run the search engine on the calling thread (the CLI, which answers one query and exits). */
  searchInThread?: boolean;
  /**
   * A notebook folder to open at start instead of the last one (`dossier serve --notebook DIR`).
   * It joins the recent list; the sample is not made. If it cannot be opened, start fails.
   */
  openAtStart?: string;
  /**
   * Automatic snapshots of the open notebook (store/snapshots.ts): the policy, or false for none.
   * By default the app hosts take them (SNAPSHOT_POLICY, or DOSSIER_SNAPSHOTS="every=60,hourly=24,daily=7")
   * and the CLI does not.
   */
  snapshots?: SnapshotPolicy | false;
  /**
   * The longest wait between two tries to reach a team's server while offline, in milliseconds
   * (60 s unless given, or DOSSIER_SYNC_RETRY_MAX_MS; tests shorten it).
   */
  syncRetryMaxMs?: number;
}

/** The snapshot policy from DOSSIER_SNAPSHOTS ("every=MINUTES,hourly=N,daily=N", "off"), else the default. */
export function snapshotPolicyFromEnv(value = process.env.DOSSIER_SNAPSHOTS): SnapshotPolicy | false {
  if (!value) return SNAPSHOT_POLICY;
  if (value === 'off') return false;
  const policy = { ...SNAPSHOT_POLICY };
  for (const part of value.split(',')) {
    const m = /^(every|hourly|daily)=(\d{1,6})$/.exec(part.trim());
    if (!m || Number(m[2]) < 1) throw new DossierError('INVALID_INPUT', `DOSSIER_SNAPSHOTS: “${part}” is not every=MINUTES, hourly=N or daily=N (each at least 1), or off.`);
    policy[m[1] === 'every' ? 'everyMinutes' : (m[1] as 'hourly' | 'daily')] = Number(m[2]);
  }
  return policy;
}
