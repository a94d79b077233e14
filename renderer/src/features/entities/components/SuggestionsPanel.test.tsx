/**
 * The Suggestions panel as a reporter uses it: the reading's progress while names are read, filters
 * by type and words, choosing many (never an alias card) and adding or dismissing them together,
 * one card's own actions, and a long list drawn a page at a time.
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { EntityType } from '../../../../../shared/domain/entity';
import type { EntitySummary, Suggestion } from '../store';
import { SuggestionsPanel, type SuggestionsPanelProps } from './SuggestionsPanel';

const card = (name: string, type: EntityType = 'person', extra: Partial<Suggestion> = {}): Suggestion => ({
  key: `name:${name.toLowerCase()}`,
  type,
  name,
  aliases: [],
  parentName: null,
  aliasOf: null,
  sourceId: 's1',
  sourceTitle: 'Budget day',
  evidence: `${name} spoke after the budget.`,
  sources: [{ id: 's1', title: 'Budget day' }],
  sourceCount: 1,
  mentions: 1,
  ...extra,
});
const hewitt = { id: 'e1', type: 'person', name: 'Patricia Hewitt', aliases: [] } as unknown as EntitySummary;

function panel(props: Partial<SuggestionsPanelProps> = {}) {
  const handlers = { onAccept: vi.fn(), onDismiss: vi.fn(), onAcceptMany: vi.fn(), onDismissMany: vi.fn() };
  render(<SuggestionsPanel suggestions={[]} reading={null} entities={[hewitt]} busy={false} notice={null} {...handlers} {...props} />);
  return handlers;
}

describe('the Suggestions panel', () => {
  it('says how far the reading of names is, and that the cards are those found so far', () => {
    panel({ suggestions: [card('Tony Blair')], reading: { read: 1200, total: 5000 } });
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Suggested entities (1 so far)');
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent('Reading names in the sources: 1,200 of 5,000. The cards below are those found so far');
    expect(within(status).getByRole('progressbar', { name: 'Sources read for names' })).toHaveAttribute('value', '1200');
  });

  it('says where cards will appear while none is found yet, and that there are none once all is read', () => {
    const { unmount } = render(
      <SuggestionsPanel
        suggestions={[]}
        reading={{ read: 0, total: 57 }}
        entities={[]}
        busy={false}
        notice={null}
        onAccept={vi.fn()}
        onDismiss={vi.fn()}
        onAcceptMany={vi.fn()}
        onDismissMany={vi.fn()}
      />,
    );
    expect(screen.getByRole('status')).toHaveTextContent('0 of 57. Cards appear here as names are found.');
    expect(screen.queryByText('No new suggestions.')).toBeNull();
    unmount();
    panel({ suggestions: [] });
    expect(screen.getByText('No new suggestions.')).toBeInTheDocument();
  });

  it('filters by type and by words of the name or its sentence', async () => {
    const user = userEvent.setup();
    panel({ suggestions: [card('Tony Blair'), card('Bank of England', 'organisation'), card('Brussels', 'place')] });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Type' }), 'place');
    expect(screen.getAllByRole('listitem').map((li) => li.getAttribute('aria-label'))).toEqual(['Suggestion: Brussels']);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Type' }), '');
    await user.type(screen.getByRole('searchbox', { name: 'Words' }), 'budget');
    expect(screen.getAllByRole('listitem')).toHaveLength(3);
    await user.clear(screen.getByRole('searchbox', { name: 'Words' }));
    await user.type(screen.getByRole('searchbox', { name: 'Words' }), 'england');
    expect(screen.getAllByRole('listitem').map((li) => li.getAttribute('aria-label'))).toEqual(['Suggestion: Bank of England']);
    await user.type(screen.getByRole('searchbox', { name: 'Words' }), ' nothing');
    expect(screen.getByText('No suggestion matches these filters.')).toBeInTheDocument();
  });

  it('chooses all shown but an alias card, and adds or dismisses them in one go', async () => {
    const user = userEvent.setup();
    const alias = card('Secretary Hewitt', 'person', { key: 'alias:e1:hewitt', aliasOf: { id: 'e1', name: 'Patricia Hewitt' } });
    const handlers = panel({ suggestions: [card('Tony Blair'), alias, card('Gordon Brown')] });
    expect(screen.getByRole('button', { name: 'Add 0 as new entities' })).toBeDisabled();
    await user.click(screen.getByRole('checkbox', { name: 'Choose all 3 shown' }));
    await user.click(screen.getByRole('button', { name: 'Add 2 as new entities' }));
    expect(handlers.onAcceptMany).toHaveBeenCalledWith([expect.objectContaining({ name: 'Tony Blair' }), expect.objectContaining({ name: 'Gordon Brown' })]);
    // The choice is cleared after: a second click adds nothing twice.
    expect(screen.getByRole('button', { name: 'Add 0 as new entities' })).toBeDisabled();
    await user.click(screen.getByRole('checkbox', { name: 'Choose Gordon Brown' }));
    await user.click(screen.getByRole('button', { name: 'Dismiss 1' }));
    expect(handlers.onDismissMany).toHaveBeenCalledWith(['name:gordon brown']);
  });

  it('adds one card as new, or as another name of the entity chosen for it, or dismisses it', async () => {
    const user = userEvent.setup();
    const handlers = panel({ suggestions: [card('Hewitt')] });
    const one = screen.getByRole('listitem', { name: 'Suggestion: Hewitt' });
    expect(within(one).getByRole('button', { name: 'Add as alias' })).toBeDisabled();
    await user.selectOptions(within(one).getByRole('combobox', { name: 'Entity to add Hewitt to' }), 'Patricia Hewitt');
    await user.click(within(one).getByRole('button', { name: 'Add as alias' }));
    expect(handlers.onAccept).toHaveBeenCalledWith(expect.objectContaining({ name: 'Hewitt' }), { kind: 'alias', entityId: 'e1' });
    await user.click(within(one).getByRole('button', { name: 'Add as new entity' }));
    expect(handlers.onAccept).toHaveBeenLastCalledWith(expect.objectContaining({ name: 'Hewitt' }), { kind: 'new' });
    await user.click(within(one).getByRole('button', { name: 'Dismiss' }));
    expect(handlers.onDismiss).toHaveBeenCalledWith('name:hewitt');
  });

  it('draws a hundred cards at a time, with the rest a click away', async () => {
    const user = userEvent.setup();
    panel({ suggestions: Array.from({ length: 230 }, (_, i) => card(`Person ${i}`)) });
    expect(screen.getAllByRole('listitem')).toHaveLength(100);
    await user.click(screen.getByRole('button', { name: 'Show 100 more of 130' }));
    expect(screen.getAllByRole('listitem')).toHaveLength(200);
    await user.click(screen.getByRole('button', { name: 'Show 30 more of 30' }));
    expect(screen.getAllByRole('listitem')).toHaveLength(230);
  });
});
