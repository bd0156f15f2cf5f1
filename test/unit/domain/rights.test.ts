import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor.js';
import type { PupilFile } from '../../../src/domain/file.js';
import { authorize, type FileAction } from '../../../src/domain/rights.js';
import {
  ACADEMY_ADMIN,
  ADULT_PUPIL,
  HEAD,
  OTHER_HEAD,
  PUPIL,
  RL1,
  RL2,
  SECRETARY,
  SERVICE,
  STRANGER_RL,
  fileAtEachStage,
  newFile,
} from './file-fixtures.js';

const stages = fileAtEachStage();
const M = {
  pupilReadOnly: 'Le compte élève permet uniquement de consulter les saisies effectuées par le représentant légal.',
  pupilAccessOff: "Votre établissement n'a pas ouvert le service en ligne Orientation aux élèves.",
  adultPupil: "L'élève est majeur : il effectue lui-même ses démarches d'orientation. Vous pouvez consulter son dossier.",
  schoolOnly: "Cette saisie est réservée à l'établissement.",
  familyOnly: 'Cette démarche est réservée aux représentants légaux.',
  otherSchool: "Cet élève n'est pas inscrit dans votre établissement.",
  academy: "L'administration académique n'a pas accès aux dossiers des élèves.",
  headOnlyDecision: "Seul le chef d'établissement peut prendre la décision d'orientation.",
  headOnlyClose: "Seul le chef d'établissement peut clore une phase.",
  intentionsLock:
    "Seul le représentant ayant saisi les intentions peut apporter des modifications. Les intentions saisies sont en consultation pour l'autre représentant légal et l'élève.",
  choicesLock:
    "Seul le représentant ayant saisi les choix définitifs peut apporter des modifications. Les choix saisis sont en consultation pour l'autre représentant légal et l'élève.",
  accordOther: "Seul l'autre représentant légal donne son accord ou son désaccord avec la réponse saisie.",
};

const ACTIONS: FileAction[] = [
  'view',
  'editIntentions',
  'acknowledgeOpinions',
  'editChoices',
  'answerProposals',
  'answerAccord',
  'closePhase',
  'enterCouncilResults',
  'recordDialogue',
  'decideAsHead',
];

/** What each actor gets for every action on a file: `true` or the refusal reason. */
function rightsOf(actor: Actor, file: PupilFile): Record<FileAction, true | string> {
  return Object.fromEntries(
    ACTIONS.map((action) => {
      const permission = authorize(actor, { action, file });
      return [action, permission.allowed ? true : permission.reason];
    }),
  ) as Record<FileAction, true | string>;
}

describe('droits sur le dossier d’un élève mineur (choix définitifs saisis par RL2, réponse de RL1)', () => {
  const file = stages.awaitingAccord;

  it.each<[string, Actor, Record<FileAction, true | string>]>([
    [
      'le représentant qui a répondu',
      RL1,
      {
        view: true,
        editIntentions: true,
        acknowledgeOpinions: true,
        editChoices: true,
        answerProposals: true,
        answerAccord: M.accordOther,
        closePhase: M.schoolOnly,
        enterCouncilResults: M.schoolOnly,
        recordDialogue: M.schoolOnly,
        decideAsHead: M.schoolOnly,
      },
    ],
    [
      'l’autre représentant',
      RL2,
      {
        view: true,
        editIntentions: true,
        acknowledgeOpinions: true,
        editChoices: true,
        answerProposals: true,
        answerAccord: true,
        closePhase: M.schoolOnly,
        enterCouncilResults: M.schoolOnly,
        recordDialogue: M.schoolOnly,
        decideAsHead: M.schoolOnly,
      },
    ],
    [
      'l’élève',
      PUPIL,
      {
        view: true,
        editIntentions: M.pupilReadOnly,
        acknowledgeOpinions: M.pupilReadOnly,
        editChoices: M.pupilReadOnly,
        answerProposals: M.pupilReadOnly,
        answerAccord: M.pupilReadOnly,
        closePhase: M.schoolOnly,
        enterCouncilResults: M.schoolOnly,
        recordDialogue: M.schoolOnly,
        decideAsHead: M.schoolOnly,
      },
    ],
    [
      'le chef d’établissement',
      HEAD,
      {
        view: true,
        editIntentions: "Pour saisir un formulaire papier, indiquez le représentant légal qui l'a signé.",
        acknowledgeOpinions: "Pour saisir un formulaire papier, indiquez le représentant légal qui l'a signé.",
        editChoices: "Pour saisir un formulaire papier, indiquez le représentant légal qui l'a signé.",
        answerProposals: "Pour saisir un formulaire papier, indiquez le représentant légal qui l'a signé.",
        answerAccord: "Pour saisir un formulaire papier, indiquez le représentant légal qui l'a signé.",
        closePhase: true,
        enterCouncilResults: true,
        recordDialogue: true,
        decideAsHead: true,
      },
    ],
    [
      'le secrétariat',
      SECRETARY,
      {
        view: true,
        editIntentions: "Pour saisir un formulaire papier, indiquez le représentant légal qui l'a signé.",
        acknowledgeOpinions: "Pour saisir un formulaire papier, indiquez le représentant légal qui l'a signé.",
        editChoices: "Pour saisir un formulaire papier, indiquez le représentant légal qui l'a signé.",
        answerProposals: "Pour saisir un formulaire papier, indiquez le représentant légal qui l'a signé.",
        answerAccord: "Pour saisir un formulaire papier, indiquez le représentant légal qui l'a signé.",
        closePhase: M.headOnlyClose,
        enterCouncilResults: true,
        recordDialogue: true,
        decideAsHead: M.headOnlyDecision,
      },
    ],
    [
      'le travail de clôture',
      SERVICE,
      {
        view: true,
        editIntentions: M.familyOnly,
        acknowledgeOpinions: M.familyOnly,
        editChoices: M.familyOnly,
        answerProposals: M.familyOnly,
        answerAccord: M.familyOnly,
        closePhase: true,
        enterCouncilResults: M.schoolOnly,
        recordDialogue: M.schoolOnly,
        decideAsHead: M.schoolOnly,
      },
    ],
  ])('%s', (_who, actor, expected) => {
    expect(rightsOf(actor, file)).toEqual(expected);
  });

  it.each<[string, Actor, string]>([
    ['un représentant d’un autre élève', STRANGER_RL, "Vous n'êtes pas représentant légal de cet élève."],
    ['un autre élève', { kind: 'pupil', pupilId: 101, adult: false }, "Ce dossier n'est pas le vôtre."],
    ['le chef d’un autre établissement', OTHER_HEAD, M.otherSchool],
    ['l’administrateur académique', ACADEMY_ADMIN, M.academy],
  ])('%s ne voit ni ne fait rien', (_who, actor, reason) => {
    expect(new Set(Object.values(rightsOf(actor, file)))).toEqual(new Set([reason]));
  });
});

describe('verrou de l’auteur', () => {
  it('pendant la saisie, seul l’auteur des intentions peut les modifier', () => {
    expect(authorize(RL1, { action: 'editIntentions', file: stages.intentionsValidated })).toEqual({ allowed: true });
    expect(authorize(RL2, { action: 'editIntentions', file: stages.intentionsValidated })).toEqual({
      allowed: false,
      reason: M.intentionsLock,
    });
  });

  it('avant toute validation, chacun des deux représentants peut saisir', () => {
    expect(authorize(RL2, { action: 'editIntentions', file: stages.awaitingIntentions }).allowed).toBe(true);
    expect(authorize(RL1, { action: 'editChoices', file: stages.awaitingChoices }).allowed).toBe(true);
  });

  it('chaque phase a son propre auteur', () => {
    expect(authorize(RL1, { action: 'editChoices', file: stages.choicesValidated })).toEqual({
      allowed: false,
      reason: M.choicesLock,
    });
    expect(authorize(RL2, { action: 'editChoices', file: stages.choicesValidated }).allowed).toBe(true);
  });

  it('une saisie papier pour l’autre représentant respecte le verrou', () => {
    const paperForRl2: Actor = { ...SECRETARY, onBehalfOf: { kind: 'representative', id: 12 } };
    expect(authorize(paperForRl2, { action: 'editIntentions', file: stages.intentionsValidated })).toEqual({
      allowed: false,
      reason: M.intentionsLock,
    });
    const paperForStranger: Actor = { ...SECRETARY, onBehalfOf: { kind: 'representative', id: 99 } };
    expect(authorize(paperForStranger, { action: 'editIntentions', file: stages.awaitingIntentions })).toEqual({
      allowed: false,
      reason: "La personne indiquée n'est pas représentant légal de cet élève.",
    });
  });
});

describe('accès élève', () => {
  const accessOff = (file: PupilFile): PupilFile => ({
    ...file,
    campaign: { ...file.campaign, settings: { ...file.campaign.settings, pupilAccess: false } },
  });

  it('quand l’établissement ferme l’accès élève, l’élève ne voit plus rien', () => {
    expect(new Set(Object.values(rightsOf(PUPIL, accessOff(stages.decided))))).toEqual(new Set([M.pupilAccessOff]));
  });

  it('l’élève majeur garde l’accès et agit comme son propre représentant', () => {
    const adultFile = accessOff(newFile({ pupilIsAdult: true }));
    const rights = rightsOf(ADULT_PUPIL, adultFile);
    expect(rights).toMatchObject({
      view: true,
      editIntentions: true,
      acknowledgeOpinions: true,
      editChoices: true,
      answerProposals: true,
      answerAccord: M.accordOther,
    });
  });

  it('les représentants d’un élève majeur consultent son dossier sans pouvoir agir', () => {
    const rights = rightsOf(RL1, newFile({ pupilIsAdult: true }));
    expect(rights.view).toBe(true);
    expect(rights.editIntentions).toBe(M.adultPupil);
    expect(rights.answerProposals).toBe(M.adultPupil);
  });
});

describe('administration de l’établissement et de l’académie', () => {
  it.each<[string, Actor, true | string, true | string, true | string]>([
    ['le chef d’établissement', HEAD, true, true, "Seule l'administration académique peut créer des établissements et leurs premiers comptes."],
    [
      'le secrétariat',
      SECRETARY,
      "Seul le chef d'établissement peut modifier le calendrier et les paramètres de la campagne.",
      true,
      "Seule l'administration académique peut créer des établissements et leurs premiers comptes.",
    ],
    [
      'le chef d’un autre établissement',
      OTHER_HEAD,
      'Vous ne pouvez gérer que votre établissement.',
      'Vous ne pouvez gérer que votre établissement.',
      "Seule l'administration académique peut créer des établissements et leurs premiers comptes.",
    ],
    [
      'un représentant légal',
      RL1,
      "Cette page est réservée aux personnels de l'établissement.",
      "Cette page est réservée aux personnels de l'établissement.",
      "Seule l'administration académique peut créer des établissements et leurs premiers comptes.",
    ],
    [
      'l’administrateur académique',
      ACADEMY_ADMIN,
      "Cette page est réservée aux personnels de l'établissement.",
      "Cette page est réservée aux personnels de l'établissement.",
      true,
    ],
  ])('%s : calendrier, gestion de l’établissement 1, administration académique', (_who, actor, campaign, school, academy) => {
    const decide = (permission: ReturnType<typeof authorize>): true | string =>
      permission.allowed ? true : permission.reason;
    expect(decide(authorize(actor, { action: 'manageCampaign', schoolId: 1 }))).toBe(campaign);
    expect(decide(authorize(actor, { action: 'manageSchool', schoolId: 1 }))).toBe(school);
    expect(decide(authorize(actor, { action: 'administerAcademy' }))).toBe(academy);
  });
});
