import { Hono } from 'hono';
import { requireRole } from '../auth/middleware.js';
import type { AppEnv } from '../context.js';
import { renderPage } from '../http/render.js';
import { schoolJournal } from '../history/school-journal.js';
import { SchoolHomePage } from '../../views/etablissement/school-home-page.js';
import { SchoolJournalPage } from '../../views/etablissement/journal-page.js';
import { accountRoutes } from './account-routes.js';
import { campaignRoutes } from './campaign-routes.js';
import { councilRoutes } from './council-routes.js';
import { exportRoutes } from './export-routes.js';
import { followUpRoutes } from './follow-up-routes.js';
import { importRoutes } from './import-routes.js';
import { pupilRoutes } from './pupil-routes.js';
import { staffRoutes } from './staff-routes.js';
import { dashboardCounts, schoolOverview } from './queries.js';

export function etablissementRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/etablissement', requireRole('staff'), async (c) => {
    const staff = c.get('user')!.staff!;
    const { db } = c.get('deps');
    const overview = await schoolOverview(db, staff.schoolId);
    if (!overview) return c.notFound();
    const campaign = await db
      .selectFrom('campaign')
      .select('id')
      .where('school_id', '=', staff.schoolId)
      .orderBy('school_year', 'desc')
      .executeTakeFirst();
    const counts = campaign ? await dashboardCounts(db, campaign.id) : [];
    return renderPage(
      c,
      { title: overview.school.name },
      <SchoolHomePage school={overview.school} staffRole={staff.role} divisions={overview.divisions} counts={counts} />,
    );
  });

  app.get('/etablissement/journal', requireRole('staff'), async (c) => {
    const staff = c.get('user')!.staff!;
    const { db } = c.get('deps');
    const school = await db
      .selectFrom('school')
      .innerJoin('academy', 'academy.id', 'school.academy_id')
      .select(['school.name', 'academy.time_zone'])
      .where('school.id', '=', staff.schoolId)
      .executeTakeFirstOrThrow();
    const entries = await schoolJournal(db, staff.schoolId, school.time_zone);
    return renderPage(c, { title: `Journal de l’établissement — ${school.name}` }, <SchoolJournalPage schoolName={school.name} entries={entries} />);
  });

  app.route('/', councilRoutes());
  app.route('/', campaignRoutes());
  app.route('/', importRoutes());
  app.route('/', accountRoutes());
  app.route('/', exportRoutes());
  app.route('/', pupilRoutes());
  app.route('/', followUpRoutes());
  app.route('/', staffRoutes());

  return app;
}
