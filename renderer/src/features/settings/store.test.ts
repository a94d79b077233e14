/**
 * The settings store against a fake API whose answers come when the test says: a change shows at
 * once, a refused one goes back, and a late answer to an earlier change never undoes a later one.
 */
import { beforeEach, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '../../../../shared/domain/settings';

type Answer = { ok: true; value: Settings } | { ok: false; error: { code: string; message: string } };
const pending: { patch: SettingsPatch; answer(a: Answer): void }[] = [];
vi.mock('../../lib/api', () => ({
  api: {
    app: {
      settings: () => Promise.resolve({ ok: true, value: DEFAULT_SETTINGS }),
      updateSettings: (patch: SettingsPatch) => new Promise<Answer>((answer) => pending.push({ patch, answer })),
    },
  },
}));
// The page: the theme and size go on a stand-in for <html>.
const root = { dataset: {} as Record<string, string>, style: { setProperty: vi.fn() } };
vi.stubGlobal('document', { documentElement: root });
vi.stubGlobal('window', { matchMedia: () => ({ matches: true, addEventListener: vi.fn(), removeEventListener: vi.fn() }) });

const { useSettings } = await import('./store');

beforeEach(async () => {
  pending.length = 0;
  await useSettings.getState().load();
});

it('shows a change at once, and the system’s dark theme when the theme follows the system', async () => {
  expect(root.dataset.theme).toBe('dark');
  const done = useSettings.getState().update({ theme: 'light' });
  expect(useSettings.getState().settings.theme).toBe('light');
  expect(root.dataset.theme).toBe('light');
  pending[0].answer({ ok: true, value: { ...DEFAULT_SETTINGS, theme: 'light' } });
  expect(await done).toBeNull();
});

it('goes back when the backend refuses, and says why', async () => {
  const done = useSettings.getState().update({ notebookFolder: '/nowhere' });
  pending[0].answer({ ok: false, error: { code: 'NOT_FOUND', message: 'There is no folder at /nowhere.' } });
  expect(await done).toMatchObject({ code: 'NOT_FOUND' });
  expect(useSettings.getState().settings.notebookFolder).toBeNull();
  expect(useSettings.getState().error?.message).toBe('There is no folder at /nowhere.');
});

it('never lets a late answer to an earlier change undo a later one', async () => {
  const first = useSettings.getState().update({ readingSize: 115 });
  const second = useSettings.getState().update({ readingSize: 130 });
  pending[1].answer({ ok: true, value: { ...DEFAULT_SETTINGS, readingSize: 130 } });
  await second;
  pending[0].answer({ ok: true, value: { ...DEFAULT_SETTINGS, readingSize: 115 } });
  await first;
  expect(useSettings.getState().settings.readingSize).toBe(130);
  expect(root.style.setProperty).toHaveBeenLastCalledWith('--reading-size', '22.10px');
});
