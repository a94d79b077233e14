/** The timeline and the entity graph: drawn from the notebook, clickable through to the passages, and in the exported fact sheet. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures/dossier';
import { LibraryPage } from './pages/library';

test('the timeline marks the 268/269 conflict and opens a passage; the graph opens an entity; both are in the HTML fact sheet', async ({ dossier }) => {
  const page = dossier.page;
  await expect(new LibraryPage(page).list).toBeVisible();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Pictures' }).click();
  const view = page.getByRole('main', { name: 'Pictures of the notebook' });
  const timeline = view.getByRole('group', { name: /^Timeline: \d+ dated marks$/ });
  await expect(timeline).toBeVisible();
  // The month of the raids is a month; the conflicting counts say so.
  await expect(timeline.getByRole('link', { name: /^2020-10 \(month only\) — Event: Raids were executed on October 1st/ })).toBeVisible();
  const conflict = timeline.getByRole('link', { name: /cases registered 269 cases — sources disagree/ });
  await expect(conflict).toBeVisible();
  await dossier.screenshot('pictures-timeline');
  await conflict.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('article', { name: 'Reader' }).getByRole('heading', { level: 1 })).toHaveText('Operation P Hunt: 41 arrested, 280 devices seized, 269 cases recorded');
  await expect(page.getByRole('complementary', { name: 'Annotations of this source' }).getByRole('article', { name: /recorded 269 cases/ })).toHaveClass(/selected/);

  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Pictures' }).click();
  await view.getByRole('tab', { name: 'Entity graph' }).click();
  const graph = view.getByRole('group', { name: /^Entities that share passages or sources/ });
  await expect(graph.getByRole('link', { name: /^P-Hunt 20\.2 \(operation\): 7 passages$/ })).toBeVisible();
  await view.getByRole('checkbox', { name: 'Person' }).uncheck();
  await expect(graph.getByRole('link', { name: /^Manoj Abraham/ })).toHaveCount(0);
  await view.getByRole('checkbox', { name: 'Person' }).check();
  await dossier.screenshot('pictures-graph');
  // Centred on a person, not only on an operation: those named with him, in a passage or a source.
  await view.getByRole('combobox', { name: 'Around' }).selectOption({ label: 'Manoj Abraham' });
  await expect(graph.getByRole('link', { name: /^Manoj Abraham/ })).toBeVisible();
  await expect(graph.getByRole('link')).not.toHaveCount(1);
  await dossier.screenshot('pictures-graph-around-person');
  await view.getByRole('combobox', { name: 'Around' }).selectOption('');
  await graph.getByRole('link', { name: /^Manoj Abraham/ }).click();
  await expect(page.getByRole('article', { name: 'Entity: Manoj Abraham' })).toBeVisible();

  // The exported page carries both pictures, as self-contained SVG.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Fact sheet' }).click();
  const exportPanel = page.getByRole('region', { name: 'Export the fact sheet' });
  await exportPanel.getByRole('combobox', { name: 'Format' }).selectOption('html');
  await exportPanel.getByRole('textbox', { name: 'Save as' }).fill(join(dossier.home, 'sheet.html'));
  await exportPanel.getByRole('button', { name: 'Export' }).click();
  await expect(exportPanel.getByRole('status')).toContainText('Saved sheet.html');
  const html = await readFile(join(dossier.home, 'sheet.html'), 'utf8');
  expect(html).toMatch(/<svg [^>]*class="picture timeline"/);
  expect(html).toMatch(/<svg [^>]*class="picture graph"/);
  const opened = await page.context().newPage();
  await opened.goto(`file://${join(dossier.home, 'sheet.html')}`);
  await expect(opened.locator('svg.picture.timeline')).toBeVisible();
  await opened.screenshot({ path: `e2e/screenshots/${dossier.host}-factsheet-pictures-html.png`, fullPage: true });
  await opened.close();
});
