import { Hono, type Context } from 'hono';
import type { Kysely } from 'kysely';
import { issueProvisionalAccount, newProvisionalCredentials } from '../accounts/provisional-accounts.js';
import { requireRole } from '../auth/middleware.js';
import type { AppEnv } from '../context.js';
import type { Database } from '../db/schema.js';
import type { Actor, FamilyMember } from '../domain/actor.js';
import { trackLabel, tracksForLevel, type TrackCode } from '../domain/catalogue.js';
import { formatDate, formatDateTime, instantFromLocal, parseIsoDate, toDateInputValue } from '../domain/dates.js';
import {
  acceptableTracks,
  acknowledgeOpinions,
  answerProposals,
  fileStage,
  giveAccord,
  giveDisagreement,
  OPINION_LABELS,
  PROPOSAL_ANSWER_LABELS,
  recordAppeal,
  recordCommissionDecision,
  recordHeadDecision,
  recordInterview,
  recordMaintien,
  transitionRefusal,
  type FileStage,
  type PupilFile,
  type TransitionName,
  type TransitionResult,
} from '../domain/file.js';
import { summarizeWish } from '../domain/wishes.js';
import type { FieldError } from '../../views/components/error-summary.js';
import { pupilTimeline, recordHistory } from '../history/history.js';
import { renderPage } from '../http/render.js';
import { mailsFor } from '../mail/effects.js';
import { applyTransition } from '../pupil-file/apply.js';
import { loadPupilFile, type StoredFile } from '../pupil-file/load.js';
import { registerWishEditor, type EditorAccess } from '../pupil-file/wish-editor.js';
import { PupilFilePage, type StaffWish } from '../../views/etablissement/pupil-file-page.js';
import { asStaffUser, staffActor, staffHistoryActor } from './staff-actor.js';

const STAGE_LABELS: Record<FileStage, string> = {
  awaitingIntentions: 'intentions à saisir',
  intentionsValidated: 'intentions validées',
  intentionsClosed: 'saisie des intentions close',
  opinionsPublished: 'avis provisoire publié, accusé de réception attendu',
  awaitingChoices: 'choix définitifs à saisir',
  choicesValidated: 'choix définitifs validés',
  choicesClosed: 'saisie des choix définitifs close',
  proposalsPublished: 'propositions publiées, réponse attendue',
  awaitingAccord: 'réponse donnée, accord du second représentant attendu',
  decided: 'décision d’orientation',
  dialogue: 'en dialogue : entretien à mener',
  interviewed: 'en dialogue : décision du chef d’établissement attendue',
  headDecided: 'décision du chef d’établissement',
  appealed: 'appel en cours',
  commissionDecided: 'décision de la commission d’appel',
  maintained: 'maintien',
};

const MAX_TEXT = 4000;
const labels = (tracks: readonly TrackCode[]) => tracks.map(trackLabel).join(', ');

type StaffContext = { user: ReturnType<typeof asStaffUser>; staff: ReturnType<typeof asStaffUser>['staff'] };

function staffOf(c: Context<AppEnv>): StaffContext {
  const user = asStaffUser(c.get('user'));
  return { user, staff: user.staff };
}

/** The pupil's file, only when the pupil is in the staff member's school. */
async function ownPupilFile(db: Kysely<Database>, schoolId: number, raw: string): Promise<StoredFile | undefined> {
  if (!/^[1-9][0-9]{0,9}$/.test(raw)) return undefined;
  const pupil = await db.selectFrom('pupil').select('id').where('id', '=', Number(raw)).where('school_id', '=', schoolId).executeTakeFirst();
  return pupil ? loadPupilFile(db, pupil.id) : undefined;
}

function wishesOf(stored: StoredFile, phase: 'provisional' | 'final'): StaffWish[] {
  const { file, offer } = stored;
  const byRank = phase === 'provisional' ? file.provisional.opinions?.byRank.map((r) => ({ rank: r.rank, label: OPINION_LABELS[r.opinion] })) : file.final.proposals?.byRank.map((r) => ({ rank: r.rank, label: PROPOSAL_ANSWER_LABELS[r.answer] }));
  return file[phase].wishes.map((wish) => {
    const summary = summarizeWish(wish, offer);
    return { rank: wish.rank, title: summary.title, lines: [...summary.lines], answer: byRank?.find((r) => r.rank === wish.rank)?.label ?? null };
  });
}

function outcomeLines(file: PupilFile, timeZone: string): string[] {
  const { outcome } = file;
  const lines: string[] = [];
  if (outcome.decision) lines.push(`Décision d’orientation le ${formatDate(outcome.decision.at, timeZone)} : ${labels(outcome.decision.tracks)}.`);
  if (outcome.dialogue) lines.push(`En dialogue depuis le ${formatDate(outcome.dialogue.at, timeZone)}.`);
  if (outcome.interview) lines.push(`Entretien le ${formatDate(outcome.interview.at, timeZone)} : ${outcome.interview.notes}`);
  if (outcome.headDecision) {
    lines.push(
      `Décision du chef d’établissement le ${formatDate(outcome.headDecision.at, timeZone)} : ${labels(outcome.headDecision.tracks)}` +
        `${outcome.headDecision.motivations ? ` — motivations : ${outcome.headDecision.motivations}` : ''}. Appel possible jusqu’au ${formatDateTime(outcome.headDecision.appealDeadline, timeZone)}.`,
    );
  }
  if (outcome.appeal) lines.push(`Appel déposé le ${formatDate(outcome.appeal.lodgedAt, timeZone)}.`);
  if (outcome.commissionDecision) lines.push(`Décision de la commission d’appel le ${formatDate(outcome.commissionDecision.at, timeZone)} : ${labels(outcome.commissionDecision.tracks)}.`);
  if (outcome.maintainedAt) lines.push(`Maintien enregistré le ${formatDate(outcome.maintainedAt, timeZone)}.`);
  return lines;
}

/** Who signs a paper list: the adult pupil, otherwise the first legal representative. */
function paperSignerOf(stored: StoredFile): { member: FamilyMember; name: string } | null {
  if (stored.file.pupilIsAdult) return { member: { kind: 'pupil', id: stored.pupil.id }, name: `${stored.pupil.firstName} ${stored.pupil.lastName}` };
  const first = stored.representatives[0];
  return first ? { member: { kind: 'representative', id: first.id }, name: `${first.firstName} ${first.lastName}` } : null;
}

/** The family's list editor, opened by the school to copy a paper form (intentions or choix définitifs). */
const PAPER_EDITOR_ACCESS: EditorAccess = {
  prefix: '/etablissement/eleves/:pupilId',
  guard: requireRole('staff'),
  open: async (c) => {
    const { user } = staffOf(c);
    const stored = await ownPupilFile(c.get('deps').db, user.staff.schoolId, c.req.param('pupilId') ?? '');
    if (!stored) return c.notFound();
    const signer = paperSignerOf(stored);
    if (!signer) return c.notFound();
    return {
      stored,
      actor: staffActor(user, signer.member),
      member: signer.member,
      history: staffHistoryActor(user, signer.name),
      viewer: 'representative',
      accountId: user.accountId,
      basePath: `/etablissement/eleves/${stored.pupil.id}`,
      now: c.get('deps').now(),
      paperSigner: signer.name,
    };
  },
};

async function formOf(request: Request): Promise<FormData> {
  return request.formData().catch(() => new FormData());
}

export function pupilRoutes() {
  const app = new Hono<AppEnv>();
  const base = '/etablissement/eleves/:pupilId';

  async function page(c: Context<AppEnv>, stored: StoredFile, extra: { errors?: FieldError[]; issued?: { name: string; login: string; password: string }; status?: 200 | 422 } = {}) {
    const { db, now } = c.get('deps');
    const context = staffOf(c);
    const { file } = stored;
    const at = now();
    const timeZone = file.campaign.timeZone;
    const representative1 = stored.representatives[0];
    const paper = representative1 ? staffActor(context.user, { kind: 'representative', id: representative1.id }) : staffActor(context.user);
    const listSigner = paperSignerOf(stored);
    const listActor = listSigner ? staffActor(context.user, listSigner.member) : staffActor(context.user);
    const allowed = (name: TransitionName, actor: Actor = staffActor(context.user)) => transitionRefusal(name, file, actor, at) === null;
    const otherRepresentative = stored.representatives.find((r) => file.final.respondedBy?.kind !== 'representative' || r.id !== file.final.respondedBy.id);
    const levelTracks = tracksForLevel(file.campaign.level).map((track) => ({ code: track.code as string, label: trackLabel(track.code) }));
    const accounts = await db
      .selectFrom('user_account')
      .select(['representative_id', 'login'])
      .where('representative_id', 'in', stored.representatives.length > 0 ? stored.representatives.map((r) => r.id) : [0])
      .execute();
    const pupilRow = await db.selectFrom('pupil').select('is_adult').where('id', '=', stored.pupil.id).executeTakeFirstOrThrow();
    const notices: Record<string, string> = { enregistre: 'La saisie a été enregistrée et ajoutée à l’historique.', majeur: 'La situation de l’élève a été mise à jour.' };
    const noticeKey = Object.keys(notices).find((key) => c.req.query(key) !== undefined);

    return renderPage(
      c,
      { title: `Dossier de ${stored.pupil.firstName} ${stored.pupil.lastName}`, hasErrors: (extra.errors ?? []).length > 0, status: extra.status ?? 200 },
      <PupilFilePage
        pupil={{ id: stored.pupil.id, name: `${stored.pupil.firstName} ${stored.pupil.lastName}`, division: stored.pupil.divisionName, isAdult: pupilRow.is_adult }}
        stageLabel={STAGE_LABELS[fileStage(file)]}
        representatives={stored.representatives.map((r) => ({
          id: r.id,
          position: r.position,
          name: `${r.firstName} ${r.lastName}`,
          email: r.email,
          login: accounts.find((account) => account.representative_id === r.id)?.login ?? null,
        }))}
        intentions={wishesOf(stored, 'provisional')}
        intentionsInfo={file.provisional.validatedAt ? `Intentions validées le ${formatDateTime(file.provisional.validatedAt, timeZone)}.` : 'Aucune intention validée.'}
        opinionsInfo={
          file.provisional.publishedAt
            ? `Avis publié le ${formatDate(file.provisional.publishedAt, timeZone)}${file.provisional.acknowledgedAt ? `, accusé de réception le ${formatDate(file.provisional.acknowledgedAt, timeZone)}` : ', accusé de réception attendu'}.`
            : 'Avis provisoire non publié.'
        }
        choices={wishesOf(stored, 'final')}
        choicesInfo={file.final.validatedAt ? `Choix définitifs validés le ${formatDateTime(file.final.validatedAt, timeZone)}.` : 'Aucun choix définitif validé.'}
        proposalsInfo={
          file.final.proposals?.proposedTracks.length
            ? `Voies proposées par le conseil : ${labels(file.final.proposals.proposedTracks)}.`
            : file.final.publishedAt
              ? `Propositions publiées le ${formatDate(file.final.publishedAt, timeZone)}.`
              : 'Propositions non publiées.'
        }
        responseInfo={
          file.final.response
            ? file.final.response.kind === 'accepted'
              ? `Réponse de la famille : accepte ${labels(file.final.response.tracks)}.`
              : 'Réponse de la famille : n’accepte aucune proposition.'
            : 'Pas de réponse de la famille.'
        }
        outcomeLines={outcomeLines(file, timeZone)}
        timeline={await pupilTimeline(db, stored.pupil.id, timeZone)}
        actions={{
          intentions: !!listSigner && allowed('validateIntentions', listActor),
          choices: !!listSigner && allowed('validateChoices', listActor),
          acknowledge: !!representative1 && allowed('acknowledgeOpinions', paper),
          answer: representative1 && allowed('answerProposals', paper) ? { tracks: acceptableTracks(file).map((code) => ({ code, label: trackLabel(code) })) } : null,
          accord: !!otherRepresentative && allowed('giveAccord', staffActor(context.user, { kind: 'representative', id: otherRepresentative.id })),
          interview: allowed('recordInterview'),
          headDecision: allowed('recordHeadDecision', { ...staffActor(context.user), role: 'head' } as Actor) ? { tracks: levelTracks } : null,
          appeal: allowed('recordAppeal') && file.outcome.headDecision ? { deadline: formatDateTime(file.outcome.headDecision.appealDeadline, timeZone) } : null,
          commission: allowed('recordCommissionDecision') ? { tracks: levelTracks } : null,
          maintien: allowed('recordMaintien'),
        }}
        isHead={context.staff.role === 'head'}
        errors={extra.errors ?? []}
        notice={noticeKey ? notices[noticeKey] : undefined}
        issued={extra.issued}
      />,
    );
  }

  registerWishEditor(app, 'provisional', PAPER_EDITOR_ACCESS);
  registerWishEditor(app, 'final', PAPER_EDITOR_ACCESS);

  app.get(base, requireRole('staff'), async (c) => {
    const stored = await ownPupilFile(c.get('deps').db, staffOf(c).staff.schoolId, c.req.param('pupilId'));
    return stored ? page(c, stored) : c.notFound();
  });

  /** A school entry on a pupil's file: checked by the procedure's rules, recorded in the history. */
  function schoolEntry(
    path: string,
    build: (input: { form: FormData; stored: StoredFile; context: StaffContext; at: Date }) => { errors: FieldError[] } | { name: TransitionName; onBehalfOf?: { member: FamilyMember; name: string }; transition: (file: PupilFile, actor: Actor, at: Date) => TransitionResult },
  ) {
    app.post(`${base}/${path}`, requireRole('staff'), async (c) => {
      const { db, now } = c.get('deps');
      const context = staffOf(c);
      const stored = await ownPupilFile(db, context.staff.schoolId, c.req.param('pupilId'));
      if (!stored) return c.notFound();
      const at = now();
      const entry = build({ form: await formOf(c.req.raw), stored, context, at });
      if ('errors' in entry) return page(c, stored, { errors: entry.errors, status: 422 });
      const actor = staffActor(context.user, entry.onBehalfOf?.member);
      const result = await applyTransition(db, {
        pupilId: stored.pupil.id,
        stored,
        name: entry.name,
        actor: staffHistoryActor(context.user, entry.onBehalfOf?.name),
        at,
        transition: (file) => entry.transition(file, actor, at),
        alongside: mailsFor(entry.name, c.get('deps').config.publicOrigin, at),
      });
      if (!result.ok) return page(c, (await loadPupilFile(db, stored.pupil.id))!, { errors: [{ field: 'erreurs', message: result.reason }], status: 422 });
      return c.redirect(`/etablissement/eleves/${stored.pupil.id}?enregistre`, 303);
    });
  }

  const signer = (form: FormData, stored: StoredFile) => {
    const id = Number(form.get('representant'));
    const representative = stored.representatives.find((r) => r.id === id);
    return representative ? { member: { kind: 'representative' as const, id: representative.id }, name: `${representative.firstName} ${representative.lastName}` } : null;
  };
  const chosenTracks = (form: FormData, allowed: readonly string[]) =>
    form.getAll('voies').filter((value): value is TrackCode => typeof value === 'string' && allowed.includes(value));

  schoolEntry('accuse-reception', ({ form, stored }) => {
    const onBehalfOf = signer(form, stored);
    if (!onBehalfOf) return { errors: [{ field: 'representant-accuse', message: 'Choisissez le représentant légal qui a signé le formulaire.' }] };
    return { name: 'acknowledgeOpinions', onBehalfOf, transition: acknowledgeOpinions };
  });

  schoolEntry('reponse', ({ form, stored }) => {
    const onBehalfOf = signer(form, stored);
    if (!onBehalfOf) return { errors: [{ field: 'representant-reponse', message: 'Choisissez le représentant légal qui a signé le formulaire.' }] };
    const tracks = chosenTracks(form, acceptableTracks(stored.file));
    const refuseAll = form.get('aucune') === 'oui';
    if (refuseAll === tracks.length > 0) {
      return { errors: [{ field: 'voies-0', message: 'Cochez les voies acceptées, ou « N’accepter aucune proposition », mais pas les deux.' }] };
    }
    return { name: 'answerProposals', onBehalfOf, transition: (file, actor, at) => answerProposals(file, actor, at, refuseAll ? { kind: 'refused' } : { kind: 'accepted', tracks }) };
  });

  schoolEntry('accord', ({ form, stored }) => {
    const onBehalfOf = signer(form, stored);
    if (!onBehalfOf) return { errors: [{ field: 'representant-accord', message: 'Choisissez le représentant légal qui a signé le formulaire.' }] };
    return form.get('accord') === 'non'
      ? { name: 'giveDisagreement', onBehalfOf, transition: giveDisagreement }
      : { name: 'giveAccord', onBehalfOf, transition: giveAccord };
  });

  schoolEntry('entretien', ({ form }) => {
    const notes = String(form.get('compte_rendu') ?? '').trim();
    if (notes === '') return { errors: [{ field: 'compte-rendu', message: 'Saisissez le compte rendu de l’entretien.' }] };
    if (notes.length > MAX_TEXT) return { errors: [{ field: 'compte-rendu', message: `Le compte rendu ne doit pas dépasser ${MAX_TEXT} caractères.` }] };
    return { name: 'recordInterview', transition: (file, actor, at) => recordInterview(file, actor, at, { notes }) };
  });

  schoolEntry('decision', ({ form, stored }) => {
    const tracks = chosenTracks(form, tracksForLevel(stored.file.campaign.level).map((track) => track.code));
    const motivations = String(form.get('motivations') ?? '').trim();
    if (tracks.length === 0) return { errors: [{ field: 'voies-0', message: 'Choisissez la ou les voies décidées.' }] };
    if (motivations.length > MAX_TEXT) return { errors: [{ field: 'motivations', message: `Les motivations ne doivent pas dépasser ${MAX_TEXT} caractères.` }] };
    return { name: 'recordHeadDecision', transition: (file, actor, at) => recordHeadDecision(file, actor, at, { tracks, motivations }) };
  });

  schoolEntry('appel', ({ form, stored, at }) => {
    const raw = String(form.get('date_appel') ?? '');
    const day = parseIsoDate(raw);
    if (!day) return { errors: [{ field: 'date-appel', message: 'Saisissez la date de dépôt de l’appel (JJ/MM/AAAA).' }] };
    // A paper date has no time: an appeal lodged today is lodged now, another day at noon.
    const timeZone = stored.file.campaign.timeZone;
    const lodgedAt = raw === toDateInputValue(at, timeZone) ? at : instantFromLocal({ ...day, hour: 12, minute: 0 }, timeZone);
    return { name: 'recordAppeal', transition: (file, actor, at) => recordAppeal(file, actor, at, { lodgedAt }) };
  });

  schoolEntry('commission', ({ form, stored }) => {
    const tracks = chosenTracks(form, tracksForLevel(stored.file.campaign.level).map((track) => track.code));
    if (tracks.length === 0) return { errors: [{ field: 'voies-0', message: 'Choisissez la ou les voies décidées par la commission.' }] };
    return { name: 'recordCommissionDecision', transition: (file, actor, at) => recordCommissionDecision(file, actor, at, { tracks }) };
  });

  schoolEntry('maintien', () => ({ name: 'recordMaintien', transition: recordMaintien }));

  app.post(`${base}/majeur`, requireRole('staff'), async (c) => {
    const { db } = c.get('deps');
    const context = staffOf(c);
    const stored = await ownPupilFile(db, context.staff.schoolId, c.req.param('pupilId'));
    if (!stored) return c.notFound();
    const form = await formOf(c.req.raw);
    const adult = form.get('majeur') === 'oui';
    const at = c.get('deps').now();
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('pupil').set({ is_adult: adult, updated_at: at }).where('id', '=', stored.pupil.id).execute();
      await recordHistory(trx, { pupilId: stored.pupil.id, fileId: stored.fileId, at, actor: staffHistoryActor(context.user), action: adult ? 'flagAdult' : 'unflagAdult' });
    });
    return c.redirect(`/etablissement/eleves/${stored.pupil.id}?majeur`, 303);
  });

  app.post(`${base}/mot-de-passe`, requireRole('staff'), async (c) => {
    const { db } = c.get('deps');
    const context = staffOf(c);
    const stored = await ownPupilFile(db, context.staff.schoolId, c.req.param('pupilId'));
    if (!stored) return c.notFound();
    const form = await formOf(c.req.raw);
    const representative = stored.representatives.find((r) => r.id === Number(form.get('representant')));
    if (!representative) return c.notFound();
    const credentials = await newProvisionalCredentials();
    const at = c.get('deps').now();
    const issued = await db.transaction().execute(async (trx) => {
      const account = await issueProvisionalAccount(trx, { firstName: representative.firstName, lastName: representative.lastName, owner: { role: 'representative', representativeId: representative.id } }, credentials);
      await recordHistory(trx, {
        pupilId: stored.pupil.id,
        fileId: stored.fileId,
        at,
        actor: staffHistoryActor(context.user),
        action: 'issueProvisionalPassword',
        after: { representative: `${representative.firstName} ${representative.lastName}` },
      });
      return account;
    });
    return page(c, (await loadPupilFile(db, stored.pupil.id))!, { issued: { name: `${representative.firstName} ${representative.lastName}`, login: issued.login, password: issued.password } });
  });

  return app;
}
