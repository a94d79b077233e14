/**
 * For tests: the W3C Web Annotation test suite's MUST assertions (JSON Schema draft-04, in
 * ../shared/testdata/w3c-annotation), compiled with ajv. Null where that folder is absent: the
 * tests that use it skip and say so.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { TESTDATA_DIR, testdata } from './testdata';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const FOUND = testdata(join('w3c-annotation', 'web-annotation-tests'), 'the checks against the W3C test suite');
export const W3C_TESTS = FOUND ?? join(TESTDATA_DIR, 'w3c-annotation', 'web-annotation-tests');
export const W3C_MISSING = FOUND ? null : `the W3C test suite is not at ${W3C_TESTS}`;

export interface OfficialCheck {
  /** The MUST assertions an annotation fails (their error messages); empty when it passes them all. */
  annotation(a: unknown): string[];
  /** The same for an AnnotationCollection. */
  collection(c: unknown): string[];
}

export function officialCheck(): OfficialCheck | null {
  if (W3C_MISSING) return null;
  const ajv = new Ajv({ strict: false, validateSchema: false });
  addFormats(ajv);
  for (const f of readdirSync(join(W3C_TESTS, 'definitions'))) ajv.addSchema(JSON.parse(readFileSync(join(W3C_TESTS, 'definitions', f), 'utf8')), f);
  const compile = (manifest: string) =>
    (JSON.parse(readFileSync(join(W3C_TESTS, manifest), 'utf8')) as { assertions: string[] }).assertions.map((path) => {
      const schema = JSON.parse(readFileSync(join(W3C_TESTS, path), 'utf8')) as { errorMessage: string };
      return { message: `${path}: ${schema.errorMessage}`, validate: ajv.compile(schema) };
    });
  const annotationMusts = compile('annotations/annotationMusts.test');
  const collectionMusts = compile('collections/collectionMusts.test');
  return {
    annotation: (a) => annotationMusts.filter((m) => !m.validate(a)).map((m) => m.message),
    collection: (c) => collectionMusts.filter((m) => !m.validate(c)).map((m) => m.message),
  };
}

/** The test suite's sample files: name, text, and whether it is in correct/ or incorrect/. */
export function samples(kind: 'correct' | 'incorrect'): { name: string; text: string }[] {
  const dir = join(W3C_TESTS, 'tools/samples', kind);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}
