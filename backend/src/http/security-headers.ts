import fastifyHelmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

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
 * Security headers on every response (API, app files, errors, 404s): the CSP above, nosniff,
 * no framing, no Referer (signed file URLs stay on this site), same-origin resource and opener
 * policies, and HSTS when the public URL is https.
 */
export async function registerSecurityHeaders(app: NestFastifyApplication, publicUrl: URL): Promise<void> {
  await app.register(fastifyHelmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(publicUrl) },
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: publicUrl.protocol === 'https:' ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    xFrameOptions: { action: 'deny' },
    xPoweredBy: false,
  });
}
