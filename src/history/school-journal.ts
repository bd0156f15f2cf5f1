import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { formatDateTime } from '../domain/dates.js';
import type { HistoryActor } from './history.js';
import type { TimelineItem } from './history.js';

/** School-wide actions, as the journal names them. */
export const SCHOOL_ACTIONS = {
  createCampaign: 'a créé la campagne d’orientation de l’année',
  saveCampaign: 'a enregistré le calendrier et les réglages de la campagne',
  openWindow: 'a ouvert maintenant',
  closeWindow: 'a fermé maintenant',
  importPupils: 'a importé le fichier des élèves',
  issueAccounts: 'a généré des comptes et leurs lettres',
  createStaff: 'a créé un compte de personnel',
  createSchool: 'a créé l’établissement',
  updateSchool: 'a modifié la fiche de l’établissement',
} as const;

export type SchoolAction = keyof typeof SCHOOL_ACTIONS;

export type SchoolJournalEntry = {
  schoolId: number;
  at: Date;
  actor: HistoryActor & { kind: 'staff' | 'service' | 'academy_admin' };
  action: SchoolAction;
  /** Completes the sentence: « Saisie des intentions », « 4 élève(s) créé(s)… ». */
  detail?: string;
};

/** Appends one entry, in the caller's transaction (the table refuses UPDATE and DELETE). */
export async function recordSchoolEvent(db: Kysely<Database>, entry: SchoolJournalEntry): Promise<void> {
  await db
    .insertInto('school_journal')
    .values({
      school_id: entry.schoolId,
      occurred_at: entry.at,
      actor_kind: entry.actor.kind,
      actor_account_id: entry.actor.accountId,
      actor_name: entry.actor.name,
      actor_role: entry.actor.role,
      action: entry.action,
      detail: entry.detail ?? '',
    })
    .execute();
}

/** The school's journal, newest first, as French sentences. */
export async function schoolJournal(db: Kysely<Database>, schoolId: number, timeZone: string, limit = 200): Promise<TimelineItem[]> {
  const rows = await db
    .selectFrom('school_journal')
    .select(['occurred_at', 'actor_name', 'actor_role', 'action', 'detail'])
    .where('school_id', '=', schoolId)
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => {
    const what = SCHOOL_ACTIONS[row.action as SchoolAction] ?? `a effectué l’action « ${row.action} »`;
    const detail = row.detail ? ` : ${row.detail}` : '';
    return { at: row.occurred_at, dateText: formatDateTime(row.occurred_at, timeZone), sentence: `${row.actor_name} (${row.actor_role}) ${what}${detail}.` };
  });
}
