import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet from 'helmet';

/**
 * The Content-Security-Policy the three browser areas (and Swagger UI at /api/docs) run under:
 * scripts only from this origin (Vite emits no inline script; wallets inject theirs as extensions),
 * inline styles allowed because emotion (MUI, react-admin) injects <style> elements at run time,
 * images from here, data:/blob: URLs and https (items may point at images elsewhere), requests to
 * this origin only (wallets talk to their own RPC), no plugins, no framing by anyone.
 */
export function contentSecurityPolicy(publicUrl: URL): Record<string, string[]> {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:', 'https:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'"],
  };
  if (publicUrl.protocol === 'https:') directives['upgrade-insecure-requests'] = [];
  return directives;
}

/**
 * The security headers of every response: the CSP above, nosniff, no framing, no Referer (signed
 * file URLs stay on this site), same-origin resource and opener policies, HSTS when the public URL
 * is https. Helmet works them out once: none depends on the request.
 */
export function securityHeaders(publicUrl: URL): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string) => {
      headers[name.toLowerCase()] = value;
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  const middleware = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(publicUrl) },
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: publicUrl.protocol === 'https:' ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    xFrameOptions: { action: 'deny' },
  });
  middleware({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    // Helmet reports a bad option as an Error; it would otherwise stop boot with it.
    if (error instanceof Error) throw error;
  });
  return headers;
}

/**
 * The headers of API answers (JSON, never rendered as a page): nothing may load or frame them, they
 * are not sniffed, they leak no Referer. Shorter than a page's (the browser-only headers of old
 * browsers add nothing to JSON), so each labeling call sends ~300 bytes of headers instead of ~900.
 */
export function apiSecurityHeaders(publicUrl: URL): Record<string, string> {
  const page = securityHeaders(publicUrl);
  const headers: Record<string, string> = {
    'content-security-policy': "default-src 'none';frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };
  if (page['strict-transport-security']) headers['strict-transport-security'] = page['strict-transport-security'];
  return headers;
}

/** API routes answer JSON; the browser areas, their files and the API docs (Swagger UI) are pages. */
function isApi(url: string): boolean {
  return url.startsWith('/api/') && !url.startsWith('/api/docs');
}

/**
 * Sets the security headers on every response (API, app files, errors, 404s). Fastify's own
 * `@fastify/helmet` runs helmet anew for each request (+30 µs per request measured here); the
 * headers are the same each time, so they are computed once.
 */
export function registerSecurityHeaders(app: NestFastifyApplication, publicUrl: URL): void {
  const page = securityHeaders(publicUrl);
  const api = apiSecurityHeaders(publicUrl);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => {
      void reply.headers(isApi(request.url) ? api : page);
      done();
    });
}
