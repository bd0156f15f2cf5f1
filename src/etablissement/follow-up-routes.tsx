import { Hono } from 'hono';
import { requireRole } from '../auth/middleware.js';
import type { AppEnv } from '../context.js';
import { formatDate } from '../domain/dates.js';
import { renderPage } from '../http/render.js';
import { FollowUpPage } from '../../views/etablissement/follow-up-page.js';
import { divisionFollowUp, type FollowUpRow } from './queries.js';

const DIALOGUE = ['dialogue', 'interviewed', 'headDecided', 'appealed', 'commissionDecided', 'maintained'];

const FILTERS: Array<{ value: string; label: string; keep: (row: FollowUpRow) => boolean }> = [
  { value: 'tous', label: 'Tous les élèves', keep: () => true },
  { value: 'sans-intentions', label: 'Intentions non validées', keep: (row) => !row.intentionsValidatedAt },
  { value: 'sans-accuse', label: 'Sans accusé de réception', keep: (row) => !row.acknowledgedAt },
  { value: 'sans-choix', label: 'Choix définitifs non validés', keep: (row) => !row.choicesValidatedAt },
  { value: 'sans-reponse', label: 'Sans réponse aux propositions', keep: (row) => row.finalStatus === 'published' },
  { value: 'accord-attendu', label: 'Accord du second représentant attendu', keep: (row) => row.accordStatus === 'pending' },
  { value: 'decision', label: 'Décision d’orientation prise', keep: (row) => row.outcomeStatus === 'decided' },
  { value: 'dialogue', label: 'En dialogue', keep: (row) => DIALOGUE.includes(row.outcomeStatus ?? '') },
  { value: 'sans-compte', label: 'Un représentant sans compte', keep: (row) => row.representatives.some((r) => !r.hasAccount) },
  { value: 'sans-adresse', label: 'Un représentant sans adresse électronique', keep: (row) => row.representatives.some((r) => !r.hasEmail) },
];

const STAGES: Record<string, string> = {
  decided: 'décision',
  dialogue: 'en dialogue',
  interviewed: 'en dialogue (entretien fait)',
  headDecided: 'décision du chef d’établissement',
  appealed: 'appel',
  commissionDecided: 'décision de la commission',
  maintained: 'maintien',
};

export function followUpRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/etablissement/divisions/:divisionId{[1-9][0-9]{0,9}}/suivi', requireRole('staff'), async (c) => {
    const { db } = c.get('deps');
    const staff = c.get('user')!.staff!;
    const division = await db
      .selectFrom('division as d')
      .innerJoin('campaign as c', (join) => join.onRef('c.school_id', '=', 'd.school_id').onRef('c.level', '=', 'd.level').onRef('c.school_year', '=', 'd.school_year'))
      .innerJoin('school as s', 's.id', 'd.school_id')
      .innerJoin('academy as a', 'a.id', 's.academy_id')
      .select(['d.id', 'd.name', 'c.id as campaignId', 'a.time_zone as timeZone'])
      .where('d.id', '=', Number(c.req.param('divisionId')))
      .where('d.school_id', '=', staff.schoolId)
      .executeTakeFirst();
    if (!division) return c.notFound();
    const filter = FILTERS.find((f) => f.value === c.req.query('filtre')) ?? FILTERS[0]!;
    const rows = await divisionFollowUp(db, { campaignId: division.campaignId, divisionId: division.id });
    const date = (instant: Date | null) => (instant ? `validé le ${formatDate(new Date(instant), division.timeZone)}` : 'non');
    return renderPage(
      c,
      { title: `Suivi des familles — ${division.name}` },
      <FollowUpPage
        divisionId={division.id}
        divisionName={division.name}
        filters={FILTERS}
        filter={filter.value}
        total={rows.length}
        pupils={rows.filter(filter.keep).map((row) => ({
          pupilId: row.pupilId,
          name: `${row.lastName} ${row.firstName}`,
          intentions: date(row.intentionsValidatedAt),
          acknowledgement: row.acknowledgedAt ? `le ${formatDate(new Date(row.acknowledgedAt), division.timeZone)}` : 'non',
          choices: date(row.choicesValidatedAt),
          response: row.finalStatus === 'answered' ? 'répondu' : row.finalStatus === 'published' ? 'attendue' : row.finalStatus === 'unanswered' ? 'sans réponse' : '—',
          stage: STAGES[row.outcomeStatus ?? ''] ?? (row.accordStatus === 'pending' ? 'accord attendu' : 'en cours'),
          representatives:
            row.representatives.map((r) => `${r.name}${r.hasAccount ? '' : ' (sans compte)'}${r.hasEmail ? '' : ' (sans adresse)'}`).join(' ; ') || 'aucun',
        }))}
      />,
    );
  });

  return app;
}
