import { actingMember, type Actor, type FamilyMember } from './actor.js';
import { windowStatus, type Campaign, type WindowName, type WindowStatus } from './calendar.js';
import { isTrackOfLevel, trackLabel, type Level, type TrackCode } from './catalogue.js';
import { APPEAL_WORKING_DAYS, formatDateTime, workingDaysDeadline } from './dates.js';
import { authorize, type FileAction } from './rights.js';
import type { Phase, Wish, WishList } from './wishes.js';

// ——— The file ———

export const PROVISIONAL_STATUSES = ['empty', 'validated', 'closed', 'published', 'acknowledged'] as const;
/** Intentions: none yet → validated (modifiable by the author) → closed → avis published → acknowledged. */
export type ProvisionalStatus = (typeof PROVISIONAL_STATUSES)[number];

export const FINAL_STATUSES = ['empty', 'validated', 'closed', 'published', 'answered', 'unanswered'] as const;
/** Choix définitifs: none yet → validated → closed → propositions published → answered, or unanswered when the response window closed first. */
export type FinalStatus = (typeof FINAL_STATUSES)[number];

export const ACCORD_STATUSES = ['notNeeded', 'pending', 'agreed', 'disagreed', 'presumed', 'missing'] as const;
/** The other RL's accord with an acceptance. `missing`: required by the campaign but not given before the window closed. */
export type AccordStatus = (typeof ACCORD_STATUSES)[number];

export const OUTCOME_STATUSES = [
  'pending',
  'decided',
  'dialogue',
  'interviewed',
  'headDecided',
  'appealed',
  'commissionDecided',
  'maintained',
] as const;
/** After the response: decided straight away, or « en dialogue » → entretien → head's decision → appel → commission → maintien. */
export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number];

export const DIALOGUE_CAUSES = ['refusal', 'disagreement', 'noAnswer', 'noAccord'] as const;
export type DialogueCause = (typeof DIALOGUE_CAUSES)[number];

/** Statuses in which the family may still enter or modify the wishes of a phase. */
export const EDITABLE_PHASE_STATUSES = ['empty', 'validated'] as const satisfies readonly (ProvisionalStatus & FinalStatus)[];
/** Outcome statuses of a file « en dialogue » with the school. */
export const DIALOGUE_STATUSES = [
  'dialogue',
  'interviewed',
  'headDecided',
  'appealed',
  'commissionDecided',
  'maintained',
] as const satisfies readonly OutcomeStatus[];

export const OPINIONS = ['favorable', 'reserved', 'unfavorable'] as const;
export type Opinion = (typeof OPINIONS)[number];
export const OPINION_LABELS: Readonly<Record<Opinion, string>> = {
  favorable: 'Avis favorable',
  reserved: 'Avis réservé',
  unfavorable: 'Avis défavorable',
};

export const PROPOSAL_ANSWERS = ['yes', 'no', 'favorable', 'unfavorable'] as const;
/** The council answers « Oui » / « Non » to each choice, and « avis favorable » / « avis défavorable » to an access to the voie professionnelle. */
export type ProposalAnswer = (typeof PROPOSAL_ANSWERS)[number];
export const PROPOSAL_ANSWER_LABELS: Readonly<Record<ProposalAnswer, string>> = {
  yes: 'Oui',
  no: 'Non',
  favorable: 'avis favorable',
  unfavorable: 'avis défavorable',
};

/** The council's avis provisoire. */
export interface CouncilOpinions {
  readonly byRank: readonly { readonly rank: number; readonly opinion: Opinion }[];
  /** A voie the family did not ask for. */
  readonly recommendation: TrackCode | null;
  readonly motivations: string;
}

/** The council's propositions on the choix définitifs. */
export interface CouncilProposals {
  readonly byRank: readonly { readonly rank: number; readonly answer: ProposalAnswer }[];
  /** Voies the family did not ask for, proposed by the council. */
  readonly proposedTracks: readonly TrackCode[];
  readonly motivations: string;
}

export type FamilyResponse = { readonly kind: 'accepted'; readonly tracks: readonly TrackCode[] } | { readonly kind: 'refused' };

export interface ProvisionalPhase {
  readonly status: ProvisionalStatus;
  readonly wishes: readonly Wish[];
  readonly author: FamilyMember | null;
  readonly validatedAt: Date | null;
  readonly closedAt: Date | null;
  readonly opinions: CouncilOpinions | null;
  readonly publishedAt: Date | null;
  readonly acknowledgedBy: FamilyMember | null;
  readonly acknowledgedAt: Date | null;
}

export interface FinalPhase {
  readonly status: FinalStatus;
  readonly wishes: readonly Wish[];
  readonly author: FamilyMember | null;
  readonly validatedAt: Date | null;
  readonly closedAt: Date | null;
  readonly proposals: CouncilProposals | null;
  readonly publishedAt: Date | null;
  readonly response: FamilyResponse | null;
  readonly respondedBy: FamilyMember | null;
  readonly respondedAt: Date | null;
  /** Null until the family answers. */
  readonly accord: AccordStatus | null;
  readonly accordBy: FamilyMember | null;
  readonly accordAt: Date | null;
}

export interface Outcome {
  readonly status: OutcomeStatus;
  /** The décision d'orientation that follows the family's acceptance. */
  readonly decision: { readonly tracks: readonly TrackCode[]; readonly at: Date } | null;
  readonly dialogue: { readonly cause: DialogueCause; readonly at: Date } | null;
  readonly interview: { readonly at: Date; readonly notes: string } | null;
  readonly headDecision: {
    readonly tracks: readonly TrackCode[];
    /** Required when the decision does not follow the family's request. */
    readonly motivations: string | null;
    readonly at: Date;
    readonly appealDeadline: Date;
  } | null;
  readonly appeal: { readonly lodgedAt: Date; readonly recordedAt: Date } | null;
  readonly commissionDecision: { readonly tracks: readonly TrackCode[]; readonly at: Date } | null;
  readonly maintainedAt: Date | null;
}

/** The campaign data a file needs: window openness, settings, and the time zone for deadlines. */
export type FileCampaign = Pick<Campaign, 'level' | 'windows' | 'settings' | 'timeZone'>;

export interface FileRepresentative {
  readonly id: number;
  readonly hasAccount: boolean;
}

/** One pupil's orientation file for one campaign. Plain and immutable: transitions return a new one. */
export interface PupilFile {
  readonly pupilId: number;
  readonly schoolId: number;
  /** « Élève majeur », flagged by the school: the pupil acts as their own representative. */
  readonly pupilIsAdult: boolean;
  /** At most two. */
  readonly representatives: readonly FileRepresentative[];
  readonly campaign: FileCampaign;
  readonly provisional: ProvisionalPhase;
  readonly final: FinalPhase;
  readonly outcome: Outcome;
}

export function createFile(init: Pick<PupilFile, 'pupilId' | 'schoolId' | 'pupilIsAdult' | 'representatives' | 'campaign'>): PupilFile {
  return {
    ...init,
    provisional: {
      status: 'empty',
      wishes: [],
      author: null,
      validatedAt: null,
      closedAt: null,
      opinions: null,
      publishedAt: null,
      acknowledgedBy: null,
      acknowledgedAt: null,
    },
    final: {
      status: 'empty',
      wishes: [],
      author: null,
      validatedAt: null,
      closedAt: null,
      proposals: null,
      publishedAt: null,
      response: null,
      respondedBy: null,
      respondedAt: null,
      accord: null,
      accordBy: null,
      accordAt: null,
    },
    outcome: {
      status: 'pending',
      decision: null,
      dialogue: null,
      interview: null,
      headDecision: null,
      appeal: null,
      commissionDecision: null,
      maintainedAt: null,
    },
  };
}

// ——— Reading a file ———

export const FILE_STAGES = [
  'awaitingIntentions',
  'intentionsValidated',
  'intentionsClosed',
  'opinionsPublished',
  'awaitingChoices',
  'choicesValidated',
  'choicesClosed',
  'proposalsPublished',
  'awaitingAccord',
  'decided',
  'dialogue',
  'interviewed',
  'headDecided',
  'appealed',
  'commissionDecided',
  'maintained',
] as const satisfies readonly (string | Exclude<OutcomeStatus, 'pending'>)[];
/** Where a file stands, in one name (dashboards, steppers, tests). */
export type FileStage = (typeof FILE_STAGES)[number];

export function fileStage(file: PupilFile): FileStage {
  if (file.outcome.status !== 'pending') return file.outcome.status;
  switch (file.final.status) {
    case 'answered':
      return 'awaitingAccord';
    case 'published':
    case 'unanswered':
      return 'proposalsPublished';
    case 'closed':
      return 'choicesClosed';
    case 'validated':
      return 'choicesValidated';
    case 'empty':
      break;
  }
  switch (file.provisional.status) {
    case 'empty':
      return 'awaitingIntentions';
    case 'validated':
      return 'intentionsValidated';
    case 'closed':
      return 'intentionsClosed';
    case 'published':
      return 'opinionsPublished';
    case 'acknowledged':
      return 'awaitingChoices';
  }
}

export function isInDialogue(file: PupilFile): boolean {
  return (DIALOGUE_STATUSES as readonly OutcomeStatus[]).includes(file.outcome.status);
}

/** The voies a family may accept: those the council answered « Oui », then those it proposed. */
export function acceptableTracks(file: PupilFile): readonly TrackCode[] {
  const proposals = file.final.proposals;
  if (!proposals) return [];
  const answeredYes = file.final.wishes
    .filter((wish) => proposals.byRank.some((p) => p.rank === wish.rank && p.answer === 'yes'))
    .map((wish) => wish.track);
  return [...answeredYes, ...proposals.proposedTracks.filter((track) => !answeredYes.includes(track))];
}

export type CurrentDecision =
  | { readonly by: 'family' | 'head' | 'commission'; readonly tracks: readonly TrackCode[]; readonly at: Date }
  | { readonly by: 'maintien'; readonly at: Date };

/** The décision d'orientation in force, whoever took it (null while there is none). */
export function currentDecision(file: PupilFile): CurrentDecision | null {
  const { outcome } = file;
  if (outcome.maintainedAt) return { by: 'maintien', at: outcome.maintainedAt };
  if (outcome.commissionDecision) return { by: 'commission', ...outcome.commissionDecision };
  if (outcome.headDecision) return { by: 'head', tracks: outcome.headDecision.tracks, at: outcome.headDecision.at };
  if (outcome.decision) return { by: 'family', ...outcome.decision };
  return null;
}

// ——— Transitions ———

export type TransitionResult = { readonly ok: true; readonly file: PupilFile } | { readonly ok: false; readonly reason: string };

const refuse = (reason: string): TransitionResult => ({ ok: false, reason });
const accept = (file: PupilFile): TransitionResult => ({ ok: true, file });

export const TRANSITION_MESSAGES = {
  intentionsEditClosed: 'La saisie des intentions est close : les intentions ne peuvent plus être modifiées.',
  intentionsAlreadyClosed: 'La saisie des intentions est déjà close.',
  intentionsNotClosed: "La saisie des intentions n'est pas encore close.",
  opinionsAlreadyPublished: "L'avis provisoire du conseil de classe est déjà publié.",
  opinionsNotPublished: "L'avis provisoire du conseil de classe n'est pas encore publié.",
  alreadyAcknowledged: "L'accusé de réception de l'avis provisoire a déjà été donné.",
  acknowledgeFirst: "Vous devez d'abord accuser réception de l'avis provisoire du conseil de classe.",
  choicesEditClosed: 'La saisie des choix définitifs est close : les choix ne peuvent plus être modifiés.',
  choicesAlreadyClosed: 'La saisie des choix définitifs est déjà close.',
  choicesNotClosed: "La saisie des choix définitifs n'est pas encore close.",
  proposalsAlreadyPublished: 'Les propositions du conseil de classe sont déjà publiées.',
  proposalsNotPublished: "Les propositions du conseil de classe ne sont pas encore publiées.",
  alreadyAnswered: "La réponse a déjà été donnée : elle n'est plus modifiable.",
  answerTooLate: 'Le délai de réponse aux propositions du conseil de classe est dépassé.',
  noAnswerToAgreeWith: "Aucune réponse n'attend votre accord.",
  accordNotNeeded: "Votre accord n'est pas demandé pour cette réponse.",
  accordAlreadyGiven: "L'accord ou le désaccord avec cette réponse a déjà été donné.",
  accordTooLate: 'Le délai de réponse est dépassé.',
  nothingAwaitsResponse: "Ce dossier n'attend plus de réponse de la famille.",
  notInDialogue: "Le dossier n'est pas en dialogue avec la famille.",
  interviewAlreadyRecorded: "L'entretien avec le chef d'établissement est déjà enregistré.",
  interviewFirst: "L'entretien avec le chef d'établissement doit d'abord être enregistré.",
  headDecisionAlreadyRecorded: "La décision du chef d'établissement est déjà enregistrée.",
  nothingToAppeal: "Aucune décision du chef d'établissement ne peut faire l'objet d'un appel.",
  appealAlreadyRecorded: "L'appel est déjà enregistré.",
  appealBeforeDecision: "L'appel ne peut pas précéder la décision du chef d'établissement.",
  appealInFuture: "La date de l'appel ne peut pas être dans le futur.",
  noAppeal: "Aucun appel n'est en cours.",
  commissionAlreadyRecorded: "La décision de la commission d'appel est déjà enregistrée.",
  maintienOnlyAfterCommission:
    "Le maintien dans la classe d'origine ne peut être demandé qu'après la décision de la commission d'appel.",
  maintienAlreadyRecorded: "Le maintien dans la classe d'origine est déjà enregistré.",
  wrongWishList: 'Ces vœux ne correspondent pas à cette phase ou à ce palier.',
  acceptSomething: "Choisissez au moins une voie à accepter, ou n'acceptez aucune proposition.",
  acceptOnlyProposed:
    "Vous ne pouvez accepter que les voies pour lesquelles le conseil de classe a répondu « Oui » ou les voies qu'il a proposées.",
  acceptTwice: "Une même voie ne peut être acceptée qu'une fois.",
  councilMustPropose: 'Le conseil de classe doit proposer au moins une voie.',
  vocationalAnswer:
    "Pour l'accès à la voie professionnelle, le conseil de classe donne un avis favorable ou défavorable.",
  decisionNeedsTrack: "La décision doit porter sur au moins une voie.",
  decisionNeedsMotivations: "La décision doit être motivée lorsqu'elle ne suit pas la demande de la famille.",
} as const;

/** What each window says when it is not open. */
const WINDOW_MESSAGES: Readonly<Record<WindowName, { readonly notYetOpen: string; readonly closed: string; readonly notOver: string }>> = {
  intentions: {
    notYetOpen: "La saisie des intentions n'est pas encore ouverte.",
    closed: 'La saisie des intentions est fermée.',
    notOver: "La saisie des intentions n'est pas terminée.",
  },
  acknowledgement: {
    notYetOpen: "L'accusé de réception de l'avis provisoire n'est pas encore ouvert.",
    closed: "L'accusé de réception de l'avis provisoire est fermé.",
    notOver: "L'accusé de réception de l'avis provisoire n'est pas terminé.",
  },
  choices: {
    notYetOpen: "La saisie des choix définitifs n'est pas encore ouverte.",
    closed: 'La saisie des choix définitifs est fermée.',
    notOver: "La saisie des choix définitifs n'est pas terminée.",
  },
  response: {
    notYetOpen: "La réponse aux propositions du conseil de classe n'est pas encore ouverte.",
    closed: 'La réponse aux propositions du conseil de classe est fermée.',
    notOver: "La réponse aux propositions du conseil de classe n'est pas terminée.",
  },
};

function windowStatusAt(file: PupilFile, window: WindowName, at: Date): WindowStatus {
  return windowStatus(file.campaign.windows[window], at);
}

/** Null when the family may act in `window` at `at`, else why not. */
function familyWindowProblem(file: PupilFile, window: WindowName, at: Date): string | null {
  const current = windowStatusAt(file, window, at);
  if (current === 'open') return null;
  return current === 'closed' ? WINDOW_MESSAGES[window].closed : WINDOW_MESSAGES[window].notYetOpen;
}

/** Null when `window` is over at `at` (so its entries may be closed), else why not. */
function windowNotOverProblem(file: PupilFile, window: WindowName, at: Date): string | null {
  return windowStatusAt(file, window, at) === 'closed' ? null : WINDOW_MESSAGES[window].notOver;
}

function rightsProblem(file: PupilFile, actor: Actor, action: FileAction): string | null {
  const permission = authorize(actor, { action, file });
  return permission.allowed ? null : permission.reason;
}

/** The family member acting; rights have already made sure there is one. */
function member(actor: Actor): FamilyMember {
  const acting = actingMember(actor);
  if (!acting) throw new Error('A family action reached a transition without a family member.');
  return acting;
}

const isEditable = (phaseStatus: ProvisionalStatus | FinalStatus): boolean =>
  (EDITABLE_PHASE_STATUSES as readonly string[]).includes(phaseStatus);

function checkWishList(file: PupilFile, list: WishList, phase: Phase): string | null {
  return list.level === file.campaign.level && list.phase === phase ? null : TRANSITION_MESSAGES.wrongWishList;
}

function levelTrackProblem(level: Level, tracks: readonly TrackCode[]): string | null {
  for (const track of tracks) {
    if (!isTrackOfLevel(track, level)) return `La voie « ${trackLabel(track)} » n'est pas proposée en fin de ${level}.`;
  }
  return null;
}

// ——— Preconditions: who may attempt what, in which state, at which time ———

function councilPhaseProblem(phaseStatus: ProvisionalStatus | FinalStatus, phase: Phase): string | null {
  if (phaseStatus === 'closed') return null;
  if (isEditable(phaseStatus)) {
    return phase === 'provisional' ? TRANSITION_MESSAGES.intentionsNotClosed : TRANSITION_MESSAGES.choicesNotClosed;
  }
  return phase === 'provisional' ? TRANSITION_MESSAGES.opinionsAlreadyPublished : TRANSITION_MESSAGES.proposalsAlreadyPublished;
}

const LATER_THAN_INTERVIEW: readonly OutcomeStatus[] = ['interviewed', 'headDecided', 'appealed', 'commissionDecided', 'maintained'];
const LATER_THAN_HEAD_DECISION: readonly OutcomeStatus[] = ['headDecided', 'appealed', 'commissionDecided', 'maintained'];
const LATER_THAN_APPEAL: readonly OutcomeStatus[] = ['appealed', 'commissionDecided', 'maintained'];

export const TRANSITION_NAMES = [
  'validateIntentions',
  'closeIntentions',
  'recordOpinions',
  'publishOpinions',
  'acknowledgeOpinions',
  'validateChoices',
  'closeChoices',
  'recordProposals',
  'publishProposals',
  'answerProposals',
  'giveAccord',
  'giveDisagreement',
  'closeResponseWindow',
  'recordInterview',
  'recordHeadDecision',
  'recordAppeal',
  'recordCommissionDecision',
  'recordMaintien',
] as const;
export type TransitionName = (typeof TRANSITION_NAMES)[number];

type Precondition = (file: PupilFile, actor: Actor, at: Date) => string | null;

/**
 * For each transition, why it cannot be attempted now (rights, then state,
 * then calendar), or null. Inputs (wishes, answers…) are checked afterwards by
 * the transition itself.
 */
const PRECONDITIONS: Readonly<Record<TransitionName, Precondition>> = {
  validateIntentions: (file, actor, at) =>
    rightsProblem(file, actor, 'editIntentions') ??
    (isEditable(file.provisional.status) ? null : TRANSITION_MESSAGES.intentionsEditClosed) ??
    familyWindowProblem(file, 'intentions', at),

  closeIntentions: (file, actor, at) =>
    rightsProblem(file, actor, 'closePhase') ??
    (isEditable(file.provisional.status) ? null : TRANSITION_MESSAGES.intentionsAlreadyClosed) ??
    windowNotOverProblem(file, 'intentions', at),

  recordOpinions: (file, actor) =>
    rightsProblem(file, actor, 'enterCouncilResults') ?? councilPhaseProblem(file.provisional.status, 'provisional'),

  publishOpinions: (file, actor) => {
    const { provisional } = file;
    const missing = provisional.wishes.find(
      (wish) => !provisional.opinions?.byRank.some((entry) => entry.rank === wish.rank),
    );
    return (
      rightsProblem(file, actor, 'enterCouncilResults') ??
      councilPhaseProblem(provisional.status, 'provisional') ??
      (missing ? `Il manque l'avis du conseil de classe sur l'intention de rang ${missing.rank}.` : null)
    );
  },

  // Also possible in the choix définitifs window, since acknowledging comes first there.
  acknowledgeOpinions: (file, actor, at) => {
    const { status: phaseStatus } = file.provisional;
    const windowOpen =
      windowStatusAt(file, 'acknowledgement', at) === 'open' || windowStatusAt(file, 'choices', at) === 'open';
    return (
      rightsProblem(file, actor, 'acknowledgeOpinions') ??
      (phaseStatus === 'published'
        ? null
        : phaseStatus === 'acknowledged'
          ? TRANSITION_MESSAGES.alreadyAcknowledged
          : TRANSITION_MESSAGES.opinionsNotPublished) ??
      (windowOpen ? null : familyWindowProblem(file, 'acknowledgement', at))
    );
  },

  validateChoices: (file, actor, at) =>
    rightsProblem(file, actor, 'editChoices') ??
    (isEditable(file.final.status) ? null : TRANSITION_MESSAGES.choicesEditClosed) ??
    (file.provisional.status === 'acknowledged' ? null : TRANSITION_MESSAGES.acknowledgeFirst) ??
    familyWindowProblem(file, 'choices', at),

  closeChoices: (file, actor, at) =>
    rightsProblem(file, actor, 'closePhase') ??
    (isEditable(file.final.status) ? null : TRANSITION_MESSAGES.choicesAlreadyClosed) ??
    (isEditable(file.provisional.status) ? TRANSITION_MESSAGES.intentionsNotClosed : null) ??
    windowNotOverProblem(file, 'choices', at),

  recordProposals: (file, actor) =>
    rightsProblem(file, actor, 'enterCouncilResults') ?? councilPhaseProblem(file.final.status, 'final'),

  publishProposals: (file, actor) => {
    const { final } = file;
    const missing = final.wishes.find((wish) => !final.proposals?.byRank.some((entry) => entry.rank === wish.rank));
    return (
      rightsProblem(file, actor, 'enterCouncilResults') ??
      councilPhaseProblem(final.status, 'final') ??
      (missing ? `Il manque la réponse du conseil de classe au choix définitif de rang ${missing.rank}.` : null) ??
      (final.wishes.length === 0 && (final.proposals?.proposedTracks.length ?? 0) === 0
        ? TRANSITION_MESSAGES.councilMustPropose
        : null)
    );
  },

  answerProposals: (file, actor, at) => {
    const { status: phaseStatus } = file.final;
    return (
      rightsProblem(file, actor, 'answerProposals') ??
      (phaseStatus === 'published'
        ? null
        : phaseStatus === 'answered'
          ? TRANSITION_MESSAGES.alreadyAnswered
          : phaseStatus === 'unanswered'
            ? TRANSITION_MESSAGES.answerTooLate
            : TRANSITION_MESSAGES.proposalsNotPublished) ??
      familyWindowProblem(file, 'response', at)
    );
  },

  giveAccord: (file, actor, at) => accordProblem(file, actor, at),
  giveDisagreement: (file, actor, at) => accordProblem(file, actor, at),

  closeResponseWindow: (file, actor, at) =>
    rightsProblem(file, actor, 'closePhase') ??
    (awaitsResponseClosing(file)
      ? null
      : isEditable(file.final.status) || file.final.status === 'closed'
        ? TRANSITION_MESSAGES.proposalsNotPublished
        : TRANSITION_MESSAGES.nothingAwaitsResponse) ??
    windowNotOverProblem(file, 'response', at),

  recordInterview: (file, actor) => {
    const { status: outcomeStatus } = file.outcome;
    return (
      rightsProblem(file, actor, 'recordDialogue') ??
      (outcomeStatus === 'dialogue'
        ? null
        : LATER_THAN_INTERVIEW.includes(outcomeStatus)
          ? TRANSITION_MESSAGES.interviewAlreadyRecorded
          : TRANSITION_MESSAGES.notInDialogue)
    );
  },

  recordHeadDecision: (file, actor) => {
    const { status: outcomeStatus } = file.outcome;
    return (
      rightsProblem(file, actor, 'decideAsHead') ??
      (outcomeStatus === 'interviewed'
        ? null
        : outcomeStatus === 'dialogue'
          ? TRANSITION_MESSAGES.interviewFirst
          : LATER_THAN_HEAD_DECISION.includes(outcomeStatus)
            ? TRANSITION_MESSAGES.headDecisionAlreadyRecorded
            : TRANSITION_MESSAGES.notInDialogue)
    );
  },

  recordAppeal: (file, actor) => {
    const { status: outcomeStatus, headDecision } = file.outcome;
    return (
      rightsProblem(file, actor, 'recordDialogue') ??
      (outcomeStatus === 'headDecided' && headDecision
        ? null
        : LATER_THAN_APPEAL.includes(outcomeStatus)
          ? TRANSITION_MESSAGES.appealAlreadyRecorded
          : TRANSITION_MESSAGES.nothingToAppeal)
    );
  },

  recordCommissionDecision: (file, actor) => {
    const { status: outcomeStatus } = file.outcome;
    return (
      rightsProblem(file, actor, 'recordDialogue') ??
      (outcomeStatus === 'appealed'
        ? null
        : outcomeStatus === 'commissionDecided' || outcomeStatus === 'maintained'
          ? TRANSITION_MESSAGES.commissionAlreadyRecorded
          : TRANSITION_MESSAGES.noAppeal)
    );
  },

  recordMaintien: (file, actor) => {
    const { status: outcomeStatus } = file.outcome;
    return (
      rightsProblem(file, actor, 'recordDialogue') ??
      (outcomeStatus === 'commissionDecided'
        ? null
        : outcomeStatus === 'maintained'
          ? TRANSITION_MESSAGES.maintienAlreadyRecorded
          : TRANSITION_MESSAGES.maintienOnlyAfterCommission)
    );
  },
};

/**
 * Why `actor` cannot attempt `transition` on this file at `at` (French), or null
 * when it may: what a page needs to show a button or a read-only notice before
 * any input exists. The transition itself still validates its input.
 */
export function transitionRefusal(transition: TransitionName, file: PupilFile, actor: Actor, at: Date): string | null {
  return PRECONDITIONS[transition](file, actor, at);
}

// ——— Phase provisoire ———

/** The family validates (or, as the author, modifies) its intentions while the window is open. The first to validate becomes the author. */
export function validateIntentions(file: PupilFile, actor: Actor, at: Date, list: WishList): TransitionResult {
  const problem = PRECONDITIONS.validateIntentions(file, actor, at) ?? checkWishList(file, list, 'provisional');
  if (problem) return refuse(problem);
  return accept({
    ...file,
    provisional: {
      ...file.provisional,
      status: 'validated',
      wishes: list.wishes,
      author: file.provisional.author ?? member(actor),
      validatedAt: at,
    },
  });
}

/** Once the intentions window is over, entries stop (with or without intentions). */
export function closeIntentions(file: PupilFile, actor: Actor, at: Date): TransitionResult {
  const problem = PRECONDITIONS.closeIntentions(file, actor, at);
  if (problem) return refuse(problem);
  return accept({ ...file, provisional: { ...file.provisional, status: 'closed', closedAt: at } });
}

/** Each entry of the council's grid refers to one wish of the phase, once. */
function ranksProblem(byRank: readonly { readonly rank: number }[], wishes: readonly Wish[], phase: Phase): string | null {
  const seen = new Set<number>();
  for (const { rank } of byRank) {
    if (!wishes.some((wish) => wish.rank === rank)) {
      return phase === 'provisional' ? `Il n'y a pas d'intention de rang ${rank}.` : `Il n'y a pas de choix définitif de rang ${rank}.`;
    }
    if (seen.has(rank)) {
      return phase === 'provisional'
        ? `L'intention de rang ${rank} reçoit deux avis.`
        : `Le choix définitif de rang ${rank} reçoit deux réponses.`;
    }
    seen.add(rank);
  }
  return null;
}

function opinionsProblem(file: PupilFile, opinions: CouncilOpinions): string | null {
  const { wishes } = file.provisional;
  const recommendation = opinions.recommendation;
  return (
    ranksProblem(opinions.byRank, wishes, 'provisional') ??
    (recommendation ? levelTrackProblem(file.campaign.level, [recommendation]) : null) ??
    (recommendation && wishes.some((wish) => wish.track === recommendation)
      ? 'La recommandation du conseil de classe doit porter sur une voie non demandée par la famille.'
      : null)
  );
}

/** The school enters (and may correct until publication) the council's avis provisoire. */
export function recordOpinions(file: PupilFile, actor: Actor, at: Date, opinions: CouncilOpinions): TransitionResult {
  const problem = PRECONDITIONS.recordOpinions(file, actor, at) ?? opinionsProblem(file, opinions);
  if (problem) return refuse(problem);
  return accept({ ...file, provisional: { ...file.provisional, opinions } });
}

/** The school publishes the avis provisoire after the council: every intention needs its avis. */
export function publishOpinions(file: PupilFile, actor: Actor, at: Date): TransitionResult {
  const problem = PRECONDITIONS.publishOpinions(file, actor, at);
  if (problem) return refuse(problem);
  return accept({
    ...file,
    provisional: {
      ...file.provisional,
      status: 'published',
      opinions: file.provisional.opinions ?? { byRank: [], recommendation: null, motivations: '' },
      publishedAt: at,
    },
  });
}

/** Either RL (or the adult pupil) acknowledges the avis provisoire. */
export function acknowledgeOpinions(file: PupilFile, actor: Actor, at: Date): TransitionResult {
  const problem = PRECONDITIONS.acknowledgeOpinions(file, actor, at);
  if (problem) return refuse(problem);
  return accept({
    ...file,
    provisional: { ...file.provisional, status: 'acknowledged', acknowledgedBy: member(actor), acknowledgedAt: at },
  });
}

// ——— Phase définitive ———

/** The family validates (or, as the author, modifies) its choix définitifs, once the avis provisoire is acknowledged. */
export function validateChoices(file: PupilFile, actor: Actor, at: Date, list: WishList): TransitionResult {
  const problem = PRECONDITIONS.validateChoices(file, actor, at) ?? checkWishList(file, list, 'final');
  if (problem) return refuse(problem);
  return accept({
    ...file,
    final: {
      ...file.final,
      status: 'validated',
      wishes: list.wishes,
      author: file.final.author ?? member(actor),
      validatedAt: at,
    },
  });
}

/** Once the choix définitifs window is over, entries stop (with or without choices). */
export function closeChoices(file: PupilFile, actor: Actor, at: Date): TransitionResult {
  const problem = PRECONDITIONS.closeChoices(file, actor, at);
  if (problem) return refuse(problem);
  return accept({ ...file, final: { ...file.final, status: 'closed', closedAt: at } });
}

function proposalsProblem(file: PupilFile, proposals: CouncilProposals): string | null {
  const { wishes } = file.final;
  const ranks = ranksProblem(proposals.byRank, wishes, 'final');
  if (ranks) return ranks;
  for (const { rank, answer } of proposals.byRank) {
    const vocational = wishes.find((wish) => wish.rank === rank)?.track === 'VPRO';
    if (vocational && (answer === 'yes' || answer === 'no')) return TRANSITION_MESSAGES.vocationalAnswer;
    if (!vocational && (answer === 'favorable' || answer === 'unfavorable')) {
      return `Le conseil de classe répond « Oui » ou « Non » au choix définitif de rang ${rank}.`;
    }
  }
  const level = levelTrackProblem(file.campaign.level, proposals.proposedTracks);
  if (level) return level;
  const seen = new Set<TrackCode>();
  for (const track of proposals.proposedTracks) {
    const label = trackLabel(track);
    if (track === 'VPRO') return `Le conseil de classe ne peut pas proposer « ${label} ».`;
    if (wishes.some((wish) => wish.track === track)) {
      return `« ${label} » a été demandé par la famille : le conseil de classe y répond « Oui » ou « Non ».`;
    }
    if (seen.has(track)) return `« ${label} » est proposé deux fois.`;
    seen.add(track);
  }
  return null;
}

/** The school enters (and may correct until publication) the council's propositions. */
export function recordProposals(file: PupilFile, actor: Actor, at: Date, proposals: CouncilProposals): TransitionResult {
  const problem = PRECONDITIONS.recordProposals(file, actor, at) ?? proposalsProblem(file, proposals);
  if (problem) return refuse(problem);
  return accept({ ...file, final: { ...file.final, proposals } });
}

/** The school publishes the propositions: every choice needs its answer, and a pupil without choices needs a proposed voie. */
export function publishProposals(file: PupilFile, actor: Actor, at: Date): TransitionResult {
  const problem = PRECONDITIONS.publishProposals(file, actor, at);
  if (problem) return refuse(problem);
  return accept({
    ...file,
    final: {
      ...file.final,
      status: 'published',
      proposals: file.final.proposals ?? { byRank: [], proposedTracks: [], motivations: '' },
      publishedAt: at,
    },
  });
}

function responseProblem(file: PupilFile, response: FamilyResponse): string | null {
  if (response.kind === 'refused') return null;
  if (response.tracks.length === 0) return TRANSITION_MESSAGES.acceptSomething;
  if (new Set(response.tracks).size !== response.tracks.length) return TRANSITION_MESSAGES.acceptTwice;
  const acceptable = acceptableTracks(file);
  return response.tracks.every((track) => acceptable.includes(track)) ? null : TRANSITION_MESSAGES.acceptOnlyProposed;
}

/** Whether the other RL's accord is asked for, given who answered. */
function accordNeeded(file: PupilFile, respondent: FamilyMember, response: FamilyResponse): boolean {
  if (response.kind === 'refused' || file.pupilIsAdult || respondent.kind === 'pupil') return false;
  if (file.campaign.settings.secondRepresentative === 'none') return false;
  return file.representatives.some((representative) => representative.id !== respondent.id && representative.hasAccount);
}

function decide(file: PupilFile, tracks: readonly TrackCode[], at: Date): PupilFile {
  return { ...file, outcome: { ...file.outcome, status: 'decided', decision: { tracks, at } } };
}

function openDialogue(file: PupilFile, cause: DialogueCause, at: Date): PupilFile {
  return { ...file, outcome: { ...file.outcome, status: 'dialogue', dialogue: { cause, at } } };
}

/**
 * Either RL (or the adult pupil) answers once: accept voies answered « Oui » or
 * proposed by the council, or accept none. An acceptance is decided at once
 * unless the other RL's accord is awaited; a refusal opens the dialogue.
 */
export function answerProposals(file: PupilFile, actor: Actor, at: Date, response: FamilyResponse): TransitionResult {
  const problem = PRECONDITIONS.answerProposals(file, actor, at) ?? responseProblem(file, response);
  if (problem) return refuse(problem);
  const respondent = member(actor);
  const needsAccord = accordNeeded(file, respondent, response);
  const answered: PupilFile = {
    ...file,
    final: {
      ...file.final,
      status: 'answered',
      response,
      respondedBy: respondent,
      respondedAt: at,
      accord: needsAccord ? 'pending' : 'notNeeded',
    },
  };
  if (response.kind === 'refused') return accept(openDialogue(answered, 'refusal', at));
  return accept(needsAccord ? answered : decide(answered, response.tracks, at));
}

function accordProblem(file: PupilFile, actor: Actor, at: Date): string | null {
  const { final } = file;
  const rights = rightsProblem(file, actor, 'answerAccord');
  if (rights) return rights;
  if (final.status !== 'answered' || final.accord === null) return TRANSITION_MESSAGES.noAnswerToAgreeWith;
  switch (final.accord) {
    case 'pending':
      return familyWindowProblem(file, 'response', at);
    case 'notNeeded':
      return TRANSITION_MESSAGES.accordNotNeeded;
    case 'agreed':
    case 'disagreed':
      return TRANSITION_MESSAGES.accordAlreadyGiven;
    case 'presumed':
    case 'missing':
      return TRANSITION_MESSAGES.accordTooLate;
  }
}

function acceptedTracks(file: PupilFile): readonly TrackCode[] {
  return file.final.response?.kind === 'accepted' ? file.final.response.tracks : [];
}

/** The other RL agrees with the acceptance: it becomes the décision d'orientation. */
export function giveAccord(file: PupilFile, actor: Actor, at: Date): TransitionResult {
  const problem = PRECONDITIONS.giveAccord(file, actor, at);
  if (problem) return refuse(problem);
  const agreed: PupilFile = { ...file, final: { ...file.final, accord: 'agreed', accordBy: member(actor), accordAt: at } };
  return accept(decide(agreed, acceptedTracks(file), at));
}

/** The other RL disagrees: the file goes « en dialogue ». */
export function giveDisagreement(file: PupilFile, actor: Actor, at: Date): TransitionResult {
  const problem = PRECONDITIONS.giveDisagreement(file, actor, at);
  if (problem) return refuse(problem);
  const disagreed: PupilFile = {
    ...file,
    final: { ...file.final, accord: 'disagreed', accordBy: member(actor), accordAt: at },
  };
  return accept(openDialogue(disagreed, 'disagreement', at));
}

/** Whether `closeResponseWindow` has something to settle on this file. */
export function awaitsResponseClosing(file: PupilFile): boolean {
  return file.final.status === 'published' || (file.final.status === 'answered' && file.final.accord === 'pending');
}

/**
 * When the response window is over: no answer → « en dialogue »; an accord
 * still awaited → presumed (decision) unless the campaign requires it
 * (→ « en dialogue »).
 */
export function closeResponseWindow(file: PupilFile, actor: Actor, at: Date): TransitionResult {
  const problem = PRECONDITIONS.closeResponseWindow(file, actor, at);
  if (problem) return refuse(problem);
  const { final } = file;
  if (final.status === 'published') {
    return accept(openDialogue({ ...file, final: { ...final, status: 'unanswered' } }, 'noAnswer', at));
  }
  if (file.campaign.settings.secondRepresentative === 'required') {
    return accept(openDialogue({ ...file, final: { ...final, accord: 'missing', accordAt: at } }, 'noAccord', at));
  }
  return accept(decide({ ...file, final: { ...final, accord: 'presumed', accordAt: at } }, acceptedTracks(file), at));
}

// ——— Dialogue, decision, appeal ———

/** The school records the entretien with the head, mandatory once the file is « en dialogue ». */
export function recordInterview(file: PupilFile, actor: Actor, at: Date, input: { readonly notes: string }): TransitionResult {
  const problem = PRECONDITIONS.recordInterview(file, actor, at);
  if (problem) return refuse(problem);
  return accept({
    ...file,
    outcome: { ...file.outcome, status: 'interviewed', interview: { at, notes: input.notes.trim() } },
  });
}

/** Whether a decision follows the family's request: every decided voie is among its choix définitifs. */
export function followsFamilyRequest(file: PupilFile, tracks: readonly TrackCode[]): boolean {
  return tracks.every((track) => file.final.wishes.some((wish) => wish.track === track));
}

function tracksProblem(file: PupilFile, tracks: readonly TrackCode[]): string | null {
  if (tracks.length === 0) return TRANSITION_MESSAGES.decisionNeedsTrack;
  if (new Set(tracks).size !== tracks.length) return 'Une même voie est indiquée deux fois.';
  return levelTrackProblem(file.campaign.level, tracks);
}

/** After the entretien, the head decides; the decision is motivated when it does not follow the family's request. */
export function recordHeadDecision(
  file: PupilFile,
  actor: Actor,
  at: Date,
  input: { readonly tracks: readonly TrackCode[]; readonly motivations: string },
): TransitionResult {
  const motivations = input.motivations.trim();
  const problem =
    PRECONDITIONS.recordHeadDecision(file, actor, at) ??
    tracksProblem(file, input.tracks) ??
    (motivations === '' && !followsFamilyRequest(file, input.tracks) ? TRANSITION_MESSAGES.decisionNeedsMotivations : null);
  if (problem) return refuse(problem);
  return accept({
    ...file,
    outcome: {
      ...file.outcome,
      status: 'headDecided',
      headDecision: {
        tracks: input.tracks,
        motivations: motivations === '' ? null : motivations,
        at,
        appealDeadline: workingDaysDeadline(at, file.campaign.timeZone, APPEAL_WORKING_DAYS),
      },
    },
  });
}

function appealDateProblem(file: PupilFile, at: Date, lodgedAt: Date): string | null {
  const decision = file.outcome.headDecision;
  if (!decision) return TRANSITION_MESSAGES.nothingToAppeal;
  const lodged = lodgedAt.getTime();
  if (lodged < decision.at.getTime()) return TRANSITION_MESSAGES.appealBeforeDecision;
  if (lodged > at.getTime()) return TRANSITION_MESSAGES.appealInFuture;
  if (lodged > decision.appealDeadline.getTime()) {
    const deadline = formatDateTime(decision.appealDeadline, file.campaign.timeZone);
    return (
      `L'appel doit être formé dans les ${APPEAL_WORKING_DAYS} jours ouvrables qui suivent ` +
      `la décision du chef d'établissement, soit au plus tard le ${deadline}.`
    );
  }
  return null;
}

/** The school records the family's appeal to the commission d'appel, lodged within 3 jours ouvrables of the head's decision. */
export function recordAppeal(file: PupilFile, actor: Actor, at: Date, input: { readonly lodgedAt: Date }): TransitionResult {
  const problem = PRECONDITIONS.recordAppeal(file, actor, at) ?? appealDateProblem(file, at, input.lodgedAt);
  if (problem) return refuse(problem);
  return accept({
    ...file,
    outcome: { ...file.outcome, status: 'appealed', appeal: { lodgedAt: input.lodgedAt, recordedAt: at } },
  });
}

/** The school records the commission d'appel's decision. */
export function recordCommissionDecision(
  file: PupilFile,
  actor: Actor,
  at: Date,
  input: { readonly tracks: readonly TrackCode[] },
): TransitionResult {
  const problem = PRECONDITIONS.recordCommissionDecision(file, actor, at) ?? tracksProblem(file, input.tracks);
  if (problem) return refuse(problem);
  return accept({
    ...file,
    outcome: { ...file.outcome, status: 'commissionDecided', commissionDecision: { tracks: input.tracks, at } },
  });
}

/** The family disagrees with the commission's decision: the pupil stays in their class for one year (maintien de droit). */
export function recordMaintien(file: PupilFile, actor: Actor, at: Date): TransitionResult {
  const problem = PRECONDITIONS.recordMaintien(file, actor, at);
  if (problem) return refuse(problem);
  return accept({ ...file, outcome: { ...file.outcome, status: 'maintained', maintainedAt: at } });
}
