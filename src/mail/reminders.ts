import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { loadPupilFile } from '../pupil-file/load.js';
import { reminderMessage, type ReminderWindow } from './messages.js';
import { addressees, insertMails } from './outbox.js';

/** Reminders go this long before a window closes. */
export const REMINDER_LEAD_MS = 48 * 60 * 60 * 1000;
/** pg_try_advisory_xact_lock key of the reminder job ("ORIEREM"). */
const REMINDER_LOCK_KEY = 0x4f52_4945_5245_4dn;

/** For each window: which pupils have « nothing validated » (or no answer). */
const NOTHING_DONE: Record<ReminderWindow, ReturnType<typeof sql>> = {
  intentions: sql`coalesce(f.provisional_status, 'empty') = 'empty'`,
  choices: sql`coalesce(f.final_status, 'empty') = 'empty'`,
  response: sql`f.final_status = 'published' and not exists (select 1 from family_response fr where fr.file_id = f.id)`,
};

const COLUMNS: Record<ReminderWindow, { opens: string; closes: string }> = {
  intentions: { opens: 'intentions_opens_at', closes: 'intentions_closes_at' },
  choices: { opens: 'choices_opens_at', closes: 'choices_closes_at' },
  response: { opens: 'response_opens_at', closes: 'response_closes_at' },
};

/**
 * The clock job: 48 h before an open window closes, a reminder to both representatives (with an
 * address) of every pupil with nothing validated (or no answer). Idempotent and safe with several
 * containers: one run at a time (advisory lock, skipped when another holds it), and at most one
 * reminder per window, family and recipient ever (unique dedupe key). Returns the mails written.
 */
export async function runReminderJob(db: Kysely<Database>, input: { now: Date; origin: string; leadMs?: number }): Promise<number> {
  const lead = input.leadMs ?? REMINDER_LEAD_MS;
  const horizon = new Date(input.now.getTime() + lead);
  return db.transaction().execute(async (trx) => {
    const lock = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${sql.lit(REMINDER_LOCK_KEY.toString())}::bigint) as locked`.execute(trx);
    if (!lock.rows[0]?.locked) return 0;
    let written = 0;
    for (const window of Object.keys(COLUMNS) as ReminderWindow[]) {
      const { opens, closes } = COLUMNS[window];
      const candidates = await sql<{ pupil_id: number; campaign_id: number; closes_at: Date | string }>`
        select p.id as pupil_id, c.id as campaign_id, c.${sql.ref(closes)} as closes_at
        from campaign c
        join division d on d.school_id = c.school_id and d.level = c.level and d.school_year = c.school_year
        join pupil p on p.division_id = d.id
        left join pupil_file f on f.pupil_id = p.id and f.campaign_id = c.id
        where c.${sql.ref(closes)} > ${input.now} and c.${sql.ref(closes)} <= ${horizon}
          and (c.${sql.ref(opens)} is null or c.${sql.ref(opens)} <= ${input.now})
          and ${NOTHING_DONE[window]}
          and exists (select 1 from pupil_representative pr join representative r on r.id = pr.representative_id
                      where pr.pupil_id = p.id and coalesce(r.email, '') <> '')
          and not exists (select 1 from mail_outbox m where m.kind = 'reminder' and m.pupil_id = p.id
                          and m.dedupe_key like 'reminder:' || c.id || ':' || ${window} || ':' || p.id || ':%')
        order by p.id`.execute(trx);
      for (const candidate of candidates.rows) {
        const stored = await loadPupilFile(trx, Number(candidate.pupil_id));
        if (!stored) continue;
        const closesAt = new Date(candidate.closes_at);
        written += await insertMails(
          trx,
          addressees(stored).map((to) => ({
            kind: 'reminder',
            recipient: to.email,
            representativeId: to.id,
            pupilId: stored.pupil.id,
            phase: window === 'intentions' ? 'provisional' : 'final',
            content: reminderMessage(stored, window, closesAt, to, input.origin),
            notBefore: input.now,
            dedupeKey: `reminder:${candidate.campaign_id}:${window}:${stored.pupil.id}:${to.id}`,
          })),
          input.now,
        );
      }
    }
    return written;
  });
}
