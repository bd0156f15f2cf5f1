import { sameMember, type Actor, type FamilyMember } from './actor.js';
import type { CampaignSettings } from './calendar.js';
import type { FinalPhase, ProvisionalPhase } from './file.js';

/** What a family member does on a pupil's file. */
export const FAMILY_ACTIONS = [
  'editIntentions',
  'acknowledgeOpinions',
  'editChoices',
  'answerProposals',
  'answerAccord',
] as const;

/** What the school (or its closing job) does on a pupil's file. */
export const SCHOOL_FILE_ACTIONS = [
  'closePhase', // close a window's entries: the closing job or the head
  'enterCouncilResults', // enter and publish avis provisoires and propositions
  'recordDialogue', // entretien, appel, décision de la commission d'appel, maintien
  'decideAsHead', // the head's décision d'orientation after the dialogue
] as const;

export type FamilyAction = (typeof FAMILY_ACTIONS)[number];
export type SchoolFileAction = (typeof SCHOOL_FILE_ACTIONS)[number];
export type FileAction = 'view' | FamilyAction | SchoolFileAction;

/** The part of a pupil's file that rights depend on (a whole `PupilFile` fits). */
export interface FileAccess {
  readonly pupilId: number;
  readonly schoolId: number;
  readonly pupilIsAdult: boolean;
  readonly representatives: readonly { readonly id: number }[];
  readonly campaign: { readonly settings: Pick<CampaignSettings, 'pupilAccess'> };
  readonly provisional: Pick<ProvisionalPhase, 'status' | 'author'>;
  readonly final: Pick<FinalPhase, 'status' | 'author' | 'respondedBy'>;
}

export type AccessRequest =
  | { readonly action: FileAction; readonly file: FileAccess }
  /** Calendar, settings, opening or closing a window now: the head only. */
  | { readonly action: 'manageCampaign'; readonly schoolId: number }
  /** Divisions, pupils, representatives, import, accounts, dashboards, reminders, exports: the school's staff. */
  | { readonly action: 'manageSchool'; readonly schoolId: number }
  /** Schools and their first staff accounts. */
  | { readonly action: 'administerAcademy' };

export type Permission = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

export const RIGHTS_MESSAGES = {
  notRepresentative: "Vous n'êtes pas représentant légal de cet élève.",
  notOwnFile: "Ce dossier n'est pas le vôtre.",
  pupilAccessOff: "Votre établissement n'a pas ouvert le service en ligne Orientation aux élèves.",
  pupilReadOnly: 'Le compte élève permet uniquement de consulter les saisies effectuées par le représentant légal.',
  adultPupil: "L'élève est majeur : il effectue lui-même ses démarches d'orientation. Vous pouvez consulter son dossier.",
  intentionsAuthorOnly:
    "Seul le représentant ayant saisi les intentions peut apporter des modifications. Les intentions saisies sont en consultation pour l'autre représentant légal et l'élève.",
  choicesAuthorOnly:
    "Seul le représentant ayant saisi les choix définitifs peut apporter des modifications. Les choix saisis sont en consultation pour l'autre représentant légal et l'élève.",
  accordOtherRepresentativeOnly: "Seul l'autre représentant légal donne son accord ou son désaccord avec la réponse saisie.",
  otherSchoolPupil: "Cet élève n'est pas inscrit dans votre établissement.",
  otherSchool: 'Vous ne pouvez gérer que votre établissement.',
  headOnlyCampaign: "Seul le chef d'établissement peut modifier le calendrier et les paramètres de la campagne.",
  headOnlyClose: "Seul le chef d'établissement peut clore une phase.",
  headOnlyDecision: "Seul le chef d'établissement peut prendre la décision d'orientation.",
  schoolOnly: "Cette saisie est réservée à l'établissement.",
  familyOnly: 'Cette démarche est réservée aux représentants légaux.',
  paperEntryNeedsMember: "Pour saisir un formulaire papier, indiquez le représentant légal qui l'a signé.",
  paperEntryStranger: "La personne indiquée n'est pas représentant légal de cet élève.",
  academyNoFiles: "L'administration académique n'a pas accès aux dossiers des élèves.",
  academyAdminOnly: "Seule l'administration académique peut créer des établissements et leurs premiers comptes.",
  staffOnly: "Cette page est réservée aux personnels de l'établissement.",
} as const;

const ALLOWED: Permission = { allowed: true };
const deny = (reason: string): Permission => ({ allowed: false, reason });

const isFamilyAction = (action: FileAction): action is FamilyAction =>
  (FAMILY_ACTIONS as readonly string[]).includes(action);

/** Who may see and do what. The one place rights are decided; transitions of a file call it too. */
export function authorize(actor: Actor, request: AccessRequest): Permission {
  switch (request.action) {
    case 'administerAcademy':
      return actor.kind === 'academy_admin' ? ALLOWED : deny(RIGHTS_MESSAGES.academyAdminOnly);
    case 'manageCampaign':
    case 'manageSchool': {
      if (actor.kind !== 'staff') return deny(RIGHTS_MESSAGES.staffOnly);
      if (actor.schoolId !== request.schoolId) return deny(RIGHTS_MESSAGES.otherSchool);
      if (request.action === 'manageCampaign' && actor.role !== 'head') return deny(RIGHTS_MESSAGES.headOnlyCampaign);
      return ALLOWED;
    }
    default:
      return authorizeOnFile(actor, request.action, request.file);
  }
}

function authorizeOnFile(actor: Actor, action: FileAction, file: FileAccess): Permission {
  switch (actor.kind) {
    case 'academy_admin':
      return deny(RIGHTS_MESSAGES.academyNoFiles);
    case 'service':
      if (action === 'view' || action === 'closePhase') return ALLOWED;
      return deny(isFamilyAction(action) ? RIGHTS_MESSAGES.familyOnly : RIGHTS_MESSAGES.schoolOnly);
    case 'staff': {
      if (actor.schoolId !== file.schoolId) return deny(RIGHTS_MESSAGES.otherSchoolPupil);
      if (isFamilyAction(action)) {
        if (!actor.onBehalfOf) return deny(RIGHTS_MESSAGES.paperEntryNeedsMember);
        if (!belongsToFile(actor.onBehalfOf, file)) return deny(RIGHTS_MESSAGES.paperEntryStranger);
        return memberRights(actor.onBehalfOf, action, file, true);
      }
      if (action === 'closePhase' && actor.role !== 'head') return deny(RIGHTS_MESSAGES.headOnlyClose);
      if (action === 'decideAsHead' && actor.role !== 'head') return deny(RIGHTS_MESSAGES.headOnlyDecision);
      return ALLOWED;
    }
    case 'representative': {
      const member: FamilyMember = { kind: 'representative', id: actor.representativeId };
      if (!belongsToFile(member, file)) return deny(RIGHTS_MESSAGES.notRepresentative);
      return memberRights(member, action, file, false);
    }
    case 'pupil': {
      const member: FamilyMember = { kind: 'pupil', id: actor.pupilId };
      if (!belongsToFile(member, file)) return deny(RIGHTS_MESSAGES.notOwnFile);
      return memberRights(member, action, file, false);
    }
  }
}

function belongsToFile(member: FamilyMember, file: FileAccess): boolean {
  return member.kind === 'pupil'
    ? member.id === file.pupilId
    : file.representatives.some((representative) => representative.id === member.id);
}

/** What a member of the pupil's family may do. `onPaper`: the school enters it on their behalf. */
function memberRights(member: FamilyMember, action: FileAction, file: FileAccess, onPaper: boolean): Permission {
  const actsForThePupil = member.kind === 'pupil' ? file.pupilIsAdult : !file.pupilIsAdult;
  if (member.kind === 'pupil' && !file.pupilIsAdult && !onPaper && !file.campaign.settings.pupilAccess) {
    return deny(RIGHTS_MESSAGES.pupilAccessOff);
  }
  if (action === 'view') return ALLOWED;
  if (!isFamilyAction(action)) return deny(RIGHTS_MESSAGES.schoolOnly);
  if (!actsForThePupil) return deny(member.kind === 'pupil' ? RIGHTS_MESSAGES.pupilReadOnly : RIGHTS_MESSAGES.adultPupil);

  switch (action) {
    case 'editIntentions':
      return lockedByAuthor(file.provisional, member) ? deny(RIGHTS_MESSAGES.intentionsAuthorOnly) : ALLOWED;
    case 'editChoices':
      return lockedByAuthor(file.final, member) ? deny(RIGHTS_MESSAGES.choicesAuthorOnly) : ALLOWED;
    case 'answerAccord': {
      const respondent = file.final.respondedBy;
      if (member.kind === 'pupil' || (respondent !== null && sameMember(respondent, member))) {
        return deny(RIGHTS_MESSAGES.accordOtherRepresentativeOnly);
      }
      return ALLOWED;
    }
    case 'acknowledgeOpinions':
    case 'answerProposals':
      return ALLOWED;
  }
}

/** The author lock: once validated, a phase is modified only by its author until it closes. */
function lockedByAuthor(phase: Pick<ProvisionalPhase | FinalPhase, 'status' | 'author'>, member: FamilyMember): boolean {
  return phase.status === 'validated' && phase.author !== null && !sameMember(phase.author, member);
}
