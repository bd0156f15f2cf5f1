import type { Context, MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from '../context.js';

function headersFor(https: boolean, formActionOrigins: string[]) {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      // data: for the tab's icon only, inlined in each page (a request less on a first visit).
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      // The configured identity providers' origins too: Chromium applies form-action to the redirects
      // that follow a form post, and signing out (a form) may redirect to the provider's logout.
      formAction: ["'self'", ...formActionOrigins],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      manifestSrc: ["'self'"],
      ...(https ? { upgradeInsecureRequests: [] } : {}),
    },
    strictTransportSecurity: https ? 'max-age=63072000; includeSubDomains' : false,
    referrerPolicy: 'same-origin',
    crossOriginEmbedderPolicy: false,
    xFrameOptions: 'DENY',
    permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [] },
  });
}

/**
 * Whether the browser reached the service over https: the public origin says so, or — only when
 * the deployment trusts its proxy (TRUST_PROXY) — the TLS proxy's `X-Forwarded-Proto` does.
 * Without that trust the header is ignored: anybody can send it.
 */
export function servedOverHttps(c: Context<AppEnv>): boolean {
  const config = c.get('deps')?.config;
  if (config?.secureCookies) return true;
  if (new URL(c.req.url).protocol === 'https:') return true;
  if (!config?.trustProxy) return false;
  return c.req.header('X-Forwarded-Proto')?.split(',')[0]?.trim().toLowerCase() === 'https';
}

/** Strict headers on every response: nothing inline, nothing from another host, HSTS over https. */
export function securityHeaders(options: { https: boolean; formActionOrigins?: string[] }): MiddlewareHandler<AppEnv> {
  const plain = headersFor(false, options.formActionOrigins ?? []);
  const secure = headersFor(true, options.formActionOrigins ?? []);
  return (c, next) => (options.https || servedOverHttps(c) ? secure(c, next) : plain(c, next));
}
