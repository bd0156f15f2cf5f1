import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new numbered migration.

/**
 * What the school's staff (and the académie) did that is not about one pupil: the campaign's
 * calendar and settings, windows opened or closed now, imports, accounts issued, staff accounts.
 * Append-only, like the pupils' history.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('school_journal')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('school_id', 'integer', (c) => c.notNull().references('school.id'))
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull().check(sql`actor_kind in ('staff', 'service', 'academy_admin')`))
    .addColumn('actor_account_id', 'integer', (c) => c.references('user_account.id'))
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull().check(sql`action ~ '^[a-zA-Z]+$'`))
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('school_journal_school_idx').on('school_journal').columns(['school_id', 'occurred_at']).execute();
  await sql`
    create trigger school_journal_append_only before update or delete on school_journal
    for each row execute function history_is_append_only()`.execute(db);
  await sql`
    create trigger school_journal_no_truncate before truncate on school_journal
    for each statement execute function history_is_append_only()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists school_journal_no_truncate on school_journal`.execute(db);
  await sql`drop trigger if exists school_journal_append_only on school_journal`.execute(db);
  await db.schema.dropTable('school_journal').execute();
}
