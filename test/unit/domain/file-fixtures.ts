import type { Actor } from '../../../src/domain/actor.js';
import { DEFAULT_CAMPAIGN_SETTINGS, type CampaignSettings } from '../../../src/domain/calendar.js';
import type { Level } from '../../../src/domain/catalogue.js';
import { instantFromLocal } from '../../../src/domain/dates.js';
import {
  acknowledgeOpinions,
  answerProposals,
  closeChoices,
  closeIntentions,
  createFile,
  giveAccord,
  giveDisagreement,
  publishOpinions,
  publishProposals,
  recordAppeal,
  recordCommissionDecision,
  recordHeadDecision,
  recordInterview,
  recordMaintien,
  recordOpinions,
  recordProposals,
  validateChoices,
  validateIntentions,
  type FileRepresentative,
  type PupilFile,
  type TransitionResult,
} from '../../../src/domain/file.js';
import { validateWishes, type Phase, type WishList } from '../../../src/domain/wishes.js';

export const TIME_ZONE = 'Europe/Paris';

export function parisTime(text: string): Date {
  const [date = '', time = ''] = text.split(' ');
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  return instantFromLocal({ year: year!, month: month!, day: day!, hour: hour!, minute: minute! }, TIME_ZONE);
}

export const WINDOWS = {
  intentions: { opensAt: parisTime('2027-01-18 08:00'), closesAt: parisTime('2027-03-10 23:59') },
  acknowledgement: { opensAt: parisTime('2027-03-16 08:00'), closesAt: parisTime('2027-04-30 23:59') },
  choices: { opensAt: parisTime('2027-05-03 08:00'), closesAt: parisTime('2027-05-30 23:59') },
  response: { opensAt: parisTime('2027-06-02 08:00'), closesAt: parisTime('2027-06-09 23:59') },
};

/** Instants inside each window, and just after the family-entry ones. */
export const AT = {
  beforeEverything: parisTime('2027-01-10 10:00'),
  intentions: parisTime('2027-02-01 10:00'),
  afterIntentions: parisTime('2027-03-11 08:00'),
  acknowledgement: parisTime('2027-03-20 10:00'),
  betweenAcknowledgementAndChoices: parisTime('2027-05-01 10:00'),
  choices: parisTime('2027-05-10 10:00'),
  afterChoices: parisTime('2027-05-31 08:00'),
  response: parisTime('2027-06-05 10:00'),
  afterResponse: parisTime('2027-06-10 08:00'),
  /** A Monday. */
  dialogue: parisTime('2027-06-14 10:00'),
  appeal: parisTime('2027-06-16 10:00'),
  commission: parisTime('2027-06-25 10:00'),
  maintien: parisTime('2027-06-28 10:00'),
};

export const SCHOOL_ID = 1;
export const PUPIL_ID = 100;
export const RL1 = { kind: 'representative', representativeId: 11 } as const satisfies Actor;
export const RL2 = { kind: 'representative', representativeId: 12 } as const satisfies Actor;
export const STRANGER_RL = { kind: 'representative', representativeId: 99 } as const satisfies Actor;
export const PUPIL = { kind: 'pupil', pupilId: PUPIL_ID, adult: false } as const satisfies Actor;
export const ADULT_PUPIL = { kind: 'pupil', pupilId: PUPIL_ID, adult: true } as const satisfies Actor;
export const HEAD = { kind: 'staff', staffId: 1, schoolId: SCHOOL_ID, role: 'head' } as const satisfies Actor;
export const SECRETARY = { kind: 'staff', staffId: 2, schoolId: SCHOOL_ID, role: 'secretary' } as const satisfies Actor;
export const OTHER_HEAD = { kind: 'staff', staffId: 3, schoolId: 2, role: 'head' } as const satisfies Actor;
export const SERVICE = { kind: 'service' } as const satisfies Actor;
export const ACADEMY_ADMIN = { kind: 'academy_admin' } as const satisfies Actor;

export const BOTH_WITH_ACCOUNTS: FileRepresentative[] = [
  { id: 11, hasAccount: true },
  { id: 12, hasAccount: true },
];

export function newFile(
  options: {
    level?: Level;
    settings?: Partial<CampaignSettings>;
    representatives?: FileRepresentative[];
    pupilIsAdult?: boolean;
  } = {},
): PupilFile {
  return createFile({
    pupilId: PUPIL_ID,
    schoolId: SCHOOL_ID,
    pupilIsAdult: options.pupilIsAdult ?? false,
    representatives: options.representatives ?? BOTH_WITH_ACCOUNTS,
    campaign: {
      level: options.level ?? '3e',
      timeZone: TIME_ZONE,
      windows: WINDOWS,
      settings: { ...DEFAULT_CAMPAIGN_SETTINGS, ...options.settings },
    },
  });
}

export function wishList(level: Level, phase: Phase, wishes: object[]): WishList {
  const result = validateWishes(
    wishes.map((wish, index) => ({ rank: index + 1, ...wish })),
    { level, phase, offer: new Set(['MATHS', 'PC', 'SVT']) },
  );
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.list;
}

export const INTENTIONS = wishList('3e', 'provisional', [{ track: '2PRO', occupation: 'Ébéniste', schoolStatus: true }, { track: '2GT' }]);
export const CHOICES = wishList('3e', 'final', [{ track: '2GT' }, { track: '2PRO' }]);

export const OPINIONS = {
  byRank: [
    { rank: 1, opinion: 'favorable' },
    { rank: 2, opinion: 'reserved' },
  ],
  recommendation: 'CAP',
  motivations: 'Sans objet.',
} as const;

/** « Oui » to 2GT (rank 1), « Non » to 2PRO (rank 2), and CAP proposed by the council. */
export const PROPOSALS = {
  byRank: [
    { rank: 1, answer: 'yes' },
    { rank: 2, answer: 'no' },
  ],
  proposedTracks: ['CAP'],
  motivations: '',
} as const;

/** Freezes a file all the way down, so that a transition mutating its input throws. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export function must(result: TransitionResult): PupilFile {
  if (!result.ok) throw new Error(`Transition refused: ${result.reason}`);
  return deepFreeze(result.file);
}

/** The file up to the publication of the propositions: RL1 enters the intentions, RL2 acknowledges and enters the choices. */
export function fileUntilProposals(start: PupilFile = newFile()) {
  const awaitingIntentions = deepFreeze(start);
  const intentionsValidated = must(validateIntentions(awaitingIntentions, RL1, AT.intentions, INTENTIONS));
  const intentionsClosed = must(closeIntentions(intentionsValidated, SERVICE, AT.afterIntentions));
  const opinionsRecorded = must(recordOpinions(intentionsClosed, SECRETARY, AT.afterIntentions, OPINIONS));
  const opinionsPublished = must(publishOpinions(opinionsRecorded, SECRETARY, AT.afterIntentions));
  const awaitingChoices = must(acknowledgeOpinions(opinionsPublished, RL2, AT.acknowledgement));
  const choicesValidated = must(validateChoices(awaitingChoices, RL2, AT.choices, CHOICES));
  const choicesClosed = must(closeChoices(choicesValidated, SERVICE, AT.afterChoices));
  const proposalsRecorded = must(recordProposals(choicesClosed, SECRETARY, AT.afterChoices, PROPOSALS));
  const proposalsPublished = must(publishProposals(proposalsRecorded, SECRETARY, AT.afterChoices));
  return {
    awaitingIntentions,
    intentionsValidated,
    intentionsClosed,
    opinionsRecorded,
    opinionsPublished,
    awaitingChoices,
    choicesValidated,
    choicesClosed,
    proposalsRecorded,
    proposalsPublished,
  };
}

/** The file at each step of the procedure, reached through the transitions themselves; RL1 answers, RL2 agrees or not. */
export function fileAtEachStage(start: PupilFile = newFile()) {
  const early = fileUntilProposals(start);
  const { proposalsPublished } = early;
  const awaitingAccord = must(answerProposals(proposalsPublished, RL1, AT.response, { kind: 'accepted', tracks: ['2GT'] }));
  const decided = must(giveAccord(awaitingAccord, RL2, AT.response));
  const dialogue = must(giveDisagreement(awaitingAccord, RL2, AT.response));
  const interviewed = must(recordInterview(dialogue, SECRETARY, AT.dialogue, { notes: 'Entretien avec la famille.' }));
  const headDecided = must(recordHeadDecision(interviewed, HEAD, AT.dialogue, { tracks: ['2PRO'], motivations: '' }));
  const appealed = must(recordAppeal(headDecided, SECRETARY, AT.appeal, { lodgedAt: parisTime('2027-06-16 09:00') }));
  const commissionDecided = must(recordCommissionDecision(appealed, SECRETARY, AT.commission, { tracks: ['2PRO'] }));
  const maintained = must(recordMaintien(commissionDecided, SECRETARY, AT.maintien));
  return {
    ...early,
    awaitingAccord,
    decided,
    dialogue,
    interviewed,
    headDecided,
    appealed,
    commissionDecided,
    maintained,
  };
}

export type StageName = keyof ReturnType<typeof fileAtEachStage>;
