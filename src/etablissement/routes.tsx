import { Hono } from 'hono';
import { requireRole } from '../auth/middleware.js';
import type { AppEnv } from '../context.js';
import { renderPage } from '../http/render.js';
import { SchoolHomePage } from '../../views/etablissement/school-home-page.js';
import { schoolOverview } from './queries.js';

export function etablissementRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/etablissement', requireRole('staff'), async (c) => {
    const staff = c.get('user')!.staff!;
    const overview = await schoolOverview(c.get('deps').db, staff.schoolId);
    if (!overview) return c.notFound();
    return renderPage(
      c,
      { title: overview.school.name },
      <SchoolHomePage school={overview.school} staffRole={staff.role} divisions={overview.divisions} />,
    );
  });

  return app;
}
