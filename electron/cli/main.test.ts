import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../backend/testing/fixtures';
import { main } from './main';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(() => cleanup());

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(
    argv,
    (t) => (out += `${t}\n`),
    (t) => (err += `${t}\n`),
  );
  return { code, out, err };
}

describe('the dossier CLI', () => {
  it('makes the sample notebook and lists its sources, 002 undated', async () => {
    const nb = join(dir, 'sample');
    expect((await run('init', nb, '--sample')).out).toMatch(/Created notebook "Operation P-Hunt \(sample\)" .* with 5 sources/);
    const { code, out } = await run('sources', '--notebook', nb);
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+DATE\s+WORDS\s+OUTLET\s+TITLE$/);
    expect(lines.find((l) => l.startsWith('000_'))).toMatch(/5 Oct 2020\s+\d+\s+Hindustan Times\s+Kerala cyber wing/);
    expect(lines.at(-1)).toMatch(/^002_a01556cca16e92d0\s+undated\s/);
  });

  it('prints JSON that matches the API for sources and show', async () => {
    const nb = join(dir, 'sample');
    await run('init', nb, '--sample');
    const list = JSON.parse((await run('sources', '--notebook', nb, '--json')).out);
    expect(list).toHaveLength(5);
    const shown = JSON.parse((await run('show', '000_7baca0de28e0a4fd', '--notebook', nb, '--json')).out);
    expect(shown.text.startsWith('Most of the arrested were found')).toBe(true);
    expect(shown.text).toContain('(HT representative photo)');
  });

  it('shows a source for people with its provenance and full text', async () => {
    const nb = join(dir, 'sample');
    await run('init', nb, '--sample');
    const { out } = await run('show', '003_b6ce8270c2cda9db', '--notebook', nb);
    expect(out).toMatch(/^Kerala police arrest 11/);
    expect(out).toMatch(/Outlet:\s+not named in the source/);
    expect(out).toMatch(/sha256:\s+[0-9a-f]{64}/);
    expect(out).toContain('First Published: Oct 13, 2019 16:32 IST');
  });

  it('creates an empty named notebook', async () => {
    const nb = join(dir, 'empty');
    await run('init', nb, '--name', 'Election finance');
    expect((await run('sources', '--notebook', nb)).out).toBe('This notebook has no sources yet.\n');
  });

  it.each([
    [['sources'], 2, /needs --notebook DIR/],
    [['frobnicate'], 2, /unknown command "frobnicate"/],
    [['sources', '--notebook'], 2, /--notebook/],
    [['show', '--notebook', '/x'], 2, /exactly one source id/],
    [['init'], 2, /exactly one folder/],
    [['sources', '--notebook', '/definitely/not/here'], 1, /There is no folder at/],
  ])('%j exits %i with a clear message', async (argv, exitCode, message) => {
    const { code, err } = await run(...argv);
    expect(code).toBe(exitCode);
    expect(err).toMatch(message);
  });

  it('refuses to init into a folder that holds files, and leaves them alone', async () => {
    await writeFile(join(dir, 'mine.txt'), 'x');
    const { code, err } = await run('init', dir, '--sample');
    expect(code).toBe(1);
    expect(err).toMatch(/not empty/);
    expect(await readdir(dir)).toEqual(['mine.txt']);
  });

  it('answers COMMAND --help with its usage and what more it has to say, opening nothing', async () => {
    const help = await run('search', '--help');
    expect(help).toMatchObject({ code: 0, err: '' });
    expect(help.out).toMatch(/^dossier search "QUERY" --notebook DIR/);
    expect(help.out).toMatch(/entity: tag: kind: source: outlet: before: after:/);
    expect(help.out).toMatch(/after:2020 before:2023-03 +sources published after \/ before a year, month or day/);
    expect((await run('entities', '-h')).out).toMatch(/^dossier entities/);
  });

  it('searches with the app’s engine and syntax: typos, highlights, filters, JSON, no match', async () => {
    const nb = join(dir, 'sample');
    await run('init', nb, '--sample');
    const { code, out } = await run('search', 'abrahm', '--notebook', nb);
    expect(code).toBe(0);
    expect(out).toMatch(/Entities \(1\)\n {2}Manoj \[Abraham\]/);
    expect(out).toMatch(/quote: “The biggest impact of the pandemic[^\n]*crime\.” \(linked to Manoj Abraham\)/);
    expect(out).toMatch(/Sources \(4\)/);
    const figures = JSON.parse((await run('search', 'kind:figure entity:"P-HUNT_20.2"', '--notebook', nb, '--json')).out);
    expect(figures.annotations.map((a: { quote: { text: string } }) => a.quote.text)).toContain('registered 268 cases');
    const nothing = await run('search', 'zzzzqqq', '--notebook', nb);
    expect(nothing.code).toBe(1);
    expect(nothing.out).toMatch(/Nothing matches “zzzzqqq”/);
    const odd = await run('search', 'kind:photo', 'raids', '--notebook', nb);
    expect(odd.out).toMatch(/Note: “photo” is not a kind of annotation/);
    const usage = await run('search', '--notebook', nb);
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/search needs a query[\s\S]*entity:/);
  });

  it('lists the sample’s entities and the unlinked mentions of one, by any spelling', async () => {
    const nb = join(dir, 'sample');
    await run('init', nb, '--sample');
    const { out } = await run('entities', '--notebook', nb);
    expect(out).toMatch(/Operation\s+Operation P-Hunt/);
    expect(out).toMatch(/Operation \(round of Operation P-Hunt\)\s+P-Hunt 20\.2\s+7\s+Oct 2020/);
    const list = JSON.parse((await run('entities', '--notebook', nb, '--json')).out);
    expect(list).toHaveLength(15);
    const byAlias = await run('mentions', 'p hunt_20.3', '--notebook', nb);
    expect(byAlias.out).toMatch(/^1 unlinked mention of P-Hunt 20\.3:/);
    expect(byAlias.out).toContain('[P-Hunt_20.3]');
    const json = JSON.parse((await run('mentions', 'CCSE', '--notebook', nb, '--json')).out);
    expect(json.entity.name).toBe('CCSE');
    expect(json.mentions.length).toBeGreaterThan(3);
    const missing = await run('mentions', 'Nobody', '--notebook', nb);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/No entity is called “Nobody”/);
  });

  it('imports files and folders with a report, and exits 1 when some failed', async () => {
    const nb = join(dir, 'nb');
    await run('init', nb, '--name', 'Imports');
    await writeFile(join(dir, 'a.md'), '---\ntitle: Raids at 596 locations\ndate: 2020-12-20\n---\nForty-one people were arrested.');
    await writeFile(join(dir, 'empty.txt'), '');
    const { code, out } = await run('import', join(dir, 'a.md'), join(dir, 'empty.txt'), '--notebook', nb);
    expect(code).toBe(1);
    expect(out).toMatch(/imported\s+.*a\.md → “Raids at 596 locations”/);
    expect(out).toMatch(/failed\s+.*empty\.txt: is empty/);
    expect(out).toMatch(/1 imported, 0 duplicate, 0 new version, 1 failed\.$/m);
    const rerun = await run('import', join(dir, 'a.md'), '--notebook', nb, '--json');
    expect(rerun.code).toBe(0);
    const again = JSON.parse(rerun.out);
    expect(again.outcomes[0]).toMatchObject({ status: 'duplicate', title: 'Raids at 596 locations' });
    expect((await run('sources', '--notebook', nb)).out).toMatch(/20 Dec 2020\s+\d+\s+—\s+Raids at 596 locations/);
  });

  it('runs as the dossier bin straight from the repository', async () => {
    const nb = join(dir, 'bin');
    const exec = promisify(execFile);
    await exec(process.execPath, ['electron/cli/dossier.mjs', 'init', nb, '--sample']);
    const { stdout } = await exec(process.execPath, ['electron/cli/dossier.mjs', 'sources', '--notebook', nb, '--json']);
    expect(JSON.parse(stdout)).toHaveLength(5);
  });
});

describe('dossier factsheet', () => {
  it('writes the P-Hunt fact sheet in the format its file name says, and asks before replacing it', async () => {
    const nb = join(dir, 'sample');
    await run('init', nb, '--sample');
    const out = join(dir, 'p-hunt.md');
    const first = await run('factsheet', 'p hunt', '--notebook', nb, '--out', out);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(
      /^Wrote .*p-hunt\.md \([\d,]+ bytes\): Fact sheet: Operation P-Hunt\.\n1 unresolved conflict between sources, 0 resolved, \d+ single-source, \d+ corroborated; 5 sources\./,
    );
    expect(await readFile(out, 'utf8')).toContain('**Sources disagree:** 268 cases');
    const again = await run('factsheet', 'p hunt', '--notebook', nb, '--out', out);
    // A question the command line cannot answer is not asked: the way on is named.
    expect(again).toMatchObject({ code: 1, err: `dossier: ${out} already exists. Give --force to replace it.\n` });
    expect((await run('factsheet', 'p hunt', '--notebook', nb, '--out', out, '--force')).code).toBe(0);
    const json = JSON.parse((await run('factsheet', '--all', '--notebook', nb, '--out', join(dir, 'all.json'), '--json')).out);
    expect(json).toMatchObject({ format: 'json', counts: { conflicts: 1 } });
    expect(JSON.parse(await readFile(join(dir, 'all.json'), 'utf8')).title).toBe('Fact sheet: Operation P-Hunt (sample)');
  });

  it('explains a missing entity, format or --out, with the usage', async () => {
    const nb = join(dir, 'sample');
    await run('init', nb, '--sample');
    expect(await run('factsheet', 'nobody', '--notebook', nb, '--out', join(dir, 'x.md'))).toMatchObject({ code: 1, err: expect.stringMatching(/No entity is called “nobody”/) });
    // A part of a name, or a typo, is answered with the entity it may mean.
    for (const wanted of ['Manoj', 'abrahm'])
      expect((await run('factsheet', wanted, '--notebook', nb, '--out', join(dir, 'x.md'))).err).toMatch(new RegExp(`No entity is called “${wanted}”\\. Did you mean “Manoj Abraham” \\(person\\)\\?`));
    expect((await run('factsheet', 'nobody', '--notebook', nb, '--out', join(dir, 'x.md'))).err).not.toMatch(/Did you mean/);
    expect(await run('factsheet', 'p hunt', '--notebook', nb, '--out', join(dir, 'x.rtf'), '--format', 'rtf')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/--format must be one of md, html, pdf, docx, json \(not “rtf”\)/),
    });
    // No --format given: the file name is what could not be read, and both ways on are named.
    const unknown = await run('factsheet', 'p hunt', '--notebook', nb, '--out', join(dir, 'x.xyz'));
    expect(unknown).toMatchObject({ code: 2, err: expect.stringMatching(/cannot tell the format from “.*x\.xyz”: end --out in \.md, \.html, \.pdf, \.docx, \.json, or give --format/) });
    expect(unknown.err).not.toMatch(/--format must be/);
    // An unknown option or a missing value in this tool's words, not Node's parser's.
    const flag = await run('factsheet', 'p hunt', '--notebook', nb, '--output', 'x.md');
    expect(flag).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^dossier factsheet: unknown option --output\. This command takes --out, --format, --force, --all, --notebook, --json\.\nUsage: dossier factsheet/),
    });
    expect(flag.err).not.toMatch(/positional argument|place it at the end/);
    expect(await run('factsheet', 'p hunt', '--notebook', nb, '--out')).toMatchObject({ code: 2, err: expect.stringMatching(/--out needs a value, as in --out VALUE\./) });
    expect(await run('sources', '--notebook', nb, '--json=yes')).toMatchObject({ code: 2, err: expect.stringMatching(/--json takes no value/) });
    expect(await run('factsheet', 'p hunt', '--notebook', nb)).toMatchObject({ code: 2, err: expect.stringMatching(/needs --out FILE/) });
    expect(await readdir(dir)).toEqual(['sample']);
  });
});

describe('dossier export-annotations and import-annotations', () => {
  it('exports W3C and CSV, and imports the W3C file back into the same sources', async () => {
    const nb = join(dir, 'sample');
    await run('init', nb, '--sample');
    const w3c = join(dir, 'annotations.jsonld');
    expect((await run('export-annotations', '--notebook', nb, '--format', 'w3c', '--out', w3c)).out).toMatch(/^Wrote 16 annotations to .*annotations\.jsonld/);
    expect(JSON.parse(await readFile(w3c, 'utf8')).type).toBe('AnnotationCollection');
    expect((await run('export-annotations', '--notebook', nb, '--format', 'csv', '--out', join(dir, 'a.csv'))).code).toBe(0);
    const again = await run('import-annotations', w3c, '--notebook', nb);
    // Already there is not a failure: exit 0, and said in words.
    expect(again).toMatchObject({ code: 0, out: 'Imported 0 annotations; 16 were already in the notebook.\n' });
    expect(await run('export-annotations', '--notebook', nb, '--format', 'rdf', '--out', w3c)).toMatchObject({ code: 2, err: expect.stringMatching(/--format must be w3c or csv \(not “rdf”\)/) });
    await writeFile(join(dir, 'bad.json'), 'this is not json');
    expect(await run('import-annotations', join(dir, 'bad.json'), '--notebook', nb)).toMatchObject({ code: 1, err: expect.stringMatching(/It is not JSON/) });
  });
});

describe('dossier backup and restore', () => {
  it('writes a notebook to an archive and restores it into a new folder that lists the same sources', async () => {
    const nb = join(dir, 'sample');
    await run('init', nb, '--sample');
    const archive = join(dir, 'sample.zip');
    expect((await run('backup', '--notebook', nb, '--out', archive)).out).toMatch(/^Wrote \d+ files to .*sample\.zip/);
    expect((await run('restore', archive, join(dir, 'copy'))).out).toMatch(/^Restored "Operation P-Hunt \(sample\)" \(\d+ files\) into .*copy\./);
    expect((await run('sources', '--notebook', join(dir, 'copy'))).out).toBe((await run('sources', '--notebook', nb)).out);
    expect(await run('restore', archive, join(dir, 'copy'))).toMatchObject({ code: 1, err: expect.stringMatching(/is not empty/) });
  });
});

describe('ids and names on the command line', () => {
  it('takes an id that begins with "-" after --, and says how when it is read as an option', async () => {
    const nbDir = join(dir, 'dashed');
    await run('init', nbDir, '--name', 'Dashed');
    const { Notebook } = await import('../backend/store/notebook');
    const nb = await Notebook.open(nbDir);
    await nb.addSource({ id: '-Ixy12', title: 'An old id', outlet: null, published: null, text: 'Police registered 268 cases.', provenance: { method: 'paste', fileName: null, url: null } });
    await nb.close();
    const shown = await run('show', '--notebook', nbDir, '--json', '--', '-Ixy12');
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.out)).toMatchObject({ id: '-Ixy12', title: 'An old id' });
    const asOption = await run('show', '-Ixy12', '--notebook', nbDir);
    expect(asOption.code).toBe(2);
  });

  it.each(['constructor', '__proto__', 'toString'])('calls "%s" an unknown command', async (name) => {
    const { code, err } = await run(name);
    expect(code).toBe(2);
    expect(err).toMatch(new RegExp(`unknown command "${name}"`));
  });
});

describe('dossier check', () => {
  it('says a sound notebook has no problems (exit 0), names a damaged file (exit 1), and --repair copies the folder first', async () => {
    const nb = join(dir, 'sample');
    await run('init', nb, '--sample');
    const clean = await run('check', '--notebook', nb);
    expect(clean.code).toBe(0);
    expect(clean.out).toMatch(/^No problems: 5 sources, 16 annotations and 5 texts checked\./);
    const shard = join(nb, 'sources', '003_b6ce8270c2cda9db.json');
    await writeFile(shard, (await readFile(shard, 'utf8')).slice(0, 120));
    const damaged = await run('check', '--notebook', nb);
    expect(damaged.code).toBe(1);
    expect(damaged.out).toMatch(/^sources\/003_b6ce8270c2cda9db\.json: it is not valid JSON/m);
    expect(damaged.out).toMatch(/1 problem in 4 sources.*--repair/);
    const repaired = await run('check', '--notebook', nb, '--repair');
    expect(repaired.code).toBe(0);
    expect(repaired.out).toMatch(/^Copied the notebook as it was to .*sample\.before-repair-/);
    expect(repaired.out).toMatch(/Repaired: sources\/003_b6ce8270c2cda9db\.json: Could not read the file of/);
    expect((await run('check', '--notebook', nb)).code).toBe(0);
    expect((await run('check', '--notebook', join(dir, 'nothing-here'))).code).toBe(1);
  });
});

describe('dossier check --repair on a damaged text', () => {
  it('makes the text again from its original file when reading that again gives the same sha256, and says why not where it cannot', async () => {
    const nb = join(dir, 'texts');
    await run('init', nb, '--name', 'Texts');
    const inbox = join(dir, 'inbox');
    await mkdir(inbox);
    await writeFile(join(inbox, 'budget.md'), '---\ntitle: Budget day\n---\nThe chancellor said spending would rise by £1,400 a year for each household.');
    await writeFile(join(inbox, 'rates.md'), '---\ntitle: Rates held\n---\nThe Bank of England held rates at 4.75% for a third month.');
    expect((await run('import', inbox, '--notebook', nb)).code).toBe(0);
    const shards = await Promise.all(
      (await readdir(join(nb, 'sources'))).map(
        async (f) =>
          JSON.parse(await readFile(join(nb, 'sources', f), 'utf8')) as {
            source: { id: string; title: string; packed: { file: string; offset: number; bytes: number }; provenance: { original: { packed: { file: string; offset: number } } } };
          },
      ),
    );
    const budget = shards.find((x) => x.source.title === 'Budget day')!.source;
    const rates = shards.find((x) => x.source.title === 'Rates held')!.source;
    // A byte of each text altered on disk; the second text's original too.
    const spoil = async (file: string, at: number) => {
      const bytes = await readFile(join(nb, 'packs', file));
      bytes[at] ^= 0x20;
      await writeFile(join(nb, 'packs', file), bytes);
    };
    await spoil(budget.packed.file, budget.packed.offset + 10);
    await spoil(rates.packed.file, rates.packed.offset + 10);
    await spoil(rates.provenance.original.packed.file, rates.provenance.original.packed.offset + 40);
    const damaged = await run('check', '--notebook', nb);
    expect(damaged.code).toBe(1);
    expect(damaged.out).toMatch(/no longer matches its sha256/);

    const repaired = await run('check', '--notebook', nb, '--repair');
    expect(repaired.out).toMatch(/Restored the text of “Budget day” by reading its original file \(budget\.md\) again: the result matches the text’s sha256/);
    expect(repaired.out).toMatch(/The text of “Rates held” is damaged, and so is its original file .*A backup of the notebook \(dossier restore\) has it\./);
    expect(repaired.code).toBe(1);
    const after = await run('check', '--notebook', nb);
    // What is left is the text no copy could make again, and its original; the budget's text reads whole.
    expect(after.out).not.toMatch(/Budget day/);
    const shown = await run('show', budget.id, '--notebook', nb, '--json');
    expect(JSON.parse(shown.out).text).toBe('The chancellor said spending would rise by £1,400 a year for each household.');
  });
});

describe('dossier snapshots', () => {
  it('takes a snapshot, lists it, and puts a damaged notebook back as it was', async () => {
    const nb = join(dir, 'sample');
    await run('init', nb, '--sample');
    expect((await run('snapshots', 'list', '--notebook', nb)).out).toMatch(/^No snapshots yet/);
    const taken = await run('snapshots', 'take', '--notebook', nb);
    expect(taken.code).toBe(0);
    const name = /Took (snapshot-\S+\.zip) \(5 sources, 16 annotations/.exec(taken.out)![1];
    const list = await run('snapshots', 'list', '--notebook', nb);
    expect(list.out).toMatch(new RegExp(`^${name.replace(/\./g, '\\.')} .* 5 sources, 16 annotations, \\d+ entities$`, 'm'));
    // Not shared: no colleague's work to keep or roll back, and it says so.
    expect((await run('snapshots', 'changes', name, '--notebook', nb)).out).toMatch(/^No colleague changed anything since snapshot-/);
    expect((await run('snapshots', 'changes', 'snapshot-2020-01-01T00-00-00-000Z.zip', '--notebook', nb)).err).toMatch(/There is no snapshot/);

    // The bad day: a shard damaged on disk, and no open cache to take it from.
    const shard = join(nb, 'sources', '003_b6ce8270c2cda9db.json');
    await writeFile(shard, (await readFile(shard, 'utf8')).slice(0, 120));
    await rm(join(nb, 'cache'), { recursive: true, force: true });
    const restored = await run('snapshots', 'restore', name, '--notebook', nb);
    expect(restored.code).toBe(0);
    expect(restored.out).toMatch(/^Restored snapshot-.*: "Operation P-Hunt \(sample\)" has 5 sources as they were then\./);
    expect((await run('check', '--notebook', nb)).out).toMatch(/^No problems: 5 sources, 16 annotations and 5 texts checked\./);
    expect((await run('snapshots', 'list', '--notebook', nb)).out).toMatch(/-before-restore\.zip .* 4 sources/);

    const wrong = await run('snapshots', 'restore', 'snapshot-2020-01-01T00-00-00-000Z.zip', '--notebook', nb);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/There is no snapshot snapshot-2020-01-01T00-00-00-000Z\.zip/);
    expect((await run('snapshots', 'rewind', '--notebook', nb)).code).toBe(2);
    // Without a verb: the list, which changes nothing.
    expect((await run('snapshots', '--notebook', nb)).out).toBe((await run('snapshots', 'list', '--notebook', nb)).out);
    const help = await run('snapshots', '--help');
    expect(help).toMatchObject({ code: 0, err: '' });
    expect(help.out).toMatch(/dossier snapshots changes NAME {2}what colleagues changed since it/);
  });
});

describe('reading a notebook the app has open', () => {
  /** Every file of the notebook but its lock, with its bytes. */
  async function files(root: string): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    const walk = async (at: string, rel: string): Promise<void> => {
      for (const e of await readdir(at, { withFileTypes: true })) {
        if (e.name.startsWith('.dossier.lock')) continue;
        if (e.isDirectory()) await walk(join(at, e.name), `${rel}${e.name}/`);
        else out[`${rel}${e.name}`] = (await readFile(join(at, e.name))).toString('base64');
      }
    };
    await walk(root, '');
    return out;
  }

  it('lists, shows, searches, exports and writes fact sheets beside the app, says so, changes nothing, and still refuses a change', async () => {
    const nb = join(dir, 'sample');
    await run('init', nb, '--sample');
    const { Notebook } = await import('../backend/store/notebook');
    // The app: it holds the notebook's lock, as the desktop app does while it is open.
    const held = await Notebook.open(nb);
    try {
      const before = await files(nb);
      const listed = await run('sources', '--notebook', nb);
      expect(listed).toMatchObject({ code: 0, err: 'Note: Dossier has this notebook open; this reads its files as they are on disk now (a change the app is still saving may not be in it).\n' });
      expect(listed.out).toContain('Kerala cyber wing arrests 41');
      expect((await run('show', '000_7baca0de28e0a4fd', '--notebook', nb)).out).toContain('registered 268 cases');
      expect((await run('entities', '--notebook', nb)).out).toContain('Manoj Abraham');
      expect((await run('search', 'P-HUNT_20.2', '--notebook', nb)).code).toBe(0);
      expect((await run('factsheet', 'p hunt', '--notebook', nb, '--out', join(dir, 'sheet.md'))).code).toBe(0);
      expect(await readFile(join(dir, 'sheet.md'), 'utf8')).toContain('**Sources disagree:** 268 cases');
      expect((await run('export-annotations', '--notebook', nb, '--format', 'csv', '--out', join(dir, 'a.csv'))).code).toBe(0);
      // A change is refused in words, naming what to do.
      const change = await run('import', join(dir, 'sheet.md'), '--notebook', nb);
      expect(change).toMatchObject({ code: 1, err: expect.stringMatching(/is open in another Dossier window or process\. Close it there first/) });
      expect(await files(nb)).toEqual(before);
      // The app goes on writing meanwhile, and the next reading sees it.
      const [source] = held.listSources();
      const { createAnnotation } = await import('../backend/annotations/service');
      await createAnnotation(held, { sourceId: source.id, start: 0, end: 12, kind: 'passage', note: 'Written by the app while the CLI reads', tags: [], entityIds: [] });
      const found = JSON.parse((await run('search', 'Written by the app', '--notebook', nb, '--json')).out);
      expect(found.annotations.map((a: { note: { text: string } }) => a.note.text)).toContain('Written by the app while the CLI reads');
    } finally {
      await held.close();
    }
  });
});
