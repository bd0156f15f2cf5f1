import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.js';
import { renderPage } from './render.js';
import { ReadOnlyRefusalPage } from '../../views/error-page.js';

// Read-only mode (READ_ONLY_MESSAGE set): every page stays open for consultation, with the reason
// shown on each; writing is paused — a form sent meanwhile changes nothing and says why. Signing
// in and out still work, so that families can read their file.

const ALWAYS_ALLOWED = new Set(['/connexion', '/deconnexion']);

export function readOnlyMode(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const message = c.get('deps').config.readOnlyMessage;
    if (message && c.req.method === 'POST' && !ALWAYS_ALLOWED.has(c.req.path)) {
      c.header('Retry-After', '3600');
      return renderPage(c, { title: 'Saisies momentanément suspendues', status: 503 }, <ReadOnlyRefusalPage reason={message} />);
    }
    await next();
  };
}
