import { describe, expect, it } from 'vitest';
import type { Annotation } from './annotation';
import { isMentionLink, type EntityRef } from './mention-link';

const ccse: EntityRef = { id: 'ccse', name: 'CCSE', aliases: ['Countering Child Sexual Expolitation'], parentId: null };
const blair: EntityRef = { id: 'blair', name: 'Tony Blair', aliases: ['Blair'], parentId: null };
const entities = new Map([ccse, blair].map((e) => [e.id, e]));
const base = { kind: 'passage', note: '', tags: [], entityIds: ['blair'], speakerId: null, figure: null } as const;
const a = (exact: string, over: Partial<Annotation> = {}) => ({ ...base, target: { quote: { exact, prefix: '', suffix: '' } }, ...over }) as unknown as Annotation;

describe('a linked mention', () => {
  it('is an entity’s name (any spelling it has) linked to it and nothing more', () => {
    expect(isMentionLink(a('Blair'), entities)).toBe(true);
    expect(isMentionLink(a('Mr Blair'), entities)).toBe(true);
    expect(isMentionLink(a('Countering Child Sexual Expolitation', { entityIds: ['ccse'] }), entities)).toBe(true);
  });

  it('is not the reporter’s own reading: a note, a tag, a second entity, another kind, or a passage longer than the name', () => {
    expect(isMentionLink(a('Blair', { note: 'Check his diary.' }), entities)).toBe(false);
    expect(isMentionLink(a('Blair', { tags: ['to check'] }), entities)).toBe(false);
    expect(isMentionLink(a('Blair', { entityIds: ['blair', 'ccse'] }), entities)).toBe(false);
    expect(isMentionLink(a('Blair', { kind: 'quote' }), entities)).toBe(false);
    expect(isMentionLink(a('Blair said on Tuesday that the party would not raise income tax in a third term'), entities)).toBe(false);
    expect(isMentionLink(a('Brown'), entities)).toBe(false);
    expect(isMentionLink(a('Blair', { entityIds: ['gone'] }), entities)).toBe(false);
  });
});
