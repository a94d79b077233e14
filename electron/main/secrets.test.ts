/**
 * The desktop app's password store, with Electron's safeStorage stood in for: passwords are
 * written only encrypted, read back, forgotten on request, and never written where the system
 * would encrypt with a hard-coded key (Linux's basic_text) or not at all.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../backend/testing/fixtures';

const keychain = { available: true, backend: 'gnome_libsecret' };
/** A stand-in cipher: reversible, and never the plain text. */
const seal = (s: string) => Buffer.from(`sealed:${Buffer.from(s).reverse().toString('hex')}`);
const open = (b: Buffer) => {
  const t = b.toString();
  if (!t.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
  return Buffer.from(t.slice(7), 'hex').reverse().toString();
};
vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: () => keychain.available,
    getSelectedStorageBackend: () => keychain.backend,
    encryptString: (s: string) => seal(s),
    decryptString: (b: Buffer) => open(b),
  },
}));
const { keychainSecrets } = await import('./secrets');

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  keychain.available = true;
  keychain.backend = 'gnome_libsecret';
});
afterEach(() => cleanup());

describe('passwords of team servers in the desktop app', () => {
  it('are kept encrypted in the data folder, survive a restart, and are forgotten on request', async () => {
    const store = keychainSecrets(dir);
    expect(store.where).toMatch(/encrypted with this computer’s keychain/);
    await store.set('https://couch.example.org/p-hunt|asha', 'hunter2-secret');
    await store.set('https://couch.example.org/other|asha', 'second');
    const onDisk = await readFile(join(dir, 'secrets.json'), 'utf8');
    expect(onDisk).not.toContain('hunter2-secret');
    expect(await keychainSecrets(dir).get('https://couch.example.org/p-hunt|asha')).toBe('hunter2-secret');
    await store.remove('https://couch.example.org/p-hunt|asha');
    expect(await keychainSecrets(dir).get('https://couch.example.org/p-hunt|asha')).toBeNull();
    expect(await keychainSecrets(dir).get('https://couch.example.org/other|asha')).toBe('second');
  });

  it('a password sealed by another keychain reads as not kept (the reporter is asked again)', async () => {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dir, 'secrets.json'), JSON.stringify({ k: Buffer.from('from another machine').toString('base64') }));
    expect(await keychainSecrets(dir).get('k')).toBeNull();
  });

  const cases: [string, boolean, string][] = [['no keychain at all', false, 'gnome_libsecret']];
  // Only Linux has a hard-coded fallback key.
  if (process.platform === 'linux') cases.push(['Linux’s hard-coded key', true, 'basic_text']);
  it.each(cases)('with %s, nothing is written and the store says where the password is', async (_, available, backend) => {
    keychain.available = available;
    keychain.backend = backend;
    const store = keychainSecrets(dir);
    expect(store.where).toMatch(/in memory only, until Dossier quits.*does not keep passwords in plain text/);
    await store.set('k', 'hunter2-secret');
    expect(await store.get('k')).toBe('hunter2-secret');
    await expect(readFile(join(dir, 'secrets.json'))).rejects.toThrow(/ENOENT/);
  });
});
