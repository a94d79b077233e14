/**
 * The library's filters as a reporter uses them: each control sends its change, the count says how
 * many of how many sources are shown with a way back to all (keeping the order), the folded panel
 * says how many filters are on, a date that is not one is named while one being typed is not, and
 * "no date" turns the date range off.
 */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { NO_FILTER, type LibraryFilter } from '../filter';
import { LibraryFilters } from './LibraryFilters';

const OUTLETS = [
  { outlet: 'The Guardian', label: 'The Guardian', count: 31 },
  { outlet: 'Le Monde', label: 'Le Monde', count: 4 },
];

/** The filters as the library holds them, with every change also reported to the test. */
function Filters({ initial = NO_FILTER, onChange = vi.fn(), shown = 35, total = 35 }: { initial?: LibraryFilter; onChange?: (p: Partial<LibraryFilter>) => void; shown?: number; total?: number }) {
  const [filter, setFilter] = useState(initial);
  return (
    <LibraryFilters
      filter={filter}
      outlets={OUTLETS}
      shown={shown}
      total={total}
      onChange={(patch) => {
        onChange(patch);
        setFilter({ ...filter, ...patch });
      }}
    />
  );
}

describe('the library filters', () => {
  it('count every source when nothing filters, in words', () => {
    render(<Filters total={1} shown={1} />);
    expect(screen.getByRole('status')).toHaveTextContent('1 source');
    render(<Filters total={12_480} shown={12_480} />);
    expect(screen.getAllByRole('status')[1]).toHaveTextContent('12,480 sources');
  });

  it('send what is typed, and Escape empties the box', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<Filters onChange={onChange} />);
    const box = screen.getByRole('searchbox', { name: 'Filter sources by title, outlet, byline or sender' });
    await user.type(box, 'Élysée');
    expect(box).toHaveValue('Élysée');
    await user.keyboard('{Escape}');
    expect(onChange).toHaveBeenLastCalledWith({ text: '' });
    expect(box).toHaveValue('');
  });

  it('say how many of how many are shown, and go back to all sources in the same order', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<Filters initial={{ ...NO_FILTER, outlet: 'Le Monde', sort: 'title' }} shown={4} total={35} onChange={onChange} />);
    expect(screen.getByRole('status')).toHaveTextContent('4 of 35 sources');
    await user.click(screen.getByRole('button', { name: 'Show all' }));
    expect(onChange).toHaveBeenLastCalledWith({ ...NO_FILTER, sort: 'title' });
  });

  it('offer each outlet with its count, the order, and say how many filters are on', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<Filters onChange={onChange} />);
    await user.click(screen.getByText('Sort and filter'));
    await user.selectOptions(screen.getByRole('combobox', { name: /Outlet/ }), 'Le Monde (4)');
    expect(onChange).toHaveBeenLastCalledWith({ outlet: 'Le Monde' });
    await user.selectOptions(screen.getByRole('combobox', { name: /Sort by/ }), 'Added, newest first');
    expect(onChange).toHaveBeenLastCalledWith({ sort: 'added' });
    await user.type(screen.getByRole('textbox', { name: 'from' }), '2019');
    expect(screen.getByText('Sort and filter')).toHaveTextContent('2 on');
  });

  it('name a date that is not one, and not a date still being typed', async () => {
    const user = userEvent.setup();
    render(<Filters />);
    await user.click(screen.getByText('Sort and filter'));
    const from = screen.getByRole('textbox', { name: 'from' });
    await user.type(from, '2020-1');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    await user.clear(from);
    await user.type(from, 'March 2020');
    expect(screen.getByRole('alert')).toHaveTextContent('“March 2020” is not a date: write 2020, 2020-10 or 2020-10-04.');
    expect(from).toHaveAccessibleDescription(/is not a date/);
  });

  it('turn the date range off for sources with no date', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<Filters onChange={onChange} />);
    await user.click(screen.getByText('Sort and filter'));
    await user.click(screen.getByRole('checkbox', { name: 'Only sources with no date' }));
    expect(onChange).toHaveBeenLastCalledWith({ undatedOnly: true });
    expect(screen.getByRole('textbox', { name: 'from' })).toBeDisabled();
    expect(screen.getByRole('textbox', { name: 'to' })).toBeDisabled();
  });
});
