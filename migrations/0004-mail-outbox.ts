import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new numbered migration.
// The check constraints repeat src/mail/kinds.ts.

export async function up(db: Kysely<any>): Promise<void> {
  // Every e-mail, written in the transaction of the change that causes it; the worker delivers it.
  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`kind in ('recap', 'opinions_published', 'proposals_published', 'answer_given', 'decision', 'dialogue', 'reminder', 'address_confirmation')`,
        ),
    )
    .addColumn('recipient', 'text', (c) => c.notNull().check(sql`length(recipient) between 3 and 254`))
    .addColumn('representative_id', 'integer', (c) => c.references('representative.id').onDelete('set null'))
    .addColumn('pupil_id', 'integer', (c) => c.references('pupil.id').onDelete('cascade'))
    .addColumn('phase', 'text', (c) => c.check(sql`phase in ('provisional', 'final')`))
    .addColumn('author_representative_id', 'integer', (c) => c.references('representative.id').onDelete('set null'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    // pending → (sending: claimed by a worker until locked_until) → sent | failed; a retry goes back to pending.
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending', 'sending', 'sent', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('not_before', 'timestamptz', (c) => c.notNull())
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
    .addColumn('locked_until', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('smtp_response', 'text')
    .addColumn('sent_at', 'timestamptz')
    // Edits of one editing session rewrite one pending mail (recap:<pupil>:<phase>), per recipient.
    .addColumn('coalesce_key', 'text')
    // A mail that must go at most once ever (a reminder per window and family): a second insert does nothing.
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index mail_outbox_pending_coalesce_key on mail_outbox (coalesce_key, recipient) where status = 'pending' and coalesce_key is not null`.execute(db);
  await sql`create index mail_outbox_due_idx on mail_outbox (next_attempt_at) where status in ('pending', 'sending')`.execute(db);
  await db.schema.createIndex('mail_outbox_pupil_idx').on('mail_outbox').column('pupil_id').execute();
  await db.schema.createIndex('mail_outbox_representative_idx').on('mail_outbox').column('representative_id').execute();

  // A representative's address refused by the mail server (5xx): shown to the school until the address changes.
  await db.schema
    .createTable('mail_address_failure')
    .addColumn('representative_id', 'integer', (c) => c.primaryKey().references('representative.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('error', 'text', (c) => c.notNull())
    .addColumn('failed_at', 'timestamptz', (c) => c.notNull())
    .execute();

  // A new address waiting for its owner to confirm it by the link sent to it; only the token's SHA-256 is kept.
  await db.schema
    .createTable('email_change')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('representative_id', 'integer', (c) => c.notNull().references('representative.id').onDelete('cascade'))
    .addColumn('account_id', 'integer', (c) => c.notNull().references('user_account.id').onDelete('cascade'))
    .addColumn('new_email', 'text', (c) => c.notNull().check(sql`length(new_email) between 3 and 254`))
    .addColumn('token_hash', 'bytea', (c) => c.notNull().unique())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('email_change_representative_idx').on('email_change').column('representative_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('email_change').execute();
  await db.schema.dropTable('mail_address_failure').execute();
  await db.schema.dropTable('mail_outbox').execute();
}
