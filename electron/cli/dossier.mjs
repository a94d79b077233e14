#!/usr/bin/env node
// The `dossier` command: runs the built CLI (out/node/cli.js). `npm install` builds it (the
// `prepare` script); a clone whose build is missing or older than its sources is built here first,
// so `npx dossier` always runs the code in the working tree.
import { buildHosts, hostsNeedBuild } from '../../scripts/build-hosts.mjs';

if (hostsNeedBuild()) {
  try {
    await buildHosts({ quiet: true });
  } catch (e) {
    console.error(`dossier: ${e.message}`);
    process.exit(1);
  }
}
await import('../../out/node/cli.js');
