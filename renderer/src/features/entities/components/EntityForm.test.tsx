/**
 * The entity form as a reporter fills it in: aliases one per line (blank lines and spaces dropped,
 * other scripts kept), empty dates sent as none, "Round of" only for an operation and never the
 * operation itself, a round dropped when the type changes away from operation, and no save
 * without a name.
 */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { EntityFields } from '../../../../../shared/domain/entity';
import type { EntitySummary } from '../store';
import { EntityForm } from './EntityForm';

const BLANK: EntityFields = { type: 'person', name: '', aliases: [], description: '', start: null, end: null, parentId: null };
const operation = (id: string, name: string) => ({ id, name, type: 'operation', aliases: [], linkCount: 0 }) as unknown as EntitySummary;
const OPERATIONS = [operation('op-car-wash', 'Operação Lava Jato'), operation('op-phase-2', 'Lava Jato, phase 2')];

function form(initial: Partial<EntityFields> = {}, selfId: string | null = null) {
  const onSave = vi.fn();
  const onCancel = vi.fn();
  render(<EntityForm title="New entity" initial={{ ...BLANK, ...initial }} operations={OPERATIONS} selfId={selfId} busy={false} error={null} onSave={onSave} onCancel={onCancel} />);
  return { onSave, onCancel };
}

describe('the entity form', () => {
  it('saves a person with aliases one per line, blank lines and spaces dropped, and no dates as none', async () => {
    const user = userEvent.setup();
    const { onSave } = form();
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Luiz Inácio Lula da Silva');
    await user.type(screen.getByRole('textbox', { name: /Aliases/ }), 'Lula{Enter}{Enter}  Luiz Inacio Lula  {Enter}Лула');
    await user.type(screen.getByRole('textbox', { name: 'Description' }), 'President of Brazil, 2003–2010 and from 2023.');
    await user.click(screen.getByRole('button', { name: 'Save entity' }));
    expect(onSave).toHaveBeenCalledWith({
      type: 'person',
      name: 'Luiz Inácio Lula da Silva',
      aliases: ['Lula', 'Luiz Inacio Lula', 'Лула'],
      description: 'President of Brazil, 2003–2010 and from 2023.',
      start: null,
      end: null,
      parentId: null,
    });
  });

  it('makes an operation a round of another, never of itself', async () => {
    const user = userEvent.setup();
    const { onSave } = form({ type: 'operation', name: 'Lava Jato, phase 2', start: '2014-03' }, 'op-phase-2');
    const roundOf = screen.getByRole('combobox', { name: 'Round of' });
    expect([...roundOf.querySelectorAll('option')].map((o) => o.textContent)).toEqual(['— not a round —', 'Operação Lava Jato']);
    await user.selectOptions(roundOf, 'Operação Lava Jato');
    await user.type(screen.getByRole('textbox', { name: 'To' }), ' 2021-02 ');
    await user.click(screen.getByRole('button', { name: 'Save entity' }));
    expect(onSave).toHaveBeenCalledWith(expect.objectContaining({ type: 'operation', parentId: 'op-car-wash', start: '2014-03', end: '2021-02' }));
  });

  it('offers "Round of" only for an operation, and drops the round when the type changes', async () => {
    const user = userEvent.setup();
    const { onSave } = form({ type: 'operation', name: 'Petrobras', parentId: 'op-car-wash' });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Type' }), 'Organisation');
    expect(screen.queryByRole('combobox', { name: 'Round of' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save entity' }));
    expect(onSave).toHaveBeenCalledWith(expect.objectContaining({ type: 'organisation', parentId: null }));
  });

  it('will not save without a name, and cancels', async () => {
    const user = userEvent.setup();
    const { onSave, onCancel } = form();
    await user.type(screen.getByRole('textbox', { name: 'Name' }), '   ');
    expect(screen.getByRole('button', { name: 'Save entity' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalled();
    expect(onSave).not.toHaveBeenCalled();
  });

  it('shows why the backend refused the entity', () => {
    render(
      <EntityForm
        title="Edit entity"
        initial={{ ...BLANK, name: 'Lula' }}
        operations={[]}
        selfId="e1"
        busy={false}
        error={{ code: 'INVALID_INPUT', message: 'The end (2001) is before the start (2003).' }}
        onSave={vi.fn()}
        onCancel={vi.fn()}
      />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('The end (2001) is before the start (2003).');
  });
});
