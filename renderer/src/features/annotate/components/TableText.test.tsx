/**
 * A sheet in the reader: shown as the spreadsheet shows it (column letters, row numbers), a figure
 * highlighted in its cell, and a selection inside a cell read back as the exact words of the text.
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { tableText } from '../../../../../shared/domain/table';
import { annotationItem, source } from '../../../testing/annotations';
import { selectedPassage } from '../selection';
import { TableText } from './TableText';

const SHEET = tableText(
  [
    ['', 'Service', 'Budget 2023', 'Change'],
    ['', 'Adult social care', '£1,200.50', '12.5%'],
    ['', 'Libraries', '£87.00'],
  ],
  3,
  0,
);
const TEXT = SHEET.text;
const PLACE = { sheet: 'Spending', ...SHEET.place };
const at = (words: string) => ({ start: TEXT.indexOf(words), end: TEXT.indexOf(words) + words.length });
const figure = annotationItem('a1', source('s1', 'Spending', null), '£1,200.50', {
  kind: 'figure',
  target: { quote: { exact: '£1,200.50', prefix: '', suffix: '' }, position: at('£1,200.50') },
}).annotation;

describe('a sheet in the reader', () => {
  it('shows the columns and rows as the spreadsheet names them, with a short row’s missing cells empty', () => {
    render(<TableText text={TEXT} place={PLACE} annotations={[]} selectedId={null} onHighlightClick={vi.fn()} />);
    const table = screen.getByRole('table', { name: 'Sheet Spending' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['B', 'C', 'D']);
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((h) => h.textContent),
    ).toEqual(['3', '4', '5']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      within(rows[2])
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['Libraries', '£87.00', '']);
  });

  it('highlights a figure in its cell, and a click on it selects the annotation', async () => {
    const onClick = vi.fn();
    const { container } = render(<TableText text={TEXT} place={PLACE} annotations={[figure]} selectedId="a1" onHighlightClick={onClick} />);
    const mark = container.querySelector('mark.hl.kind-figure.selected')!;
    expect(mark.textContent).toBe('£1,200.50');
    expect(mark.closest('td')!.dataset.start).toBe(String(at('£1,200.50').start));
    await userEvent.click(mark);
    expect(onClick).toHaveBeenCalledWith(['a1']);
  });

  it('a selection inside a cell, or across two, is the exact words of the text', () => {
    const { container } = render(<TableText text={TEXT} place={PLACE} annotations={[]} selectedId={null} onHighlightClick={vi.fn()} />);
    const root = container.querySelector<HTMLElement>('.reader-table')!;
    const cell = [...root.querySelectorAll<HTMLElement>('td')].find((td) => td.textContent === 'Adult social care')!;
    const range = document.createRange();
    range.setStart(cell.firstChild!.firstChild!, 6);
    range.setEnd(cell.firstChild!.firstChild!, 12);
    window.getSelection()!.removeAllRanges();
    window.getSelection()!.addRange(range);
    expect(selectedPassage(root, TEXT)).toEqual({ ...at('social'), text: 'social' });
    const money = [...root.querySelectorAll<HTMLElement>('td')].find((td) => td.textContent === '£1,200.50')!;
    range.setEnd(money.firstChild!.firstChild!, 9);
    expect(selectedPassage(root, TEXT)?.text).toBe('social care\t£1,200.50');
  });
});
