/**
 * The entity and speaker pickers (one combobox underneath) as a reporter types in them: a name
 * found through a typo or an alias in another script, ↓/↑ and Enter, Escape clearing what was
 * typed, an entity already linked never offered twice, "Create …" offered only for a name the
 * notebook does not know, and every chip removable by its own button.
 */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { Entity } from '../../../../../shared/domain/entity';
import { person } from '../../../testing/entities';
import { EntityPicker, type NewEntity } from './EntityPicker';
import { SpeakerPicker, type Speaker } from './SpeakerPicker';

const navalny = person('e-navalny', 'Alexei Navalny', ['Алексей Навальный', 'Navalny']);
const peskov = person('e-peskov', 'Dmitry Peskov', ['Kremlin spokesman']);
const fbk = { ...person('e-fbk', 'Anti-Corruption Foundation', ['FBK']), type: 'organisation' } as Entity;
const merged = { ...person('e-old', 'A. Navalny'), mergedInto: 'e-navalny' } as Entity;
const ENTITIES = [navalny, peskov, fbk];

/** The picker as the editor holds it: its own state, with the changes also reported to the test. */
function Entities({ initial = [] as string[], entities = ENTITIES, onTyped = vi.fn() }) {
  const [value, setValue] = useState(initial);
  const [pending, setPending] = useState<NewEntity[]>([]);
  return (
    <>
      <EntityPicker entities={entities} value={value} onChange={setValue} pending={pending} onPending={setPending} onTyped={onTyped} />
      <output aria-label="linked">{value.join(',')}</output>
      <output aria-label="to create">{pending.map((p) => `${p.name}:${p.type}`).join(',')}</output>
    </>
  );
}

const box = () => screen.getByRole('combobox');
const options = () => screen.queryAllByRole('option').map((o) => o.textContent);

describe('the entity picker', () => {
  it('finds an entity through a typo and links it with Enter', async () => {
    const user = userEvent.setup();
    render(<Entities />);
    await user.type(box(), 'navalni');
    expect(options()[0]).toContain('Alexei Navalny');
    await user.keyboard('{Enter}');
    expect(screen.getByLabelText('linked')).toHaveTextContent('e-navalny');
    expect(box()).toHaveValue('');
    expect(screen.getByRole('button', { name: 'Unlink Alexei Navalny' })).toBeInTheDocument();
  });

  it('finds an entity by its alias in another script', async () => {
    const user = userEvent.setup();
    render(<Entities />);
    await user.type(box(), 'Навальный');
    expect(options()[0]).toContain('Alexei Navalny');
  });

  it('moves through the choices with the arrow keys and shows which is active', async () => {
    const user = userEvent.setup();
    render(<Entities />);
    await user.type(box(), 'Dmitr');
    await user.keyboard('{ArrowDown}');
    const active = screen.getAllByRole('option').find((o) => o.getAttribute('aria-selected') === 'true')!;
    expect(box()).toHaveAttribute('aria-activedescendant', active.id);
    await user.keyboard('{ArrowUp}{Enter}');
    expect(screen.getByLabelText('linked')).toHaveTextContent('e-peskov');
  });

  it('never offers an entity already linked', async () => {
    const user = userEvent.setup();
    render(<Entities initial={['e-navalny']} />);
    await user.type(box(), 'Navalny');
    expect(options().some((o) => o?.startsWith('Alexei Navalny'))).toBe(false);
  });

  it('offers to create a name nobody has, as a person first, and makes it on save, not before', async () => {
    const user = userEvent.setup();
    render(<Entities />);
    await user.type(box(), 'Yulia  Navalnaya ');
    expect(options().filter((o) => o?.startsWith('Create'))).toEqual([
      'Create “Yulia Navalnaya” as a person',
      'Create “Yulia Navalnaya” as an organisation',
      'Create “Yulia Navalnaya” as a place',
      'Create “Yulia Navalnaya” as something else',
    ]);
    await user.click(screen.getByRole('option', { name: 'Create “Yulia Navalnaya” as an organisation' }));
    expect(screen.getByLabelText('to create')).toHaveTextContent('Yulia Navalnaya:organisation');
    expect(screen.getByText('New entities are made when you save.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Do not create Yulia Navalnaya' }));
    expect(screen.getByLabelText('to create')).toHaveTextContent('');
  });

  it('does not offer to create a name the notebook knows as an alias, or one already to be made', async () => {
    const user = userEvent.setup();
    render(<Entities />);
    await user.type(box(), 'fbk');
    expect(options().some((o) => o?.startsWith('Create'))).toBe(false);
    await user.clear(box());
    await user.type(box(), 'Maria Pevchikh');
    await user.click(screen.getByRole('option', { name: /as a person/ }));
    await user.type(box(), 'maria pevchikh');
    expect(options().some((o) => o?.startsWith('Create'))).toBe(false);
  });

  it('offers to create a name only a merged-away entity had', async () => {
    const user = userEvent.setup();
    render(<Entities entities={[...ENTITIES, merged]} />);
    await user.type(box(), 'A. Navalny');
    expect(options()).toContain('Create “A. Navalny” as a person');
  });

  it('clears what was typed with Escape, and tells the form what is typed and not chosen', async () => {
    const user = userEvent.setup();
    const onTyped = vi.fn();
    render(<Entities onTyped={onTyped} />);
    await user.type(box(), 'Peskov ');
    expect(onTyped).toHaveBeenLastCalledWith('Peskov');
    await user.keyboard('{Escape}');
    expect(box()).toHaveValue('');
    expect(onTyped).toHaveBeenLastCalledWith('');
  });

  it('names a linked entity that was deleted meanwhile, and unlinks it', async () => {
    const user = userEvent.setup();
    render(<Entities initial={['e-gone', 'e-peskov']} />);
    expect(screen.getByText('Deleted entity')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Unlink e-gone' }));
    expect(screen.getByLabelText('linked')).toHaveTextContent(/^e-peskov$/);
  });
});

function Speakers({ initial = null as Speaker }) {
  const [value, setValue] = useState<Speaker>(initial);
  return (
    <>
      <SpeakerPicker people={[navalny, peskov]} value={value} onChange={setValue} />
      <output aria-label="speaker">{JSON.stringify(value)}</output>
    </>
  );
}

describe('the speaker picker', () => {
  it('takes a person found by a nickname, and says where the quote will go', async () => {
    const user = userEvent.setup();
    render(<Speakers />);
    expect(screen.getByText('Not named yet.')).toBeInTheDocument();
    await user.type(box(), 'kremlin spokesman');
    await user.keyboard('{Enter}');
    expect(screen.getByLabelText('speaker')).toHaveTextContent('{"id":"e-peskov"}');
    expect(screen.getByText("The quote will be on Dmitry Peskov's page and fact sheet.")).toBeInTheDocument();
  });

  it('offers to create a person nobody has, and removes the speaker again', async () => {
    const user = userEvent.setup();
    render(<Speakers />);
    await user.type(box(), 'Ivan Zhdanov');
    await user.click(screen.getByRole('option', { name: 'Create person “Ivan Zhdanov”' }));
    expect(screen.getByLabelText('speaker')).toHaveTextContent('{"newName":"Ivan Zhdanov"}');
    expect(screen.getByText('(new person)')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Remove speaker Ivan Zhdanov' }));
    expect(screen.getByLabelText('speaker')).toHaveTextContent('null');
  });

  it('says so when the speaker was deleted meanwhile', () => {
    render(<Speakers initial={{ id: 'e-gone' }} />);
    expect(screen.getByText('Deleted person')).toBeInTheDocument();
  });
});
