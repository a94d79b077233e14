/**
 * The annotation editor as a reporter fills it in: an entity found by a misspelt name, one created
 * from the Entities field (made on save), a typed name never dropped without a word, a figure
 * proposed from the passage's own words in any currency, a date that is not one refused, Ctrl+Enter
 * and Escape.
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { AnnotationDraft } from '../store';
import { person } from '../../../testing/entities';
import { AnnotationEditor } from './AnnotationEditor';

const ENTITIES = [person('e1', 'Gordon Brown', ['Chancellor Brown']), person('e2', 'Patricia Hewitt')];
const DRAFT: AnnotationDraft = { kind: 'passage', note: '', tags: [], entityIds: [], figure: null, speakerId: null, eventDate: null };

function editor(quote = 'The chancellor said spending would rise by £1,400 a year.', initial: Partial<AnnotationDraft> = {}) {
  const onSave = vi.fn();
  const onCancel = vi.fn();
  render(
    <AnnotationEditor
      title="New annotation"
      quote={quote}
      initial={{ ...DRAFT, ...initial }}
      suggestions={['budget']}
      entities={ENTITIES}
      busy={false}
      error={null}
      onSave={onSave}
      onCancel={onCancel}
      marks={null}
      onReselect={vi.fn()}
    />,
  );
  return { onSave, onCancel, form: screen.getByRole('form', { name: 'New annotation' }) };
}

describe('the annotation editor', () => {
  it('links an entity found by a misspelt name, and saves it with the note and tags', async () => {
    const user = userEvent.setup();
    const { onSave } = editor();
    await user.type(screen.getByRole('textbox', { name: 'Note' }), 'Check against the **Red Book**');
    await user.type(screen.getByRole('combobox', { name: 'Entities' }), 'gordn brwn');
    await user.click(screen.getByRole('option', { name: /^Gordon Brown/ }));
    expect(screen.getByRole('button', { name: 'Unlink Gordon Brown' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSave).toHaveBeenCalledWith(expect.objectContaining({ note: 'Check against the **Red Book**', entityIds: ['e1'], newEntities: [] }));
  });

  it('creates an entity typed in the Entities field when the annotation is saved, of the type chosen', async () => {
    const user = userEvent.setup();
    const { onSave } = editor();
    await user.type(screen.getByRole('combobox', { name: 'Entities' }), 'Institute for Fiscal Studies');
    await user.click(screen.getByRole('option', { name: 'Create “Institute for Fiscal Studies” as an organisation' }));
    expect(screen.getByText('New entities are made when you save.')).toBeInTheDocument();
    expect(screen.getByText('(new organisation)')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSave).toHaveBeenCalledWith(expect.objectContaining({ newEntities: [{ name: 'Institute for Fiscal Studies', type: 'organisation' }] }));
  });

  it('never offers to create a name the notebook already has, as a name or an alias', async () => {
    const user = userEvent.setup();
    editor();
    await user.type(screen.getByRole('combobox', { name: 'Entities' }), 'chancellor brown');
    expect(screen.queryByRole('option', { name: /^Create/ })).toBeNull();
    expect(screen.getByRole('option', { name: /^Gordon Brown/ })).toBeInTheDocument();
  });

  it('does not save, and says why, when a name is typed in Entities but not chosen', async () => {
    const user = userEvent.setup();
    const { onSave } = editor();
    await user.type(screen.getByRole('combobox', { name: 'Entities' }), 'Ed Balls');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).toHaveTextContent('“Ed Balls” is typed in Entities but not chosen: pick a match or “Create …”, or clear the box.');
  });

  it('proposes the figure the passage’s words give, in its currency, when marked as a figure', async () => {
    const user = userEvent.setup();
    const { onSave } = editor();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Kind' }), 'figure');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const saved = onSave.mock.calls[0][0] as AnnotationDraft;
    expect(saved.kind).toBe('figure');
    expect(saved.figure).toMatchObject({ value: 1400, unit: 'pounds per year', metric: 'spending' });
  });

  it('refuses an event date that is not a date, and names the forms it takes', async () => {
    const user = userEvent.setup();
    const { onSave } = editor('Raids were executed on October 1st.', { kind: 'event' });
    await user.type(screen.getByRole('textbox', { name: 'When it happened' }), 'last Tuesday');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).toHaveTextContent('“last Tuesday” is not a date: write 2020, 2020-10 or 2020-10-04.');
  });

  it('saves with Ctrl+Enter from the note, and leaves with Escape', async () => {
    const user = userEvent.setup();
    const { onSave, onCancel, form } = editor();
    await user.type(within(form).getByRole('textbox', { name: 'Note' }), 'Figure to verify');
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(onSave).toHaveBeenCalledWith(expect.objectContaining({ note: 'Figure to verify' }));
    await user.keyboard('{Escape}');
    expect(onCancel).toHaveBeenCalled();
  });
});
