/**
 * Accessibility, checked by axe-core on every main view in the light and the dark theme: no
 * serious or critical violation (names, roles, contrast, focus order). Also: the theme follows the
 * system until one is chosen, the choice is kept across a restart, and the skip link leads past
 * the header.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/dossier';
import { EntitiesPage } from './pages/entities';
import { LibraryPage } from './pages/library';

const HT_TITLE = 'Kerala cyber wing arrests 41 and registers 268 cases in ‘P Hunt 20.2’';

async function violations(page: Page, where: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${where}: ${v.id} (${v.impact}) — ${v.help}: ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

async function chooseTheme(page: Page, label: 'Light' | 'Dark' | 'As the system') {
  await page.getByRole('button', { name: 'Notebook ▾' }).click();
  await page.getByRole('menuitem', { name: 'Settings…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByRole('radio', { name: label }).check();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
}

for (const theme of ['Light', 'Dark'] as const) {
  test(`every main view has no serious or critical accessibility violation, ${theme.toLowerCase()} theme`, async ({ dossier }) => {
    // Eight views and dialogs, each checked by axe: more than the default half-minute on a busy machine.
    test.setTimeout(120_000);
    const page = dossier.page;
    const library = new LibraryPage(page);
    await expect(library.list).toBeVisible();
    await chooseTheme(page, theme);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme.toLowerCase());
    const found: string[] = [];
    await library.open(HT_TITLE);
    await expect(page.getByRole('complementary', { name: 'Annotations of this source' })).toHaveAttribute('aria-busy', 'false');
    found.push(...(await violations(page, 'library')));
    await dossier.screenshot(`a11y-library-${theme.toLowerCase()}`);
    // A selected source that names no outlet and has no date: its faint words on the selection's tint.
    await library.open('Third round ‘P-Hunt_20.3’: raids at 596 locations, 41 arrested');
    await expect(page.getByRole('complementary', { name: 'Annotations of this source' })).toHaveAttribute('aria-busy', 'false');
    found.push(...(await violations(page, 'library, a selected source without outlet or date')));
    const views = page.getByRole('navigation', { name: 'Views' });
    await views.getByRole('button', { name: 'Annotations' }).click();
    await expect(page.getByRole('list', { name: 'All annotations' })).toBeVisible();
    found.push(...(await violations(page, 'annotations')));
    const entities = new EntitiesPage(page);
    await entities.goto();
    await entities.open('Operation P-Hunt');
    found.push(...(await violations(page, 'entities')));
    await dossier.screenshot(`a11y-entities-${theme.toLowerCase()}`);
    await views.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('searchbox').first().fill('abrahm');
    await expect(page.getByText(/Manoj/).first()).toBeVisible();
    found.push(...(await violations(page, 'search')));
    await views.getByRole('button', { name: 'Fact sheet' }).click();
    await expect(page.getByRole('main', { name: 'Fact sheet' }).getByRole('heading', { level: 1 })).toBeVisible();
    found.push(...(await violations(page, 'fact sheet')));
    await dossier.screenshot(`a11y-factsheet-${theme.toLowerCase()}`);
    await views.getByRole('button', { name: 'Pictures' }).click();
    await expect(page.getByRole('group', { name: /^Timeline:/ })).toBeVisible();
    found.push(...(await violations(page, 'timeline')));
    await page.getByRole('tab', { name: 'Entity graph' }).click();
    await expect(page.getByRole('group', { name: /^Entities that share passages/ })).toBeVisible();
    found.push(...(await violations(page, 'entity graph')));
    await dossier.screenshot(`a11y-graph-${theme.toLowerCase()}`);
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    found.push(...(await violations(page, 'shortcut sheet')));
    expect(found).toEqual([]);
  });
}

test('the theme follows the system until one is chosen, and the choice and the reading size are kept across a restart', async ({ dossier }) => {
  let page = dossier.page;
  await expect(new LibraryPage(page).list).toBeVisible();
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await chooseTheme(page, 'Dark');
  await page.getByRole('button', { name: 'Notebook ▾' }).click();
  await page.getByRole('menuitem', { name: 'Settings…' }).click();
  await page.getByRole('dialog', { name: 'Settings' }).getByRole('radio', { name: '130%' }).check();
  await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Done' }).click();
  page = await dossier.restart();
  await expect(new LibraryPage(page).list).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await new LibraryPage(page).open(HT_TITLE);
  const size = await page
    .locator('.reader-text p')
    .first()
    .evaluate((p) => getComputedStyle(p).fontSize);
  expect(size).toBe('22.1px');
});

test('the skip link is the first stop of the Tab key and leads past the header', async ({ dossier }) => {
  const page = dossier.page;
  await expect(new LibraryPage(page).list).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main-content')).toBeFocused();
  await page.keyboard.press('Tab');
  // The next stop is inside the content, not the header's views or menu.
  expect(await page.evaluate(() => document.activeElement?.closest('header') === null)).toBe(true);
});

test('j and k move through the entities and the annotations, and Enter opens what has the focus', async ({ dossier }) => {
  const page = dossier.page;
  await expect(new LibraryPage(page).list).toBeVisible();
  const entities = new EntitiesPage(page);
  await entities.goto();
  await page.locator('body').press('j');
  await page.keyboard.press('j');
  const second = page.getByRole('navigation', { name: 'Entities' }).locator('.entity-row').nth(1);
  await expect(second).toBeFocused();
  const name = (await second.locator('.entity-name').innerText()).trim();
  await page.keyboard.press('Enter');
  await expect(entities.entityPage(name)).toBeVisible();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Annotations' }).click();
  await page.locator('body').press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  const first = page.getByRole('list', { name: 'All annotations' }).locator('.quote').first();
  await expect(first).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('article', { name: 'Reader' })).toBeVisible();
});
