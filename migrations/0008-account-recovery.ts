import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new numbered migration.

/**
 * Accounts as families get them without a letter: self-activation and recovery by a code sent by
 * SMS or a link sent by e-mail (account_challenge), SMS in the same outbox as e-mails (a channel),
 * and sign-in through an OpenID Connect provider (federated_identity, federation_login; the
 * session remembers the provider so that logout can end the provider's session too).
 */
export async function up(db: Kysely<any>): Promise<void> {
  // SMS travel through the mail outbox: same claim, retries and failure visibility.
  await db.schema
    .alterTable('mail_outbox')
    .addColumn('channel', 'text', (c) => c.notNull().defaultTo('email').check(sql`channel in ('email', 'sms')`))
    .execute();
  await sql`alter table mail_outbox drop constraint mail_outbox_kind_check`.execute(db);
  await sql`alter table mail_outbox add constraint mail_outbox_kind_check check (kind in (
    'recap', 'opinions_published', 'proposals_published', 'answer_given', 'decision', 'dialogue', 'reminder',
    'address_confirmation', 'verification_code', 'recovery_link'))`.execute(db);

  // Mobile numbers are imported as the school typed them: they are found by their last nine digits.
  await sql`create index representative_mobile_tail_idx on representative (right(regexp_replace(phone, '[^0-9]', '', 'g'), 9)) where phone is not null`.execute(
    db,
  );

  // One attempt to prove who one is: a code sent by SMS (checked in the browser that asked for it,
  // bound by a flow cookie) or a link sent by e-mail (the link's token). Only SHA-256 hashes are kept.
  // representative_id and account_id are null when nobody matched: the person asking is told
  // nothing different, and no message leaves.
  await db.schema
    .createTable('account_challenge')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('activation', 'recovery', 'federation_link')`))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('sms', 'email')`))
    // The normalised number or address asked for, matched or not: what the rate limits count.
    .addColumn('destination', 'text', (c) => c.notNull())
    .addColumn('client_address', 'text')
    .addColumn('representative_id', 'integer', (c) => c.references('representative.id').onDelete('cascade'))
    .addColumn('account_id', 'integer', (c) => c.references('user_account.id').onDelete('cascade'))
    .addColumn('flow_hash', 'bytea', (c) => c.notNull().unique())
    .addColumn('code_hash', 'bytea')
    .addColumn('link_hash', 'bytea', (c) => c.unique())
    .addColumn('code_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('birth_date_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('verified_at', 'timestamptz')
    .addColumn('identity_checked_at', 'timestamptz')
    .addColumn('used_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('account_challenge_destination_idx').on('account_challenge').columns(['destination', 'created_at']).execute();
  await db.schema.createIndex('account_challenge_client_idx').on('account_challenge').columns(['client_address', 'created_at']).execute();
  await db.schema.createIndex('account_challenge_representative_idx').on('account_challenge').column('representative_id').execute();
  await db.schema.createIndex('account_challenge_account_idx').on('account_challenge').column('account_id').execute();

  // An identity at an OpenID Connect provider, linked once to one account of the service.
  await db.schema
    .createTable('federated_identity')
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('account_id', 'integer', (c) => c.notNull().references('user_account.id').onDelete('cascade'))
    .addColumn('linked_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_login_at', 'timestamptz')
    .addPrimaryKeyConstraint('federated_identity_pkey', ['provider', 'subject'])
    .addUniqueConstraint('federated_identity_provider_account_key', ['provider', 'account_id'])
    .execute();

  // An authorization request on its way to a provider: state, nonce and PKCE verifier, found
  // again on return by the hash of the browser's cookie (containers keep nothing in memory).
  // When the provider's identity is not linked yet, the row keeps its subject and ID token
  // while the person proves who they are (subject not null = a link waiting).
  await db.schema
    .createTable('federation_login')
    .addColumn('id_hash', 'bytea', (c) => c.primaryKey())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('id_token', 'text')
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('session').addColumn('federation_provider', 'text').execute();
  await db.schema.alterTable('session').addColumn('id_token', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('session').dropColumn('id_token').execute();
  await db.schema.alterTable('session').dropColumn('federation_provider').execute();
  await db.schema.dropTable('federation_login').execute();
  await db.schema.dropTable('federated_identity').execute();
  await db.schema.dropTable('account_challenge').execute();
  await sql`drop index representative_mobile_tail_idx`.execute(db);
  await sql`delete from mail_outbox where channel = 'sms' or kind in ('verification_code', 'recovery_link')`.execute(db);
  await sql`alter table mail_outbox drop constraint mail_outbox_kind_check`.execute(db);
  await sql`alter table mail_outbox add constraint mail_outbox_kind_check check (kind in (
    'recap', 'opinions_published', 'proposals_published', 'answer_given', 'decision', 'dialogue', 'reminder', 'address_confirmation'))`.execute(db);
  await db.schema.alterTable('mail_outbox').dropColumn('channel').execute();
}
