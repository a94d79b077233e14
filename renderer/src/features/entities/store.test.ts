/**
 * The entities store over a fake backend: it follows the change stream (an entity made elsewhere,
 * the reading of names moving on, another notebook) without polling, a slow earlier answer never
 * overwrites a later one, and accepting a card says so before the backend answers.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Output } from '../../../../shared/api/contract';
import { deliver } from '../../lib/changes';
import { person } from '../../testing/entities';
import { answer, answerLater, callCount } from '../../testing/fake-backend';
import { useEntities, type EntitySummary, type Suggestion } from './store';

const entity = (name: string): EntitySummary => ({ ...person(`e-${name}`, name), linkCount: 0 }) as EntitySummary;
const card = (name: string, sources = 1): Suggestion => ({
  key: `name:${name.toLowerCase()}`,
  type: 'person',
  name,
  aliases: [],
  parentName: null,
  aliasOf: null,
  sourceId: 's1',
  sourceTitle: 'A story',
  evidence: `${name} said so.`,
  sources: [{ id: 's1', title: 'A story' }],
  sourceCount: sources,
  mentions: sources,
});
const suggestions = (cards: Suggestion[], reading: Output<'entities:suggestions'>['reading'] = null): Output<'entities:suggestions'> => ({ cards, reading });

beforeEach(() => {
  useEntities.setState({ list: [], panel: { kind: 'none' }, page: null, suggestions: null, reading: null, suggestionNotice: null, duplicates: null, error: null, busy: false });
});
afterEach(() => vi.useRealTimers());

describe('following the change stream', () => {
  it('reads the list again when entities change elsewhere, once it has been shown', async () => {
    answer('entities:list', [entity('Manoj Abraham')]);
    deliver([{ kind: 'entities' }]);
    // Never shown: nothing is read for a view nobody opened.
    expect(callCount('entities:list')).toBe(0);
    await useEntities.getState().load();
    answer('entities:list', [entity('Manoj Abraham'), entity('Anita Verghese')]);
    deliver([{ kind: 'entities' }]);
    await vi.waitFor(() => expect(useEntities.getState().list.map((e) => e.name)).toEqual(['Manoj Abraham', 'Anita Verghese']));
  });

  it('reads the suggestions again as the names are read, at most every second and a half, and stops when the panel closes', async () => {
    vi.useFakeTimers();
    answer('entities:list', []);
    answer('entities:suggestions', suggestions([card('Tony Blair')], { read: 8, total: 400 }));
    await useEntities.getState().show({ kind: 'suggestions' });
    expect(useEntities.getState().reading).toEqual({ read: 8, total: 400 });
    answer('entities:suggestions', suggestions([card('Tony Blair', 3), card('Gordon Brown')], null));
    for (let i = 0; i < 10; i++) deliver([{ kind: 'names' }]);
    expect(callCount('entities:suggestions')).toBe(1);
    await vi.advanceTimersByTimeAsync(1_600);
    expect(callCount('entities:suggestions')).toBe(2);
    expect(useEntities.getState().reading).toBeNull();
    expect(useEntities.getState().suggestions!.map((c) => c.name)).toEqual(['Tony Blair', 'Gordon Brown']);
    // Another panel: the reading's news no longer asks for cards.
    answer('entities:duplicates', []);
    await useEntities.getState().show({ kind: 'duplicates' });
    deliver([{ kind: 'names' }]);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(callCount('entities:suggestions')).toBe(2);
  });

  it('keeps the later answer when an earlier one comes last', async () => {
    answer('entities:list', []);
    const slow = answerLater('entities:suggestions');
    const first = useEntities.getState().show({ kind: 'suggestions' });
    const second = useEntities.getState().show({ kind: 'suggestions' });
    expect(slow.pending()).toBe(2);
    // The later request answers first, the earlier one last.
    slow.release(suggestions([card('Later')]), 1);
    slow.release(suggestions([card('Earlier')]), 0);
    await Promise.all([first, second]);
    expect(useEntities.getState().suggestions!.map((c) => c.name)).toEqual(['Later']);
  });
});

describe('accepting suggestions', () => {
  it('takes the card off and says what it does before the backend answers, then what it did', async () => {
    answer('entities:list', []);
    answer('entities:suggestions', suggestions([card('Tony Blair'), card('Gordon Brown')]));
    await useEntities.getState().show({ kind: 'suggestions' });
    const created = answerLater('entities:create');
    const done = useEntities.getState().acceptSuggestion(card('Tony Blair'), { kind: 'new' });
    expect(useEntities.getState().suggestions!.map((c) => c.name)).toEqual(['Gordon Brown']);
    expect(useEntities.getState().suggestionNotice).toBe('Adding Tony Blair…');
    answer('entities:suggestions', suggestions([card('Gordon Brown')]));
    await vi.waitFor(() => expect(created.pending()).toBe(1));
    created.release(entity('Tony Blair'));
    await done;
    expect(useEntities.getState().suggestionNotice).toBe('Added Tony Blair as a new entity.');
  });

  it('says nothing was added when the backend refuses, with its reason', async () => {
    answer('entities:list', []);
    answer('entities:suggestions', suggestions([card('Tony Blair')]));
    await useEntities.getState().show({ kind: 'suggestions' });
    answer('entities:createMany', () => ({ ok: false, error: { code: 'CONFLICT', message: 'An entity is already called Tony Blair.' } }));
    await useEntities.getState().acceptSuggestions([card('Tony Blair')]);
    expect(useEntities.getState().error?.message).toBe('An entity is already called Tony Blair.');
    expect(useEntities.getState().suggestionNotice).toBeNull();
  });
});
