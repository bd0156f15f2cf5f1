import type { MiddlewareHandler } from 'hono';
import type { AccountRole } from '../db/schema.js';
import type { AppEnv } from '../context.js';
import { clearSessionCookie, readSessionCookie } from './cookie.js';
import { validateSessionWithUser } from './session.js';

/** Puts the signed-in user (or null) on the context. */
export function loadSession(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('user', null);
    c.set('sessionId', null);
    const token = readSessionCookie(c);
    if (token) {
      const { db, now } = c.get('deps');
      // The session and the person behind it in one query (the cost every signed-in request pays).
      const found = await validateSessionWithUser(db, token, now());
      if (found) {
        c.set('user', found.user);
        c.set('sessionId', found.session.id);
      } else {
        clearSessionCookie(c);
      }
    }
    await next();
    if (c.get('user')) c.header('Cache-Control', 'no-store');
  };
}

const PATHS_ALLOWED_BEFORE_NEW_PASSWORD = new Set(['/mot-de-passe', '/deconnexion']);

/** A provisional password must be replaced before anything else. */
export function requireNewPasswordFirst(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.get('user');
    if (user?.mustChangePassword && !PATHS_ALLOWED_BEFORE_NEW_PASSWORD.has(c.req.path)) {
      return c.redirect('/mot-de-passe', 303);
    }
    await next();
  };
}

/**
 * The area is only for these roles: anonymous visitors are sent to the login page, other
 * roles get « page introuvable » (a 404 reveals nothing about what exists).
 */
export function requireRole(...roles: AccountRole[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.get('user');
    if (!user) return c.redirect('/connexion', 303);
    if (!roles.includes(user.role)) return c.notFound();
    await next();
  };
}
