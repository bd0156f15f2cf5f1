import { sql, type Kysely } from 'kysely';

// Indexes found missing by the load test (bench/load, a generated académie of 100 000 pupils):
// - the school's follow-up page looks, for each representative of a school, for their last failed
//   e-mail (src/mail/queries.ts): without this index every lookup read all of the representative's
//   mails, sent ones included, and sorted them;
// - history rows name the account that acted; deleting an account (a staff member leaving) checks
//   that foreign key, which read the whole history table without an index.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index mail_outbox_failed_representative_idx on mail_outbox (representative_id, updated_at desc) where status = 'failed'`.execute(db);
  await db.schema.createIndex('history_actor_account_idx').on('history').column('actor_account_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('history_actor_account_idx').execute();
  await sql`drop index mail_outbox_failed_representative_idx`.execute(db);
}
