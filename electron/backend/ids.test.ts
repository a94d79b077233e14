import { expect, it } from 'vitest';
import { AnnotationId } from '../../shared/domain/annotation';
import { EntityId } from '../../shared/domain/entity';
import { SourceId } from '../../shared/domain/source';
import { newId } from './ids';

it('makes ids that a command line never reads as an option, valid for every kind of record', () => {
  // About one id in 32 drawn from base64url begins with "-" or "_": 20,000 draws see hundreds.
  const ids = Array.from({ length: 20_000 }, () => newId());
  expect(ids.every((id) => /^[A-Za-z0-9][A-Za-z0-9_-]{11}$/.test(id))).toBe(true);
  expect(ids.every((id) => SourceId.safeParse(id).success && AnnotationId.safeParse(id).success && EntityId.safeParse(id).success)).toBe(true);
  expect(new Set(ids).size).toBe(ids.length);
  expect(newId(6)).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{7}$/);
});
