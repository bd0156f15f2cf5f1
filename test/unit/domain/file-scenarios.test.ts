import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor.js';
import { formatDateTime } from '../../../src/domain/dates.js';
import {
  acceptableTracks,
  acknowledgeOpinions,
  answerProposals,
  awaitsResponseClosing,
  closeChoices,
  closeIntentions,
  closeResponseWindow,
  currentDecision,
  fileStage,
  giveAccord,
  isInDialogue,
  publishOpinions,
  publishProposals,
  recordAppeal,
  recordHeadDecision,
  recordOpinions,
  recordProposals,
  validateChoices,
  validateIntentions,
  type CouncilProposals,
  type FileRepresentative,
  type PupilFile,
} from '../../../src/domain/file.js';
import {
  ACADEMY_ADMIN,
  ADULT_PUPIL,
  AT,
  CHOICES,
  HEAD,
  INTENTIONS,
  OPINIONS,
  OTHER_HEAD,
  PROPOSALS,
  PUPIL,
  RL1,
  RL2,
  SECRETARY,
  SERVICE,
  STRANGER_RL,
  TIME_ZONE,
  deepFreeze,
  fileAtEachStage,
  fileUntilProposals,
  must,
  newFile,
  parisTime,
  wishList,
} from './file-fixtures.js';

const stages = fileAtEachStage();

const reasonOf = (result: { ok: boolean; reason?: string }): string | undefined => (result.ok ? undefined : result.reason);

describe('les fenêtres du calendrier ouvrent et ferment les saisies', () => {
  it('avant l’ouverture, la famille ne peut pas valider ses intentions', () => {
    expect(reasonOf(validateIntentions(stages.awaitingIntentions, RL1, AT.beforeEverything, INTENTIONS))).toBe(
      "La saisie des intentions n'est pas encore ouverte.",
    );
  });

  it('après la fermeture, elle ne le peut plus, même si le dossier n’est pas encore clos', () => {
    expect(reasonOf(validateIntentions(stages.awaitingIntentions, RL1, AT.afterIntentions, INTENTIONS))).toBe(
      'La saisie des intentions est fermée.',
    );
  });

  it('la saisie se valide jusqu’à la dernière minute avant la fermeture', () => {
    const lastMinute = parisTime('2027-03-10 23:58');
    expect(validateIntentions(stages.awaitingIntentions, RL1, lastMinute, INTENTIONS).ok).toBe(true);
  });

  it('sans calendrier, rien ne peut être saisi', () => {
    const unscheduled: PupilFile = {
      ...stages.awaitingIntentions,
      campaign: {
        ...stages.awaitingIntentions.campaign,
        windows: { ...stages.awaitingIntentions.campaign.windows, intentions: { opensAt: null, closesAt: null } },
      },
    };
    expect(reasonOf(validateIntentions(unscheduled, RL1, AT.intentions, INTENTIONS))).toBe(
      "La saisie des intentions n'est pas encore ouverte.",
    );
  });

  it('les intentions ne se clôturent pas tant que la fenêtre est ouverte', () => {
    expect(reasonOf(closeIntentions(stages.intentionsValidated, SERVICE, AT.intentions))).toBe(
      "La saisie des intentions n'est pas terminée.",
    );
  });

  it('les intentions se clôturent aussi sans aucune intention saisie', () => {
    const closed = must(closeIntentions(stages.awaitingIntentions, SERVICE, AT.afterIntentions));
    expect(closed.provisional).toMatchObject({ status: 'closed', wishes: [], author: null });
  });

  it('l’accusé de réception n’est pas possible avant l’ouverture de sa fenêtre', () => {
    expect(reasonOf(acknowledgeOpinions(stages.opinionsPublished, RL1, AT.afterIntentions))).toBe(
      "L'accusé de réception de l'avis provisoire n'est pas encore ouvert.",
    );
  });

  it('l’accusé de réception reste possible pendant la saisie des choix définitifs, qu’il précède', () => {
    const acknowledged = must(acknowledgeOpinions(stages.opinionsPublished, RL1, AT.choices));
    expect(acknowledged.provisional).toMatchObject({
      status: 'acknowledged',
      acknowledgedBy: { kind: 'representative', id: 11 },
      acknowledgedAt: AT.choices,
    });
  });

  it('entre la fin de l’accusé de réception et l’ouverture des choix, il est fermé', () => {
    expect(reasonOf(acknowledgeOpinions(stages.opinionsPublished, RL1, AT.betweenAcknowledgementAndChoices))).toBe(
      "L'accusé de réception de l'avis provisoire est fermé.",
    );
  });

  it('les choix définitifs ne se valident que pendant leur fenêtre', () => {
    expect(reasonOf(validateChoices(stages.awaitingChoices, RL2, AT.acknowledgement, CHOICES))).toBe(
      "La saisie des choix définitifs n'est pas encore ouverte.",
    );
    expect(reasonOf(validateChoices(stages.awaitingChoices, RL2, AT.afterChoices, CHOICES))).toBe(
      'La saisie des choix définitifs est fermée.',
    );
    expect(reasonOf(closeChoices(stages.choicesValidated, SERVICE, AT.choices))).toBe(
      "La saisie des choix définitifs n'est pas terminée.",
    );
  });

  it('la réponse aux propositions n’est plus possible après la fermeture', () => {
    const accept = { kind: 'accepted', tracks: ['2GT'] } as const;
    expect(reasonOf(answerProposals(stages.proposalsPublished, RL1, AT.afterChoices, accept))).toBe(
      "La réponse aux propositions du conseil de classe n'est pas encore ouverte.",
    );
    expect(reasonOf(answerProposals(stages.proposalsPublished, RL1, AT.afterResponse, accept))).toBe(
      'La réponse aux propositions du conseil de classe est fermée.',
    );
    expect(reasonOf(giveAccord(stages.awaitingAccord, RL2, AT.afterResponse))).toBe(
      'La réponse aux propositions du conseil de classe est fermée.',
    );
    expect(reasonOf(closeResponseWindow(stages.awaitingAccord, SERVICE, AT.response))).toBe(
      "La réponse aux propositions du conseil de classe n'est pas terminée.",
    );
  });
});

describe('auteur de chaque phase', () => {
  it('le représentant qui valide en premier devient l’auteur des intentions', () => {
    expect(stages.intentionsValidated.provisional).toMatchObject({
      status: 'validated',
      author: { kind: 'representative', id: 11 },
      validatedAt: AT.intentions,
    });
  });

  it('l’auteur modifie ses intentions jusqu’à la fermeture ; il en reste l’auteur', () => {
    const later = parisTime('2027-03-01 20:00');
    const newList = wishList('3e', 'provisional', [{ track: 'CAP' }]);
    const modified = must(validateIntentions(stages.intentionsValidated, RL1, later, newList));
    expect(modified.provisional.wishes.map((w) => w.track)).toEqual(['CAP']);
    expect(modified.provisional).toMatchObject({ author: { kind: 'representative', id: 11 }, validatedAt: later });
  });

  it('l’autre représentant voit les intentions en lecture seule, avec le message du guide', () => {
    expect(reasonOf(validateIntentions(stages.intentionsValidated, RL2, AT.intentions, INTENTIONS))).toBe(
      "Seul le représentant ayant saisi les intentions peut apporter des modifications. Les intentions saisies sont en consultation pour l'autre représentant légal et l'élève.",
    );
  });

  it('les choix définitifs peuvent être saisis par l’autre représentant, qui en devient l’auteur', () => {
    expect(stages.choicesValidated.provisional.author).toEqual({ kind: 'representative', id: 11 });
    expect(stages.choicesValidated.final.author).toEqual({ kind: 'representative', id: 12 });
    expect(reasonOf(validateChoices(stages.choicesValidated, RL1, AT.choices, CHOICES))).toBe(
      "Seul le représentant ayant saisi les choix définitifs peut apporter des modifications. Les choix saisis sont en consultation pour l'autre représentant légal et l'élève.",
    );
  });

  it('l’élève mineur ne peut rien saisir', () => {
    expect(reasonOf(validateIntentions(stages.awaitingIntentions, PUPIL, AT.intentions, INTENTIONS))).toBe(
      'Le compte élève permet uniquement de consulter les saisies effectuées par le représentant légal.',
    );
  });

  it('l’élève majeur saisit lui-même ses intentions ; ses parents ne le peuvent pas', () => {
    const adultFile = deepFreeze(newFile({ pupilIsAdult: true }));
    const validated = must(validateIntentions(adultFile, ADULT_PUPIL, AT.intentions, INTENTIONS));
    expect(validated.provisional.author).toEqual({ kind: 'pupil', id: 100 });
    expect(reasonOf(validateIntentions(adultFile, RL1, AT.intentions, INTENTIONS))).toBe(
      "L'élève est majeur : il effectue lui-même ses démarches d'orientation. Vous pouvez consulter son dossier.",
    );
  });

  it('une saisie papier par le secrétariat fait du représentant signataire l’auteur', () => {
    const paper: Actor = { ...SECRETARY, onBehalfOf: { kind: 'representative', id: 12 } };
    const validated = must(validateIntentions(stages.awaitingIntentions, paper, AT.intentions, INTENTIONS));
    expect(validated.provisional.author).toEqual({ kind: 'representative', id: 12 });
    expect(reasonOf(validateIntentions(validated, RL1, AT.intentions, INTENTIONS))).toMatch(/^Seul le représentant ayant saisi/);
  });

  it('une liste de vœux d’une autre phase ou d’un autre palier est refusée', () => {
    expect(reasonOf(validateIntentions(stages.awaitingIntentions, RL1, AT.intentions, CHOICES))).toBe(
      'Ces vœux ne correspondent pas à cette phase ou à ce palier.',
    );
    const secondeList = wishList('2de', 'provisional', [{ track: 'BTMM' }]);
    expect(reasonOf(validateIntentions(stages.awaitingIntentions, RL1, AT.intentions, secondeList))).toBe(
      'Ces vœux ne correspondent pas à cette phase ou à ce palier.',
    );
  });
});

describe('personnes étrangères au dossier', () => {
  it.each([
    ['un représentant d’un autre élève', STRANGER_RL, "Vous n'êtes pas représentant légal de cet élève."],
    ['le chef d’un autre établissement', OTHER_HEAD, "Cet élève n'est pas inscrit dans votre établissement."],
    ['l’administrateur académique', ACADEMY_ADMIN, "L'administration académique n'a pas accès aux dossiers des élèves."],
  ] as const)('%s ne peut rien faire', (_who, actor, reason) => {
    expect(reasonOf(validateIntentions(stages.awaitingIntentions, actor, AT.intentions, INTENTIONS))).toBe(reason);
    expect(reasonOf(publishOpinions(stages.opinionsRecorded, actor, AT.afterIntentions))).toBe(reason);
  });

  it('le chef d’un autre établissement ne peut pas décider', () => {
    expect(reasonOf(recordHeadDecision(stages.interviewed, OTHER_HEAD, AT.dialogue, { tracks: ['2GT'], motivations: 'x' }))).toBe(
      "Cet élève n'est pas inscrit dans votre établissement.",
    );
  });
});

describe('avis provisoire du conseil de classe', () => {
  it('est enregistré puis publié', () => {
    expect(stages.opinionsPublished.provisional).toMatchObject({
      status: 'published',
      opinions: OPINIONS,
      publishedAt: AT.afterIntentions,
    });
  });

  it.each([
    [{ ...OPINIONS, byRank: [{ rank: 3, opinion: 'favorable' }] }, "Il n'y a pas d'intention de rang 3."],
    [
      {
        ...OPINIONS,
        byRank: [
          { rank: 1, opinion: 'favorable' },
          { rank: 1, opinion: 'reserved' },
        ],
      },
      "L'intention de rang 1 reçoit deux avis.",
    ],
    [{ ...OPINIONS, recommendation: '2GT' }, 'La recommandation du conseil de classe doit porter sur une voie non demandée par la famille.'],
    [{ ...OPINIONS, recommendation: '1G' }, "La voie « 1re générale » n'est pas proposée en fin de 3e."],
  ] as const)('une saisie incohérente est refusée : %s', (opinions, reason) => {
    expect(reasonOf(recordOpinions(stages.intentionsClosed, SECRETARY, AT.afterIntentions, opinions))).toBe(reason);
  });

  it('pour un élève sans intention, l’avis se publie sans saisie', () => {
    const closed = must(closeIntentions(stages.awaitingIntentions, SERVICE, AT.afterIntentions));
    const published = must(publishOpinions(closed, SECRETARY, AT.afterIntentions));
    expect(published.provisional.opinions).toEqual({ byRank: [], recommendation: null, motivations: '' });
  });

  it('le chef d’établissement clôt aussi une phase, le secrétariat non', () => {
    expect(closeIntentions(stages.intentionsValidated, HEAD, AT.afterIntentions).ok).toBe(true);
    expect(reasonOf(closeIntentions(stages.intentionsValidated, SECRETARY, AT.afterIntentions))).toBe(
      "Seul le chef d'établissement peut clore une phase.",
    );
  });

  it('une famille ne publie pas l’avis', () => {
    expect(reasonOf(publishOpinions(stages.opinionsRecorded, RL1, AT.afterIntentions))).toBe(
      "Cette saisie est réservée à l'établissement.",
    );
  });
});

/** A 2de file with these choix définitifs, closed and ready for the council. */
function secondeChoicesClosed(choices: object[]): PupilFile {
  let file = deepFreeze(newFile({ level: '2de' }));
  file = must(closeIntentions(file, SERVICE, AT.afterIntentions));
  file = must(publishOpinions(file, SECRETARY, AT.afterIntentions));
  file = must(acknowledgeOpinions(file, RL1, AT.acknowledgement));
  file = must(validateChoices(file, RL1, AT.choices, wishList('2de', 'final', choices)));
  return must(closeChoices(file, SERVICE, AT.afterChoices));
}

describe('propositions du conseil de classe', () => {
  const secondeChoices = [{ track: '1G', specialties: ['MATHS', 'PC', 'SVT'] }, { track: 'VPRO', vocationalRoute: '1PRO' }];
  const seconde = secondeChoicesClosed(secondeChoices);
  const proposals = (overrides: Partial<CouncilProposals>): CouncilProposals => ({
    byRank: [
      { rank: 1, answer: 'yes' },
      { rank: 2, answer: 'favorable' },
    ],
    proposedTracks: [],
    motivations: '',
    ...overrides,
  });

  it('l’accès à la voie professionnelle reçoit un avis favorable ou défavorable, pas « Oui »', () => {
    expect(recordProposals(seconde, SECRETARY, AT.afterChoices, proposals({})).ok).toBe(true);
    expect(
      reasonOf(
        recordProposals(seconde, SECRETARY, AT.afterChoices, proposals({ byRank: [{ rank: 2, answer: 'yes' }] })),
      ),
    ).toBe("Pour l'accès à la voie professionnelle, le conseil de classe donne un avis favorable ou défavorable.");
  });

  it('les autres choix reçoivent « Oui » ou « Non »', () => {
    expect(
      reasonOf(
        recordProposals(seconde, SECRETARY, AT.afterChoices, proposals({ byRank: [{ rank: 1, answer: 'favorable' }] })),
      ),
    ).toBe('Le conseil de classe répond « Oui » ou « Non » au choix définitif de rang 1.');
  });

  it.each([
    [['1G'], '« 1re générale » a été demandé par la famille : le conseil de classe y répond « Oui » ou « Non ».'],
    [['VPRO'], 'Le conseil de classe ne peut pas proposer « Autre parcours : un accès à la voie professionnelle ».'],
    [['1T-STMG', '1T-STMG'], '« 1re technologique : 1re STMG » est proposé deux fois.'],
    [['2GT'], "La voie « 2de générale et technologique ou 2de STHR » n'est pas proposée en fin de 2de."],
  ] as const)('une voie proposée incohérente est refusée : %o', (proposedTracks, reason) => {
    expect(reasonOf(recordProposals(seconde, SECRETARY, AT.afterChoices, proposals({ proposedTracks })))).toBe(reason);
  });

  it('seules les voies « Oui » et celles proposées par le conseil peuvent être acceptées ; un avis favorable ne s’accepte pas', () => {
    const recorded = must(
      recordProposals(seconde, SECRETARY, AT.afterChoices, proposals({ proposedTracks: ['1T-STMG'] })),
    );
    const published = must(publishProposals(recorded, SECRETARY, AT.afterChoices));
    expect(acceptableTracks(published)).toEqual(['1G', '1T-STMG']);
    expect(reasonOf(answerProposals(published, RL1, AT.response, { kind: 'accepted', tracks: ['VPRO'] }))).toBe(
      "Vous ne pouvez accepter que les voies pour lesquelles le conseil de classe a répondu « Oui » ou les voies qu'il a proposées.",
    );
  });

  it('un élève sans choix définitif doit recevoir au moins une proposition', () => {
    let file = must(closeChoices(stages.opinionsPublished, SERVICE, AT.afterChoices));
    expect(reasonOf(publishProposals(file, SECRETARY, AT.afterChoices))).toBe(
      'Le conseil de classe doit proposer au moins une voie.',
    );
    file = must(recordProposals(file, SECRETARY, AT.afterChoices, { byRank: [], proposedTracks: ['2GT'], motivations: '' }));
    expect(fileStage(must(publishProposals(file, SECRETARY, AT.afterChoices)))).toBe('proposalsPublished');
  });
});

describe('réponse de la famille', () => {
  const published = stages.proposalsPublished;

  it.each([
    [{ kind: 'accepted', tracks: [] }, "Choisissez au moins une voie à accepter, ou n'acceptez aucune proposition."],
    [{ kind: 'accepted', tracks: ['2PRO'] }, "Vous ne pouvez accepter que les voies pour lesquelles le conseil de classe a répondu « Oui » ou les voies qu'il a proposées."],
    [{ kind: 'accepted', tracks: ['2GT', '2GT'] }, "Une même voie ne peut être acceptée qu'une fois."],
  ] as const)('une réponse invalide est refusée : %o', (response, reason) => {
    expect(reasonOf(answerProposals(published, RL1, AT.response, response))).toBe(reason);
  });

  it('accepter la voie « Oui » et la voie proposée par le conseil est possible', () => {
    const answered = must(answerProposals(published, RL2, AT.response, { kind: 'accepted', tracks: ['2GT', 'CAP'] }));
    expect(answered.final).toMatchObject({
      status: 'answered',
      response: { kind: 'accepted', tracks: ['2GT', 'CAP'] },
      respondedBy: { kind: 'representative', id: 12 },
      respondedAt: AT.response,
      accord: 'pending',
    });
  });

  it('refuser toutes les propositions met le dossier en dialogue, sans demander l’accord de l’autre représentant', () => {
    const refused = must(answerProposals(published, RL1, AT.response, { kind: 'refused' }));
    expect(refused.final.accord).toBe('notNeeded');
    expect(refused.outcome).toMatchObject({ status: 'dialogue', dialogue: { cause: 'refusal', at: AT.response } });
    expect(isInDialogue(refused)).toBe(true);
    expect(reasonOf(giveAccord(refused, RL2, AT.response))).toBe("Votre accord n'est pas demandé pour cette réponse.");
  });

  it('le représentant qui a répondu ne donne pas lui-même l’accord', () => {
    expect(reasonOf(giveAccord(stages.awaitingAccord, RL1, AT.response))).toBe(
      "Seul l'autre représentant légal donne son accord ou son désaccord avec la réponse saisie.",
    );
  });

  it('l’accord de l’autre représentant fait de la voie acceptée la décision d’orientation', () => {
    expect(stages.decided.final).toMatchObject({ accord: 'agreed', accordBy: { kind: 'representative', id: 12 } });
    expect(currentDecision(stages.decided)).toEqual({ by: 'family', tracks: ['2GT'], at: AT.response });
  });

  it('le désaccord de l’autre représentant met le dossier en dialogue', () => {
    expect(stages.dialogue.outcome.dialogue).toEqual({ cause: 'disagreement', at: AT.response });
    expect(currentDecision(stages.dialogue)).toBeNull();
  });
});

describe('accord du second représentant selon le paramètre de la campagne', () => {
  const answeredBy = (settings: 'presumed' | 'required' | 'none', representatives: FileRepresentative[]): PupilFile => {
    const { proposalsPublished } = fileUntilProposals(newFile({ settings: { secondRepresentative: settings } }));
    const file = deepFreeze({ ...proposalsPublished, representatives });
    return must(answerProposals(file, RL1, AT.response, { kind: 'accepted', tracks: ['2GT'] }));
  };
  const both = [
    { id: 11, hasAccount: true },
    { id: 12, hasAccount: true },
  ];

  it.each([
    ['presumed', both, 'pending', 'awaitingAccord'],
    ['required', both, 'pending', 'awaitingAccord'],
    ['none', both, 'notNeeded', 'decided'],
    ['presumed', [{ id: 11, hasAccount: true }, { id: 12, hasAccount: false }], 'notNeeded', 'decided'],
    ['required', [{ id: 11, hasAccount: true }, { id: 12, hasAccount: false }], 'notNeeded', 'decided'],
    ['required', [{ id: 11, hasAccount: true }], 'notNeeded', 'decided'],
  ] as const)('règle %s, représentants %o : accord %s, étape %s', (rule, representatives, accord, stage) => {
    const answered = answeredBy(rule, [...representatives]);
    expect(answered.final.accord).toBe(accord);
    expect(fileStage(answered)).toBe(stage);
  });

  it('accord présumé : à la fermeture, le silence vaut accord et la décision est prise', () => {
    const closed = must(closeResponseWindow(answeredBy('presumed', both), SERVICE, AT.afterResponse));
    expect(closed.final).toMatchObject({ accord: 'presumed', accordAt: AT.afterResponse });
    expect(closed.outcome).toMatchObject({ status: 'decided', decision: { tracks: ['2GT'], at: AT.afterResponse } });
    expect(reasonOf(giveAccord(closed, RL2, AT.afterResponse))).toBe('Le délai de réponse est dépassé.');
  });

  it('accord exigé : à la fermeture sans accord, le dossier passe en dialogue', () => {
    const closed = must(closeResponseWindow(answeredBy('required', both), SERVICE, AT.afterResponse));
    expect(closed.final.accord).toBe('missing');
    expect(closed.outcome).toMatchObject({ status: 'dialogue', dialogue: { cause: 'noAccord' } });
  });

  it('sans réponse à la fermeture, le dossier passe en dialogue et la réponse n’est plus possible', () => {
    const closed = must(closeResponseWindow(stages.proposalsPublished, SERVICE, AT.afterResponse));
    expect(closed.final.status).toBe('unanswered');
    expect(closed.outcome.dialogue?.cause).toBe('noAnswer');
    expect(awaitsResponseClosing(closed)).toBe(false);
    expect(reasonOf(answerProposals(closed, RL1, AT.response, { kind: 'refused' }))).toBe(
      'Le délai de réponse aux propositions du conseil de classe est dépassé.',
    );
  });

  it('le travail de clôture sait quels dossiers attendent encore', () => {
    expect(awaitsResponseClosing(stages.proposalsPublished)).toBe(true);
    expect(awaitsResponseClosing(stages.awaitingAccord)).toBe(true);
    expect(awaitsResponseClosing(stages.decided)).toBe(false);
    expect(awaitsResponseClosing(stages.choicesClosed)).toBe(false);
  });
});

describe('élève majeur tout au long de la procédure', () => {
  it('répond seul et sa réponse vaut décision, même quand l’accord est exigé', () => {
    let file = deepFreeze(newFile({ pupilIsAdult: true, settings: { secondRepresentative: 'required' } }));
    file = must(validateIntentions(file, ADULT_PUPIL, AT.intentions, INTENTIONS));
    file = must(closeIntentions(file, SERVICE, AT.afterIntentions));
    file = must(recordOpinions(file, SECRETARY, AT.afterIntentions, OPINIONS));
    file = must(publishOpinions(file, SECRETARY, AT.afterIntentions));
    file = must(acknowledgeOpinions(file, ADULT_PUPIL, AT.acknowledgement));
    file = must(validateChoices(file, ADULT_PUPIL, AT.choices, CHOICES));
    file = must(closeChoices(file, SERVICE, AT.afterChoices));
    file = must(recordProposals(file, SECRETARY, AT.afterChoices, PROPOSALS));
    file = must(publishProposals(file, SECRETARY, AT.afterChoices));
    expect(reasonOf(answerProposals(file, RL1, AT.response, { kind: 'refused' }))).toMatch(/^L'élève est majeur/);
    file = must(answerProposals(file, ADULT_PUPIL, AT.response, { kind: 'accepted', tracks: ['CAP'] }));
    expect(file.final.accord).toBe('notNeeded');
    expect(currentDecision(file)).toEqual({ by: 'family', tracks: ['CAP'], at: AT.response });
  });
});

describe('décision du chef d’établissement et appel', () => {
  it('seul le chef d’établissement décide', () => {
    expect(reasonOf(recordHeadDecision(stages.interviewed, SECRETARY, AT.dialogue, { tracks: ['2PRO'], motivations: '' }))).toBe(
      "Seul le chef d'établissement peut prendre la décision d'orientation.",
    );
  });

  it('une décision conforme à un choix de la famille n’a pas besoin d’être motivée', () => {
    expect(stages.headDecided.outcome.headDecision).toMatchObject({ tracks: ['2PRO'], motivations: null, at: AT.dialogue });
  });

  it('une décision qui ne suit pas la demande de la famille doit être motivée', () => {
    expect(reasonOf(recordHeadDecision(stages.interviewed, HEAD, AT.dialogue, { tracks: ['CAP'], motivations: '  ' }))).toBe(
      "La décision doit être motivée lorsqu'elle ne suit pas la demande de la famille.",
    );
    const decided = must(
      recordHeadDecision(stages.interviewed, HEAD, AT.dialogue, { tracks: ['CAP'], motivations: ' Résultats insuffisants. ' }),
    );
    expect(decided.outcome.headDecision?.motivations).toBe('Résultats insuffisants.');
    expect(currentDecision(decided)).toEqual({ by: 'head', tracks: ['CAP'], at: AT.dialogue });
  });

  it('une décision porte sur au moins une voie du palier', () => {
    expect(reasonOf(recordHeadDecision(stages.interviewed, HEAD, AT.dialogue, { tracks: [], motivations: 'x' }))).toBe(
      'La décision doit porter sur au moins une voie.',
    );
    expect(reasonOf(recordHeadDecision(stages.interviewed, HEAD, AT.dialogue, { tracks: ['1G'], motivations: 'x' }))).toBe(
      "La voie « 1re générale » n'est pas proposée en fin de 3e.",
    );
  });

  it('le délai d’appel court trois jours ouvrables après la décision (lundi → jeudi 23 h 59)', () => {
    const deadline = stages.headDecided.outcome.headDecision?.appealDeadline;
    expect(deadline && formatDateTime(deadline, TIME_ZONE)).toBe('17/06/2027 à 23 h 59');
  });

  it.each([
    ['le dernier jour à 23 h 59', '2027-06-17 23:59', null],
    [
      'le lendemain du délai',
      '2027-06-18 08:00',
      "L'appel doit être formé dans les 3 jours ouvrables qui suivent la décision du chef d'établissement, soit au plus tard le 17/06/2027 à 23 h 59.",
    ],
    ['avant la décision', '2027-06-14 09:00', "L'appel ne peut pas précéder la décision du chef d'établissement."],
  ])('un appel formé %s', (_when, lodged, reason) => {
    const result = recordAppeal(stages.headDecided, SECRETARY, parisTime('2027-06-20 10:00'), { lodgedAt: parisTime(lodged) });
    expect(reasonOf(result)).toBe(reason ?? undefined);
  });

  it('un appel ne peut pas être daté dans le futur', () => {
    expect(
      reasonOf(recordAppeal(stages.headDecided, SECRETARY, AT.appeal, { lodgedAt: parisTime('2027-06-17 10:00') })),
    ).toBe("La date de l'appel ne peut pas être dans le futur.");
  });

  it('la décision de la commission puis le maintien remplacent la décision du chef', () => {
    expect(currentDecision(stages.commissionDecided)).toEqual({ by: 'commission', tracks: ['2PRO'], at: AT.commission });
    expect(currentDecision(stages.maintained)).toEqual({ by: 'maintien', at: AT.maintien });
  });
});

it('enregistrer les propositions ne change rien d’autre dans le dossier', () => {
  const before = stages.choicesClosed;
  const after = must(recordProposals(before, SECRETARY, AT.afterChoices, PROPOSALS));
  expect(after.final.proposals).toEqual(PROPOSALS);
  expect({ ...after, final: { ...after.final, proposals: null } }).toEqual(before);
});
