/**
 * Every importer against random and damaged input (fast-check): each call returns a document or a
 * clear ImportError within a few seconds; never another exception, never a hang.
 */
import { readFile } from 'node:fs/promises';
import { Document, Packer, Paragraph } from 'docx';
import fc from 'fast-check';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { ImportError } from './errors';
import { extractDocument } from './extract';

const NAMES = ['a.txt', 'a.md', 'a.html', 'a.pdf', 'a.docx', 'a'];
const LIMIT_MS = 5000;

async function outcome(name: string, bytes: Uint8Array): Promise<'document' | 'refused'> {
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${name} hung for ${LIMIT_MS} ms`)), LIMIT_MS));
  try {
    const doc = await Promise.race([extractDocument(name, bytes), timeout]);
    expect(typeof doc.text).toBe('string');
    expect(doc.text.trim()).not.toBe('');
    return 'document';
  } catch (e) {
    if (e instanceof ImportError) {
      expect(e.message.length).toBeGreaterThan(5);
      return 'refused';
    }
    throw e;
  }
}

let samples: Uint8Array[] = [];

beforeAll(async () => {
  const pdf = await PDFDocument.create();
  pdf.addPage().drawText('Police registered 268 cases.', { x: 50, y: 700, font: await pdf.embedFont(StandardFonts.Helvetica) });
  const docx = new Document({ sections: [{ children: [new Paragraph('Police registered 268 cases.')] }] });
  samples = [await pdf.save({ useObjectStreams: false }), new Uint8Array(await Packer.toBuffer(docx)), new Uint8Array(await readFile(new URL('./fixtures/hostile-article.html', import.meta.url)))];
});

describe('importers under random input', () => {
  it('answer random bytes with a document or a clear refusal', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...NAMES), fc.uint8Array({ maxLength: 4096 }), async (name, bytes) => {
        await outcome(name, bytes);
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it('answer damaged PDF, Word and HTML files with a document or a clear refusal', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 2 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 20 }),
        fc.option(fc.nat(), { nil: undefined }),
        async (which, flips, cut) => {
          const bytes = Uint8Array.from(samples[which]);
          for (const [at, value] of flips) bytes[at % bytes.length] = value;
          const damaged = cut === undefined ? bytes : bytes.slice(0, cut % bytes.length);
          await outcome(['r.pdf', 'r.docx', 'r.html'][which], damaged);
        },
      ),
      { numRuns: 200 },
    );
  }, 120_000);
});
