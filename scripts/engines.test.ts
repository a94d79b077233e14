import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { packagesNeedingNewerNode } from './engines.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const readme = readFileSync(join(root, 'README.md'), 'utf8');

describe('the Node versions the project supports', () => {
  it('lists in the README every package npm warns about on the oldest supported Node, and no other', () => {
    const oldest = semver.minVersion(pkg.engines.node)!.version;
    const section = /<!-- engine-warnings -->([\s\S]*?)<!-- \/engine-warnings -->/.exec(readme);
    expect(section, 'README.md has the expected-warnings list between <!-- engine-warnings --> markers').not.toBeNull();
    const listed = [...section![1].matchAll(/`([^`]+)`/g)].map((m) => m[1]).sort();
    expect(listed).toEqual(packagesNeedingNewerNode(lock, oldest));
  });

  it('says in the README which Node runs what', () => {
    expect(readme).toContain(`Node ${semver.minVersion(pkg.engines.node)!.version.replace(/\.0$/, '')}`);
    expect(readme).toMatch(/desktop app[^.]*Node 22\.12/);
  });
});
