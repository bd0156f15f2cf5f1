import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { requireRole } from '../auth/middleware.js';
import type { AppEnv } from '../context.js';
import { sameMember } from '../domain/actor.js';
import { trackLabel, type TrackCode } from '../domain/catalogue.js';
import { formatDateTime } from '../domain/dates.js';
import type { FieldError } from '../domain/field-error.js';
import {
  PROPOSAL_ANSWER_LABELS,
  acceptableTracks,
  answerProposals,
  currentDecision,
  giveAccord,
  giveDisagreement,
  transitionRefusal,
  type FamilyResponse,
  type TransitionName,
} from '../domain/file.js';
import type { PageOptions } from '../http/render.js';
import { renderPage } from '../http/render.js';
import { mailsFor } from '../mail/effects.js';
import { applyTransition } from '../pupil-file/apply.js';
import { loadPupilFile } from '../pupil-file/load.js';
import type { DecisionRecordView, DecisionView, ProposalsView, ResponseSummary } from '../../views/famille/orientation-types.js';
import { DecisionPage, ProposalsPage, ProposalsPanel } from '../../views/famille/proposals-page.js';
import { ACCORD_SETTING_TEXT, DIALOGUE_CAUSE_TEXT, PROPOSALS_WORDING as W } from '../../views/famille/proposals-wording.js';
import { openFile } from './orientation-routes.js';
import { fullName, pupilIdParam, respond, type FileRequest } from '../pupil-file/wish-editor.js';
import { memberName, pupilHeader, stepViews, wishViews } from '../pupil-file/present.js';

// The family side of the phase définitive after the choix: the council's propositions, the réponse
// (check page, then « Confirmer »: nothing is recorded before), the other representative's accord,
// and the « Décision » step. One `loadPupilFile` per request; the domain decides who may do what.

const many = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(20)).max(12));
const one = z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.string().max(20).optional()).transform((v) => v ?? '');
const responseSchema = z.object({ voie: many, aucune: one });
const accordSchema = z.object({ accord: z.enum(['oui', 'non']) });

const INVALID_FORM = 'Le formulaire envoyé est invalide. Rechargez la page et recommencez.';

type Posted = { tracks: string[]; refused: boolean };

/** The posted answer as the domain's response, or the error to show (exclusive choice, nothing ticked). */
function toResponse(posted: Posted): FamilyResponse | string {
  if (posted.refused && posted.tracks.length > 0) return W.bothTicked;
  if (posted.refused) return { kind: 'refused' };
  if (posted.tracks.length === 0) return W.nothingTicked;
  // Unknown codes are kept as they are: the domain refuses any voie it did not propose.
  return { kind: 'accepted', tracks: posted.tracks as TrackCode[] };
}

const summaryOf = (response: FamilyResponse): ResponseSummary =>
  response.kind === 'refused' ? { accepted: [], refused: true } : { accepted: response.tracks.map((code) => ({ code, label: trackLabel(code) })), refused: false };

type Extra = {
  errors?: FieldError[];
  flash?: string | null;
  posted?: Posted | null;
  pending?: FamilyResponse | null;
  accordValue?: 'oui' | 'non' | null;
  accordCheck?: boolean;
};

function proposalsView(r: FileRequest, extra: Extra = {}): ProposalsView {
  const { stored, actor, now, member } = r;
  const { file } = stored;
  const { final } = file;
  const tz = file.campaign.timeZone;
  const published = ['published', 'answered', 'unanswered'].includes(final.status);
  const proposals = final.proposals;
  const sorted = [...final.wishes].sort((a, b) => a.rank - b.rank);
  const items = wishViews(final.wishes, stored.offer).map((wish, index) => {
    const source = sorted[index]!;
    const answer = proposals?.byRank.find((entry) => entry.rank === source.rank)?.answer;
    return { ...wish, answer: answer ? PROPOSAL_ANSWER_LABELS[answer] : 'Réponse non renseignée', vocational: source.track === 'VPRO' };
  });
  const answerRefusal = published ? transitionRefusal('answerProposals', file, actor, now) : null;
  const accordRefusal = transitionRefusal('giveAccord', file, actor, now);
  const canAnswer = published && answerRefusal === null;
  const canAgree = accordRefusal === null;
  const posted = extra.posted ?? null;
  const acceptable = acceptableTracks(file);
  let mode: ProposalsView['mode'] = 'readonly';
  if (canAnswer) mode = extra.pending ? 'check' : 'answer';
  else if (canAgree) mode = extra.accordCheck ? 'accordCheck' : 'accord';

  let response: ProposalsView['response'] = null;
  let accordText: string | null = null;
  let accordSettingText: string | null = null;
  if (final.response && final.respondedAt) {
    const who = final.respondedBy && sameMember(final.respondedBy, member) ? 'vous' : (memberName(stored, final.respondedBy) ?? 'un représentant légal');
    response = { text: `Réponse donnée le ${formatDateTime(final.respondedAt, tz)} par ${who} :`, summary: summaryOf(final.response) };
    const accordWho = final.accordBy && sameMember(final.accordBy, member) ? 'vous' : (memberName(stored, final.accordBy) ?? "l'autre représentant légal");
    const at = final.accordAt ? formatDateTime(final.accordAt, tz) : '';
    switch (final.accord) {
      case 'agreed':
        accordText = `Accord donné le ${at} par ${accordWho}.`;
        break;
      case 'disagreed':
        accordText = `Désaccord exprimé le ${at} par ${accordWho}.`;
        break;
      case 'presumed':
        accordText = `Sans réponse de l'autre représentant légal à la fermeture du service, son accord est présumé (le ${at}).`;
        break;
      case 'missing':
        accordText = `L'accord de l'autre représentant légal n'a pas été donné avant la fermeture du service (le ${at}).`;
        break;
      case 'pending': {
        const closesAt = file.campaign.windows.response.closesAt;
        const until = closesAt ? formatDateTime(closesAt, tz) : null;
        const setting = file.campaign.settings.secondRepresentative;
        if (canAgree) accordSettingText = setting === 'required' ? ACCORD_SETTING_TEXT.required(until) : ACCORD_SETTING_TEXT.presumed(until);
        else accordText = "La réponse attend l'accord de l'autre représentant légal.";
        break;
      }
      case 'notNeeded':
      case null:
        if (final.response.kind === 'accepted' && file.campaign.settings.secondRepresentative === 'none' && final.respondedBy && !sameMember(final.respondedBy, member)) {
          accordSettingText = ACCORD_SETTING_TEXT.none;
        }
        break;
    }
  }
  const refusal =
    mode !== 'readonly' || !published
      ? null
      : final.status === 'published' || final.status === 'unanswered'
        ? answerRefusal
        : null;
  return {
    pupil: pupilHeader(stored),
    basePath: r.basePath,
    steps: stepViews(file),
    published,
    items,
    proposed: (proposals?.proposedTracks ?? []).map(trackLabel),
    motivations: proposals?.motivations ?? '',
    mode,
    options: acceptable.map((code) => ({ code, label: trackLabel(code), checked: posted?.tracks.includes(code) ?? false })),
    refuseChecked: posted?.refused ?? false,
    pending: extra.pending ? summaryOf(extra.pending) : null,
    accordValue: extra.accordValue ?? null,
    response,
    accordText,
    accordSettingText,
    refusal,
    decisionLink: file.outcome.status !== 'pending',
    errors: extra.errors ?? [],
    flash: extra.flash ?? null,
  };
}

function decisionView(r: FileRequest): DecisionView {
  const { stored } = r;
  const { file } = stored;
  const { outcome } = file;
  const tz = file.campaign.timeZone;
  const fmt = (date: Date) => formatDateTime(date, tz);
  const current = currentDecision(file);
  let decision: DecisionView['decision'] = null;
  if (current && current.by !== 'maintien') {
    const byText =
      current.by === 'family'
        ? W.becomesDecision
        : current.by === 'head'
          ? "Décision d'orientation du chef d'établissement"
          : "Décision d'orientation de la commission d'appel";
    decision = { byText, dateText: fmt(current.at), tracks: current.tracks.map(trackLabel) };
  } else if (current) {
    decision = { byText: "Maintien dans la classe d'origine", dateText: fmt(current.at), tracks: [`Maintien en ${stored.pupil.level === '3e' ? '3e' : '2de'}`] };
  }
  const records: DecisionRecordView[] = [];
  if (outcome.interview) records.push({ title: "Entretien avec le chef d'établissement", dateText: fmt(outcome.interview.at), lines: outcome.interview.notes ? [outcome.interview.notes] : [] });
  if (outcome.headDecision) {
    const lines = [`Voie(s) : ${outcome.headDecision.tracks.map(trackLabel).join(', ')}`];
    if (outcome.headDecision.motivations) lines.push(`Motivations : ${outcome.headDecision.motivations}`);
    lines.push(`Appel possible auprès de la commission d'appel jusqu'au ${fmt(outcome.headDecision.appealDeadline)}.`);
    records.push({ title: "Décision du chef d'établissement", dateText: fmt(outcome.headDecision.at), lines });
  }
  if (outcome.appeal) records.push({ title: "Appel devant la commission d'appel", dateText: fmt(outcome.appeal.lodgedAt), lines: [] });
  if (outcome.commissionDecision) {
    records.push({ title: "Décision de la commission d'appel", dateText: fmt(outcome.commissionDecision.at), lines: [`Voie(s) : ${outcome.commissionDecision.tracks.map(trackLabel).join(', ')}`] });
  }
  if (outcome.maintainedAt) records.push({ title: "Maintien dans la classe d'origine", dateText: fmt(outcome.maintainedAt), lines: [] });
  return {
    pupil: pupilHeader(stored),
    basePath: r.basePath,
    steps: stepViews(file),
    status: outcome.status === 'pending' ? 'pending' : outcome.status === 'decided' ? 'decided' : 'dialogue',
    decision,
    dialogue: outcome.dialogue ? { causeText: DIALOGUE_CAUSE_TEXT[outcome.dialogue.cause], dateText: fmt(outcome.dialogue.at) } : null,
    records,
  };
}

export function finalRoutes(app: Hono<AppEnv>) {
  const family = requireRole('representative', 'pupil');
  const base = '/orientation/:pupilId/propositions';
  const title = (r: FileRequest) => `${W.pageTitle} — ${fullName(r)}`;
  const show = (c: Context<AppEnv>, r: FileRequest, view: ProposalsView, status: PageOptions['status'] = 200) =>
    respond(c, { title: title(r), status, hasErrors: view.errors.length > 0 }, <ProposalsPage view={view} />, <ProposalsPanel view={view} />);
  const open = (c: Context<AppEnv>) => openFile(c, pupilIdParam(c.req.param('pupilId')));
  const parseResponse = async (c: Context<AppEnv>): Promise<Posted | null> => {
    const parsed = responseSchema.safeParse(await c.req.parseBody({ all: true }));
    return parsed.success ? { tracks: parsed.data.voie, refused: parsed.data.aucune === 'oui' } : null;
  };
  /** The refusal of the rules, shown on the page with nothing changed. */
  const refused = (c: Context<AppEnv>, r: FileRequest, name: TransitionName, field: string) => {
    const reason = transitionRefusal(name, r.stored.file, r.actor, r.now);
    return reason === null ? null : show(c, r, proposalsView(r, { errors: [{ field, message: reason }] }), 403);
  };
  const apply = async (c: Context<AppEnv>, r: FileRequest, name: TransitionName, transition: Parameters<typeof applyTransition>[1]['transition'], field: string) => {
    const { db, config } = c.get('deps');
    const applied = await applyTransition(db, {
      pupilId: r.stored.pupil.id,
      name,
      transition,
      actor: r.history,
      at: r.now,
      stored: r.stored,
      alongside: mailsFor(name, config.publicOrigin, r.now),
    });
    if (applied.ok) return null;
    const fresh = (await loadPupilFile(db, r.stored.pupil.id)) ?? r.stored;
    const next = { ...r, stored: fresh };
    return show(c, next, proposalsView(next, { errors: [{ field, message: applied.reason }] }), applied.concurrent ? 409 : 422);
  };

  app.get(base, family, async (c) => {
    const r = await open(c);
    if (r instanceof Response) return r;
    const done = c.req.query('fait');
    const flash = done === 'reponse' ? W.answered : done === 'accord' ? W.accordGiven : null;
    // « Modifier ma réponse » comes back here with the pending answer, to tick it again.
    const voie = c.req.queries('voie') ?? [];
    const posted: Posted = { tracks: voie.slice(0, 12), refused: c.req.query('aucune') === 'oui' };
    const accord = c.req.query('accord');
    return show(c, r, proposalsView(r, { flash, posted, accordValue: accord === 'oui' || accord === 'non' ? accord : null }));
  });

  app.post(`${base}/verifier`, family, async (c) => {
    const r = await open(c);
    if (r instanceof Response) return r;
    const refusal = refused(c, r, 'answerProposals', 'reponse');
    if (refusal) return refusal;
    const posted = await parseResponse(c);
    if (!posted) return show(c, r, proposalsView(r, { errors: [{ field: 'reponse', message: INVALID_FORM }] }), 422);
    const response = toResponse(posted);
    // A dry run of the rules: nothing is recorded before « Confirmer ma réponse ».
    const check = typeof response === 'string' ? { ok: false as const, reason: response } : answerProposals(r.stored.file, r.actor, r.now, response);
    if (!check.ok || typeof response === 'string') {
      return show(c, r, proposalsView(r, { posted, errors: [{ field: 'reponse', message: check.ok ? INVALID_FORM : check.reason }] }), 422);
    }
    return show(c, r, proposalsView(r, { pending: response }));
  });

  app.post(`${base}/confirmer`, family, async (c) => {
    const r = await open(c);
    if (r instanceof Response) return r;
    const refusal = refused(c, r, 'answerProposals', 'reponse');
    if (refusal) return refusal;
    const posted = await parseResponse(c);
    if (!posted) return show(c, r, proposalsView(r, { errors: [{ field: 'reponse', message: INVALID_FORM }] }), 422);
    const response = toResponse(posted);
    if (typeof response === 'string') return show(c, r, proposalsView(r, { posted, errors: [{ field: 'reponse', message: response }] }), 422);
    const failed = await apply(c, r, 'answerProposals', (file) => answerProposals(file, r.actor, r.now, response), 'reponse');
    if (failed) return failed;
    return c.redirect(`${r.basePath}/propositions?fait=reponse`, 303);
  });

  app.post(`${base}/accord/verifier`, family, async (c) => {
    const r = await open(c);
    if (r instanceof Response) return r;
    const refusal = refused(c, r, 'giveAccord', 'accord');
    if (refusal) return refusal;
    const parsed = accordSchema.safeParse(await c.req.parseBody());
    if (!parsed.success) return show(c, r, proposalsView(r, { errors: [{ field: 'accord', message: W.accordMissing }] }), 422);
    return show(c, r, proposalsView(r, { accordValue: parsed.data.accord, accordCheck: true }));
  });

  app.post(`${base}/accord/confirmer`, family, async (c) => {
    const r = await open(c);
    if (r instanceof Response) return r;
    const refusal = refused(c, r, 'giveAccord', 'accord');
    if (refusal) return refusal;
    const parsed = accordSchema.safeParse(await c.req.parseBody());
    if (!parsed.success) return show(c, r, proposalsView(r, { errors: [{ field: 'accord', message: W.accordMissing }] }), 422);
    const agree = parsed.data.accord === 'oui';
    const failed = await apply(
      c,
      r,
      agree ? 'giveAccord' : 'giveDisagreement',
      (file) => (agree ? giveAccord(file, r.actor, r.now) : giveDisagreement(file, r.actor, r.now)),
      'accord',
    );
    if (failed) return failed;
    return c.redirect(`${r.basePath}/propositions?fait=accord`, 303);
  });

  app.get('/orientation/:pupilId/decision', family, async (c) => {
    const r = await open(c);
    if (r instanceof Response) return r;
    return renderPage(c, { title: `${W.decisionTitle} — ${fullName(r)}` }, <DecisionPage view={decisionView(r)} />);
  });
}

