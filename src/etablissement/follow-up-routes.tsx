import { Hono, type Context } from 'hono';
import type { Kysely } from 'kysely';
import { requireRole } from '../auth/middleware.js';
import type { AppEnv } from '../context.js';
import type { Database } from '../db/schema.js';
import { windowStatus, type CampaignWindows } from '../domain/calendar.js';
import { formatDate, formatDateTime, toDateInputValue } from '../domain/dates.js';
import { recordHistory } from '../history/history.js';
import { renderPage } from '../http/render.js';
import { enqueueManualReminder } from '../mail/outbox.js';
import { mailProblemsForSchool } from '../mail/queries.js';
import { loadPupilFile } from '../pupil-file/load.js';
import { FollowUpPage } from '../../views/etablissement/follow-up-page.js';
import { divisionFollowUp, type FollowUpRow } from './queries.js';
import { asStaffUser, staffHistoryActor } from './staff-actor.js';

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

const REMINDABLE = [
  ['intentions', 'la saisie des intentions se termine'],
  ['choices', 'la saisie des choix définitifs se termine'],
  ['response', 'la réponse aux propositions du conseil de classe se termine'],
] as const;

/** The family window open now, if any, and when it closes. */
function openFamilyWindow(windows: CampaignWindows, at: Date) {
  for (const [name, text] of REMINDABLE) {
    const window = windows[name];
    if (windowStatus(window, at) === 'open' && window.closesAt) return { name, text, closesAt: window.closesAt };
  }
  return null;
}

async function divisionOf(db: Kysely<Database>, schoolId: number, raw: string) {
  return db
    .selectFrom('division as d')
    .innerJoin('campaign as c', (join) => join.onRef('c.school_id', '=', 'd.school_id').onRef('c.level', '=', 'd.level').onRef('c.school_year', '=', 'd.school_year'))
    .innerJoin('school as s', 's.id', 'd.school_id')
    .innerJoin('academy as a', 'a.id', 's.academy_id')
    .selectAll('c')
    .select(['d.id as division_id', 'd.name as division_name', 'c.id as campaign_id', 'a.time_zone as time_zone'])
    .where('d.id', '=', Number(raw))
    .where('d.school_id', '=', schoolId)
    .executeTakeFirst();
}

const windowsOf = (row: NonNullable<Awaited<ReturnType<typeof divisionOf>>>): CampaignWindows => ({
  intentions: { opensAt: row.intentions_opens_at, closesAt: row.intentions_closes_at },
  acknowledgement: { opensAt: row.acknowledgement_opens_at, closesAt: row.acknowledgement_closes_at },
  choices: { opensAt: row.choices_opens_at, closesAt: row.choices_closes_at },
  response: { opensAt: row.response_opens_at, closesAt: row.response_closes_at },
});

export function followUpRoutes() {
  const app = new Hono<AppEnv>();
  const path = '/etablissement/divisions/:divisionId{[1-9][0-9]{0,9}}/suivi';

  async function page(c: Context<AppEnv>, extra: { errors?: Array<{ field: string; message: string }>; status?: 200 | 422 } = {}) {
    const { db, now } = c.get('deps');
    const staff = c.get('user')!.staff!;
    const division = await divisionOf(db, staff.schoolId, c.req.param('divisionId')!);
    if (!division) return c.notFound();
    const filter = FILTERS.find((f) => f.value === c.req.query('filtre')) ?? FILTERS[0]!;
    const rows = await divisionFollowUp(db, { campaignId: division.campaign_id, divisionId: division.division_id });
    const date = (instant: Date | null) => (instant ? `validé le ${formatDate(new Date(instant), division.time_zone)}` : 'non');
    const open = openFamilyWindow(windowsOf(division), now());
    const problems = (await mailProblemsForSchool(db, staff.schoolId)).filter((problem) => problem.divisionName === division.division_name);
    const sent = Number.parseInt(c.req.query('relances') ?? '', 10);
    const errors = extra.errors ?? [];
    return renderPage(
      c,
      { title: `Suivi des familles — ${division.division_name}`, hasErrors: errors.length > 0, status: extra.status ?? 200 },
      <FollowUpPage
        errors={errors}
        notice={Number.isInteger(sent) ? `${sent} courriel(s) de relance mis en file d’envoi.` : undefined}
        openWindow={open ? `${open.text} le ${formatDateTime(open.closesAt, division.time_zone)}` : null}
        mailProblems={problems.map((problem) => ({ pupilName: problem.pupilName, representativeName: problem.representativeName, problem: problem.problem, error: problem.error }))}
        divisionId={division.division_id}
        divisionName={division.division_name}
        filters={FILTERS}
        filter={filter.value}
        total={rows.length}
        pupils={rows.filter(filter.keep).map((row) => ({
          pupilId: row.pupilId,
          name: `${row.lastName} ${row.firstName}`,
          intentions: date(row.intentionsValidatedAt),
          acknowledgement: row.acknowledgedAt ? `le ${formatDate(new Date(row.acknowledgedAt), division.time_zone)}` : 'non',
          choices: date(row.choicesValidatedAt),
          response: row.finalStatus === 'answered' ? 'répondu' : row.finalStatus === 'published' ? 'attendue' : row.finalStatus === 'unanswered' ? 'sans réponse' : '—',
          stage: STAGES[row.outcomeStatus ?? ''] ?? (row.accordStatus === 'pending' ? 'accord attendu' : 'en cours'),
          representatives:
            row.representatives.map((r) => `${r.name}${r.hasAccount ? '' : ' (sans compte)'}${r.hasEmail ? '' : ' (sans adresse)'}`).join(' ; ') || 'aucun',
        }))}
      />,
    );
  }

  app.get(path, requireRole('staff'), (c) => page(c));

  app.post(`${path}/relancer`, requireRole('staff'), async (c) => {
    const { db, now, config } = c.get('deps');
    const user = c.get('user')!;
    const staff = user.staff!;
    const division = await divisionOf(db, staff.schoolId, c.req.param('divisionId'));
    if (!division) return c.notFound();
    const at = now();
    const open = openFamilyWindow(windowsOf(division), at);
    if (!open) return page(c, { errors: [{ field: 'filtre', message: 'Aucune saisie des familles n’est ouverte : il n’y a rien à relancer.' }], status: 422 });
    const form = await c.req.raw.formData().catch(() => new FormData());
    const wanted = new Set(form.getAll('eleves').map(String));
    const pupils = (await db.selectFrom('pupil').select(['id', 'first_name', 'last_name']).where('division_id', '=', division.division_id).execute()).filter((pupil) => wanted.has(String(pupil.id)));
    if (pupils.length === 0) return page(c, { errors: [{ field: 'filtre', message: 'Cochez les familles à relancer.' }], status: 422 });
    const day = toDateInputValue(at, division.time_zone);
    let written = 0;
    for (const pupil of pupils) {
      const stored = await loadPupilFile(db, pupil.id);
      if (!stored) continue;
      await db.transaction().execute(async (trx) => {
        const count = await enqueueManualReminder(trx, { stored, window: open.name, closesAt: open.closesAt, at, origin: config.publicOrigin, day });
        if (count === 0) return;
        written += count;
        await recordHistory(trx, {
          pupilId: pupil.id,
          fileId: stored.fileId,
          at,
          actor: staffHistoryActor(asStaffUser(user)),
          action: 'sendReminder',
          after: { window: open.name, recipients: count },
        });
      });
    }
    return c.redirect(`/etablissement/divisions/${division.division_id}/suivi?relances=${written}`, 303);
  });

  return app;
}
