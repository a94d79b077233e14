/**
 * Playwright's global setup: before any journey runs, check once that there is a Chromium to run
 * them in, and stop with one sentence naming the fix — not one launch error per test.
 */
import { chromium } from '@playwright/test';
import { browserProblem } from './chromium';

export default function checkBrowser(): void {
  // The electron project runs in Electron, not Chromium.
  if (process.argv.some((a) => a === '--project=electron') && !process.argv.some((a) => a === '--project=browser')) return;
  const problem = browserProblem(process.env, chromium.executablePath());
  if (!problem) return;
  console.error(problem);
  process.exit(1);
}
