/** The part of leveldown (the LevelDB binding PouchDB's replica ships) that the base store uses. */
declare module 'leveldown' {
  type Callback<T = void> = (error: Error | undefined, value?: T) => void;
  export interface LevelDown {
    open(options: { createIfMissing?: boolean; cacheSize?: number; writeBufferSize?: number }, callback: Callback): void;
    close(callback: Callback): void;
    batch(operations: ({ type: 'put'; key: string; value: string } | { type: 'del'; key: string })[], options: { sync?: boolean }, callback: Callback): void;
    iterator(options?: { keyAsBuffer?: boolean; valueAsBuffer?: boolean; gte?: string; lt?: string }): AsyncIterable<[unknown, unknown]>;
  }
  export default function leveldown(location: string): LevelDown;
}
