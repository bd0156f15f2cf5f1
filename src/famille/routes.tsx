import { Hono } from 'hono';
import { requireRole } from '../auth/middleware.js';
import type { AppEnv } from '../context.js';
import { renderPage } from '../http/render.js';
import { ChildPage } from '../../views/famille/child-page.js';
import { ChildrenPage } from '../../views/famille/children-page.js';
import { childOfRepresentative, childrenOfRepresentative, pupilSummary, representativesOfPupil } from './queries.js';

const pupilIdParam = (raw: string): number | null => (/^[1-9][0-9]{0,9}$/.test(raw) ? Number(raw) : null);

export function familleRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/famille', requireRole('representative'), async (c) => {
    const user = c.get('user')!;
    const children = await childrenOfRepresentative(c.get('deps').db, user.representativeId!);
    return renderPage(c, { title: 'Mes enfants' }, <ChildrenPage pupils={children} />);
  });

  app.get('/orientation/:pupilId', requireRole('representative'), async (c) => {
    const user = c.get('user')!;
    const pupilId = pupilIdParam(c.req.param('pupilId'));
    const { db } = c.get('deps');
    const child = pupilId === null ? undefined : await childOfRepresentative(db, user.representativeId!, pupilId);
    if (!child) return c.notFound();
    const representatives = await representativesOfPupil(db, child.pupilId);
    return renderPage(
      c,
      { title: `Orientation de ${child.firstName} ${child.lastName}` },
      <ChildPage child={child} representatives={representatives} viewer="representative" />,
    );
  });

  app.get('/eleve', requireRole('pupil'), async (c) => {
    const user = c.get('user')!;
    const { db } = c.get('deps');
    const child = await pupilSummary(db, user.pupilId!);
    if (!child) return c.notFound();
    const representatives = await representativesOfPupil(db, child.pupilId);
    return renderPage(c, { title: 'Mon orientation' }, <ChildPage child={child} representatives={representatives} viewer="pupil" />);
  });

  return app;
}
