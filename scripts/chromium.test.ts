import { describe, expect, it } from 'vitest';
import { browserProblem } from '../e2e/chromium';

describe('the check for a browser before the end-to-end run', () => {
  it('says in one sentence that Chromium is missing, and names CHROMIUM_PATH as the fix', () => {
    const none = browserProblem({}, '/nowhere/playwright-chromium', () => false);
    expect(none).toMatch(/^The end-to-end tests need Chromium and there is none at \/usr\/bin\/chromium: install Debian's \(sudo apt-get install -y chromium\) or set CHROMIUM_PATH to a Chromium executable\.$/);
    expect(browserProblem({ CHROMIUM_PATH: '/opt/chrome' }, '/x', () => false)).toMatch(/CHROMIUM_PATH is \/opt\/chrome, which is not a program this user can run/);
    expect(none!.split(/(?<=\.)\s/)).toHaveLength(1);
  });

  it('is silent when the browser is there', () => {
    expect(browserProblem({ CHROMIUM_PATH: '/usr/bin/chromium' }, '/x', (p) => p === '/usr/bin/chromium')).toBeNull();
    expect(browserProblem({}, process.execPath)).toBeNull();
  });
});
