import { Hono } from 'hono';
import type { AppEnv } from '../context.js';
import { renderPage } from '../http/render.js';
import { AccessibilityPage } from '../../views/legal/accessibility-page.js';
import { LegalNoticePage } from '../../views/legal/legal-notice-page.js';
import { PersonalDataPage } from '../../views/legal/personal-data-page.js';

export function legalRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/accessibilite', (c) =>
    renderPage(c, { title: 'Déclaration d’accessibilité' }, <AccessibilityPage academyName={c.get('deps').config.academyName} />),
  );
  app.get('/mentions-legales', (c) =>
    renderPage(c, { title: 'Mentions légales' }, <LegalNoticePage academyName={c.get('deps').config.academyName} />),
  );
  app.get('/donnees-personnelles', (c) => renderPage(c, { title: 'Données personnelles' }, <PersonalDataPage />));
  return app;
}
