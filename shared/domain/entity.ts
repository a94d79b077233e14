/**
 * Entities: the operation under investigation and its rounds, people, organisations, places,
 * laws, platforms. Annotations link to them; their names and aliases are matched in the text the
 * way outlets spell them (see names.ts).
 */
import * as z from 'zod';
import { Author } from './author';
import { PartialDate } from './partial-date';

/** An entity's id. */
export const EntityId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const ENTITY_TYPES = ['operation', 'person', 'organisation', 'place', 'law', 'platform', 'other'] as const;
export const EntityType = z.enum(ENTITY_TYPES);

/** A name or alias as the user writes it. */
export const EntityName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .refine((s) => /[\p{L}\p{N}]/u.test(s), 'must contain a letter or a digit');

/** The fields a user edits. */
export const EntityFields = z.object({
  type: EntityType,
  name: EntityName,
  aliases: z.array(EntityName).max(50, 'an entity can have at most 50 aliases'),
  description: z.string().max(5000, 'must be at most 5,000 characters'),
  /** When it started or happened, at any precision ("2020", "2020-10", "2020-10-04"). */
  start: PartialDate.nullable(),
  end: PartialDate.nullable(),
  /** For a round: the operation it belongs to. Only operations have parents. */
  parentId: EntityId.nullable(),
});

/** One entity as stored. A merged entity stays as a tombstone pointing at the one it joined. */
export const Entity = EntityFields.extend({
  id: EntityId,
  mergedInto: EntityId.nullable().default(null),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** Who made it and who last changed it (renamed, merged, edited): display names, null when none was set. */
  createdBy: Author.nullable().default(null),
  updatedBy: Author.nullable().default(null),
});

export type EntityType = z.infer<typeof EntityType>;
export type EntityFields = z.infer<typeof EntityFields>;
export type Entity = z.infer<typeof Entity>;

/** Labels for the UI and the CLI. */
export const ENTITY_TYPE_LABEL: Record<EntityType, string> = {
  operation: 'Operation',
  person: 'Person',
  organisation: 'Organisation',
  place: 'Place',
  law: 'Law',
  platform: 'Platform',
  other: 'Other',
};
