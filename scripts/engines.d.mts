/** Names of the lockfile's packages whose `engines.node` the given Node version does not satisfy. */
export function packagesNeedingNewerNode(lock: { packages?: Record<string, { name?: string; engines?: { node?: string } }> }, nodeVersion: string): string[];
