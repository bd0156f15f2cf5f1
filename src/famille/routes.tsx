import { Hono } from 'hono';
import { requireRole } from '../auth/middleware.js';
import type { AppEnv } from '../context.js';
import { renderPage } from '../http/render.js';
import { ChildrenPage } from '../../views/famille/children-page.js';
import { finalRoutes } from './final-routes.js';
import { orientationRoutes } from './orientation-routes.js';
import { childrenOfRepresentative } from './queries.js';

export function familleRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/famille', requireRole('representative'), async (c) => {
    const user = c.get('user')!;
    const children = await childrenOfRepresentative(c.get('deps').db, user.representativeId!);
    return renderPage(c, { title: 'Mes enfants' }, <ChildrenPage pupils={children} />);
  });

  // A child's orientation home, the intentions, the avis provisoire, the récapitulatif; the pupil's own home is /eleve.
  orientationRoutes(app);
  finalRoutes(app);

  return app;
}
