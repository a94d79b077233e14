/**
 * The layers hold without a loop: no module of the backend, shared/, the CLI or browser mode
 * imports itself back through others, and no feature of the renderer another that imports it (imports of types aside: they leave no trace at run time). A
 * loop makes the order modules load in matter, and each end harder to change alone; the one this
 * found (the notebook, its snapshots and their check) was cut by giving the swap after a restore
 * and the repair modules of their own.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FOLDERS = ['electron/backend', 'shared', 'electron/cli', 'electron/http'];

function sources(folder: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'testing' && name !== 'fixtures') out.push(...sources(path));
    } else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

/** The modules a file imports at run time (static imports and re-exports, not `import type`). */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(?!type\b)([^;]*?)\s+from\s+'(\.[^']+)'/gm)) {
    const names = m[1].trim();
    // import { type A, type B } from '…' is types only.
    if (
      /^\{[^}]*\}$/.test(names) &&
      names
        .slice(1, -1)
        .split(',')
        .every((n) => n.trim() === '' || n.trim().startsWith('type '))
    )
      continue;
    const base = resolve(dirname(file), m[2]);
    const target = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((p) => existsSync(p));
    if (target) found.push(relative(ROOT, target));
  }
  return found;
}

/** The groups of modules that import each other in a loop (Tarjan's strongly connected components). */
function loops(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) out.push(group.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

describe('the layers', () => {
  it('import one another without a loop', () => {
    const graph = new Map<string, string[]>();
    for (const folder of FOLDERS) for (const file of sources(join(ROOT, folder))) graph.set(relative(ROOT, file), runtimeImports(file));
    expect(graph.size).toBeGreaterThan(150);
    expect([...graph.values()].flat().length).toBeGreaterThan(300);
    expect(loops(graph)).toEqual([]);
  });

  it('leave the renderer’s features depending on one another one way', () => {
    // Each feature is one node: what any of its modules imports from another feature (through its index.ts) is an edge.
    const features = join(ROOT, 'renderer/src/features');
    const graph = new Map<string, string[]>();
    for (const file of sources(features)) {
      const own = relative(features, file).split('/')[0];
      const others = runtimeImports(file)
        .map((t) => /^renderer\/src\/features\/([^/]+)\//.exec(t)?.[1])
        .filter((f): f is string => f !== undefined && f !== own);
      graph.set(own, [...new Set([...(graph.get(own) ?? []), ...others])]);
    }
    expect(graph.size).toBeGreaterThanOrEqual(11);
    expect([...graph.values()].flat().length).toBeGreaterThan(8);
    expect(loops(graph)).toEqual([]);
  });

  it('finds a loop where there is one', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(loops(graph)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });
});
