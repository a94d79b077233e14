/**
 * The reader's details of a source: its language, which the reporter corrects when detection
 * guessed wrong (from the list, or as a tag of their own, checked before it is sent).
 */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Source } from '../../../../../shared/domain/source';
import { Reader } from './Reader';

const SOURCE: Source = {
  id: 's1',
  title: 'Подводные камни бюджета',
  outlet: 'Коммерсантъ',
  published: '2024-03-01',
  byline: null,
  lang: 'uk',
  wordCount: 120,
  contentHash: 'a'.repeat(64),
  provenance: { method: 'html-file', importedAt: '2026-12-01T10:00:00.000Z', fileName: 'kommersant.html', url: null, original: null },
  headings: [],
  versions: [],
  text: 'Правительство внесло в Госдуму поправки к бюджету.',
};

describe('the language of a source', () => {
  it('is shown by name and corrected from the list, or cleared', async () => {
    const onLanguage = vi.fn();
    render(<Reader status="ready" source={SOURCE} onLanguage={onLanguage} />);
    const picker = screen.getByRole('combobox', { name: 'Language of this source' });
    expect((picker as HTMLSelectElement).value).toBe('uk');
    expect(screen.getByRole('option', { name: 'Ukrainian', selected: true })).toBeTruthy();
    await userEvent.selectOptions(picker, 'ru');
    expect(onLanguage).toHaveBeenLastCalledWith('ru');
    await userEvent.selectOptions(picker, '');
    expect(onLanguage).toHaveBeenLastCalledWith(null);
  });

  it('takes a tag of the reporter’s own, and will not send one that is not a tag', async () => {
    const onLanguage = vi.fn();
    render(<Reader status="ready" source={{ ...SOURCE, lang: 'gu' }} onLanguage={onLanguage} />);
    // A language outside the list still shows by name.
    expect(screen.getByRole('option', { name: 'Gujarati', selected: true })).toBeTruthy();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Language of this source' }), 'Other…');
    const box = screen.getByRole('textbox', { name: 'Language tag' });
    await userEvent.clear(box);
    await userEvent.type(box, 'Gujarati please');
    expect((screen.getByRole('button', { name: 'Set' }) as HTMLButtonElement).disabled).toBe(true);
    expect(box.getAttribute('aria-invalid')).toBe('true');
    await userEvent.clear(box);
    await userEvent.type(box, 'pt-BR{Enter}');
    expect(onLanguage).toHaveBeenCalledWith('pt-BR');
    expect(onLanguage).toHaveBeenCalledTimes(1);
  });
});
