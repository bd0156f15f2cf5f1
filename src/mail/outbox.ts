import { sql, type Kysely } from 'kysely';
import type { Database, MailKind, Phase } from '../db/schema.js';
import { loadPupilFile, type StoredFile } from '../pupil-file/load.js';
import type { MailContent } from '../../views/mail/mail-content.js';
import { renderMailHtml } from '../../views/mail/mail-html.js';
import { renderMailText } from '../../views/mail/mail-text.js';
import { answerGivenMessage, decisionMessage, publicationMessage, recapMessage, reminderMessage, type Addressee } from './messages.js';

/**
 * The outbox: every e-mail is a row written with the change that causes it, in the caller's
 * transaction (pass the `trx` of `db.transaction().execute(async (trx) => …)`, AFTER the change
 * is written: the message is rendered from the file as this transaction sees it). Nothing is
 * sent here; the worker (worker.ts) delivers committed rows. A rolled-back transaction leaves no row.
 */

/** A recap waits this long after the last change of an editing session (the author's logout sends it sooner). */
export const RECAP_DELAY_MS = 15 * 60 * 1000;

/** `Kysely<Database>` or a `Transaction<Database>` (which is one). */
type Executor = Kysely<Database>;

export type OutboxRow = {
  kind: MailKind;
  recipient: string;
  representativeId: number | null;
  pupilId: number | null;
  phase: Phase | null;
  content: MailContent;
  notBefore: Date;
  authorRepresentativeId?: number | null;
  coalesceKey?: string | null;
  dedupeKey?: string | null;
};

function values(row: OutboxRow, at: Date) {
  return {
    kind: row.kind,
    recipient: row.recipient,
    representative_id: row.representativeId,
    pupil_id: row.pupilId,
    phase: row.phase,
    author_representative_id: row.authorRepresentativeId ?? null,
    subject: row.content.subject,
    html_body: renderMailHtml(row.content),
    text_body: renderMailText(row.content),
    not_before: row.notBefore,
    next_attempt_at: row.notBefore,
    coalesce_key: row.coalesceKey ?? null,
    dedupe_key: row.dedupeKey ?? null,
    created_at: at,
    updated_at: at,
  };
}

/** Inserts mails; a row whose dedupe key already exists is skipped (returns how many were written). */
export async function insertMails(trx: Executor, rows: OutboxRow[], at: Date): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await trx
    .insertInto('mail_outbox')
    .values(rows.map((row) => values(row, at)))
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** Representatives of the pupil who have an e-mail address: the only ones who receive mail. */
export function addressees(stored: StoredFile): Array<Addressee & { email: string }> {
  return stored.representatives
    .filter((r): r is typeof r & { email: string } => typeof r.email === 'string' && r.email.trim() !== '')
    .map((r) => ({ id: r.id, firstName: r.firstName, lastName: r.lastName, email: r.email.trim() }));
}

async function load(trx: Executor, pupilId: number): Promise<StoredFile> {
  const stored = await loadPupilFile(trx, pupilId);
  if (!stored) throw new Error(`Aucun dossier d’orientation pour l’élève ${pupilId}.`);
  return stored;
}

/**
 * Intentions (provisional) or choix définitifs (final) validated or modified: one recap per
 * representative with an address, coalesced by pupil and phase. Each call re-renders the
 * pending recap with the list as it now stands and pushes it back to `at + 15 min`; the
 * author's logout (flushRecapsOnLogout) releases it at once. Five edits → one mail, final list.
 */
export async function enqueueRecap(
  trx: Executor,
  input: { pupilId: number; phase: Phase; at: Date; origin: string; stored?: StoredFile },
): Promise<number> {
  const stored = input.stored ?? (await load(trx, input.pupilId));
  const author = input.phase === 'provisional' ? stored.file.provisional.author : stored.file.final.author;
  const authorRepresentativeId = author?.kind === 'representative' ? author.id : null;
  const notBefore = new Date(input.at.getTime() + RECAP_DELAY_MS);
  const rows = addressees(stored).map((to) =>
    values(
      {
        kind: 'recap',
        recipient: to.email,
        representativeId: to.id,
        pupilId: stored.pupil.id,
        phase: input.phase,
        content: recapMessage(stored, input.phase, to, input.origin),
        notBefore,
        authorRepresentativeId,
        coalesceKey: `recap:${stored.pupil.id}:${input.phase}`,
      },
      input.at,
    ),
  );
  if (rows.length === 0) return 0;
  await trx
    .insertInto('mail_outbox')
    .values(rows)
    .onConflict((oc) =>
      oc
        .columns(['coalesce_key', 'recipient'])
        .where('status', '=', 'pending')
        .where('coalesce_key', 'is not', null)
        .doUpdateSet((eb) => ({
          subject: eb.ref('excluded.subject'),
          html_body: eb.ref('excluded.html_body'),
          text_body: eb.ref('excluded.text_body'),
          representative_id: eb.ref('excluded.representative_id'),
          author_representative_id: eb.ref('excluded.author_representative_id'),
          not_before: eb.ref('excluded.not_before'),
          next_attempt_at: eb.ref('excluded.next_attempt_at'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
    )
    .execute();
  return rows.length;
}

/** The author of an editing session logs out: their pending recaps go now rather than 15 minutes after the last change. */
export async function flushRecapsOnLogout(db: Executor, input: { representativeId: number; at: Date }): Promise<number> {
  const result = await db
    .updateTable('mail_outbox')
    .set({ not_before: input.at, next_attempt_at: input.at, updated_at: input.at })
    .where('kind', '=', 'recap')
    .where('status', '=', 'pending')
    .where('author_representative_id', '=', input.representativeId)
    .where('next_attempt_at', '>', input.at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Avis provisoire (provisional) or propositions (final) published for this pupil: to both representatives. */
export async function enqueuePublication(
  trx: Executor,
  input: { pupilId: number; phase: Phase; at: Date; origin: string; stored?: StoredFile },
): Promise<number> {
  const stored = input.stored ?? (await load(trx, input.pupilId));
  const kind: MailKind = input.phase === 'provisional' ? 'opinions_published' : 'proposals_published';
  return insertMails(
    trx,
    addressees(stored).map((to) => ({
      kind,
      recipient: to.email,
      representativeId: to.id,
      pupilId: stored.pupil.id,
      phase: input.phase,
      content: publicationMessage(stored, input.phase, to, input.origin),
      notBefore: input.at,
    })),
    input.at,
  );
}

/** A division's avis or propositions published: one publication mail per pupil of the division who has a file in the campaign. */
export async function enqueueDivisionPublication(
  trx: Executor,
  input: { campaignId: number; divisionId: number; phase: Phase; at: Date; origin: string },
): Promise<number> {
  const pupils = await trx
    .selectFrom('pupil_file as f')
    .innerJoin('pupil as p', 'p.id', 'f.pupil_id')
    .select('p.id')
    .where('f.campaign_id', '=', input.campaignId)
    .where('p.division_id', '=', input.divisionId)
    .execute();
  let written = 0;
  for (const pupil of pupils) written += await enqueuePublication(trx, { pupilId: pupil.id, phase: input.phase, at: input.at, origin: input.origin });
  return written;
}

/** The family answered the propositions: to both; the other representative is asked for their accord. */
export async function enqueueAnswerGiven(
  trx: Executor,
  input: { pupilId: number; at: Date; origin: string; stored?: StoredFile },
): Promise<number> {
  const stored = input.stored ?? (await load(trx, input.pupilId));
  return insertMails(
    trx,
    addressees(stored).map((to) => ({
      kind: 'answer_given',
      recipient: to.email,
      representativeId: to.id,
      pupilId: stored.pupil.id,
      phase: 'final',
      content: answerGivenMessage(stored, to, input.origin),
      notBefore: input.at,
    })),
    input.at,
  );
}

/** The décision d'orientation was reached, or the file went « en dialogue » (told apart by the file's state): to both. */
export async function enqueueDecision(
  trx: Executor,
  input: { pupilId: number; at: Date; origin: string; stored?: StoredFile },
): Promise<number> {
  const stored = input.stored ?? (await load(trx, input.pupilId));
  const kind: MailKind = stored.file.outcome.decision ? 'decision' : 'dialogue';
  return insertMails(
    trx,
    addressees(stored).map((to) => ({
      kind,
      recipient: to.email,
      representativeId: to.id,
      pupilId: stored.pupil.id,
      phase: 'final',
      content: decisionMessage(stored, to, input.origin),
      notBefore: input.at,
    })),
    input.at,
  );
}

/** Pending (not yet sent) mails, for a status line. */
export async function countPendingMails(db: Executor): Promise<number> {
  const row = await sql<{ n: number }>`select count(*) as n from mail_outbox where status in ('pending', 'sending')`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}

/**
 * A reminder the school sends by hand (« Relancer ») about the window open now: to each
 * representative with an address, at most once a day per pupil and window (the dedupe key).
 */
export async function enqueueManualReminder(
  trx: Executor,
  input: { stored: StoredFile; window: 'intentions' | 'choices' | 'response'; closesAt: Date; at: Date; origin: string; day: string },
): Promise<number> {
  const { stored } = input;
  return insertMails(
    trx,
    addressees(stored).map((to) => ({
      kind: 'reminder' as MailKind,
      recipient: to.email,
      representativeId: to.id,
      pupilId: stored.pupil.id,
      phase: input.window === 'intentions' ? 'provisional' : 'final',
      content: reminderMessage(stored, input.window, input.closesAt, to, input.origin),
      notBefore: input.at,
      dedupeKey: `relance:${stored.pupil.id}:${input.window}:${input.day}:${to.id}`,
    })),
    input.at,
  );
}

/** A text message, written in the caller's transaction like a mail; the worker hands it to the SMS transport. */
export type SmsRow = {
  kind: 'verification_code';
  /** International form, from normaliseMobileNumber (src/domain/phone.ts). */
  recipient: string;
  representativeId: number | null;
  /** What the dev page and the outbox list show instead of a subject. */
  label: string;
  text: string;
};

export async function insertSms(trx: Executor, row: SmsRow, at: Date): Promise<void> {
  await trx
    .insertInto('mail_outbox')
    .values({
      channel: 'sms',
      kind: row.kind,
      recipient: row.recipient,
      representative_id: row.representativeId,
      pupil_id: null,
      phase: null,
      subject: row.label,
      html_body: '',
      text_body: row.text,
      not_before: at,
      next_attempt_at: at,
      created_at: at,
      updated_at: at,
    })
    .execute();
}
