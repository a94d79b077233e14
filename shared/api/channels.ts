/**
 * The names of every API operation, '<namespace>:<verb>'. Kept apart from the contract so that
 * the sandboxed preload can build `window.api` without bundling the schema library; the contract
 * is checked at compile time to declare exactly these.
 */
export const CHANNELS = [
  'app:state',
  'app:settings',
  'app:saveSession',
  'app:updateSettings',
  'app:chooseFolder',
  'app:chooseImportPaths',
  'app:chooseSavePath',
  'app:taskStatus',
  'app:cancelTask',
  'notebook:create',
  'notebook:open',
  'notebook:rename',
  'notebook:backup',
  'notebook:restore',
  'notebook:snapshots',
  'notebook:snapshot',
  'notebook:snapshotChanges',
  'notebook:restoreSnapshot',
  'notebook:recreateSample',
  'sources:list',
  'sources:get',
  'sources:addVersion',
  'sources:updateMeta',
  'annotations:list',
  'annotations:listAll',
  'annotations:tags',
  'annotations:create',
  'annotations:update',
  'annotations:delete',
  'annotations:restore',
  'annotations:reattach',
  'annotations:export',
  'annotations:importW3C',
  'search:query',
  'factsheet:build',
  'factsheet:pictures',
  'factsheet:resolve',
  'factsheet:reopen',
  'factsheet:summary',
  'factsheet:export',
  'entities:list',
  'entities:get',
  'entities:create',
  'entities:createMany',
  'entities:update',
  'entities:delete',
  'entities:addAlias',
  'entities:merge',
  'entities:markDistinct',
  'entities:duplicates',
  'entities:mentions',
  'entities:linkMentions',
  'entities:suggestions',
  'entities:dismissSuggestion',
  'entities:dismissSuggestions',
  'import:paths',
  'import:start',
  'import:status',
  'import:cancel',
  'import:commit',
  'import:url',
  'import:paste',
  'import:upload',
  'sync:status',
  'sync:share',
  'sync:join',
  'sync:now',
  'sync:conflicts',
  'sync:resolve',
  'sync:stop',
] as const;

/** One operation's name. */
export type Channel = (typeof CHANNELS)[number];

/** The namespace part of a channel name ('notebook' of 'notebook:open'). */
export type Namespace<C extends string = Channel> = C extends `${infer N}:${string}` ? N : never;

/** The verb part of a channel name ('open' of 'notebook:open'). */
export type Verb<C extends string> = C extends `${string}:${infer V}` ? V : never;

/** Splits a channel name into its namespace and verb. */
export function splitChannel(channel: string): [string, string] {
  const i = channel.indexOf(':');
  return [channel.slice(0, i), channel.slice(i + 1)];
}
