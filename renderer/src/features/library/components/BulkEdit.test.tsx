/**
 * Editing several sources at once: nothing is sent until Apply, a date that is not one is named and
 * cannot be set, the result says on how many sources it was set (and how many were already so),
 * a refusal is shown as one, and nothing can be applied to no source.
 */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ApiError } from '../../../../../shared/api/result';
import { BulkEdit, type BulkEditProps } from './BulkEdit';

function bulk(props: Partial<BulkEditProps> = {}) {
  const handlers = {
    onCheckAll: vi.fn(),
    onCheckNone: vi.fn(),
    onApply: vi.fn<BulkEditProps['onApply']>(async () => ({ updated: 3 })),
    onDone: vi.fn(),
  };
  render(<BulkEdit checked={3} shown={40} outlets={['The Guardian', 'Financial Times']} {...handlers} {...props} />);
  return handlers;
}

describe('editing several sources at once', () => {
  it('says how many are ticked, ticks all shown or none', async () => {
    const user = userEvent.setup();
    const h = bulk({ checked: 1_204, shown: 5_000 });
    expect(screen.getByText(/of 5,000 shown ticked/)).toHaveTextContent('1,204 of 5,000 shown ticked');
    await user.click(screen.getByRole('button', { name: 'Tick all shown' }));
    await user.click(screen.getByRole('button', { name: 'None' }));
    expect(h.onCheckAll).toHaveBeenCalledTimes(1);
    expect(h.onCheckNone).toHaveBeenCalledTimes(1);
  });

  it('sets a partial date on the ticked sources and says on how many', async () => {
    const user = userEvent.setup();
    const h = bulk();
    await user.type(screen.getByRole('textbox', { name: 'Date' }), ' 2008-09 ');
    expect(h.onApply).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Set date' }));
    expect(h.onApply).toHaveBeenCalledWith({ published: '2008-09' });
    expect(await screen.findByRole('status')).toHaveTextContent('Date 2008-09 set on 3 sources.');
  });

  it('says how many sources were already so', async () => {
    const user = userEvent.setup();
    bulk({ checked: 5, onApply: vi.fn(async () => ({ updated: 1 })) });
    await user.type(screen.getByRole('combobox', { name: 'Outlet' }), 'Financial Times{Enter}');
    expect(await screen.findByRole('status')).toHaveTextContent('Outlet “Financial Times” set on 1 source (4 already so).');
  });

  it('names a date that is not one, and will not set it', async () => {
    const user = userEvent.setup();
    const h = bulk();
    const date = screen.getByRole('textbox', { name: 'Date' });
    await user.type(date, '15 Sept 2008');
    expect(date).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('“15 Sept 2008” is not a date: write 2020, 2020-10 or 2020-10-04.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Set date' })).toBeDisabled();
    await user.type(date, '{Enter}');
    expect(h.onApply).not.toHaveBeenCalled();
  });

  it('shows a refusal as an error', async () => {
    const user = userEvent.setup();
    const error: ApiError = { code: 'READ_ONLY', message: 'This notebook is open read-only.' };
    bulk({ onApply: vi.fn(async () => ({ error })) });
    await user.type(screen.getByRole('combobox', { name: 'Outlet' }), 'Reuters');
    await user.click(screen.getByRole('button', { name: 'Set outlet' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This notebook is open read-only.');
  });

  it('applies nothing when no source is ticked', async () => {
    const user = userEvent.setup();
    bulk({ checked: 0 });
    await user.type(screen.getByRole('combobox', { name: 'Outlet' }), 'Reuters');
    await user.type(screen.getByRole('textbox', { name: 'Date' }), '2020');
    expect(screen.getByRole('button', { name: 'Set outlet' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Set date' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'None' })).toBeDisabled();
  });
});
