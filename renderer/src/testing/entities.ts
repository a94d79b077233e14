/** Entities for the renderer's tests, as the backend sends them. */
import type { Entity } from '../../../shared/domain/entity';

/** A person of the notebook, made on 1 January 2026 and never changed. */
export const person = (id: string, name: string, aliases: string[] = []): Entity =>
  ({
    id,
    type: 'person',
    name,
    aliases,
    description: '',
    start: null,
    end: null,
    parentId: null,
    mergedInto: null,
    distinctFrom: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    createdBy: null,
    updatedBy: null,
  }) as Entity;
