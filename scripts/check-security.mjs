#!/usr/bin/env node
// Runs electronegativity (pinned in package.json) over the code that ships — electron/ and
// renderer/ without tests — for the Electron version we ship, and fails on any HIGH or MEDIUM
// finding that is not in scripts/security-allowlist.json with a reviewed reason, on any file it
// could not parse (a file it cannot read is a file it did not check), and on an allowlist entry
// that no longer matches anything (so the list never outlives the code it excuses).
//
// It is called through its programmatic API rather than its CLI: the CLI always exits 0, and its
// CSV writer races its header against its rows (the first finding comes out garbled), while its
// SARIF output drops the severity. The check that compares the Electron version against the
// online release list is left out, and every outbound connection is refused (electronegativity
// also fetches translations): `npm test` never reaches the network.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';

const require = createRequire(import.meta.url);
const root = new URL('..', import.meta.url).pathname;

// Nothing leaves the machine: a connection attempt fails at once, as it would offline.
net.Socket.prototype.connect = function refuse() {
  const error = Object.assign(new Error('check-security: network disabled'), { code: 'ENETUNREACH' });
  process.nextTick(() => this.destroy(error));
  return this;
};

const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const toolVersion = JSON.parse(readFileSync(join(root, 'node_modules/@doyensec/electronegativity/package.json'), 'utf8')).version;
const allowlist = JSON.parse(readFileSync(join(root, 'scripts/security-allowlist.json'), 'utf8'));

const input = mkdtempSync(join(tmpdir(), 'dossier-electronegativity-'));
const shipped = (path) => !/\.test\.tsx?$/.test(path) && !path.split(sep).includes('testing') && !path.split(sep).includes('node_modules');
for (const folder of ['electron', 'renderer']) cpSync(join(root, folder), join(input, folder), { recursive: true, filter: shipped });
// `--also DIR` scans a further folder with them (the test of this script gives it a window with a hole).
const also = process.argv.indexOf('--also');
if (also > 0) cpSync(process.argv[also + 1], join(input, 'also'), { recursive: true });

const quiet = console.log;
console.log = () => undefined; // its translation loader reports the refused connection
let result;
try {
  const run = require('@doyensec/electronegativity');
  result = await run(
    {
      input,
      output: undefined,
      isSarif: false,
      customScan: [],
      excludeFromScan: ['availablesecurityfixesglobalcheck'],
      isRelative: true,
      isVerbose: false,
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    },
    false,
  );
} finally {
  console.log = quiet;
  rmSync(input, { recursive: true, force: true });
}

const findings = result.issues.map((i) => ({
  check: i.id,
  severity: i.severity.name,
  confidence: i.confidence.name,
  file: i.file.split(sep).join('/'),
  line: i.location.line,
  sample: (i.sample ?? '').replace(/\s+/g, ' ').slice(0, 120),
}));
const serious = findings.filter((f) => f.severity === 'HIGH' || f.severity === 'MEDIUM');
const excuse = (f) => allowlist.find((a) => a.check === f.check && a.file === f.file && (a.sample === undefined || f.sample.includes(a.sample)));
const unexcused = serious.filter((f) => !excuse(f));
const unused = allowlist.filter((a) => !serious.some((f) => excuse(f) === a));
const unparsed = result.errors.filter((e) => !e.tolerable);

const count = (s) => findings.filter((f) => f.severity === s).length;
console.log(
  `electronegativity ${toolVersion} (Electron ${electronVersion}, ${result.globalChecks + result.atomicChecks} checks): ${count('HIGH')} HIGH, ${count('MEDIUM')} MEDIUM, ${count('LOW')} LOW, ${count('INFORMATIONAL')} informational; ${serious.length - unexcused.length} reviewed in scripts/security-allowlist.json.`,
);
for (const f of serious.filter((x) => excuse(x))) console.log(`  reviewed: ${f.check} ${f.severity} ${f.file}:${f.line} — ${excuse(f).reason}`);
let failed = false;
for (const f of unexcused) {
  failed = true;
  console.error(`  NOT REVIEWED: ${f.check} ${f.severity}/${f.confidence} at ${f.file}:${f.line}: ${f.sample}`);
}
for (const a of unused) {
  failed = true;
  console.error(`  allowlist entry matches nothing any more (remove it): ${a.check} ${a.file}`);
}
for (const e of unparsed) {
  failed = true;
  console.error(`  could not parse ${e.file.replace(input, '')}: ${e.message}`);
}
if (failed) {
  console.error('check-security: fix the findings above, or review them and add each to scripts/security-allowlist.json with its reason.');
  process.exit(1);
}
