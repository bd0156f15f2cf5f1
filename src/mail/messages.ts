import { trackLabel, type TrackCode } from '../domain/catalogue.js';
import { formatDateTime } from '../domain/dates.js';
import { OPINION_LABELS, PROPOSAL_ANSWER_LABELS } from '../domain/file.js';
import { wishSummaryText, type Wish } from '../domain/wishes.js';
import type { Phase } from '../db/schema.js';
import type { StoredFile } from '../pupil-file/load.js';
import type { MailContent } from '../../views/mail/mail-content.js';

/** The representative a message is addressed to. */
export type Addressee = { id: number; firstName: string; lastName: string };

const PHASE_NAMES: Record<Phase, string> = { provisional: 'phase provisoire', final: 'phase définitive' };
const FOOTER =
  'Vous recevez ce message parce que vous êtes représentant légal de cet élève et que votre adresse électronique figure dans votre fiche de renseignements. Ne répondez pas à ce message : pour toute question, contactez l’établissement.';

const fullName = (person: { firstName: string; lastName: string }) => `${person.firstName} ${person.lastName}`;

function context(stored: StoredFile) {
  const pupil = fullName(stored.pupil);
  return {
    pupil,
    where: `${pupil} (${stored.pupil.divisionName}, ${stored.pupil.schoolName})`,
    timeZone: stored.file.campaign.timeZone,
  };
}

function deadline(stored: StoredFile, closesAt: Date | null): string {
  return closesAt ? `jusqu’au ${formatDateTime(closesAt, stored.file.campaign.timeZone)}` : 'dès que le service l’indique';
}

export function rankedWishes(stored: StoredFile, phase: Phase): string[] {
  const wishes: readonly Wish[] = phase === 'provisional' ? stored.file.provisional.wishes : stored.file.final.wishes;
  return [...wishes].sort((a, b) => a.rank - b.rank).map((wish) => `Rang ${wish.rank} : ${wishSummaryText(wish, stored.offer)}`);
}

function authorName(stored: StoredFile, phase: Phase): string | null {
  const author = phase === 'provisional' ? stored.file.provisional.author : stored.file.final.author;
  if (!author) return null;
  if (author.kind === 'pupil') return fullName(stored.pupil);
  const representative = stored.representatives.find((r) => r.id === author.id);
  return representative ? fullName(representative) : null;
}

function action(origin: string, pupilId: number) {
  return { label: 'Se connecter au service Orientation', url: `${origin}/orientation/${pupilId}` };
}

/** Recap of the validated intentions or choix définitifs, as they stand when the editing session ends. */
export function recapMessage(stored: StoredFile, phase: Phase, to: Addressee, origin: string): MailContent {
  const { pupil, where, timeZone } = context(stored);
  const validatedAt = phase === 'provisional' ? stored.file.provisional.validatedAt : stored.file.final.validatedAt;
  const author = authorName(stored, phase);
  const windows = stored.file.campaign.windows;
  const what = phase === 'provisional' ? 'intentions d’orientation' : 'choix définitifs';
  return {
    subject: `Orientation de ${pupil} : récapitulatif des ${phase === 'provisional' ? 'intentions validées' : 'choix définitifs validés'}`,
    greeting: `Bonjour ${fullName(to)},`,
    intro: [
      `Les ${what} de ${where} ont été ${phase === 'provisional' ? 'validées' : 'validés'}${validatedAt ? ` le ${formatDateTime(validatedAt, timeZone)}` : ''}${author ? ` par ${author}` : ''} (${PHASE_NAMES[phase]}).`,
    ],
    list: { heading: `${phase === 'provisional' ? 'Intentions enregistrées' : 'Choix définitifs enregistrés'}, par ordre de préférence :`, items: rankedWishes(stored, phase) },
    details: [
      author
        ? `Seul le représentant ayant saisi les ${what} (${author}) peut apporter des modifications.`
        : 'Les demandes peuvent être modifiées jusqu’à la fermeture du service.',
    ],
    nextStep:
      phase === 'provisional'
        ? `les intentions restent modifiables ${deadline(stored, windows.intentions.closesAt)}. Le conseil de classe donnera ensuite un avis provisoire sur chacune d’elles.`
        : `les choix définitifs restent modifiables ${deadline(stored, windows.choices.closesAt)}. Le conseil de classe fera ensuite ses propositions.`,
    action: action(origin, stored.pupil.id),
    footer: FOOTER,
  };
}

/** The avis provisoire (provisional) or the propositions (final) have been published for the pupil. */
export function publicationMessage(stored: StoredFile, phase: Phase, to: Addressee, origin: string): MailContent {
  const { pupil, where } = context(stored);
  const windows = stored.file.campaign.windows;
  if (phase === 'provisional') {
    const opinions = stored.file.provisional.opinions;
    const items = [...stored.file.provisional.wishes]
      .sort((a, b) => a.rank - b.rank)
      .map((wish) => {
        const opinion = opinions?.byRank.find((o) => o.rank === wish.rank)?.opinion;
        return `Rang ${wish.rank} : ${wishSummaryText(wish, stored.offer)} — ${opinion ? OPINION_LABELS[opinion] : 'sans avis'}`;
      });
    return {
      subject: `Orientation de ${pupil} : l’avis provisoire du conseil de classe est disponible`,
      greeting: `Bonjour ${fullName(to)},`,
      intro: [`Le conseil de classe a donné son avis provisoire sur les intentions d’orientation de ${where} (${PHASE_NAMES.provisional}).`],
      list: { heading: 'Intentions, par ordre de préférence, et avis du conseil de classe :', items },
      details: [
        ...(opinions?.recommendation ? [`Le conseil de classe recommande aussi : ${trackLabel(opinions.recommendation)}.`] : []),
        ...(opinions?.motivations ? [`Motivations du conseil de classe : ${opinions.motivations}`] : []),
      ],
      nextStep: `prenez connaissance de l’avis provisoire et accusez-en réception ${deadline(stored, windows.acknowledgement.closesAt)}, puis saisissez les choix définitifs.`,
      action: action(origin, stored.pupil.id),
      footer: FOOTER,
    };
  }
  const proposals = stored.file.final.proposals;
  const items = [...stored.file.final.wishes]
    .sort((a, b) => a.rank - b.rank)
    .map((wish) => {
      const answer = proposals?.byRank.find((p) => p.rank === wish.rank)?.answer;
      return `Rang ${wish.rank} : ${wishSummaryText(wish, stored.offer)} — ${answer ? PROPOSAL_ANSWER_LABELS[answer] : 'sans réponse'}`;
    });
  return {
    subject: `Orientation de ${pupil} : les propositions du conseil de classe sont disponibles`,
    greeting: `Bonjour ${fullName(to)},`,
    intro: [`Le conseil de classe a répondu aux choix définitifs de ${where} (${PHASE_NAMES.final}).`],
    list: { heading: 'Choix définitifs, par ordre de préférence, et réponse du conseil de classe :', items },
    details: [
      ...(proposals && proposals.proposedTracks.length > 0
        ? [`Le conseil de classe propose aussi : ${proposals.proposedTracks.map(trackLabel).join(', ')}.`]
        : []),
      ...(proposals?.motivations ? [`Motivations du conseil de classe : ${proposals.motivations}`] : []),
      'd’accord : la proposition du conseil de classe devient la décision d’orientation, notifiée par le chef d’établissement ; pas d’accord : le dialogue continue, prenez contact avec le chef d’établissement.',
    ],
    nextStep: `répondez aux propositions du conseil de classe ${deadline(stored, windows.response.closesAt)}.`,
    action: action(origin, stored.pupil.id),
    footer: FOOTER,
  };
}

function responseText(stored: StoredFile): string {
  const response = stored.file.final.response;
  if (!response) return 'aucune réponse';
  return response.kind === 'refused'
    ? 'n’accepter aucune proposition du conseil de classe'
    : `accepter : ${response.tracks.map((track: TrackCode) => trackLabel(track)).join(', ')}`;
}

/** The family's answer to the propositions: a confirmation to its author, a request for accord to the other representative. */
export function answerGivenMessage(stored: StoredFile, to: Addressee, origin: string): MailContent {
  const { pupil, where, timeZone } = context(stored);
  const by = stored.file.final.respondedBy;
  const isAuthor = by?.kind === 'representative' && by.id === to.id;
  const authorRep = by?.kind === 'representative' ? stored.representatives.find((r) => r.id === by.id) : undefined;
  const author = authorRep ? fullName(authorRep) : by?.kind === 'pupil' ? pupil : 'un représentant légal';
  const at = stored.file.final.respondedAt;
  const rule = stored.file.campaign.settings.secondRepresentative;
  const closes = stored.file.campaign.windows.response.closesAt;
  const askAccord = !isAuthor && rule !== 'none' && stored.representatives.length > 1;
  return {
    subject: askAccord
      ? `Orientation de ${pupil} : réponse aux propositions, votre accord est demandé`
      : `Orientation de ${pupil} : réponse aux propositions du conseil de classe`,
    greeting: `Bonjour ${fullName(to)},`,
    intro: [
      `${isAuthor ? 'Vous avez' : `${author} a`} répondu${at ? ` le ${formatDateTime(at, timeZone)}` : ''} aux propositions du conseil de classe pour ${where} (${PHASE_NAMES.final}) : ${responseText(stored)}.`,
      'Cette réponse n’est plus modifiable.',
    ],
    list: { heading: 'Choix définitifs, par ordre de préférence :', items: rankedWishes(stored, 'final') },
    nextStep: askAccord
      ? rule === 'presumed'
        ? `indiquez si vous êtes d’accord (oui) ou non avec cette réponse ${deadline(stored, closes)}. Sans réponse de votre part à cette date, vous serez considéré comme d’accord.`
        : `indiquez si vous êtes d’accord (oui) ou non avec cette réponse ${deadline(stored, closes)}. La décision d’orientation attend votre accord.`
      : stored.file.final.response?.kind === 'refused'
        ? 'le dialogue continue : prenez contact sans attendre avec le chef d’établissement.'
        : 'le chef d’établissement vous notifiera la décision d’orientation.',
    action: action(origin, stored.pupil.id),
    footer: FOOTER,
  };
}

/** The décision d'orientation, or the file marked « en dialogue ». */
export function decisionMessage(stored: StoredFile, to: Addressee, origin: string): MailContent {
  const { pupil, where, timeZone } = context(stored);
  const decision = stored.file.outcome.decision;
  if (decision) {
    return {
      subject: `Orientation de ${pupil} : décision d’orientation`,
      greeting: `Bonjour ${fullName(to)},`,
      intro: [
        `La décision d’orientation de ${where} a été prise le ${formatDateTime(decision.at, timeZone)} (${PHASE_NAMES.final}) : ${decision.tracks.map(trackLabel).join(', ')}.`,
      ],
      list: { heading: 'Choix définitifs de la famille, par ordre de préférence :', items: rankedWishes(stored, 'final') },
      nextStep: 'la décision est consultable à l’étape « Décision » du service ; l’établissement vous indiquera la suite (affectation, inscription).',
      action: action(origin, stored.pupil.id),
      footer: FOOTER,
    };
  }
  return {
    subject: `Orientation de ${pupil} : le dialogue continue avec le chef d’établissement`,
    greeting: `Bonjour ${fullName(to)},`,
    intro: [`Le dossier d’orientation de ${where} est en dialogue (${PHASE_NAMES.final}) : aucune décision d’orientation ne peut être prise à partir des réponses reçues.`],
    list: { heading: 'Choix définitifs de la famille, par ordre de préférence :', items: rankedWishes(stored, 'final') },
    nextStep: 'prenez contact immédiatement avec le chef d’établissement pour un entretien.',
    action: action(origin, stored.pupil.id),
    footer: FOOTER,
  };
}

export type ReminderWindow = 'intentions' | 'choices' | 'response';

/** A window closes in 48 h and nothing has been validated (or answered). */
export function reminderMessage(stored: StoredFile, window: ReminderWindow, closesAt: Date, to: Addressee, origin: string): MailContent {
  const { pupil, where, timeZone } = context(stored);
  const when = formatDateTime(closesAt, timeZone);
  const what = {
    intentions: { subject: 'la saisie des intentions', todo: 'saisissez et validez les intentions d’orientation', phase: PHASE_NAMES.provisional },
    choices: { subject: 'la saisie des choix définitifs', todo: 'saisissez et validez les choix définitifs', phase: PHASE_NAMES.final },
    response: { subject: 'la réponse aux propositions', todo: 'répondez aux propositions du conseil de classe', phase: PHASE_NAMES.final },
  }[window];
  return {
    subject: `Rappel — orientation de ${pupil} : ${what.subject} se termine le ${when}`,
    greeting: `Bonjour ${fullName(to)},`,
    intro: [
      `Pour ${where}, ${what.subject} se termine le ${when} (${what.phase}) et rien n’a encore été ${window === 'response' ? 'répondu' : 'validé'}.`,
      window !== 'response'
        ? 'Des demandes saisies mais non validées ne sont pas prises en compte.'
        : 'Sans réponse à cette date, le dossier passera en dialogue avec le chef d’établissement.',
    ],
    list: window === 'response' ? { heading: 'Choix définitifs, par ordre de préférence :', items: rankedWishes(stored, 'final') } : undefined,
    nextStep: `${what.todo} jusqu’au ${when}.`,
    action: action(origin, stored.pupil.id),
    footer: FOOTER,
  };
}

/** Sent to a NEW address only: no pupil data, just the link that proves the address is theirs. */
export function addressConfirmationMessage(to: Addressee, link: string, expiresAt: Date, timeZone: string): MailContent {
  return {
    subject: 'Orientation : confirmez votre adresse électronique',
    greeting: `Bonjour ${fullName(to)},`,
    intro: [
      'Cette adresse électronique a été indiquée dans une fiche de renseignements du service en ligne Orientation.',
      'Tant qu’elle n’est pas confirmée, aucun message concernant un élève ne lui est envoyé.',
    ],
    details: ['Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : rien ne sera modifié.'],
    nextStep: `ouvrez le lien ci-dessous, connectez-vous avec votre compte et confirmez l’adresse, avant le ${formatDateTime(expiresAt, timeZone)}.`,
    action: { label: 'Confirmer mon adresse électronique', url: link },
    footer: 'Ce lien ne sert qu’une fois et ne fonctionne que pour le compte qui a fait la demande.',
  };
}
