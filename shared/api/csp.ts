/**
 * The Content-Security-Policy of every Dossier page, in every host. Only the app's own origin:
 * no remote scripts, styles, fonts or images, no eval, no frames, no forms posting anywhere.
 * renderer/index.html carries the same policy as a meta tag; a test keeps the two equal.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');
