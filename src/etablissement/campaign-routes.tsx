import { Hono, type Context } from 'hono';
import type { Kysely, Selectable } from 'kysely';
import { requireRole } from '../auth/middleware.js';
import type { AppEnv } from '../context.js';
import type { CampaignTable, Database } from '../db/schema.js';
import { validateCalendar, windowStatus, type Campaign, type CampaignWindows, type DivisionCouncils, type WindowName } from '../domain/calendar.js';
import { formatDateTime, instantFromLocal, parseLocalDateTime, toDateInputValue, toTimeInputValue } from '../domain/dates.js';
import { authorize } from '../domain/rights.js';
import { levelOfSchool, schoolYearAt } from '../domain/school-year.js';
import { renderPage } from '../http/render.js';
import { mailsFor } from '../mail/effects.js';
import { closeWindowForCampaign, type ClosableWindow } from '../pupil-file/closing.js';
import type { FieldError } from '../../views/components/error-summary.js';
import { recordSchoolEvent } from '../history/school-journal.js';
import { asStaffUser, staffActor, staffHistoryActor } from './staff-actor.js';
import { CampaignPage, NoCampaignPage, campaignFields, WINDOW_LABELS, type CampaignForm, type DateTimeValue, type WindowKey } from '../../views/etablissement/campaign-page.js';

const WINDOWS: WindowKey[] = ['intentions', 'acknowledgement', 'choices', 'response'];
const MAX_MESSAGE = 2000;

type CampaignRow = Selectable<CampaignTable>;
type Division = { id: number; name: string };

/** The campaign of the school year under way at `at`, with what its page needs. */
async function schoolCampaign(db: Kysely<Database>, schoolId: number, at: Date) {
  const school = await db.selectFrom('school').innerJoin('academy', 'academy.id', 'school.academy_id').select(['school.name', 'academy.time_zone']).where('school.id', '=', schoolId).executeTakeFirstOrThrow();
  const campaign = await db
    .selectFrom('campaign')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('school_year', '=', schoolYearAt(at, school.time_zone))
    .executeTakeFirst();
  if (!campaign) return undefined;
  const [divisions, councils] = await Promise.all([
    db
      .selectFrom('division')
      .select(['id', 'name'])
      .where('school_id', '=', schoolId)
      .where('level', '=', campaign.level)
      .where('school_year', '=', campaign.school_year)
      .orderBy('name')
      .execute(),
    db.selectFrom('council_date').selectAll().where('campaign_id', '=', campaign.id).execute(),
  ]);
  return { campaign, schoolName: school.name, timeZone: school.time_zone, divisions, councils };
}

function windowsOf(row: CampaignRow): CampaignWindows {
  return {
    intentions: { opensAt: row.intentions_opens_at, closesAt: row.intentions_closes_at },
    acknowledgement: { opensAt: row.acknowledgement_opens_at, closesAt: row.acknowledgement_closes_at },
    choices: { opensAt: row.choices_opens_at, closesAt: row.choices_closes_at },
    response: { opensAt: row.response_opens_at, closesAt: row.response_closes_at },
  };
}

const windowColumns = (windows: CampaignWindows) => ({
  intentions_opens_at: windows.intentions.opensAt,
  intentions_closes_at: windows.intentions.closesAt,
  acknowledgement_opens_at: windows.acknowledgement.opensAt,
  acknowledgement_closes_at: windows.acknowledgement.closesAt,
  choices_opens_at: windows.choices.opensAt,
  choices_closes_at: windows.choices.closesAt,
  response_opens_at: windows.response.opensAt,
  response_closes_at: windows.response.closesAt,
});

function statusText(window: CampaignWindows[WindowName], at: Date, timeZone: string): string {
  switch (windowStatus(window, at)) {
    case 'unscheduled':
      return 'dates non fixées';
    case 'upcoming':
      return `ouvrira le ${formatDateTime(window.opensAt!, timeZone)}`;
    case 'open':
      return window.closesAt ? `ouverte jusqu’au ${formatDateTime(window.closesAt, timeZone)}` : 'ouverte';
    case 'closed':
      return `close depuis le ${formatDateTime(window.closesAt!, timeZone)}`;
  }
}

const asValue = (instant: Date | null, timeZone: string): DateTimeValue =>
  instant ? { date: toDateInputValue(instant, timeZone), time: toTimeInputValue(instant, timeZone) } : { date: '', time: '' };

function formFromStored(context: NonNullable<Awaited<ReturnType<typeof schoolCampaign>>>, at: Date): CampaignForm {
  const { campaign, timeZone } = context;
  const windows = windowsOf(campaign);
  return {
    windows: Object.fromEntries(
      WINDOWS.map((name) => [name, { opens: asValue(windows[name].opensAt, timeZone), closes: asValue(windows[name].closesAt, timeZone), status: statusText(windows[name], at, timeZone) }]),
    ) as CampaignForm['windows'],
    councils: context.divisions.map((division) => {
      const council = context.councils.find((row) => row.division_id === division.id);
      return { divisionId: division.id, divisionName: division.name, provisional: asValue(council?.provisional_at ?? null, timeZone), final: asValue(council?.final_at ?? null, timeZone) };
    }),
    secondRepresentative: campaign.second_representative,
    pupilAccess: campaign.pupil_access,
    termWording: campaign.term_wording,
    message: campaign.school_message,
  };
}

const CALENDAR_FIELD: Record<string, string> = Object.fromEntries(
  WINDOWS.flatMap((name) => [
    [`${name}.opensAt`, campaignFields.window(name, 'ouverture', 'date')],
    [`${name}.closesAt`, campaignFields.window(name, 'fermeture', 'date')],
  ]),
);
const fieldOfCalendarError = (field: string): string => {
  const council = /^councils\.(\d+)\.(provisional|final)$/.exec(field);
  if (council) return campaignFields.council(Number(council[1]), council[2] === 'final' ? 'definitif' : 'provisoire', 'date');
  return CALENDAR_FIELD[field] ?? 'erreurs';
};

function readInstant(form: FormData, dateName: string, timeName: string, timeZone: string, errors: FieldError[], label: string): { value: DateTimeValue; instant: Date | null } {
  const date = String(form.get(dateName) ?? '').trim().slice(0, 20);
  const time = String(form.get(timeName) ?? '').trim().slice(0, 10);
  const value = { date, time };
  if (date === '' && time === '') return { value, instant: null };
  const local = parseLocalDateTime(date, time === '' ? '23:59' : time);
  if (!local) {
    errors.push({ field: dateName, message: `${label} : saisissez une date (JJ/MM/AAAA) et une heure valides.` });
    return { value, instant: null };
  }
  return { value, instant: instantFromLocal(local, timeZone) };
}

export function campaignRoutes() {
  const app = new Hono<AppEnv>();

  async function render(c: Context<AppEnv>, extra: { errors?: FieldError[]; form?: CampaignForm; status?: 200 | 422 } = {}) {
    const { db, now } = c.get('deps');
    const staff = c.get('user')!.staff!;
    const context = await schoolCampaign(db, staff.schoolId, now());
    if (!context) {
      const school = await db.selectFrom('school').innerJoin('academy', 'academy.id', 'school.academy_id').select(['school.kind', 'academy.time_zone']).where('school.id', '=', staff.schoolId).executeTakeFirstOrThrow();
      return renderPage(
        c,
        { title: 'Campagne d’orientation' },
        <NoCampaignPage level={levelOfSchool(school.kind)} schoolYear={schoolYearAt(now(), school.time_zone)} canManage={mayManage(c).allowed} />,
      );
    }
    const errors = extra.errors ?? [];
    const notices: Record<string, string> = {
      enregistre: 'Le calendrier et les réglages ont été enregistrés.',
      ouvert: 'La période a été ouverte.',
      ferme: 'La période a été fermée : les dossiers concernés ont été clos.',
    };
    const noticeKey = Object.keys(notices).find((key) => c.req.query(key) !== undefined);
    return renderPage(
      c,
      { title: 'Campagne d’orientation', hasErrors: errors.length > 0, status: extra.status ?? 200 },
      <CampaignPage
        schoolName={context.schoolName}
        level={context.campaign.level}
        schoolYear={context.campaign.school_year}
        timeZone={context.timeZone}
        form={extra.form ?? formFromStored(context, now())}
        errors={errors}
        canManage={authorize({ kind: 'staff', staffId: staff.id, schoolId: staff.schoolId, role: staff.role }, { action: 'manageCampaign', schoolId: staff.schoolId }).allowed}
        notice={noticeKey ? notices[noticeKey] : undefined}
      />,
    );
  }

  function mayManage(c: Context<AppEnv>) {
    const staff = c.get('user')!.staff!;
    return authorize({ kind: 'staff', staffId: staff.id, schoolId: staff.schoolId, role: staff.role }, { action: 'manageCampaign', schoolId: staff.schoolId });
  }

  app.get('/etablissement/campagne', requireRole('staff'), (c) => render(c));

  // The campaign of the school year under way, for the school's palier, with no dates yet.
  app.post('/etablissement/campagne/creer', requireRole('staff'), async (c) => {
    if (!mayManage(c).allowed) return c.notFound();
    const { db, now } = c.get('deps');
    const staff = c.get('user')!.staff!;
    const school = await db.selectFrom('school').innerJoin('academy', 'academy.id', 'school.academy_id').select(['school.kind', 'academy.time_zone']).where('school.id', '=', staff.schoolId).executeTakeFirstOrThrow();
    const at = now();
    const schoolYear = schoolYearAt(at, school.time_zone);
    await db.transaction().execute(async (trx) => {
      const created = await trx
        .insertInto('campaign')
        .values({ school_id: staff.schoolId, level: levelOfSchool(school.kind), school_year: schoolYear })
        .onConflict((conflict) => conflict.columns(['school_id', 'level', 'school_year']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (created) {
        await recordSchoolEvent(trx, { schoolId: staff.schoolId, at, actor: staffHistoryActor(asStaffUser(c.get('user'))), action: 'createCampaign', detail: `${schoolYear}-${schoolYear + 1}` });
      }
    });
    return c.redirect('/etablissement/campagne', 303);
  });

  app.post('/etablissement/campagne', requireRole('staff'), async (c) => {
    const permission = mayManage(c);
    if (!permission.allowed) return render(c, { errors: [{ field: 'erreurs', message: permission.reason }], status: 422 });
    const { db, now } = c.get('deps');
    const staff = c.get('user')!.staff!;
    const context = await schoolCampaign(db, staff.schoolId, now());
    if (!context) return render(c);
    const form = await c.req.raw.formData().catch(() => new FormData());
    const errors: FieldError[] = [];
    const tz = context.timeZone;

    const windows = {} as Record<WindowKey, { opensAt: Date | null; closesAt: Date | null }>;
    const formWindows = {} as CampaignForm['windows'];
    for (const name of WINDOWS) {
      const opens = readInstant(form, campaignFields.window(name, 'ouverture', 'date'), campaignFields.window(name, 'ouverture', 'heure'), tz, errors, `${WINDOW_LABELS[name]}, ouverture`);
      const closes = readInstant(form, campaignFields.window(name, 'fermeture', 'date'), campaignFields.window(name, 'fermeture', 'heure'), tz, errors, `${WINDOW_LABELS[name]}, fermeture`);
      windows[name] = { opensAt: opens.instant, closesAt: closes.instant };
      formWindows[name] = { opens: opens.value, closes: closes.value, status: statusText(windows[name], now(), tz) };
    }
    const councils: DivisionCouncils[] = [];
    const formCouncils: CampaignForm['councils'] = [];
    for (const division of context.divisions as Division[]) {
      const provisional = readInstant(form, campaignFields.council(division.id, 'provisoire', 'date'), campaignFields.council(division.id, 'provisoire', 'heure'), tz, errors, `Conseil de ${division.name}`);
      const final = readInstant(form, campaignFields.council(division.id, 'definitif', 'date'), campaignFields.council(division.id, 'definitif', 'heure'), tz, errors, `Conseil de ${division.name}`);
      councils.push({ divisionId: division.id, provisional: provisional.instant, final: final.instant });
      formCouncils.push({ divisionId: division.id, divisionName: division.name, provisional: provisional.value, final: final.value });
    }
    const secondRepresentative = String(form.get('second_representant') ?? '');
    const termWording = String(form.get('decoupage') ?? '');
    const message = String(form.get('message') ?? '').trim();
    if (!['presumed', 'required', 'none'].includes(secondRepresentative)) errors.push({ field: 'second-presumed', message: 'Choisissez la règle d’accord du second représentant légal.' });
    if (!['trimestre', 'semestre'].includes(termWording)) errors.push({ field: 'decoupage-trimestre', message: 'Choisissez le découpage de l’année : trimestres ou semestres.' });
    if (message.length > MAX_MESSAGE) errors.push({ field: 'message', message: `Le message aux familles ne doit pas dépasser ${MAX_MESSAGE} caractères.` });

    const settings = {
      secondRepresentative: (secondRepresentative || 'presumed') as Campaign['settings']['secondRepresentative'],
      pupilAccess: form.get('acces_eleve') === 'oui',
      termWording: (termWording || 'trimestre') as Campaign['settings']['termWording'],
    };
    if (errors.length === 0) {
      for (const problem of validateCalendar({ windows, councils, timeZone: tz, settings })) {
        errors.push({ field: fieldOfCalendarError(problem.field), message: problem.message });
      }
    }
    if (errors.length > 0) {
      const shown: CampaignForm = { windows: formWindows, councils: formCouncils, ...settings, message: message.slice(0, MAX_MESSAGE * 2) };
      return render(c, { errors, form: shown, status: 422 });
    }

    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('campaign')
        .set({
          ...windowColumns(windows),
          second_representative: settings.secondRepresentative,
          pupil_access: settings.pupilAccess,
          term_wording: settings.termWording,
          school_message: message,
          updated_at: now(),
        })
        .where('id', '=', context.campaign.id)
        .execute();
      for (const council of councils) {
        const values = { provisional_at: council.provisional, final_at: council.final };
        await trx
          .insertInto('council_date')
          .values({ campaign_id: context.campaign.id, division_id: council.divisionId, ...values })
          .onConflict((conflict) => conflict.columns(['campaign_id', 'division_id']).doUpdateSet(values))
          .execute();
      }
      await recordSchoolEvent(trx, { schoolId: staff.schoolId, at: now(), actor: staffHistoryActor(asStaffUser(c.get('user'))), action: 'saveCampaign' });
    });
    return c.redirect('/etablissement/campagne?enregistre', 303);
  });

  app.post('/etablissement/campagne/:window/:action{ouvrir|fermer}', requireRole('staff'), async (c) => {
    const name = c.req.param('window') as WindowKey;
    if (!WINDOWS.includes(name)) return c.notFound();
    const permission = mayManage(c);
    if (!permission.allowed) return render(c, { errors: [{ field: 'erreurs', message: permission.reason }], status: 422 });
    const { db, now } = c.get('deps');
    const user = c.get('user')!;
    const staff = user.staff!;
    const context = await schoolCampaign(db, staff.schoolId, now());
    if (!context) return render(c);
    const at = now();
    const windows = windowsOf(context.campaign);
    const current = windows[name];
    const status = windowStatus(current, at);
    const label = WINDOW_LABELS[name];
    const opening = c.req.param('action') === 'ouvrir';

    let next: CampaignWindows;
    if (opening) {
      if (status === 'open') return render(c, { errors: [{ field: 'erreurs', message: `${label} est déjà ouverte.` }], status: 422 });
      if (status === 'closed') return render(c, { errors: [{ field: 'erreurs', message: `${label} est close : elle ne peut pas être rouverte, les dossiers ont été clos.` }], status: 422 });
      next = { ...windows, [name]: { opensAt: at, closesAt: current.closesAt } };
    } else {
      if (status !== 'open') return render(c, { errors: [{ field: 'erreurs', message: `${label} n’est pas ouverte.` }], status: 422 });
      next = { ...windows, [name]: { opensAt: current.opensAt, closesAt: at } };
    }
    const councils = context.councils.map((row) => ({ divisionId: row.division_id, provisional: row.provisional_at, final: row.final_at }));
    const problems = validateCalendar({
      windows: next,
      councils,
      timeZone: context.timeZone,
      settings: { termWording: context.campaign.term_wording },
    });
    if (problems.length > 0) {
      return render(c, { errors: problems.map((problem) => ({ field: fieldOfCalendarError(problem.field), message: problem.message })), status: 422 });
    }
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('campaign').set({ ...windowColumns(next), updated_at: at }).where('id', '=', context.campaign.id).execute();
      await recordSchoolEvent(trx, { schoolId: staff.schoolId, at, actor: staffHistoryActor(asStaffUser(user)), action: opening ? 'openWindow' : 'closeWindow', detail: label });
    });
    if (!opening && name !== 'acknowledgement') {
      await closeWindowForCampaign(db, {
        campaignId: context.campaign.id,
        window: name as ClosableWindow,
        at,
        actor: staffActor(asStaffUser(user)),
        history: staffHistoryActor(asStaffUser(user)),
        alongside: (name) => mailsFor(name, c.get('deps').config.publicOrigin, at),
      });
    }
    return c.redirect(`/etablissement/campagne?${opening ? 'ouvert' : 'ferme'}`, 303);
  });

  return app;
}
