import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../context.js';

// Over https the `__Host-` prefix pins the cookie to this exact host, path / and Secure.
const cookieName = (secure: boolean) => (secure ? '__Host-orientation_session' : 'orientation_session');

export function readSessionCookie(c: Context<AppEnv>): string | undefined {
  return getCookie(c, cookieName(c.get('deps').config.secureCookies));
}

export function writeSessionCookie(c: Context<AppEnv>, token: string): void {
  const secure = c.get('deps').config.secureCookies;
  // No Max-Age: the cookie ends with the browser; the server ends the session after inactivity.
  setCookie(c, cookieName(secure), token, { path: '/', httpOnly: true, secure, sameSite: 'Lax' });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  const secure = c.get('deps').config.secureCookies;
  deleteCookie(c, cookieName(secure), { path: '/', secure, httpOnly: true, sameSite: 'Lax' });
}
