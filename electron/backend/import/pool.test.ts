import { describe, expect, it } from 'vitest';
import { ImportError } from './errors';
import { ExtractorPool } from './pool';

describe('the import worker pool', () => {
  it('reads files in worker threads and passes refusals through as ImportErrors', async () => {
    const pool = new ExtractorPool(2);
    try {
      const docs = await Promise.all(['First text about the raids.', 'Second text.', 'Third text.'].map((t, i) => pool.extract(`${i}.txt`, new TextEncoder().encode(t))));
      expect(docs.map((d) => d.text)).toEqual(['First text about the raids.', 'Second text.', 'Third text.']);
      await expect(pool.extract('empty.txt', new Uint8Array())).rejects.toBeInstanceOf(ImportError);
      await expect(pool.extract('empty.txt', new Uint8Array())).rejects.toThrow('is empty');
    } finally {
      await pool.close();
    }
  });

  it('stops its workers once idle, releasing their memory, and starts them again for the next file', async () => {
    const pool = new ExtractorPool(2, 50);
    try {
      await Promise.all(['a', 'b'].map((t) => pool.extract(`${t}.txt`, new TextEncoder().encode(`Text ${t}.`))));
      expect(pool.running).toBe(2);
      while (pool.running > 0) await new Promise((resolve) => setTimeout(resolve, 20));
      expect((await pool.extract('c.txt', new TextEncoder().encode('Text c.'))).text).toBe('Text c.');
      expect(pool.running).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it('refuses new work once closed', async () => {
    const pool = new ExtractorPool(1);
    await pool.close();
    await expect(pool.extract('a.txt', new TextEncoder().encode('x'))).rejects.toThrow(/closed/);
  });
});
