import { Hono, type Context } from 'hono';
import { requireRole } from '../auth/middleware.js';
import type { AppEnv } from '../context.js';
import type { Database } from '../db/schema.js';
import { tracksForLevel, type Level, type TrackCode } from '../domain/catalogue.js';
import { formatDateTime } from '../domain/dates.js';
import {
  publishOpinions,
  publishProposals,
  recordOpinions,
  recordProposals,
  type CouncilOpinions,
  type CouncilProposals,
  type Opinion,
  type ProposalAnswer,
} from '../domain/file.js';
import { summarizeWish, type WishDetails } from '../domain/wishes.js';
import type { FieldError } from '../../views/components/error-summary.js';
import { renderPage } from '../http/render.js';
import { mailsFor } from '../mail/effects.js';
import { applyTransition, applyTransitionIn } from '../pupil-file/apply.js';
import { loadPupilFile } from '../pupil-file/load.js';
import { ConcurrentChangeError } from '../pupil-file/save.js';
import {
  answerField,
  CouncilGridPage,
  CouncilGridRow,
  motivationsField,
  tracksField,
  type CouncilPhase,
  type GridPupil,
  PublishConfirmPage,
} from '../../views/etablissement/council-grid-page.js';
import { divisionGrid, type GridRow } from './queries.js';
import { asStaffUser, staffActor, staffHistoryActor } from './staff-actor.js';

const PHASE_SLUGS: Record<string, CouncilPhase> = { 'avis-provisoires': 'provisional', propositions: 'final' };
const OPINIONS: readonly string[] = ['favorable', 'reserved', 'unfavorable'];
const MAX_MOTIVATIONS = 4000;

function staffActors(c: Context<AppEnv>) {
  const user = asStaffUser(c.get('user'));
  return { staff: user.staff, actor: staffActor(user), history: staffHistoryActor(user) };
}

/** The division and its campaign, only when the division belongs to the staff member's school. */
async function divisionContext(db: import('kysely').Kysely<Database>, schoolId: number, rawDivisionId: string) {
  if (!/^[1-9][0-9]{0,9}$/.test(rawDivisionId)) return undefined;
  return db
    .selectFrom('division as d')
    .innerJoin('campaign as c', (join) =>
      join.onRef('c.school_id', '=', 'd.school_id').onRef('c.level', '=', 'd.level').onRef('c.school_year', '=', 'd.school_year'),
    )
    .innerJoin('school as s', 's.id', 'd.school_id')
    .innerJoin('academy as a', 'a.id', 's.academy_id')
    .select(['d.id as divisionId', 'd.name as divisionName', 'd.level', 'c.id as campaignId', 'a.time_zone as timeZone'])
    .where('d.id', '=', Number(rawDivisionId))
    .where('d.school_id', '=', schoolId)
    .executeTakeFirst();
}

async function gridRows(db: import('kysely').Kysely<Database>, schoolId: number, level: Level, rows: GridRow[], phase: CouncilPhase): Promise<GridPupil[]> {
  const offer = new Set(
    (await db.selectFrom('school_specialty').select('specialty_code').where('school_id', '=', schoolId).execute()).map((row) => row.specialty_code),
  );
  const levelTracks = tracksForLevel(level).map((track) => ({ code: track.code as string, label: track.seriesLabel ? `${track.label} ${track.seriesLabel}` : track.label }));
  return rows.map((row) => {
    const asked = new Set(row.wishes.map((wish) => wish.track));
    return {
      pupilId: row.pupilId,
      name: `${row.lastName} ${row.firstName}`,
      wishes: row.wishes.map((wish) => {
        const summary = summarizeWish({ ...(wish.details as object), track: wish.track } as WishDetails, offer);
        return { rank: wish.rank, title: summary.title, lines: [...summary.lines], vocational: wish.track === 'VPRO' };
      }),
      answers: Object.fromEntries(row.answers.map((answer) => [answer.rank, answer.answer])),
      councilTracks: row.councilTracks,
      motivations: row.motivations,
      otherTracks: levelTracks.filter((track) => !asked.has(track.code) && !(phase === 'final' && track.code === 'VPRO')),
      status: row.status,
    };
  });
}

async function readForm(request: Request): Promise<FormData> {
  return request.formData().catch(() => new FormData());
}

const single = (form: FormData, name: string): string => {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
};

/** The council's entry for one pupil, from the grid's fields, or the errors that stop it. */
function councilEntry(form: FormData, row: GridPupil, phase: CouncilPhase): { errors: FieldError[]; opinions?: CouncilOpinions; proposals?: CouncilProposals } {
  const errors: FieldError[] = [];
  const motivations = single(form, motivationsField(row.pupilId)).trim();
  if (motivations.length > MAX_MOTIVATIONS) {
    errors.push({ field: motivationsField(row.pupilId), message: `Les motivations pour ${row.name} dépassent ${MAX_MOTIVATIONS} caractères.` });
  }
  const byRank = row.wishes.map((wish) => {
    const field = answerField(row.pupilId, wish.rank);
    const value = single(form, field);
    const allowed = phase === 'provisional' ? OPINIONS : wish.vocational ? ['favorable', 'unfavorable'] : ['yes', 'no'];
    if (!allowed.includes(value)) {
      errors.push({ field, message: `Saisissez la réponse du conseil pour le rang ${wish.rank} de ${row.name}.` });
    }
    return { rank: wish.rank, value };
  });
  const allowedTracks = new Set(row.otherTracks.map((track) => track.code));
  const tracks = form.getAll(tracksField(row.pupilId)).filter((value): value is string => typeof value === 'string' && value !== '');
  if (tracks.some((track) => !allowedTracks.has(track))) {
    errors.push({ field: tracksField(row.pupilId), message: `Voie proposée inconnue pour ${row.name}.` });
  }
  if (errors.length > 0) return { errors };
  if (phase === 'provisional') {
    return {
      errors,
      opinions: { byRank: byRank.map((r) => ({ rank: r.rank, opinion: r.value as Opinion })), recommendation: (tracks[0] as TrackCode | undefined) ?? null, motivations },
    };
  }
  return { errors, proposals: { byRank: byRank.map((r) => ({ rank: r.rank, answer: r.value as ProposalAnswer })), proposedTracks: tracks as TrackCode[], motivations } };
}

export function councilRoutes() {
  const app = new Hono<AppEnv>();
  const path = '/etablissement/divisions/:divisionId/conseil/:phase';

  async function page(c: Context<AppEnv>, extra: { errors?: FieldError[]; saved?: number[]; status?: 200 | 409 | 422 } = {}) {
    const { db } = c.get('deps');
    const { staff } = staffActors(c);
    const phase = PHASE_SLUGS[c.req.param('phase') ?? ''];
    const division = await divisionContext(db, staff.schoolId, c.req.param('divisionId') ?? '');
    if (!phase || !division) return c.notFound();
    const rows = await gridRows(db, staff.schoolId, division.level, await divisionGrid(db, { campaignId: division.campaignId, divisionId: division.divisionId, phase }), phase);
    const publication = await db
      .selectFrom('publication')
      .select('published_at')
      .where('campaign_id', '=', division.campaignId)
      .where('division_id', '=', division.divisionId)
      .where('phase', '=', phase)
      .executeTakeFirst();
    const url = `/etablissement/divisions/${division.divisionId}/conseil/${c.req.param('phase')}`;
    const errors = extra.errors ?? [];
    const title = `${phase === 'provisional' ? 'Avis provisoires' : 'Propositions'} du conseil de classe — ${division.divisionName}`;
    return renderPage(
      c,
      { title, hasErrors: errors.length > 0, status: extra.status ?? 200 },
      <CouncilGridPage
        phase={phase}
        divisionName={division.divisionName}
        actionUrl={url}
        publishUrl={`${url}/publier`}
        publishedAt={publication ? formatDateTime(publication.published_at, division.timeZone) : null}
        rows={rows}
        errors={errors}
        savedPupilIds={extra.saved ?? []}
        notice={
          c.req.query('publie') !== undefined
            ? 'Publication effectuée : les familles de la division voient maintenant les réponses du conseil de classe.'
            : c.req.query('enregistre') !== undefined
              ? `${Number(c.req.query('enregistre')) || 0} ligne(s) enregistrée(s).`
              : undefined
        }
      />,
    );
  }

  app.get(path, requireRole('staff'), (c) => page(c));

  app.post(path, requireRole('staff'), async (c) => {
    const { db, now } = c.get('deps');
    const { staff, actor, history } = staffActors(c);
    const phase = PHASE_SLUGS[c.req.param('phase')];
    const division = await divisionContext(db, staff.schoolId, c.req.param('divisionId'));
    if (!phase || !division) return c.notFound();
    const form = await readForm(c.req.raw);
    const all = await gridRows(db, staff.schoolId, division.level, await divisionGrid(db, { campaignId: division.campaignId, divisionId: division.divisionId, phase }), phase);
    const onlyRow = single(form, 'ligne');
    const targets = onlyRow ? all.filter((row) => String(row.pupilId) === onlyRow) : all;
    if (onlyRow && targets.length === 0) return c.notFound();

    const errors: FieldError[] = [];
    const saved: number[] = [];
    const at = now();
    for (const row of targets) {
      const entry = councilEntry(form, row, phase);
      if (entry.errors.length > 0) {
        errors.push(...entry.errors);
        continue;
      }
      const result = await applyTransition(db, {
        pupilId: row.pupilId,
        name: phase === 'provisional' ? 'recordOpinions' : 'recordProposals',
        actor: history,
        at,
        transition: (file) => (entry.opinions ? recordOpinions(file, actor, at, entry.opinions) : recordProposals(file, actor, at, entry.proposals!)),
      });
      if (result.ok) saved.push(row.pupilId);
      else errors.push({ field: answerField(row.pupilId, row.wishes[0]?.rank ?? 1), message: `${row.name} : ${result.reason}` });
    }

    if (c.req.header('HX-Request') && onlyRow) {
      // The row alone, as saved (or with its error), for htmx to swap in place.
      const fresh = (await gridRows(db, staff.schoolId, division.level, await divisionGrid(db, { campaignId: division.campaignId, divisionId: division.divisionId, phase }), phase)).find(
        (row) => String(row.pupilId) === onlyRow,
      )!;
      const url = `/etablissement/divisions/${division.divisionId}/conseil/${c.req.param('phase')}`;
      return c.html(
        (
          <CouncilGridRow row={fresh} phase={phase} actionUrl={url} saved={saved.length === 1} error={errors[0]?.message} />
        ).toString(),
        errors.length > 0 ? 422 : 200,
      );
    }
    if (errors.length > 0) return page(c, { errors, saved, status: 422 });
    return c.redirect(`/etablissement/divisions/${division.divisionId}/conseil/${c.req.param('phase')}?enregistre=${saved.length}`, 303);
  });

  app.post(`${path}/publier`, requireRole('staff'), async (c) => {
    const { db, now } = c.get('deps');
    const { staff, actor, history } = staffActors(c);
    const phase = PHASE_SLUGS[c.req.param('phase')];
    const division = await divisionContext(db, staff.schoolId, c.req.param('divisionId'));
    if (!phase || !division) return c.notFound();
    const at = now();
    const gridUrl = `/etablissement/divisions/${division.divisionId}/conseil/${c.req.param('phase')}`;
    const pupils = await db.selectFrom('pupil').select(['id', 'first_name', 'last_name']).where('division_id', '=', division.divisionId).orderBy('last_name').orderBy('first_name').execute();
    const files = await Promise.all(pupils.map(async (pupil) => ({ pupil, stored: await loadPupilFile(db, pupil.id) })));
    const publish = phase === 'provisional' ? publishOpinions : publishProposals;

    // Every file must be publishable, or nothing is published: the rules say which are not, and why.
    const blocked: Array<{ id: number; name: string; reason: string }> = [];
    for (const { pupil, stored } of files) {
      const check = stored ? publish(stored.file, actor, at) : { ok: false as const, reason: 'Aucune campagne pour cet élève.' };
      if (!check.ok) blocked.push({ id: pupil.id, name: `${pupil.last_name} ${pupil.first_name}`, reason: check.reason });
    }
    if ((await readForm(c.req.raw)).get('confirmation') !== 'oui') {
      return renderPage(
        c,
        { title: `Confirmer la publication — ${division.divisionName}` },
        <PublishConfirmPage phase={phase} divisionName={division.divisionName} gridUrl={gridUrl} publishUrl={`${gridUrl}/publier`} pupilCount={pupils.length} blocked={blocked} />,
      );
    }
    const errors: FieldError[] = blocked.map((pupil) => ({ field: answerField(pupil.id, 1), message: `${pupil.name} : ${pupil.reason}` }));
    if (errors.length > 0) return page(c, { errors, status: 422 });

    try {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('publication')
          .values({ campaign_id: division.campaignId, division_id: division.divisionId, phase, published_at: at, published_by_staff_id: staff.id })
          .execute();
        for (const { pupil, stored } of files) {
          const result = await applyTransitionIn(trx, {
            pupilId: pupil.id,
            stored: stored!,
            name: phase === 'provisional' ? 'publishOpinions' : 'publishProposals',
            actor: history,
            at,
            transition: (file) => publish(file, actor, at),
            alongside: mailsFor(phase === 'provisional' ? 'publishOpinions' : 'publishProposals', c.get('deps').config.publicOrigin, at),
          });
          if (!result.ok) throw new Error(result.reason);
        }
      });
    } catch (error) {
      if (error instanceof ConcurrentChangeError) {
        return page(c, { errors: [{ field: 'erreurs', message: 'Un dossier de la division a été modifié pendant la publication. Rien n’a été publié : réessayez.' }], status: 409 });
      }
      throw error;
    }
    return c.redirect(`/etablissement/divisions/${division.divisionId}/conseil/${c.req.param('phase')}?publie`, 303);
  });

  return app;
}

