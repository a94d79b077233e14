/**
 * The benchmarks time the app as it runs: the workers they start are the built ones (out/node/,
 * see scripts/build-hosts.mjs), built first when stale, never TypeScript compiled on the fly.
 */
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
// @ts-expect-error -- a plain ES module script without types
import { buildHosts, hostsNeedBuild } from '../scripts/build-hosts.mjs';

/** Builds out/node/ if it is stale and points the backend's worker lookup at it. */
export async function useBuiltWorkers(): Promise<void> {
  if ((hostsNeedBuild as () => boolean)()) await (buildHosts as (o: { quiet: boolean }) => Promise<void>)({ quiet: true });
  process.env.DOSSIER_WORKER_DIR = fileURLToPath(new URL('../out/node', import.meta.url));
}

/** The 1, 5 and 15-minute load averages, as printed beside each run. */
export function loadAverage(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
}

/** min / median / max of a list of numbers, formatted with `digits` decimals. */
export function spread(values: number[], digits = 1): string {
  const s = [...values].sort((a, b) => a - b);
  const f = (v: number) => v.toFixed(digits);
  return s.length === 1 ? f(s[0]) : `${f(s[0])} / ${f(s[Math.floor(s.length / 2)])} / ${f(s[s.length - 1])}`;
}
