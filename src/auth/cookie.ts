import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../context.js';
import { servedOverHttps } from '../http/security.js';

// Over an https public origin the `__Host-` prefix pins a cookie to this exact host, path / and
// Secure. Behind a trusted TLS proxy (TRUST_PROXY and `X-Forwarded-Proto: https`) the cookie is
// Secure too, whatever PUBLIC_ORIGIN says. Every cookie of the service is HttpOnly and SameSite=Lax
// (Lax: an identity provider sends the browser back with a top-level GET, which carries it).

export type ServiceCookie = {
  read(c: Context<AppEnv>): string | undefined;
  write(c: Context<AppEnv>, value: string): void;
  clear(c: Context<AppEnv>): void;
};

/** A cookie named `name` (`__Host-name` over https); without `maxAgeSeconds` it ends with the browser. */
export function serviceCookie(name: string, options: { maxAgeSeconds?: number } = {}): ServiceCookie {
  const cookieName = (prefixed: boolean) => (prefixed ? `__Host-${name}` : name);
  return {
    read: (c) => getCookie(c, cookieName(c.get('deps').config.secureCookies)),
    write(c, value) {
      const prefixed = c.get('deps').config.secureCookies;
      setCookie(c, cookieName(prefixed), value, {
        path: '/',
        httpOnly: true,
        secure: prefixed || servedOverHttps(c),
        sameSite: 'Lax',
        ...(options.maxAgeSeconds === undefined ? {} : { maxAge: options.maxAgeSeconds }),
      });
    },
    clear(c) {
      const prefixed = c.get('deps').config.secureCookies;
      deleteCookie(c, cookieName(prefixed), { path: '/', secure: prefixed || servedOverHttps(c), httpOnly: true, sameSite: 'Lax' });
    },
  };
}

// No Max-Age: the session cookie ends with the browser; the server ends the session after inactivity.
const sessionCookie = serviceCookie('orientation_session');

export const readSessionCookie = sessionCookie.read;
export const writeSessionCookie = sessionCookie.write;
export const clearSessionCookie = sessionCookie.clear;
