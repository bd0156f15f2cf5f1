import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { academieRoutes } from './academie/routes.js';
import { homePath } from './auth/current-user.js';
import { loadSession, requireNewPasswordFirst } from './auth/middleware.js';
import { authRoutes } from './auth/routes.js';
import { activationRoutes } from './auth/activation-routes.js';
import { recoveryRoutes } from './auth/recovery-routes.js';
import { federationFormActionOrigins } from './auth/federation/logout.js';
import { federationRoutes } from './auth/federation/routes.js';
import type { AppDeps, AppEnv } from './context.js';
import { isDatabaseReady } from './db/database.js';
import { etablissementRoutes } from './etablissement/routes.js';
import { familleRoutes } from './famille/routes.js';
import { renderPage } from './http/render.js';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from './http/unavailable.js';
import { createAdmission } from './http/overload.js';
import { readOnlyMode } from './http/read-only.js';
import { compressPages } from './http/compress.js';
import { etagForCacheable } from './http/etag.js';
import { requestLog } from './http/request-log.js';
import { securityHeaders } from './http/security.js';
import { staticRoutes } from './http/static-routes.js';
import { legalRoutes } from './legal/routes.js';
// --- e-mails (issue #6) ---
import { devMailRoutes } from './mail/dev-routes.js';
import { ficheRoutes } from './mail/fiche-routes.js';
// --- end e-mails ---
import { ForbiddenRequestPage, NotFoundPage, PayloadTooLargePage, OverloadedPage, ServerErrorPage, ServiceUnavailablePage } from '../views/error-page.js';

export const MAX_FORM_BYTES = 100 * 1024;

export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.use(async (c, next) => {
    c.set('deps', deps);
    c.set('user', null);
    c.set('sessionId', null);
    await next();
  });
  if (deps.config.logRequests) app.use(requestLog());
  app.use(securityHeaders({ https: deps.config.secureCookies, formActionOrigins: federationFormActionOrigins(deps.config) }));

  // Served before sessions, compression and ETags: static files are precompressed and immutable.
  app.route('/', staticRoutes(deps.assets));
  app.get('/healthz', (c) => c.text('ok', 200, { 'Cache-Control': 'no-store' }));
  app.get('/readyz', async (c) =>
    (await isDatabaseReady(deps.db))
      ? c.text('ok', 200, { 'Cache-Control': 'no-store' })
      : c.text('base de données indisponible', 503, { 'Cache-Control': 'no-store' }),
  );

  // Beyond what this container serves at once and a bounded queue: a fast 503, not a timeout.
  const admission = createAdmission(deps.config.admission);
  app.use(
    admission.middleware((c) => {
      c.header('Retry-After', String(RETRY_AFTER_SECONDS));
      return renderPage(c, { title: 'Service très sollicité', status: 503 }, <OverloadedPage wasWrite={c.req.method === 'POST'} />);
    }),
  );

  app.use(compressPages());
  app.use(etagForCacheable());
  const formBodyLimit = bodyLimit({
    maxSize: MAX_FORM_BYTES,
    onError: (c) => {
      throw new HTTPException(413, { res: c.text('Payload Too Large', 413) });
    },
  });
  // The school's CSV upload has its own, larger limit (src/etablissement/import-routes.tsx).
  app.use((c, next) => (c.req.path === '/etablissement/import' ? next() : formBodyLimit(c, next)));
  app.use(
    csrf({
      // Behind a TLS proxy the request URL says http:// while the browser says https://: the public origin is accepted too.
      origin: (origin, c) => origin === deps.config.publicOrigin || origin === new URL(c.req.url).origin,
    }),
  );
  app.use(loadSession());
  app.use(requireNewPasswordFirst());
  app.use(readOnlyMode());

  app.get('/', (c) => {
    const user = c.get('user');
    return c.redirect(user ? homePath(user) : '/connexion', 303);
  });
  app.route('/', authRoutes());
  app.route('/', activationRoutes());
  app.route('/', recoveryRoutes());
  app.route('/', federationRoutes());
  app.route('/', familleRoutes());
  app.route('/', etablissementRoutes());
  app.route('/', academieRoutes());
  app.route('/', legalRoutes());
  // --- e-mails (issue #6): « Fiche de renseignements », and the outbox shown outside production ---
  app.route('/', ficheRoutes());
  if (deps.config.env !== 'production') app.route('/', devMailRoutes());
  // --- end e-mails ---

  app.notFound((c) => renderPage(c, { title: 'Page introuvable', status: 404 }, <NotFoundPage />));

  app.onError((error, c) => {
    if (error instanceof HTTPException && error.status === 403) {
      return renderPage(c, { title: 'Demande refusée', status: 403 }, <ForbiddenRequestPage />);
    }
    if (error instanceof HTTPException && error.status === 413) {
      return renderPage(c, { title: 'Envoi trop volumineux', status: 413 }, <PayloadTooLargePage />);
    }
    if (isDatabaseUnavailable(error)) {
      console.error(JSON.stringify({ time: new Date().toISOString(), level: 'warn', path: c.req.path, message: 'base de données injoignable', error: String(error) }));
      c.header('Retry-After', String(RETRY_AFTER_SECONDS));
      return renderPage(c, { title: 'Service momentanément indisponible', status: 503 }, <ServiceUnavailablePage wasWrite={c.req.method === 'POST'} />);
    }
    console.error(JSON.stringify({ time: new Date().toISOString(), level: 'error', path: c.req.path, error: String(error?.stack ?? error) }));
    return renderPage(c, { title: 'Erreur du service', status: 500 }, <ServerErrorPage />);
  });

  return app;
}
