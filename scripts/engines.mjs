// Which installed packages say they need a newer Node than the one Dossier supports. npm prints an
// EBADENGINE warning for each on `npm install`; the README lists them as expected, and a test keeps
// that list equal to what the lockfile holds, so a new warning is a failing test, not a surprise.
import semver from 'semver';

/** Names of the lockfile's packages whose `engines.node` the given Node version does not satisfy. */
export function packagesNeedingNewerNode(lock, nodeVersion) {
  const names = new Set();
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    const wanted = entry?.engines?.node;
    if (!path || typeof wanted !== 'string') continue;
    if (!semver.satisfies(nodeVersion, wanted, { includePrerelease: true })) names.add(entry.name ?? path.replace(/^.*node_modules\//, ''));
  }
  return [...names].sort();
}
