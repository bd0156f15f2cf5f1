import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { requireRole } from '../auth/middleware.js';
import type { AppEnv } from '../context.js';
import { sameMember, type Actor, type FamilyMember } from '../domain/actor.js';
import { trackLabel } from '../domain/catalogue.js';
import { windowStatus } from '../domain/calendar.js';
import { formatDateTime, formatDayMonth } from '../domain/dates.js';
import { CHOICES_INTRO, CHOICES_LINKS, PROPOSALS_WORDING } from '../../views/famille/proposals-wording.js';
import type { FieldError } from '../domain/field-error.js';
import { OPINION_LABELS, TRANSITION_MESSAGES, acknowledgeOpinions, transitionRefusal } from '../domain/file.js';
import { authorize } from '../domain/rights.js';
import type { Phase } from '../domain/wishes.js';
import { pupilTimeline } from '../history/history.js';
import { renderPage, type PageOptions } from '../http/render.js';
import { mailsFor } from '../mail/effects.js';
import { applyTransition } from '../pupil-file/apply.js';
import { loadPupilFile } from '../pupil-file/load.js';
import { ErrorPageMessage } from '../../views/famille/error-message.js';
import { OrientationHome } from '../../views/famille/orientation-home.js';
import type { HomeView, LinkView, OpinionsView, RecapView, Viewer } from '../../views/famille/orientation-types.js';
import { OpinionsPage, OpinionsPanel } from '../../views/famille/opinions-page.js';
import { PHASE_WORDING } from '../../views/famille/phase-wording.js';
import { RecapPage } from '../../views/famille/recap-page.js';
import { calendarViews, memberName, pupilHeader, stepViews, wishViews } from '../pupil-file/present.js';
import { fullName, phaseOf, pupilIdParam, registerWishEditor, respond, type EditorAccess, type FileRequest } from '../pupil-file/wish-editor.js';
import { childOfRepresentative } from './queries.js';

// The family side of a pupil's file: the orientation home, the list editor of each phase (mounted
// from src/pupil-file/wish-editor.tsx with the family's access rule), the avis provisoire and its
// accusé de réception, the printable récapitulatif. One `loadPupilFile` per request; every write
// goes through the domain's rules.

/** The pupil's file if this user may see it; otherwise the response to send (404 reveals nothing, 403 says why). */
export async function openFile(c: Context<AppEnv>, pupilId: number | null): Promise<FileRequest | Response> {
  const user = c.get('user')!;
  const { db, now } = c.get('deps');
  if (pupilId === null) return c.notFound();
  if (user.role === 'pupil' && user.pupilId !== pupilId) return c.notFound();
  const stored = await loadPupilFile(db, pupilId);
  if (!stored) {
    if (user.role === 'representative' && user.representativeId !== null && (await childOfRepresentative(db, user.representativeId, pupilId))) {
      return renderPage(c, { title: 'Orientation' }, <ErrorPageMessage title="Orientation" message="Aucune campagne d’orientation n’est ouverte pour cet élève. Revenez quand l’établissement l’aura ouverte." />);
    }
    return c.notFound();
  }
  let actor: Actor;
  let member: FamilyMember;
  if (user.role === 'representative' && user.representativeId !== null) {
    if (!stored.representatives.some((r) => r.id === user.representativeId)) return c.notFound();
    actor = { kind: 'representative', representativeId: user.representativeId };
    member = { kind: 'representative', id: user.representativeId };
  } else if (user.role === 'pupil' && user.pupilId !== null) {
    actor = { kind: 'pupil', pupilId: user.pupilId, adult: stored.file.pupilIsAdult };
    member = { kind: 'pupil', id: user.pupilId };
  } else {
    return c.notFound();
  }
  const permission = authorize(actor, { action: 'view', file: stored.file });
  if (!permission.allowed) {
    return renderPage(c, { title: 'Accès non ouvert', status: 403 }, <ErrorPageMessage title="Accès non ouvert" message={permission.reason} />);
  }
  const viewer: Viewer = user.role === 'pupil' ? 'pupil' : 'representative';
  return {
    stored,
    actor,
    member,
    history: {
      kind: viewer,
      accountId: user.accountId,
      name: user.displayName,
      role: viewer === 'pupil' ? 'élève majeur' : 'représentant légal',
    },
    viewer,
    accountId: user.accountId,
    basePath: `/orientation/${pupilId}`,
    now: now(),
  };
}

// ——— Home ———


async function homeView(c: Context<AppEnv>, r: FileRequest): Promise<HomeView> {
  const { stored, actor, now, basePath } = r;
  const { file } = stored;
  const { tiles, nowText } = calendarViews(file, now);
  const intentionsPath = `${basePath}/${PHASE_WORDING.provisional.segment}`;
  const canEdit = transitionRefusal('validateIntentions', file, actor, now) === null;
  const canAcknowledge = transitionRefusal('acknowledgeOpinions', file, actor, now) === null;
  const validated = file.provisional.validatedAt !== null;
  const published = file.provisional.status === 'published' || file.provisional.status === 'acknowledged';
  let nextAction: LinkView | null = null;
  let nextText: string | null = null;
  let intro: HomeView['intro'] = null;
  const choicesPath = `${basePath}/${PHASE_WORDING.final.segment}`;
  const final = file.final;
  const proposalsPublished = ['published', 'answered', 'unanswered'].includes(final.status);
  const canChoose = transitionRefusal('validateChoices', file, actor, now) === null;
  const canAnswer = transitionRefusal('answerProposals', file, actor, now) === null;
  const canAgree = transitionRefusal('giveAccord', file, actor, now) === null;
  const settled = file.outcome.status !== 'pending';
  if (r.viewer === 'representative' || file.pupilIsAdult) {
    if (canAnswer) {
      intro = { paragraphs: [PROPOSALS_WORDING.homeLead], bullets: [...PROPOSALS_WORDING.explanation], after: [PROPOSALS_WORDING.vocational, PROPOSALS_WORDING.eitherRepresentative] };
      nextAction = { href: `${basePath}/propositions`, label: 'Je consulte et je réponds aux propositions du conseil de classe' };
    } else if (canAgree) {
      nextAction = { href: `${basePath}/propositions`, label: "Je donne mon accord ou mon désaccord avec la réponse de l'autre représentant légal" };
    } else if (settled) {
      nextAction = { href: `${basePath}/decision`, label: "Je consulte la décision d'orientation" };
    } else if (canChoose) {
      intro = { paragraphs: [CHOICES_INTRO], bullets: [...CHOICES_LINKS], after: [] };
      nextAction = { href: choicesPath, label: "Je formule les choix définitifs d'orientation" };
    } else if (canAcknowledge) {
      // The choix définitifs wait for the accusé de réception: it comes first (seed 002).
      if (windowStatus(file.campaign.windows.choices, now) === 'open') intro = { paragraphs: [CHOICES_INTRO], bullets: [...CHOICES_LINKS], after: [] };
      nextAction = { href: `${basePath}/avis-provisoire`, label: "Consulter l'avis provisoire et en accuser réception" };
    } else if (canEdit && !validated) nextAction = { href: intentionsPath, label: 'Saisir les intentions' };
    else if (canEdit) nextAction = { href: intentionsPath, label: 'Consulter ou modifier les intentions' };
    else if (proposalsPublished) nextAction = { href: `${basePath}/propositions`, label: 'Je consulte les propositions du conseil de classe' };
    else if (final.validatedAt !== null) nextText = 'Les choix définitifs sont validés. Les propositions du conseil de classe seront visibles ici après leur publication.';
    else if (file.provisional.status === 'acknowledged') nextText = "Vous avez accusé réception de l'avis provisoire. La suite se fera lors de la saisie des choix définitifs.";
    else if (validated && !published) nextText = "Les intentions sont validées. L'avis provisoire du conseil de classe sera visible ici après sa publication.";
    else if (!validated) nextText = "Aucune intention n'a été validée. Rien ne peut être saisi en dehors des dates indiquées ci-dessous.";
  } else {
    nextText = 'Le compte élève permet uniquement de consulter les saisies effectuées par le représentant légal.';
  }
  const links: LinkView[] = [{ href: intentionsPath, label: 'Intentions provisoires' }];
  if (published) links.push({ href: `${basePath}/avis-provisoire`, label: "Avis provisoire d'orientation du conseil de classe" });
  if (validated) links.push({ href: `${basePath}/recapitulatif`, label: 'Récapitulatif imprimable des intentions' });
  if (file.provisional.status === 'acknowledged' || final.status !== 'empty') links.push({ href: choicesPath, label: 'Choix définitifs' });
  else if (canAcknowledge && intro) links.push({ href: choicesPath, label: "Je formule les choix définitifs d'orientation" });
  if (final.validatedAt !== null) links.push({ href: `${basePath}/recapitulatif${PHASE_WORDING.final.recapQuery}`, label: 'Récapitulatif imprimable des choix définitifs' });
  if (proposalsPublished) links.push({ href: `${basePath}/propositions`, label: 'Propositions du conseil de classe et réponse' });
  if (settled) links.push({ href: `${basePath}/decision`, label: "Décision d'orientation" });
  const timeline = await pupilTimeline(c.get('deps').db, stored.pupil.id, file.campaign.timeZone);
  return {
    pupil: pupilHeader(stored),
    viewer: r.viewer,
    basePath,
    steps: stepViews(file),
    tiles,
    nowText,
    schoolMessage: stored.schoolMessage,
    intro,
    nextAction,
    nextText,
    links: links.filter((link) => link.href !== nextAction?.href),
    timeline: timeline.map((item) => ({ dateText: item.dateText, sentence: item.sentence })),
    backToChildren: r.viewer === 'representative',
  };
}

const acknowledgeSchema = z.object({ pris_connaissance: z.literal('oui', { error: 'Vous devez cocher la case pour accuser réception de l’avis provisoire.' }) });

export const FAMILY_EDITOR_ACCESS: EditorAccess = {
  prefix: '/orientation/:pupilId',
  guard: requireRole('representative', 'pupil'),
  open: (c) => openFile(c, pupilIdParam(c.req.param('pupilId'))),
};


// ——— Avis provisoire ———

function opinionsView(r: FileRequest, extra: { errors?: FieldError[]; flash?: string | null } = {}): OpinionsView {
  const { stored, actor, now, member } = r;
  const { file } = stored;
  const provisional = file.provisional;
  const published = provisional.status === 'published' || provisional.status === 'acknowledged';
  const opinions = provisional.opinions;
  const items = wishViews(provisional.wishes, stored.offer).map((wish, index) => {
    const rank = [...provisional.wishes].sort((a, b) => a.rank - b.rank)[index]!.rank;
    const opinion = opinions?.byRank.find((entry) => entry.rank === rank)?.opinion;
    return { ...wish, opinion: opinion ? OPINION_LABELS[opinion] : 'Avis non renseigné' };
  });
  const refusal = published ? transitionRefusal('acknowledgeOpinions', file, actor, now) : null;
  let acknowledgedText: string | null = null;
  if (provisional.acknowledgedAt) {
    const day = formatDayMonth(provisional.acknowledgedAt, file.campaign.timeZone);
    acknowledgedText =
      provisional.acknowledgedBy && sameMember(provisional.acknowledgedBy, member)
        ? `Vous avez pris connaissance et accusé réception de l'avis provisoire du conseil de classe le ${day}.`
        : `${memberName(stored, provisional.acknowledgedBy) ?? 'Un représentant légal'} a pris connaissance et accusé réception de l'avis provisoire du conseil de classe le ${day}.`;
  }
  return {
    pupil: pupilHeader(stored),
    basePath: r.basePath,
    published,
    items,
    recommendation: opinions?.recommendation ? trackLabel(opinions.recommendation) : null,
    motivations: opinions?.motivations ?? '',
    acknowledgedText,
    canAcknowledge: published && refusal === null,
    refusal: provisional.status === 'acknowledged' ? null : refusal,
    errors: extra.errors ?? [],
    flash: extra.flash ?? null,
    notice: null,
    steps: stepViews(file),
  };
}

const ACKNOWLEDGE_FIRST_NOTICE = `${TRANSITION_MESSAGES.acknowledgeFirst} Vous pourrez ensuite formuler les choix définitifs.`;

export function orientationRoutes(app: Hono<AppEnv>) {
  const family = requireRole('representative', 'pupil');

  app.get('/orientation/:pupilId', requireRole('representative'), async (c) => {
    const r = await openFile(c, pupilIdParam(c.req.param('pupilId')));
    if (r instanceof Response) return r;
    return renderPage(c, { title: `Orientation de ${fullName(r)}` }, <OrientationHome view={await homeView(c, r)} />);
  });

  app.get('/eleve', requireRole('pupil'), async (c) => {
    const r = await openFile(c, c.get('user')!.pupilId);
    if (r instanceof Response) return r;
    return renderPage(c, { title: `Orientation de ${fullName(r)}` }, <OrientationHome view={await homeView(c, r)} />);
  });

  registerWishEditor(app, 'provisional', FAMILY_EDITOR_ACCESS);
  registerWishEditor(app, 'final', FAMILY_EDITOR_ACCESS);

  const showOpinions = (c: Context<AppEnv>, r: FileRequest, view: OpinionsView, status: PageOptions['status'] = 200) =>
    respond(c, { title: `Avis provisoire d'orientation — ${fullName(r)}`, status, hasErrors: view.errors.length > 0 }, <OpinionsPage view={view} />, <OpinionsPanel view={view} />);

  app.get('/orientation/:pupilId/avis-provisoire', family, async (c) => {
    const r = await openFile(c, pupilIdParam(c.req.param('pupilId')));
    if (r instanceof Response) return r;
    const flash = c.req.query('fait') === 'accuse' ? "Votre accusé de réception de l'avis provisoire est enregistré." : null;
    const view = opinionsView(r, { flash });
    if (c.req.query('suite') === 'choix-definitifs' && view.canAcknowledge) {
      view.notice = ACKNOWLEDGE_FIRST_NOTICE;
    }
    return showOpinions(c, r, view);
  });

  app.post('/orientation/:pupilId/avis-provisoire', family, async (c) => {
    const r = await openFile(c, pupilIdParam(c.req.param('pupilId')));
    if (r instanceof Response) return r;
    const reason = transitionRefusal('acknowledgeOpinions', r.stored.file, r.actor, r.now);
    if (reason) return showOpinions(c, r, opinionsView(r, { errors: [{ field: 'avis', message: reason }] }), 403);
    const goOn = c.req.query('suite') === 'choix-definitifs';
    const parsed = acknowledgeSchema.safeParse(await c.req.parseBody());
    if (!parsed.success) {
      const view = opinionsView(r, { errors: [{ field: 'pris-connaissance', message: 'Vous devez cocher la case « J’ai bien pris connaissance de l’avis provisoire d’orientation du conseil de classe. » pour valider.' }] });
      if (goOn) view.notice = ACKNOWLEDGE_FIRST_NOTICE;
      return showOpinions(c, r, view, 422);
    }
    const { db } = c.get('deps');
    const applied = await applyTransition(db, {
      pupilId: r.stored.pupil.id,
      name: 'acknowledgeOpinions',
      transition: (file) => acknowledgeOpinions(file, r.actor, r.now),
      actor: r.history,
      at: r.now,
      stored: r.stored,
      alongside: mailsFor('acknowledgeOpinions', c.get('deps').config.publicOrigin, r.now),
    });
    if (!applied.ok) {
      const fresh = (await loadPupilFile(db, r.stored.pupil.id)) ?? r.stored;
      return showOpinions(c, { ...r, stored: fresh }, opinionsView({ ...r, stored: fresh }, { errors: [{ field: 'avis', message: applied.reason }] }), applied.concurrent ? 409 : 422);
    }
    if (goOn && transitionRefusal('validateChoices', applied.file, r.actor, r.now) === null) {
      return c.redirect(`${r.basePath}/${PHASE_WORDING.final.segment}?fait=accuse`, 303);
    }
    return c.redirect(`${r.basePath}/avis-provisoire?fait=accuse`, 303);
  });

  app.get('/orientation/:pupilId/recapitulatif', family, async (c) => {
    const r = await openFile(c, pupilIdParam(c.req.param('pupilId')));
    if (r instanceof Response) return r;
    const { file } = r.stored;
    const tz = file.campaign.timeZone;
    const phase: Phase = c.req.query('phase') === 'definitive' ? 'final' : 'provisional';
    const state = phaseOf(file, phase);
    const view: RecapView = {
      pupil: pupilHeader(r.stored),
      basePath: r.basePath,
      phase,
      wishes: wishViews(state.wishes, r.stored.offer),
      validatedAtText: state.validatedAt ? formatDateTime(state.validatedAt, tz) : null,
      authorName: memberName(r.stored, state.author),
      printedAtText: formatDateTime(r.now, tz),
    };
    return renderPage(c, { title: `${PHASE_WORDING[phase].recapTitle} — ${fullName(r)}` }, <RecapPage view={view} />);
  });
}

