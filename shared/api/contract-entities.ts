/**
 * The `entities:` operations of the contract (see contract.ts, which includes these): entities,
 * their pages, mentions in the text, suggestions, merging and duplicates.
 */
import * as z from 'zod';
import { Annotation } from '../domain/annotation';
import { PartialDate } from '../domain/partial-date';
import { Entity, EntityFields, EntityId, EntityName, EntityType } from '../domain/entity';
import { SourceId, SourceSummary } from '../domain/source';

const Empty = z.object({}).strict();
const Offset = z.number().int('must be a whole number').nonnegative('must not be negative');

/** The fields of a new entity; all but type and name may be left out. */
const NewEntity = z
  .object({
    type: EntityType,
    name: EntityName,
    aliases: EntityFields.shape.aliases.default([]),
    description: EntityFields.shape.description.default(''),
    start: PartialDate.nullable().default(null),
    end: PartialDate.nullable().default(null),
    parentId: EntityId.nullable().default(null),
  })
  .strict();

/** An entity with how many annotations link it. */
export const EntitySummary = Entity.extend({ linkCount: z.number().int().nonnegative() });

const SourceRef = SourceSummary.pick({ id: true, title: true, outlet: true, published: true });

export const entityOperations = {
  /** Every entity (merged ones left out), with its number of linked passages. */
  'entities:list': { input: Empty, output: z.array(EntitySummary) },
  /** An entity's page: itself, its operation (for a round), its rounds, and every linked passage by source date. */
  'entities:get': {
    input: z.object({ id: EntityId }).strict(),
    output: z.object({
      entity: EntitySummary,
      parent: Entity.nullable(),
      rounds: z.array(EntitySummary),
      passages: z.array(z.object({ annotation: Annotation, source: SourceRef })),
    }),
  },
  /** Creates an entity. Its name and aliases must not be another entity's. */
  'entities:create': { input: NewEntity, output: Entity },
  /** Creates several entities at once (accepting many suggestions): all of them, or none with the first problem named. */
  'entities:createMany': { input: z.object({ entities: z.array(NewEntity).min(1).max(500) }).strict(), output: z.array(Entity) },
  /** Changes an entity's fields (all of them, as the editor shows them). */
  'entities:update': { input: EntityFields.extend({ id: EntityId }).strict(), output: Entity },
  /** Deletes an entity and unlinks it from every annotation; the annotations stay. */
  'entities:delete': { input: z.object({ id: EntityId }).strict(), output: z.object({ unlinked: z.number().int() }) },
  /** Adds another name to an entity (accepting a suggestion as an alias). */
  'entities:addAlias': { input: z.object({ id: EntityId, alias: EntityName }).strict(), output: Entity },
  /** Merges `mergeId` into `keepId`: aliases combined, every link and round moved, nothing lost. */
  'entities:merge': { input: z.object({ keepId: EntityId, mergeId: EntityId }).strict(), output: Entity },
  /** Records that two entities are not the same; they are never suggested as duplicates again. */
  'entities:markDistinct': { input: z.object({ aId: EntityId, bId: EntityId }).strict(), output: z.object({}) },
  /** Pairs of entities that may be one, with the reason. */
  'entities:duplicates': { input: Empty, output: z.array(z.object({ aId: EntityId, bId: EntityId, reason: z.string() })) },
  /** Where the entity's name or an alias occurs with no annotation linking it yet, with context. */
  'entities:mentions': {
    input: z.object({ id: EntityId }).strict(),
    output: z.array(
      z.object({
        sourceId: SourceId,
        sourceTitle: z.string(),
        published: PartialDate.nullable(),
        start: Offset,
        end: Offset,
        alias: z.string(),
        before: z.string(),
        match: z.string(),
        after: z.string(),
      }),
    ),
  },
  /** Links mentions: one annotation per mention, linked to the entity. */
  'entities:linkMentions': {
    input: z
      .object({
        id: EntityId,
        mentions: z
          .array(z.object({ sourceId: SourceId, start: Offset, end: Offset }))
          .min(1)
          .max(5000),
      })
      .strict(),
    output: z.object({ linked: z.number().int() }),
  },
  /**
   * Entities suggested by the text of one source, or of all (null). On a large notebook whose
   * texts are still being read for names, the cards come from what was read so far and `reading`
   * says how far the rest is (null once every text is read).
   */
  'entities:suggestions': {
    input: z.object({ sourceId: SourceId.nullable() }).strict(),
    output: z.object({
      cards: z.array(
        z.object({
          key: z.string(),
          type: EntityType,
          name: z.string(),
          aliases: z.array(z.string()),
          parentName: z.string().nullable(),
          aliasOf: z.object({ id: EntityId, name: z.string() }).nullable(),
          sourceId: SourceId,
          sourceTitle: z.string(),
          evidence: z.string(),
          /** Every source that names it (the first above among them; at most 50 listed), how many, and how many times in all. */
          sources: z.array(z.object({ id: SourceId, title: z.string() })),
          sourceCount: z.number().int().nonnegative(),
          mentions: z.number().int().nonnegative(),
        }),
      ),
      reading: z.object({ read: z.number().int().nonnegative(), total: z.number().int().nonnegative() }).nullable(),
    }),
  },
  /** Dismisses a suggestion for good. */
  'entities:dismissSuggestion': { input: z.object({ key: z.string().min(1).max(500) }).strict(), output: z.object({}) },
  /** Dismisses several suggestions for good, in one write. */
  'entities:dismissSuggestions': { input: z.object({ keys: z.array(z.string().min(1).max(500)).min(1).max(2000) }).strict(), output: z.object({ dismissed: z.number().int().nonnegative() }) },
} as const;
