/**
 * Strings from files and servers cannot drive the terminal the command line prints to (issue 26):
 * escape sequences (ESC, OSC 52 clipboard, OSC 8 links), C1 controls and U+202E are shown as their
 * codes, and a line break in a file name cannot forge a line of a report.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../backend/testing/fixtures';
import { main } from './main';
import { oneLine, terminalSafe } from './terminal';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(() => cleanup());

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(
    argv,
    (t) => (out += `${t}\n`),
    (t) => (err += `${t}\n`),
  );
  return { code, out, err };
}

/** Any character a terminal acts on, other than a line break and a tab. */
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const DRIVES_TERMINAL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('terminalSafe and oneLine', () => {
  it.each([
    ['an escape sequence that clears the screen', 'Title\u001b[2J', 'Title\\u001b[2J'],
    ['OSC 52, which sets the clipboard', '\u001b]52;c;cm0gLXJmIH4=\u0007', '\\u001b]52;c;cm0gLXJmIH4=\\u0007'],
    ['OSC 8, a hidden link', '\u001b]8;;https://evil.example\u001b\\click\u001b]8;;\u001b\\', '\\u001b]8;;https://evil.example\\u001b\\click\\u001b]8;;\\u001b\\'],
    ['a C1 control (CSI)', 'A\u009b2J', 'A\\u009b2J'],
    ['a right-to-left override', 'invoice\u202Efdp.exe', 'invoice\\u202efdp.exe'],
    ['Malayalam, accents and quotes, untouched', 'ഓപ്പറേഷൻ പി-ഹണ്ട് — José “P-Hunt”', 'ഓപ്പറേഷൻ പി-ഹണ്ട് — José “P-Hunt”'],
  ])('%s', (_label, raw, shown) => {
    expect(terminalSafe(raw)).toBe(shown);
    expect(terminalSafe(raw)).not.toMatch(DRIVES_TERMINAL);
  });

  it('keeps line breaks in text, and shows them as codes within one line', () => {
    expect(terminalSafe('one\ntwo\tthree')).toBe('one\ntwo\tthree');
    expect(oneLine('report.txt\nimported    forged.txt')).toBe('report.txt\\u000aimported    forged.txt');
  });
});

describe('the command line prints what files hold safely', { timeout: 120_000 }, () => {
  it('a title with escape sequences and a file name with a line break: sources, show, search and the import report', async () => {
    const nb = join(dir, 'nb');
    await run('init', nb, '--name', 'Escapes');
    const name = join(dir, 'memo\u001b[2J\nimported    forged.txt → “Forged” [x].md');
    // YAML's double quotes write ESC as \e and BEL as \a: the title holds them for real.
    await writeFile(name, '---\ntitle: "Council memo \\e]52;c;cm0gLXJmIH4=\\a on \u202Eeulav"\noutlet: "The \\e[31mCourier"\ndate: 2024-03-01\n---\n\nThe council paid £59m for the depot in 2023.\n');
    const imported = await run('import', name, '--notebook', nb);
    expect(imported.code, imported.out + imported.err).toBe(0);
    expect(imported.out.split('\n').filter((l) => l.startsWith('imported'))).toHaveLength(1);
    expect(imported.out).toContain('memo\\u001b[2J\\u000aimported    forged.txt');
    expect(imported.out).toContain('Council memo \\u001b]52;c;cm0gLXJmIH4=\\u0007 on \\u202eeulav');
    for (const argv of [['sources'], ['sources', '--json'], ['search', 'council'], ['search', 'depot', '--json']]) {
      const { code, out } = await run(...argv, '--notebook', nb);
      expect(code).toBe(0);
      expect(out).not.toMatch(DRIVES_TERMINAL);
      expect(out).toMatch(/council|Council/);
      if (argv.includes('--json')) expect(() => JSON.parse(out)).not.toThrow();
    }
    const id = JSON.parse((await run('sources', '--notebook', nb, '--json')).out)[0].id as string;
    const shown = await run('show', id, '--notebook', nb);
    expect(shown.out).toContain('The \\u001b[31mCourier');
    expect(shown.out).not.toMatch(DRIVES_TERMINAL);
  });
});
