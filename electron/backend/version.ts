/** This build's version, from package.json (two folders up, built or not: see scripts/build-hosts.mjs). */
import { readFileSync } from 'node:fs';

export const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
