import { Hono } from 'hono';
import { requireRole } from '../auth/middleware.js';
import type { AppEnv } from '../context.js';
import { renderPage } from '../http/render.js';
import { SchoolsPage } from '../../views/academie/schools-page.js';
import { academySchools } from './queries.js';

export function academieRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/academie', requireRole('academy_admin'), async (c) => {
    const schools = await academySchools(c.get('deps').db, c.get('user')!.academyAdminId!);
    return renderPage(c, { title: 'Établissements de l’académie' }, <SchoolsPage schools={schools} />);
  });

  return app;
}
