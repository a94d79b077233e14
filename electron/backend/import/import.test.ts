import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, symlink, truncate, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentHash } from '../store/bodies';
import { Notebook } from '../store/notebook';
import { tempDir } from '../testing/fixtures';
import { extractDocument } from './extract';
import { importPaths, listFiles, MAX_IMPORT_BYTES } from './pipeline';

let dir: string;
let cleanup: () => Promise<void>;
let nb: Notebook;

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  nb = await Notebook.create(join(dir, 'nb'), { name: 'Import' });
  await mkdir(join(dir, 'in'));
});
afterEach(async () => {
  await nb.close();
  await cleanup();
});

async function put(name: string, content: string | Uint8Array): Promise<string> {
  const file = join(dir, 'in', name);
  await writeFile(file, content);
  return file;
}

/** Every file of the notebook and its sha256, lock files left out. */
async function snapshot(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.name.startsWith('.dossier.lock')) continue;
      if (e.isDirectory()) await walk(p);
      else
        out[relative(nb.paths.dir, p)] = createHash('sha256')
          .update(await readFile(p))
          .digest('hex');
    }
  };
  await walk(nb.paths.dir);
  return out;
}

async function makePdf(lines: string[], meta = true): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  if (meta) {
    doc.setTitle('P-Hunt briefing');
    doc.setAuthor('Cyberdome');
    doc.setCreationDate(new Date('2020-10-05T10:00:00Z'));
  }
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  let y = 780;
  for (const line of lines) {
    if (line === '') y -= 20;
    else page.drawText(line, { x: 50, y, size: 12, font });
    y -= 16;
  }
  return doc.save({ useObjectStreams: false });
}

/** The same PDF with a standard security handler whose password is not empty. */
function encrypt(pdf: Uint8Array): Uint8Array {
  const text = Buffer.from(pdf).toString('latin1');
  const at = text.lastIndexOf('trailer');
  const open = text.indexOf('<<', at) + 2;
  const hex = (n: number) => 'ab'.repeat(n);
  const entry = `/Encrypt << /Filter /Standard /V 1 /R 2 /O <${hex(32)}> /U <${hex(32)}> /P -44 >> /ID [<${hex(16)}> <${hex(16)}>] `;
  return Buffer.from(text.slice(0, open) + entry + text.slice(open), 'latin1');
}

async function makeDocx(): Promise<Uint8Array> {
  const d = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: 'Operation P-Hunt briefing', heading: HeadingLevel.HEADING_1 }),
          new Paragraph('Police registered 268 cases in round 20.2.'),
          new Paragraph('Raids took place at 596 locations.'),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(d));
}

describe('importers', () => {
  it('reads a seed-style text file: the date line is metadata, the rest is the text', async () => {
    const doc = await extractDocument('a.txt', Buffer.from(' date 2020-10-05 Most of the arrested…\n\nSecond paragraph.'));
    expect(doc).toMatchObject({ format: 'text', published: '2020-10-05', text: 'Most of the arrested…\n\nSecond paragraph.' });
  });

  it('takes a text file’s own first line as its title once: not again as its first paragraph', async () => {
    const doc = await extractDocument('note.txt', Buffer.from('Kerala Police statement on P-Hunt 21.1\n\n16 people were arrested and 392 devices seized.\n\nMore raids are planned.'));
    expect(doc).toMatchObject({ title: 'Kerala Police statement on P-Hunt 21.1', text: '16 people were arrested and 392 devices seized.\n\nMore raids are planned.' });
    // A first line that runs into the next, or reads as a sentence, is text, and stays.
    expect((await extractDocument('a.txt', Buffer.from('Police registered 268 cases\nacross the state on Monday.'))).text).toBe('Police registered 268 cases\nacross the state on Monday.');
    expect((await extractDocument('b.txt', Buffer.from('Most of the arrested were IT professionals.\n\nSecond paragraph.'))).text).toBe(
      'Most of the arrested were IT professionals.\n\nSecond paragraph.',
    );
    // A line alone is both the title and the text.
    expect(await extractDocument('c.txt', Buffer.from('P-Hunt 21.1 raids'))).toMatchObject({ title: 'P-Hunt 21.1 raids', text: 'P-Hunt 21.1 raids' });
  });

  it('takes a headline that asks or exclaims as the title when it stands alone, not the file’s name', async () => {
    // As BBC News files its stories: the headline, a blank line, the text.
    for (const headline of ['Could Brown be next prime minister?', 'Blair rules out tax rises!', 'Blair: ‘No more tax rises’']) {
      const doc = await extractDocument('250.txt', Buffer.from(`${headline}\n\nThe chancellor said on Tuesday that he would not stand.\n`));
      expect(doc, headline).toMatchObject({ title: headline, text: 'The chancellor said on Tuesday that he would not stand.' });
    }
    // A question that runs on into the text is the text's first sentence, not a title.
    const runOn = await extractDocument('q.txt', Buffer.from('Who pays for the new hospital?\nThe council says the trust does.'));
    expect(runOn.title).toBeNull();
    // A first line ending a sentence is text, even alone.
    expect((await extractDocument('s.txt', Buffer.from('Police said 41 were held.\n\nMore later.'))).title).toBeNull();
  });

  it('tidies a page’s title and byline on evidence: the site’s or author’s name off the title’s end, “By” off the byline, photo captions out of the text', async () => {
    const html = `<!doctype html><html lang="en"><head><title>New Zealand police arrest 11 in child abuse material sting | Eleanor Ainge Roy</title>
      <meta property="og:site_name" content="The Guardian"><meta name="author" content="By Eleanor Ainge Roy"></head><body><article>
      <h1>New Zealand police arrest 11 in child abuse material sting</h1>
      <figure><img src="x.jpg"><figcaption>Police officers at a raid in Auckland. Photograph: Agency</figcaption></figure>
      <p>Police in New Zealand have arrested 11 people in an operation against online child sexual abuse material, officers said on Sunday, after months of work with overseas agencies.</p>
      <div class="wp-caption"><p class="wp-caption-text">File photo of a police station.</p></div>
      <p>The arrests followed raids at 30 addresses across the country; more than 200 devices were seized and are being examined by specialist officers.</p>
      </article></body></html>`;
    const doc = await extractDocument('guardian.html', Buffer.from(html));
    expect(doc.title).toBe('New Zealand police arrest 11 in child abuse material sting');
    expect(doc.byline).toBe('Eleanor Ainge Roy');
    expect(doc.text).not.toMatch(/Photograph: Agency|File photo/);
    expect(doc.text).toContain('arrested 11 people');
  });

  it('gives a file that does not say its language the one its text shows, and keeps the one a file says', async () => {
    const ml = await extractDocument('p-hunt-ml.txt', Buffer.from('ഓപ്പറേഷൻ പി-ഹണ്ട്: 41 പേർ അറസ്റ്റിൽ\n\nകുട്ടികളുടെ അശ്ലീല ദൃശ്യങ്ങൾ പ്രചരിപ്പിച്ചതിന് സംസ്ഥാന വ്യാപകമായി നടത്തിയ റെയ്ഡിൽ പോലീസ് 41 പേരെ അറസ്റ്റ് ചെയ്തു.'));
    expect(ml.lang).toBe('ml');
    const fr = await extractDocument('budget.txt', Buffer.from('Budget 2026\n\nLe gouvernement a annoncé mardi une baisse de 2,5 % des dépenses publiques pour l’année prochaine.'));
    expect(fr.lang).toBe('fr');
    const said = await extractDocument('a.md', Buffer.from('---\nlang: de\n---\n\nThe chancellor said on Tuesday that spending on schools would rise.'));
    expect(said.lang).toBe('de');
    expect(await extractDocument('short.txt', Buffer.from('41 arrested'))).toMatchObject({ lang: null });
  });

  it('reads Markdown front matter and a heading', async () => {
    const md =
      '---\ntitle: Raids at 596 locations\ndate: 2020-12-20\noutlet: The Hindu\nauthor: Staff Reporter\nurl: https://example.org/p-hunt\nlang: en\n---\n\nThiruvananthapuram: **41** arrested.\n';
    expect(await extractDocument('a.md', Buffer.from(md))).toMatchObject({
      format: 'markdown',
      title: 'Raids at 596 locations',
      published: '2020-12-20',
      outlet: 'The Hindu',
      byline: 'Staff Reporter',
      url: 'https://example.org/p-hunt',
      lang: 'en',
      text: 'Thiruvananthapuram: **41** arrested.',
    });
    expect((await extractDocument('b.md', Buffer.from('# A heading\n\nBody text here.'))).title).toBe('A heading');
  });

  it.each(['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', 'not an address', 'JaVaScRiPt:alert(1)'])(
    'keeps no address but a web one from a front matter (%s), and says so',
    async (url) => {
      const doc = await extractDocument('a.md', Buffer.from(`---\ntitle: T\nurl: "${url}"\n---\n\nPolice registered 268 cases.\n`));
      expect(doc.url).toBeNull();
      expect(doc.warnings.join(' ')).toMatch(/is not a web address \(http or https\); it was left out/);
    },
  );

  it('writes a web address as the URL parser does, so that it cannot break out of a link', async () => {
    const doc = await extractDocument('a.md', Buffer.from('---\ntitle: T\nurl: "https://example.org/a b><script>"\n---\n\nPolice registered 268 cases.\n'));
    expect(doc.url).toBe('https://example.org/a%20b%3E%3Cscript%3E');
    expect(doc.warnings).toEqual([]);
  });

  it.each([
    ['UTF-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Kerala കേരള café', 'utf16le')]), 'Kerala കേരള café'],
    ['UTF-16 BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('Kerala café', 'utf16le').swap16()]), 'Kerala café'],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Kerala café')]), 'Kerala café'],
    ['Windows-1252', Buffer.from([0x93, 0x43, 0x61, 0x66, 0xe9, 0x94, 0x20, 0x96, 0x20, 0x52, 0x73, 0x20, 0x31, 0x30, 0x20, 0x6c, 0x61, 0x6b, 0x68]), '“Café” – Rs 10 lakh'],
    ['Latin-1', Buffer.from('Déjà vu à Kochi, señor', 'latin1'), 'Déjà vu à Kochi, señor'],
  ])('decodes %s', async (_label, bytes, text) => {
    expect((await extractDocument('a.txt', bytes)).text).toBe(text);
  });

  it('reads the article of a saved page and drops everything that could run or load', async () => {
    const html = await readFile(new URL('./fixtures/hostile-article.html', import.meta.url));
    const doc = await extractDocument('page.html', html);
    expect(doc).toMatchObject({
      format: 'html',
      title: 'Kerala police arrest 41 in P-Hunt raids',
      byline: 'Staff Reporter',
      outlet: 'Example Daily',
      published: '2020-10-05',
      lang: 'en',
      url: 'https://example.org/news/p-hunt',
    });
    expect(doc.text).toContain('registered 268 cases');
    for (const bad of ['alert(', 'onerror', 'onclick', 'tracker.example', '<iframe', '<form', 'Subscribe now', 'document.cookie']) expect(doc.text).not.toContain(bad);
  });

  it('reads byline and date from a page’s JSON-LD while its scripts, styles and comments, markup-like or not, stay out of the text', async () => {
    const body = 'The Kerala police registered 268 cases in the second round of the operation across the state. '.repeat(4);
    const html = `<!doctype html><html lang="en"><head><title>P-Hunt round two</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"P-Hunt round two","datePublished":"2020-10-05T08:00:00Z","author":{"@type":"Person","name":"Anu Menon"}}</script>
<script>var tpl = "<p>Injected paragraph from a script</p>"; if (a < b && c > d) { document.write('</p><p>More script text'); }</script>
<style>p::after { content: "<p>Style text</p>"; }</style></head>
<body><!-- <p>A commented-out paragraph</p> --><article><h1>P-Hunt round two</h1><p>${body}</p><p>${body}</p></article>
<script src="x.js"></script><script>
  // a comment with </div> in it
</script></body></html>`;
    const doc = await extractDocument('page.html', Buffer.from(html));
    expect(doc).toMatchObject({ title: 'P-Hunt round two', byline: 'Anu Menon', published: '2020-10-05' });
    expect(doc.text).toContain('registered 268 cases');
    for (const bad of ['Injected paragraph', 'More script text', 'Style text', 'commented-out', 'document.write', 'content:']) expect(doc.text).not.toContain(bad);
  });

  it('reads the text and metadata of a PDF', async () => {
    const doc = await extractDocument('r.pdf', await makePdf(['Police registered 268 cases', 'across the state.', '', 'A second paragraph.']));
    expect(doc).toMatchObject({ format: 'pdf', title: 'P-Hunt briefing', byline: 'Cyberdome', published: '2020-10-05' });
    expect(doc.text).toBe('Police registered 268 cases across the state.\n\nA second paragraph.');
  });

  it('reads the text of a Word document', async () => {
    const doc = await extractDocument('b.docx', await makeDocx());
    expect(doc).toMatchObject({ format: 'docx', title: 'Operation P-Hunt briefing' });
    expect(doc.text).toBe('Operation P-Hunt briefing\n\nPolice registered 268 cases in round 20.2.\n\nRaids took place at 596 locations.');
    expect(doc.headings).toEqual(['Operation P-Hunt briefing']);
  });

  it('marks headings by offset, leaving the text exactly as extracted', async () => {
    await put('briefing.docx', await makeDocx());
    await importPaths(nb, [join(dir, 'in')]);
    const [source] = nb.listSources();
    const { text } = await nb.getSource(source.id);
    expect(source.headings).toEqual([0]);
    expect(text.startsWith('Operation P-Hunt briefing\n\n')).toBe(true);
  });
});

describe('importing into a notebook', () => {
  it('imports a folder, keeps each original, and reports duplicates and new versions', async () => {
    const pdf = await makePdf(['Police registered 268 cases.']);
    await put('one.txt', ' date 2020-10-05 Police registered 268 cases in round 20.2 of Operation P-Hunt.');
    await put('same-again.txt', 'Police registered 268 cases in round 20.2 of Operation P-Hunt.\n');
    await put('two.pdf', pdf);
    await put('three.md', '---\ntitle: Known URL\nurl: https://example.org/a\n---\nFirst text.');
    await mkdir(join(dir, 'in', 'sub'));
    await put('sub/four.md', '---\ntitle: Known URL, changed\nurl: https://example.org/a\n---\nA changed text.');
    await put('.hidden.txt', 'never imported');
    const { outcomes, cancelled } = await importPaths(nb, [join(dir, 'in')]);
    expect(cancelled).toBe(false);
    expect(outcomes.map((o) => [o.file.split('/in/')[1], o.status])).toEqual([
      ['one.txt', 'imported'],
      ['same-again.txt', 'duplicate'],
      ['sub/four.md', 'imported'],
      ['three.md', 'new-version'],
      ['two.pdf', 'imported'],
    ]);
    const pdfSource = nb.listSources().find((s) => s.provenance.method === 'pdf-file')!;
    const sha = createHash('sha256').update(pdf).digest('hex');
    expect(pdfSource.provenance).toMatchObject({ fileName: 'two.pdf', original: { sha256: sha, bytes: pdf.length } });
    expect(await readFile(join(nb.paths.originals, sha))).toEqual(Buffer.from(pdf));
    expect(nb.listSources().find((s) => s.provenance.fileName === 'one.txt')).toMatchObject({
      published: '2020-10-05',
      contentHash: contentHash('Police registered 268 cases in round 20.2 of Operation P-Hunt.'),
    });
  });

  it('says what it left out: a pipe or a link to a device, and every file past the limit, never dropped without a word', async () => {
    await put('a.txt', 'Raids at 596 locations.');
    await put('b.txt', 'Police registered 268 cases.');
    await put('c.txt', 'Police arrested 41 people.');
    await put('d.txt', 'A fourth article.');
    execFileSync('mkfifo', [join(dir, 'in', 'pipe')]);
    await symlink('/dev/null', join(dir, 'in', 'null-device'));
    const { files, problems } = await listFiles([join(dir, 'in')], 2);
    expect(files.map((f) => f.split('/in/')[1])).toEqual(['a.txt', 'b.txt']);
    expect(problems.map((p) => [p.file.split('/in/')[1], p.status === 'failed' ? p.reason : ''])).toEqual([
      ['null-device', 'is a device, not a file with a document in it; it was left out'],
      ['pipe', 'is a named pipe (FIFO), not a file with a document in it; it was left out'],
      ['c.txt', 'was not imported, nor 1 other file after it: Dossier imports at most 2 files at a time. Import the rest in a second go'],
    ]);
    // Within the limit: every file, and the two that are not files said.
    const all = await importPaths(nb, [join(dir, 'in')]);
    expect(all.outcomes.filter((o) => o.status === 'imported')).toHaveLength(4);
    expect(all.outcomes.filter((o) => o.status === 'failed')).toHaveLength(2);
  });

  it('follows a link to a folder once and does not loop', async () => {
    await put('a.txt', 'Some text about the raids.');
    await symlink(join(dir, 'in'), join(dir, 'in', 'loop'));
    const { outcomes } = await importPaths(nb, [join(dir, 'in')]);
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0].status).toBe('imported');
  });

  it('stops between files when cancelled', async () => {
    await put('a.txt', 'First text.');
    await put('b.txt', 'Second text.');
    const controller = new AbortController();
    const { outcomes, cancelled } = await importPaths(nb, [join(dir, 'in')], { signal: controller.signal, onProgress: (done) => done === 1 && controller.abort() });
    expect(cancelled).toBe(true);
    expect(outcomes).toHaveLength(1);
  });

  const bad: [string, () => Promise<string>, RegExp][] = [
    ['an empty file', () => put('empty.txt', ''), /is empty/],
    [
      'a binary file renamed .txt',
      () =>
        put(
          'photo.txt',
          Uint8Array.from({ length: 4096 }, (_, i) => (i * 37) % 256),
        ),
      /not a text file/,
    ],
    ['a truncated PDF', async () => put('cut.pdf', (await makePdf(['Police registered 268 cases.'])).slice(0, 400)), /not a readable PDF/],
    ['an encrypted PDF', async () => put('locked.pdf', encrypt(await makePdf(['Secret']))), /encrypted PDF/],
    ['invalid UTF-8', () => put('broken.txt', Buffer.concat([Buffer.from('Kerala café '), Buffer.from([0xc3, 0x28]), Buffer.from(' more')])), /not valid UTF-8/],
    ['an HTML page with no article', () => put('nav.html', '<!doctype html><html><head><title>Home</title></head><body><nav><a href="/">Home</a></nav></body></html>'), /no article/],
    ['a file of an unknown kind', () => put('slides.key', 'PK\u0003\u0004 not really'), /ZIP archive/],
    ['a damaged workbook', () => put('data.xlsx', 'PK\u0003\u0004 not really'), /is not a readable Excel workbook/],
    ['a PDF that is not one', () => put('fake.pdf', 'just text'), /not a PDF/],
    [
      `a 200 MB file (the limit is ${MAX_IMPORT_BYTES / 1024 / 1024} MB)`,
      async () => {
        const file = await put('huge.txt', '');
        await truncate(file, 200 * 1024 * 1024);
        return file;
      },
      /is 200 MB; Dossier imports files up to 50 MB/,
    ],
    [
      'a 6 MB text file, more text than a source holds',
      () => put('dump.txt', 'The police registered 268 cases. '.repeat(190_000)),
      /is 6,270,000 characters of text \(a 6\.0 MB file\); a source holds at most 5,000,000\. Split it into parts/,
    ],
    [
      'a web page with more text than a source holds',
      () => put('dump.html', `<!doctype html><html><body><article>${'<p>The police registered 268 cases across the state.</p>'.repeat(110_000)}</article></body></html>`),
      /is 5,\d{3},\d{3} characters of text \(a 5\.9 MB file\); a source holds at most 5,000,000/,
    ],
  ];
  it('takes a Malayalam text of 3,990,000 characters though its file is 10 MB: the limit counts characters, not bytes', async () => {
    const text = 'പോലീസ് '.repeat(570_000);
    const file = await put('long-ml.txt', text);
    const { outcomes } = await importPaths(nb, [file]);
    expect(outcomes).toEqual([expect.objectContaining({ status: 'imported' })]);
    expect(nb.listSources()[0].wordCount).toBe(570_000);
  });

  it.each(bad)('refuses %s with a clear reason and leaves the notebook byte for byte as it was', async (_label, make, reason) => {
    const file = await make();
    const before = await snapshot();
    const { outcomes } = await importPaths(nb, [file]);
    expect(outcomes).toEqual([{ file, status: 'failed', reason: expect.stringMatching(reason) }]);
    expect(await snapshot()).toEqual(before);
    expect(nb.listSources()).toEqual([]);
  });
});
