import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { formatDateTime } from '../domain/dates.js';

export type HistoryActor = {
  kind: 'representative' | 'pupil' | 'staff' | 'service' | 'academy_admin';
  accountId: number | null;
  name: string;
  /** As a family reads it: « représentant légal », « chef d'établissement »… */
  role: string;
  /** A paper form entered by the school: whose form it is. */
  onBehalfOf?: string | null;
};

export type HistoryEntry = {
  pupilId: number;
  fileId: number | null;
  at: Date;
  actor: HistoryActor;
  action: string;
  before?: unknown;
  after?: unknown;
};

/** Appends one entry, in the caller's transaction (the table refuses UPDATE and DELETE). */
export async function recordHistory(db: Kysely<Database>, entry: HistoryEntry): Promise<void> {
  await db
    .insertInto('history')
    .values({
      pupil_id: entry.pupilId,
      file_id: entry.fileId,
      occurred_at: entry.at,
      actor_kind: entry.actor.kind,
      actor_account_id: entry.actor.accountId,
      actor_name: entry.actor.name,
      actor_role: entry.actor.role,
      on_behalf_of: entry.actor.onBehalfOf ?? null,
      action: entry.action,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
}

const ACTION_SENTENCES: Record<string, string> = {
  validateIntentions: 'a validé les intentions d’orientation',
  modifyIntentions: 'a modifié les intentions d’orientation',
  closeIntentions: 'a clos la saisie des intentions',
  recordOpinions: 'a saisi l’avis provisoire du conseil de classe',
  publishOpinions: 'a publié l’avis provisoire du conseil de classe',
  acknowledgeOpinions: 'a accusé réception de l’avis provisoire du conseil de classe',
  validateChoices: 'a validé les choix définitifs',
  modifyChoices: 'a modifié les choix définitifs',
  closeChoices: 'a clos la saisie des choix définitifs',
  recordProposals: 'a saisi les propositions du conseil de classe',
  publishProposals: 'a publié les propositions du conseil de classe',
  answerProposals: 'a répondu aux propositions du conseil de classe',
  giveAccord: 'a donné son accord à la réponse',
  giveDisagreement: 'a exprimé son désaccord avec la réponse',
  closeResponseWindow: 'a clos la période de réponse aux propositions',
  recordInterview: 'a enregistré l’entretien avec la famille',
  recordHeadDecision: 'a enregistré la décision du chef d’établissement',
  recordAppeal: 'a enregistré l’appel de la famille',
  recordCommissionDecision: 'a enregistré la décision de la commission d’appel',
  recordMaintien: 'a enregistré le maintien dans la classe d’origine',
  sendReminder: 'a envoyé une relance par courriel aux représentants légaux',
  flagAdult: 'a indiqué que l’élève est majeur',
  unflagAdult: 'a indiqué que l’élève n’est pas majeur',
  issueProvisionalPassword: 'a remis un nouveau mot de passe provisoire à un représentant légal',
  activateAccountBySms: 'a activé son compte par SMS',
  linkFederatedAccount: 'a relié son compte à un fournisseur d’identité',
};

export type TimelineItem = { at: Date; sentence: string; dateText: string };

/** A pupil's history, newest first, as French sentences. */
export async function pupilTimeline(db: Kysely<Database>, pupilId: number, timeZone: string): Promise<TimelineItem[]> {
  const rows = await db
    .selectFrom('history')
    .select(['occurred_at', 'actor_name', 'actor_role', 'on_behalf_of', 'action'])
    .where('pupil_id', '=', pupilId)
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((row) => {
    const what = ACTION_SENTENCES[row.action] ?? `a effectué l’action « ${row.action} »`;
    const paper = row.on_behalf_of ? ` (saisie papier par l’établissement pour ${row.on_behalf_of})` : '';
    return {
      at: row.occurred_at,
      dateText: formatDateTime(row.occurred_at, timeZone),
      sentence: `${row.actor_name} (${row.actor_role}) ${what}${paper}.`,
    };
  });
}
