import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor.js';
import {
  acknowledgeOpinions,
  answerProposals,
  closeChoices,
  closeIntentions,
  closeResponseWindow,
  fileStage,
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
  transitionRefusal,
  validateIntentions,
  TRANSITION_NAMES,
  type FileStage,
  type TransitionName,
  type PupilFile,
  type TransitionResult,
} from '../../../src/domain/file.js';
import {
  AT,
  CHOICES,
  HEAD,
  INTENTIONS,
  OPINIONS,
  PROPOSALS,
  RL1,
  RL2,
  SECRETARY,
  SERVICE,
  fileAtEachStage,
  parisTime,
  type StageName,
} from './file-fixtures.js';

/** Each transition as the right person would call it, at a time when its window allows it. */
const CALLS: { [Name in TransitionName]: { actor: Actor; at: Date; run: (file: PupilFile, actor: Actor, at: Date) => TransitionResult } } = {
  validateIntentions: { actor: RL1, at: AT.intentions, run: (f, a, t) => validateIntentions(f, a, t, INTENTIONS) },
  closeIntentions: { actor: SERVICE, at: AT.afterIntentions, run: closeIntentions },
  recordOpinions: { actor: SECRETARY, at: AT.afterIntentions, run: (f, a, t) => recordOpinions(f, a, t, OPINIONS) },
  publishOpinions: { actor: SECRETARY, at: AT.afterIntentions, run: publishOpinions },
  acknowledgeOpinions: { actor: RL2, at: AT.acknowledgement, run: acknowledgeOpinions },
  validateChoices: { actor: RL2, at: AT.choices, run: (f, a, t) => validateChoices(f, a, t, CHOICES) },
  closeChoices: { actor: SERVICE, at: AT.afterChoices, run: closeChoices },
  recordProposals: { actor: SECRETARY, at: AT.afterChoices, run: (f, a, t) => recordProposals(f, a, t, PROPOSALS) },
  publishProposals: { actor: SECRETARY, at: AT.afterChoices, run: publishProposals },
  answerProposals: {
    actor: RL1,
    at: AT.response,
    run: (f, a, t) => answerProposals(f, a, t, { kind: 'accepted', tracks: ['2GT'] }),
  },
  giveAccord: { actor: RL2, at: AT.response, run: giveAccord },
  giveDisagreement: { actor: RL2, at: AT.response, run: giveDisagreement },
  closeResponseWindow: { actor: SERVICE, at: AT.afterResponse, run: closeResponseWindow },
  recordInterview: { actor: SECRETARY, at: AT.dialogue, run: (f, a, t) => recordInterview(f, a, t, { notes: '' }) },
  recordHeadDecision: {
    actor: HEAD,
    at: AT.dialogue,
    run: (f, a, t) => recordHeadDecision(f, a, t, { tracks: ['2PRO'], motivations: '' }),
  },
  recordAppeal: {
    actor: SECRETARY,
    at: AT.appeal,
    run: (f, a, t) => recordAppeal(f, a, t, { lodgedAt: parisTime('2027-06-16 09:00') }),
  },
  recordCommissionDecision: {
    actor: SECRETARY,
    at: AT.commission,
    run: (f, a, t) => recordCommissionDecision(f, a, t, { tracks: ['2PRO'] }),
  },
  recordMaintien: { actor: SECRETARY, at: AT.maintien, run: recordMaintien },
};

const STAGES = Object.keys(fileAtEachStage()) as StageName[];
const upTo = (last: StageName): StageName[] => STAGES.slice(0, STAGES.indexOf(last) + 1);
const from = (first: StageName): StageName[] => STAGES.slice(STAGES.indexOf(first));

/** `FileStage`: allowed, and the stage the file reaches; `{ reason }`: refused with this message. */
type Expected = FileStage | { readonly reason: string };
type Row = readonly (readonly [readonly StageName[], Expected])[];

const NOT_IN_DIALOGUE = { reason: "Le dossier n'est pas en dialogue avec la famille." };

const TABLE: Record<TransitionName, Row> = {
  validateIntentions: [
    [['awaitingIntentions', 'intentionsValidated'], 'intentionsValidated'],
    [from('intentionsClosed'), { reason: 'La saisie des intentions est close : les intentions ne peuvent plus être modifiées.' }],
  ],
  closeIntentions: [
    [['awaitingIntentions', 'intentionsValidated'], 'intentionsClosed'],
    [from('intentionsClosed'), { reason: 'La saisie des intentions est déjà close.' }],
  ],
  recordOpinions: [
    [['awaitingIntentions', 'intentionsValidated'], { reason: "La saisie des intentions n'est pas encore close." }],
    [['intentionsClosed', 'opinionsRecorded'], 'intentionsClosed'],
    [from('opinionsPublished'), { reason: "L'avis provisoire du conseil de classe est déjà publié." }],
  ],
  publishOpinions: [
    [['awaitingIntentions', 'intentionsValidated'], { reason: "La saisie des intentions n'est pas encore close." }],
    [['intentionsClosed'], { reason: "Il manque l'avis du conseil de classe sur l'intention de rang 1." }],
    [['opinionsRecorded'], 'opinionsPublished'],
    [from('opinionsPublished'), { reason: "L'avis provisoire du conseil de classe est déjà publié." }],
  ],
  acknowledgeOpinions: [
    [upTo('opinionsRecorded'), { reason: "L'avis provisoire du conseil de classe n'est pas encore publié." }],
    [['opinionsPublished'], 'awaitingChoices'],
    [from('awaitingChoices'), { reason: "L'accusé de réception de l'avis provisoire a déjà été donné." }],
  ],
  validateChoices: [
    [upTo('opinionsPublished'), { reason: "Vous devez d'abord accuser réception de l'avis provisoire du conseil de classe." }],
    [['awaitingChoices', 'choicesValidated'], 'choicesValidated'],
    [from('choicesClosed'), { reason: 'La saisie des choix définitifs est close : les choix ne peuvent plus être modifiés.' }],
  ],
  closeChoices: [
    [['awaitingIntentions', 'intentionsValidated'], { reason: "La saisie des intentions n'est pas encore close." }],
    [['intentionsClosed', 'opinionsRecorded', 'opinionsPublished', 'awaitingChoices', 'choicesValidated'], 'choicesClosed'],
    [from('choicesClosed'), { reason: 'La saisie des choix définitifs est déjà close.' }],
  ],
  recordProposals: [
    [upTo('choicesValidated'), { reason: "La saisie des choix définitifs n'est pas encore close." }],
    [['choicesClosed', 'proposalsRecorded'], 'choicesClosed'],
    [from('proposalsPublished'), { reason: 'Les propositions du conseil de classe sont déjà publiées.' }],
  ],
  publishProposals: [
    [upTo('choicesValidated'), { reason: "La saisie des choix définitifs n'est pas encore close." }],
    [['choicesClosed'], { reason: 'Il manque la réponse du conseil de classe au choix définitif de rang 1.' }],
    [['proposalsRecorded'], 'proposalsPublished'],
    [from('proposalsPublished'), { reason: 'Les propositions du conseil de classe sont déjà publiées.' }],
  ],
  answerProposals: [
    [upTo('proposalsRecorded'), { reason: 'Les propositions du conseil de classe ne sont pas encore publiées.' }],
    [['proposalsPublished'], 'awaitingAccord'],
    [from('awaitingAccord'), { reason: "La réponse a déjà été donnée : elle n'est plus modifiable." }],
  ],
  giveAccord: [
    [upTo('proposalsPublished'), { reason: "Aucune réponse n'attend votre accord." }],
    [['awaitingAccord'], 'decided'],
    [from('decided'), { reason: "L'accord ou le désaccord avec cette réponse a déjà été donné." }],
  ],
  giveDisagreement: [
    [upTo('proposalsPublished'), { reason: "Aucune réponse n'attend votre accord." }],
    [['awaitingAccord'], 'dialogue'],
    [from('decided'), { reason: "L'accord ou le désaccord avec cette réponse a déjà été donné." }],
  ],
  closeResponseWindow: [
    [upTo('proposalsRecorded'), { reason: 'Les propositions du conseil de classe ne sont pas encore publiées.' }],
    [['proposalsPublished'], 'dialogue'],
    [['awaitingAccord'], 'decided'],
    [from('decided'), { reason: "Ce dossier n'attend plus de réponse de la famille." }],
  ],
  recordInterview: [
    [upTo('decided'), NOT_IN_DIALOGUE],
    [['dialogue'], 'interviewed'],
    [from('interviewed'), { reason: "L'entretien avec le chef d'établissement est déjà enregistré." }],
  ],
  recordHeadDecision: [
    [upTo('decided'), NOT_IN_DIALOGUE],
    [['dialogue'], { reason: "L'entretien avec le chef d'établissement doit d'abord être enregistré." }],
    [['interviewed'], 'headDecided'],
    [from('headDecided'), { reason: "La décision du chef d'établissement est déjà enregistrée." }],
  ],
  recordAppeal: [
    [upTo('interviewed'), { reason: "Aucune décision du chef d'établissement ne peut faire l'objet d'un appel." }],
    [['headDecided'], 'appealed'],
    [from('appealed'), { reason: "L'appel est déjà enregistré." }],
  ],
  recordCommissionDecision: [
    [upTo('headDecided'), { reason: "Aucun appel n'est en cours." }],
    [['appealed'], 'commissionDecided'],
    [from('commissionDecided'), { reason: "La décision de la commission d'appel est déjà enregistrée." }],
  ],
  recordMaintien: [
    [
      upTo('appealed'),
      { reason: "Le maintien dans la classe d'origine ne peut être demandé qu'après la décision de la commission d'appel." },
    ],
    [['commissionDecided'], 'maintained'],
    [['maintained'], { reason: "Le maintien dans la classe d'origine est déjà enregistré." }],
  ],
};

const files = fileAtEachStage();
const cells = (Object.entries(TABLE) as [TransitionName, Row][]).flatMap(([transition, row]) =>
  row.flatMap(([stages, expected]) => stages.map((stage) => [transition, stage, expected] as const)),
);

describe('table des transitions du dossier', () => {
  it('la table couvre toutes les transitions exportées', () => {
    expect(Object.keys(TABLE).sort()).toEqual([...TRANSITION_NAMES].sort());
  });

  it('chaque transition a une réponse attendue pour chaque étape, une seule fois', () => {
    for (const [transition, row] of Object.entries(TABLE)) {
      const covered = row.flatMap(([stages]) => stages);
      expect(covered.toSorted(), transition).toEqual([...STAGES].sort());
    }
  });

  it('les étapes du dossier se nomment comme la procédure', () => {
    expect(STAGES.map((stage) => fileStage(files[stage]))).toEqual([
      'awaitingIntentions',
      'intentionsValidated',
      'intentionsClosed',
      'intentionsClosed',
      'opinionsPublished',
      'awaitingChoices',
      'choicesValidated',
      'choicesClosed',
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
    ]);
  });

  it.each(cells)('%s depuis l’étape %s → %o (le dossier d’origine reste inchangé)', (transition, stage, expected) => {
    const before = files[stage];
    const snapshot = structuredClone(before);
    const { actor, at, run } = CALLS[transition];
    const result = run(before, actor, at);
    if (typeof expected === 'string') {
      if (!result.ok) throw new Error(`refusé : ${result.reason}`);
      expect(fileStage(result.file)).toBe(expected);
      expect(transitionRefusal(transition, before, actor, at)).toBeNull();
    } else {
      expect(result).toEqual({ ok: false, reason: expected.reason });
      expect(transitionRefusal(transition, before, actor, at)).toBe(expected.reason);
    }
    expect(before).toEqual(snapshot);
  });
});
