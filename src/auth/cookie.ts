import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../context.js';
import { servedOverHttps } from '../http/security.js';

// Over an https public origin the `__Host-` prefix pins the cookie to this exact host, path / and
// Secure. Behind a trusted TLS proxy (TRUST_PROXY and `X-Forwarded-Proto: https`) the cookie is
// Secure too, whatever PUBLIC_ORIGIN says.
const cookieName = (secure: boolean) => (secure ? '__Host-orientation_session' : 'orientation_session');

export function readSessionCookie(c: Context<AppEnv>): string | undefined {
  return getCookie(c, cookieName(c.get('deps').config.secureCookies));
}

export function writeSessionCookie(c: Context<AppEnv>, token: string): void {
  const prefixed = c.get('deps').config.secureCookies;
  // No Max-Age: the cookie ends with the browser; the server ends the session after inactivity.
  setCookie(c, cookieName(prefixed), token, { path: '/', httpOnly: true, secure: prefixed || servedOverHttps(c), sameSite: 'Lax' });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  const prefixed = c.get('deps').config.secureCookies;
  deleteCookie(c, cookieName(prefixed), { path: '/', secure: prefixed || servedOverHttps(c), httpOnly: true, sameSite: 'Lax' });
}
