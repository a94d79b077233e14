/**
 * Every renderer test runs in jsdom with a fake backend in place of the preload's: `window.api`
 * answers from what the test set with {@link answer} (anything else is refused, named), and
 * `window.dossierChanges` delivers what the test sends with {@link sendChanges}. Testing Library
 * cleans the page after each test.
 */
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { installFakeBackend, resetFakeBackend } from './fake-backend';

// A test that asks for Node (`@vitest-environment node`: it reads files) has no page to fake.
if (typeof window !== 'undefined') {
  installFakeBackend();
  // jsdom has <dialog> without its modal methods: open and close it as the browser does (the
  // focus trap and the backdrop are the browser's, and the e2e run sees them).
  if (!HTMLDialogElement.prototype.showModal) {
    HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
      this.open = true;
    };
    HTMLDialogElement.prototype.close = function (this: HTMLDialogElement) {
      if (!this.open) return;
      this.open = false;
      this.dispatchEvent(new Event('close'));
    };
  }
  afterEach(() => {
    cleanup();
    resetFakeBackend();
  });
}
