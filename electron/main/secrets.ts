/**
 * Where the desktop app keeps the passwords of team servers: encrypted with the system's keychain
 * (Electron's safeStorage: Keychain on macOS, DPAPI on Windows, the Secret Service or KWallet on
 * Linux), in secrets.json of the app's data folder — never in a notebook. Where the system has no
 * keychain (or Linux would fall back to a hard-coded key, which is plain text in all but name),
 * nothing is written: the password is kept in memory until Dossier quits, and the Share dialog
 * says so.
 */
import { join } from 'node:path';
import { safeStorage } from 'electron';
import * as z from 'zod';
import { readJsonFile, serialize, writeFileDurably } from '../backend/store/durable-file';
import { memorySecrets, type SecretStore } from '../backend/sync/sharing';

const SecretsFile = z.record(z.string(), z.string());

/** Whether safeStorage encrypts for real here. */
function encryptionIsReal(): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  if (process.platform === 'linux') return safeStorage.getSelectedStorageBackend() !== 'basic_text';
  return true;
}

export function keychainSecrets(dataDir: string): SecretStore {
  if (!encryptionIsReal()) return memorySecrets('in memory only, until Dossier quits: this system offers no keychain to encrypt it with, and Dossier does not keep passwords in plain text');
  const file = join(dataDir, 'secrets.json');
  const read = async () => (await readJsonFile(file, SecretsFile).catch(() => null)) ?? {};
  let queue: Promise<unknown> = Promise.resolve();
  const change = (edit: (all: Record<string, string>) => void) => {
    const next = queue.then(async () => {
      const all = await read();
      edit(all);
      await writeFileDurably(file, serialize(all));
    });
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    where: 'encrypted with this computer’s keychain, in Dossier’s settings folder (not in the notebook)',
    async get(key) {
      const sealed = (await read())[key];
      if (!sealed) return null;
      try {
        return safeStorage.decryptString(Buffer.from(sealed, 'base64'));
      } catch {
        // Encrypted under another account or keychain: as if not kept (the reporter is asked again).
        return null;
      }
    },
    set: (key, secret) => change((all) => void (all[key] = safeStorage.encryptString(secret).toString('base64'))),
    remove: (key) => change((all) => void delete all[key]),
  };
}
